"""Default response templates (English and Simplified Chinese) with DSA redress text.

Bodies may contain the placeholders documented in ``services/catalog.py``; redress texts
never contain placeholders, so a filled-in response still contains them verbatim.
"""

from __future__ import annotations

REDRESS_FINAL_EN = (
    "Your options if you disagree: (1) you can ask us to review this decision again by "
    "replying to this message within six months; a different reviewer will handle it under our "
    "internal complaint-handling system (Article 20 of the EU Digital Services Act). (2) You can "
    "refer the dispute to a certified out-of-court dispute settlement body of your choice "
    "(Article 21 of the Digital Services Act); the list of certified bodies is published by the "
    "European Commission. (3) You can bring the matter before a competent court at any time. "
    "Using one of these options does not take away your right to the others."
)

REDRESS_INTERIM_EN = (
    "This is not yet a final decision on your appeal. Once we decide, you can ask for a further "
    "review by replying within six months (Article 20 of the EU Digital Services Act), refer the "
    "dispute to a certified out-of-court dispute settlement body (Article 21 of the Digital "
    "Services Act), or bring the matter before a competent court; your right to go to court "
    "applies at any time."
)

REDRESS_FINAL_ZH = (
    "如您不同意本决定，您可以：（1）在六个月内回复本消息，要求我们再次复核本决定；复核将由另一名审核员"
    "根据我们的内部投诉处理机制（欧盟《数字服务法》第20条）进行。（2）将争议提交给您选择的经认证的"
    "庭外争议解决机构（《数字服务法》第21条），经认证机构名单由欧盟委员会公布。（3）随时向有管辖权的"
    "法院提起诉讼。选择其中一种途径不影响您使用其他途径的权利。"
)

REDRESS_INTERIM_ZH = (
    "这尚不是对您申诉的最终决定。作出决定后，您可以在六个月内回复要求进一步复核（欧盟《数字服务法》"
    "第20条），将争议提交给经认证的庭外争议解决机构（《数字服务法》第21条），或向有管辖权的法院提起"
    "诉讼；您随时享有向法院起诉的权利。"
)

# (outcome, language) -> (body, redress_text)
TEMPLATES: dict[tuple[str, str], tuple[str, str]] = {
    ("uphold", "en"): (
        "Dear {appellant_name},\n\n"
        "Thank you for your appeal {appeal_ref}. We have carefully reviewed the original "
        "decision under our {policy_name} policy together with the information you provided. "
        "We have decided to keep the restriction in place.\n\n"
        "Why: {details}",
        REDRESS_FINAL_EN,
    ),
    ("overturn", "en"): (
        "Dear {appellant_name},\n\n"
        "Thank you for your appeal {appeal_ref}. After reviewing the original decision under our "
        "{policy_name} policy and the information you provided, we have reversed it. The "
        "restriction has been lifted; it may take up to 24 hours until every change is visible.\n\n"
        "Why: {details}",
        REDRESS_FINAL_EN,
    ),
    ("partial", "en"): (
        "Dear {appellant_name},\n\n"
        "Thank you for your appeal {appeal_ref}. We have reviewed the original decision under our "
        "{policy_name} policy and decided to reduce the measure.\n\n"
        "What changes: {details}\n\n"
        "The remaining restriction stays in place for the reasons given in our original notice.",
        REDRESS_FINAL_EN,
    ),
    ("escalate", "en"): (
        "Dear {appellant_name},\n\n"
        "Thank you for your appeal {appeal_ref}. Your case needs a review by a specialist team "
        "for our {policy_name} policy. We have passed it on and will contact you as soon as a "
        "decision is made. You do not need to do anything now.",
        REDRESS_INTERIM_EN,
    ),
    ("request_info", "en"): (
        "Dear {appellant_name},\n\n"
        "Thank you for your appeal {appeal_ref}. To decide it under our {policy_name} policy we "
        "need the following documents:\n\n{details}\n\n"
        "Please reply to this message with the documents. Documents must be complete, legible "
        "and must not be altered. We will continue the review as soon as we receive them.",
        REDRESS_INTERIM_EN,
    ),
    ("reject_inadmissible", "en"): (
        "Dear {appellant_name},\n\n"
        "Thank you for your message {appeal_ref}. We cannot consider it as an appeal under our "
        "{policy_name} policy.\n\n"
        "Why: {details}",
        REDRESS_FINAL_EN,
    ),
    ("uphold", "zh-CN"): (
        "{appellant_name}，您好：\n\n"
        "感谢您提交申诉 {appeal_ref}。我们已根据{policy_name}政策，"
        "结合您提供的信息，仔细复核了原决定。"
        "我们决定维持该限制措施。\n\n"
        "原因：{details}",
        REDRESS_FINAL_ZH,
    ),
    ("overturn", "zh-CN"): (
        "{appellant_name}，您好：\n\n"
        "感谢您提交申诉 {appeal_ref}。我们根据{policy_name}政策复核了原决定及您提供的信息，"
        "决定撤销原决定。"
        "相关限制已解除，所有变更最多可能需要24小时才能全部生效。\n\n"
        "原因：{details}",
        REDRESS_FINAL_ZH,
    ),
    ("partial", "zh-CN"): (
        "{appellant_name}，您好：\n\n"
        "感谢您提交申诉 {appeal_ref}。我们根据{policy_name}政策复核了原决定，决定减轻该措施。\n\n"
        "变更内容：{details}\n\n"
        "其余限制措施将继续有效，原因见我们最初的通知。",
        REDRESS_FINAL_ZH,
    ),
    ("escalate", "zh-CN"): (
        "{appellant_name}，您好：\n\n"
        "感谢您提交申诉 {appeal_ref}。您的案件需要由负责{policy_name}政策的专业团队进行审核。"
        "我们已将案件转交，作出决定后会尽快与您联系。您目前无需采取任何行动。",
        REDRESS_INTERIM_ZH,
    ),
    ("request_info", "zh-CN"): (
        "{appellant_name}，您好：\n\n"
        "感谢您提交申诉 {appeal_ref}。为了根据{policy_name}政策作出决定，我们需要以下文件：\n\n"
        "{details}\n\n"
        "请回复本消息并附上上述文件。文件必须完整、清晰且未经修改。收到文件后，我们将继续审核。",
        REDRESS_INTERIM_ZH,
    ),
    ("reject_inadmissible", "zh-CN"): (
        "{appellant_name}，您好：\n\n"
        "感谢您的来信 {appeal_ref}。我们无法将其作为{policy_name}政策下的申诉受理。\n\n"
        "原因：{details}",
        REDRESS_FINAL_ZH,
    ),
}
