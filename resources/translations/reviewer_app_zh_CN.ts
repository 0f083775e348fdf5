<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccuracyPanel</name>
    <message>
        <location filename="../../reviewer_app/ui/qa/accuracy_panel.py" line="+39" />
        <source>Reviewer</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+12" />
        <source>Audited</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location line="-12" />
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>95% interval (Wilson)</source>
        <translation>95% 区间（Wilson）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Published audits of decisions made in the period. Cases picked by risk rules are not part of accuracy; they are audited apart.</source>
        <translation>期间内所作决定的已发布审核。按风险规则抽取的案件不计入准确率，另行审核。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>By:</source>
        <translation>按：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+1" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Stratified accuracy</source>
        <translation>分层准确率</translation>
    </message>
    <message>
        <location line="+0" />
        <source>95% interval</source>
        <translation>95% 区间</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Per sample, strata weighted by their share of all decisions (Σ N_h/N · p_h), never pooled; shown once every stratum has an audit.</source>
        <translation>按样本计算，各层按其在全部决定中的占比加权（Σ N_h/N · p_h），不直接合并；每一层都有审核后才显示。</translation>
    </message>
</context>
<context>
    <name>AppActions</name>
    <message>
        <location filename="../../reviewer_app/ui/actions.py" line="+30" />
        <source>Work</source>
        <translation>工作</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+84" />
        <source>Navigate</source>
        <translation>导航</translation>
    </message>
    <message>
        <location line="-84" />
        <source>Application</source>
        <translation>应用程序</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Claim next appeal</source>
        <translation>领取下一个申诉</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Submit decision and claim next</source>
        <translation>提交决定并领取下一个</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Release / skip case…</source>
        <translation>释放 / 跳过案件…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Claim the selected appeal</source>
        <translation>领取所选申诉</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Hold for help / resume…</source>
        <translation>暂挂求助 / 恢复…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Hand off to a colleague…</source>
        <translation>转交给同事…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Cases held by me…</source>
        <translation>我持有的案件…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Keep working (renew the lease now)</source>
        <translation>继续处理（立即续租）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Decisions not sent…</source>
        <translation>未发送的决定…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Focus the queue</source>
        <translation>转到队列</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Focus the case</source>
        <translation>转到案件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Focus the SOP</source>
        <translation>转到 SOP</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Focus the decision form</source>
        <translation>转到决定表单</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Search the queue</source>
        <translation>搜索队列</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Search the SOPs</source>
        <translation>搜索 SOP</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refresh the queue</source>
        <translation>刷新队列</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Jump to the last page of the queue</source>
        <translation>跳到队列最后一页</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Connect to team database…</source>
        <translation>连接团队数据库…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>My dashboard…</source>
        <translation>我的仪表板…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Import appeals…</source>
        <translation>导入申诉…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Team dashboard…</source>
        <translation>团队仪表板…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Quality assurance…</source>
        <translation>质量保证…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Decide</source>
        <translation>决定</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose an outcome (1 to 6)</source>
        <translation>选择处理结果（1 至 6）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next field / previous field</source>
        <translation>下一个字段 / 上一个字段</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Claim the highlighted appeal</source>
        <translation>领取高亮的申诉</translation>
    </message>
</context>
<context>
    <name>AppellantSection</name>
    <message>
        <location filename="../../reviewer_app/ui/case/appellant.py" line="+23" />
        <source>Appellant</source>
        <translation>申诉人</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+13" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-12" />
        <source>Market / language</source>
        <translation>市场 / 语言</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Statement (original language)</source>
        <translation>申诉陈述（原文）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Plan of action</source>
        <translation>整改计划</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location line="+2" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Description</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>AuditPanel</name>
    <message>
        <location filename="../../reviewer_app/ui/qa/audit_panel.py" line="+59" />
        <source>Appeal</source>
        <translation>申诉</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sampled as</source>
        <translation>抽样依据</translation>
    </message>
    <message>
        <location line="+12" />
        <source>e.g. UPH-DOCS-INVALID</source>
        <translation>例如 UPH-DOCS-INVALID</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Record my decision and reveal (Ctrl+Return)</source>
        <translation>记录我的决定并显示原决定(&amp;R)（Ctrl+Return）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Your outcome:</source>
        <translation>您的结果(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Your &amp;reason code:</source>
        <translation>您的原因代码(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>1 · Decide the case yourself (the original is hidden)</source>
        <translation>1 · 先自行决定此案件（原决定已隐藏）</translation>
    </message>
    <message>
        <location line="+13" />
        <source>&amp;Save draft</source>
        <translation>保存草稿(&amp;S)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Publish (Ctrl+Shift+P)</source>
        <translation>发布(&amp;P)（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <location line="+6" />
        <source>2 · Compare and score</source>
        <translation>2 · 对比并评分</translation>
    </message>
    <message numerus="yes">
        <location line="+42" />
        <source>%n sampled case(s) to audit</source>
        <translation><numerusform>待审核的抽样案件：%n 件</numerusform></translation>
    </message>
    <message>
        <location line="+30" />
        <source>The original decision appears here after yours.</source>
        <translation>记录您的决定后，原决定将显示在这里。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Choose a sampled case on the left.</source>
        <translation>请在左侧选择一个抽样案件。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>{ref} · round {round} · {policy} · {market} · {language}
Enforcement: {action}
Facts: {facts}

Appellant's statement:
{statement}</source>
        <translation>{ref} · 第 {round} 轮 · {policy} · {market} · {language}
处置措施：{action}
依据事实：{facts}

申诉人陈述：
{statement}</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Yours: {mine} · {my_reason}
Original by {who} on {when}: {theirs} · {their_reason}
Rationale: {rationale}
Response: {response}</source>
        <translation>您的决定：{mine} · {my_reason}
原决定（{who}，{when}）：{theirs} · {their_reason}
理由：{rationale}
回复：{response}</translation>
    </message>
    <message>
        <location line="+47" />
        <source>Evaluation of {ref} published: {score:g} / 100. The reviewer can dispute it for 48 hours.</source>
        <translation>{ref} 的评估已发布：{score:g} / 100。审核员可在 48 小时内提出申诉。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Draft saved: {score:g} / 100.</source>
        <translation>草稿已保存：{score:g} / 100。</translation>
    </message>
</context>
<context>
    <name>BacklogChart</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/forecast_charts.py" line="+115" />
        <source>Projected backlog</source>
        <translation>积压推算</translation>
    </message>
    <message>
        <location line="+4" />
        <source>At current staffing</source>
        <translation>按当前人员配置</translation>
    </message>
    <message>
        <location line="+3" />
        <source>With the what-if</source>
        <translation>按假设分析</translation>
    </message>
    <message>
        <location line="+3" />
        <source>SLA breach</source>
        <translation>SLA 违约</translation>
    </message>
    <message>
        <location line="+3" />
        <source>What-if breach</source>
        <translation>假设分析下的违约</translation>
    </message>
</context>
<context>
    <name>CalibrationPanel</name>
    <message>
        <location filename="../../reviewer_app/ui/qa/calibration_panel.py" line="+84" />
        <source>&amp;Rate this case (Ctrl+Return)</source>
        <translation>为此案件评分(&amp;R)（Ctrl+Return）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Outcome:</source>
        <translation>结果(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reason &amp;code:</source>
        <translation>原因代码(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rate blind (no gold answer, no one else's rating)</source>
        <translation>盲评（不显示标准答案和他人评分）</translation>
    </message>
    <message>
        <location line="+9" />
        <source>C&amp;lose session</source>
        <translation>结束会话(&amp;L)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>One case a line: reference, gold outcome, optional reason code
AP-00000586 overturn OVR-NEW-EVIDENCE</source>
        <translation>每行一个案件：编号、标准答案结果、可选的原因代码
AP-00000586 overturn OVR-NEW-EVIDENCE</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Create &amp;session</source>
        <translation>创建会话(&amp;S)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cases:</source>
        <translation>案件：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Participants:</source>
        <translation>参与者：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New calibration session</source>
        <translation>新建校准会话</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+47" />
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location line="+0" />
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{name} · {n} cases · {state}</source>
        <translation>{name} · {n} 个案件 · {state}</translation>
    </message>
    <message>
        <location line="+58" />
        <source>Nothing to rate in this session.</source>
        <translation>此会话中没有待评分的案件。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No calibration session for you right now.</source>
        <translation>目前没有需要您参加的校准会话。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Case {n} of the session</source>
        <translation>会话中的第 {n} 个案件</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{ref} · {policy} · {language}
Enforcement: {action}
Facts: {facts}

Appellant's statement:
{statement}</source>
        <translation>{ref} · {policy} · {language}
处置措施：{action}
依据事实：{facts}

申诉人陈述：
{statement}</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Rating saved.</source>
        <translation>评分已保存。</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Line {n}: write the appeal reference, a final outcome (uphold, overturn, partial, reject_inadmissible) and optionally a reason code.</source>
        <translation>第 {n} 行：请写申诉编号、最终结果（uphold、overturn、partial、reject_inadmissible），可选原因代码。</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Session created; participants find it in their Calibration tab.</source>
        <translation>会话已创建；参与者可在各自的“校准”标签页中找到。</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Agreement with the gold answer:</source>
        <translation>与标准答案一致：</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Cohen's kappa, pairs:</source>
        <translation>Cohen's kappa（两两比较）：</translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>  (%n pair(s) with no case rated by both left out)</source>
        <translation><numerusform>  （已略去 %n 对没有共同评分案件的组合）</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Fleiss' kappa: {v}</source>
        <translation>Fleiss' kappa：{v}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Krippendorff's alpha (nominal): {v}</source>
        <translation>Krippendorff's alpha（名义）：{v}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Most contested first:</source>
        <translation>分歧最大的案件在前：</translation>
    </message>
    <message>
        <location line="+3" />
        <source>  {ref}: {d:.0%} disagree · gold {gold} · {spread}</source>
        <translation>  {ref}：{d:.0%} 不一致 · 标准答案 {gold} · {spread}</translation>
    </message>
    <message>
        <location line="+8" />
        <source>n/a ({reason})</source>
        <translation>无法计算（{reason}）</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <location filename="../../reviewer_app/ui/case/header.py" line="+69" />
        <source>SLA due</source>
        <translation>SLA 截止</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+33" />
        <source>You hold the lease until %1.</source>
        <translation>您的租约有效期至 %1。</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <location filename="../../reviewer_app/ui/case/panel.py" line="+47" />
        <source>Enforcement</source>
        <translation>处罚</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Statement</source>
        <translation>陈述</translation>
    </message>
    <message>
        <location line="+1" />
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+11" />
        <source>No case open.

Ctrl+N claims the most urgent appeal you can work.
Enter or Ctrl+O in the queue claims the selected one.
F1 lists every shortcut.</source>
        <translation>没有打开的案件。

Ctrl+N 领取你可以处理的最紧急的申诉。
在队列中按 Enter 或 Ctrl+O 领取所选申诉。
F1 列出所有快捷键。</translation>
    </message>
    <message>
        <location line="+26" />
        <source>History (%1)</source>
        <translation>历史（%1）</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/chart_card.py" line="+53" />
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Save this chart as a PNG image</source>
        <translation>将此图表保存为 PNG 图片</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Could not write {path}.</source>
        <translation>无法写入 {path}。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Export the chart</source>
        <translation>导出图表</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/forecast_charts.py" line="-70" />
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Export the chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Could not write {path}.</source>
        <translation>无法写入 {path}。</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <location filename="../../reviewer_app/ui/dialogs/connection_messages.py" line="+16" />
        <source>Enter the server name or address.</source>
        <translation>请输入服务器名称或地址。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Enter the database name.</source>
        <translation>请输入数据库名称。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Enter your database user name.</source>
        <translation>请输入您的数据库用户名。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The port must be 1 to 65535.</source>
        <translation>端口必须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>There is no file at this path.</source>
        <translation>此路径下没有文件。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose the CA certificate file: “{mode}” checks the server with it.</source>
        <translation>请选择 CA 证书文件：“{mode}”模式用它来验证服务器。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Check this field.</source>
        <translation>请检查此字段。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The password was refused for this user. Check it and try again.</source>
        <translation>此用户的密码被拒绝。请检查后重试。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The server asks for a password. Enter it and try again.</source>
        <translation>服务器要求输入密码。请输入后重试。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The server has no user with this name.</source>
        <translation>服务器上没有此名称的用户。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The server has no database with this name.</source>
        <translation>服务器上没有此名称的数据库。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The server name could not be found. Check the spelling, and your network or VPN.</source>
        <translation>找不到该服务器名称。请检查拼写，以及您的网络或 VPN。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Nothing answered on this server and port (connection refused). Check the port, and that the server is running.</source>
        <translation>此服务器和端口无人应答（连接被拒绝）。请检查端口，并确认服务器正在运行。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server did not answer in time. Check the address, and your network or VPN.</source>
        <translation>服务器未及时应答。请检查地址，以及您的网络或 VPN。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The secure (TLS) connection failed: the server does not offer TLS, or its certificate could not be verified with these settings.</source>
        <translation>安全（TLS）连接失败：服务器不提供 TLS，或无法用这些设置验证其证书。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server does not accept connections from this computer or user. Ask your database administrator.</source>
        <translation>服务器不接受来自此计算机或此用户的连接。请联系您的数据库管理员。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The connection failed.</source>
        <translation>连接失败。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Details: {detail}</source>
        <translation>详细信息：{detail}</translation>
    </message>
    <message>
        <location line="+5" />
        <source>No system keyring is available on this computer, so the password cannot be stored safely. You will be asked for it at every start.</source>
        <translation>此计算机上没有可用的系统密钥环，因此无法安全地保存密码。每次启动时都会要求您输入密码。</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../reviewer_app/ui/dialogs/connection.py" line="+67" />
        <source>Connect to a team database</source>
        <translation>连接团队数据库</translation>
    </message>
    <message>
        <location line="+27" />
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Remember password (in the system keyring)</source>
        <translation>记住密码（保存在系统密钥环中）(&amp;R)</translation>
    </message>
    <message>
        <location line="+12" />
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>T&amp;LS mode:</source>
        <translation>TLS 模式(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;CA certificate:</source>
        <translation>CA 证书(&amp;C)：</translation>
    </message>
    <message>
        <location line="+20" />
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Co&amp;nnect</source>
        <translation>连接(&amp;N)</translation>
    </message>
    <message>
        <location line="+65" />
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>证书 (*.crt *.pem *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Connected to PostgreSQL {version}.</source>
        <translation>已连接到 PostgreSQL {version}。</translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <location filename="../../reviewer_app/ui/connection_status.py" line="+103" />
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+4" />
        <source>1 decision waiting</source>
        <translation>1 个决定待发送</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{n} decisions waiting</source>
        <translation>{n} 个决定待发送</translation>
    </message>
    <message>
        <location line="+2" />
        <source>1 decision not sent ({keys})</source>
        <translation>1 个决定未能发送（{keys}）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{n} decisions not sent ({keys})</source>
        <translation>{n} 个决定未能发送（{keys}）</translation>
    </message>
    <message>
        <location line="+34" />
        <source>1 decision saved on this computer is now in the database.</source>
        <translation>本机保存的 1 个决定已写入数据库。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{n} decisions saved on this computer are now in the database.</source>
        <translation>本机保存的 {n} 个决定已写入数据库。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The database refused a decision saved on this computer. Press {keys} to resolve it.</source>
        <translation>数据库拒绝了本机保存的一个决定。请按 {keys} 处理。</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Decisions are saved on this computer first and sent when the database answers.</source>
        <translation>决定会先保存在本机，数据库可用时再发送。</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../reviewer_app/ui/widgets/countdown.py" line="+21" />
        <source>{days}d {hours}h</source>
        <translation>{days}天 {hours}小时</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{hours}h {minutes}m</source>
        <translation>{hours}小时 {minutes}分</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{minutes}m</source>
        <translation>{minutes}分</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <location filename="../../reviewer_app/ui/decision/panel.py" line="+79" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Reason code</source>
        <translation>理由代码(&amp;R)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ra&amp;tionale</source>
        <translation>决定依据(&amp;T)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;What changes (scope or duration)</source>
        <translation>调整内容（范围或期限）(&amp;W)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Escalation reason</source>
        <translation>升级原因(&amp;E)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Documents to &amp;request</source>
        <translation>需要补充的文件(&amp;R)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Res&amp;ponse to the appellant</source>
        <translation>给申诉人的回复(&amp;P)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Preview (sent to the appellant)</source>
        <translation>预览（将发送给申诉人）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Choose an outcome: Alt+1 … Alt+6.</source>
        <translation>选择处理结果：Alt+1 … Alt+6。</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Submit decision</source>
        <translation>提交决定</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Submit and open the next case (Ctrl+Return)</source>
        <translation>提交并打开下一个案件（Ctrl+Return）</translation>
    </message>
    <message>
        <location line="+215" />
        <source>Choose a reason code</source>
        <translation>请选择理由代码</translation>
    </message>
    <message>
        <location line="+0" />
        <source>No reason codes apply</source>
        <translation>没有适用的理由代码</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Res&amp;ponse to the appellant (%1)</source>
        <translation>给申诉人的回复（%1）(&amp;P)</translation>
    </message>
</context>
<context>
    <name>EnforcementSection</name>
    <message>
        <location filename="../../reviewer_app/ui/case/enforcement.py" line="+35" />
        <source>Original enforcement</source>
        <translation>原处罚措施</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Action</source>
        <translation>措施</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Facts</source>
        <translation>事实</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Automation</source>
        <translation>自动化</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Decided by</source>
        <translation>决定人</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Enforced at</source>
        <translation>处罚时间</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Strike</source>
        <translation>违规记分</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Listing</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Evidence snapshot at enforcement time</source>
        <translation>处罚时的证据快照</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+13" />
        <source>%1 — scope: %2</source>
        <translation>%1 — 范围：%2</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1 (%2), clause %3</source>
        <translation>%1（%2），条款 %3</translation>
    </message>
    <message>
        <location line="+11" />
        <source>rule/model %1</source>
        <translation>规则/模型 %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+1" />
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>ErlangCalculator</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/erlang_calculator.py" line="+20" />
        <source>Erlang C (live queues such as escalations)</source>
        <translation>Erlang C（升级等实时队列）</translation>
    </message>
    <message>
        <location line="+3" />
        <source> Erlangs</source>
        <translation> 爱尔兰</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Arrivals per second × AHT in seconds</source>
        <translation>每秒到达量 × 平均处理时长（秒）</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+1" />
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Share answered within the target time, 0–1</source>
        <translation>在目标时间内应答的比例，0–1</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Traffic:</source>
        <translation>话务量(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Agents:</source>
        <translation>坐席数(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Answer &amp;within:</source>
        <translation>应答时限(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A&amp;HT:</source>
        <translation>平均处理时长(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>P(wait):</source>
        <translation>等待概率 P(wait)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Service level:</source>
        <translation>服务水平：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Average speed of answer:</source>
        <translation>平均应答速度：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Occupancy:</source>
        <translation>占用率：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Target service le&amp;vel:</source>
        <translation>目标服务水平(&amp;V)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Agents needed:</source>
        <translation>所需坐席数：</translation>
    </message>
    <message>
        <location line="+33" />
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{n} (service level {level})</source>
        <translation>{n}（服务水平 {level}）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Overloaded: the traffic needs more agents than that; the queue grows without end.</source>
        <translation>过载：该话务量需要更多坐席，队列将无限增长。</translation>
    </message>
</context>
<context>
    <name>EvaluationsPanel</name>
    <message>
        <location filename="../../reviewer_app/ui/qa/evaluations_panel.py" line="+54" />
        <source>Appeal</source>
        <translation>申诉</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Dispute until</source>
        <translation>申诉截止</translation>
    </message>
    <message>
        <location line="+63" />
        <source>No evaluation to show.</source>
        <translation>没有可显示的评估。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{ref} · {status} · score {score}</source>
        <translation>{ref} · {status} · 得分 {score}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>QA's own decision: {outcome} · {reason}</source>
        <translation>质检自己的决定：{outcome} · {reason}</translation>
    </message>
    <message>
        <location line="+8" />
        <source>
    disputed: {reason} → {answer}</source>
        <translation>
    申诉：{reason} → {answer}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Error type: {error}</source>
        <translation>错误类型：{error}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Feedback: {text}</source>
        <translation>反馈：{text}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Dispute outcome: {r}</source>
        <translation>申诉结果：{r}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>History:</source>
        <translation>历史记录：</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Dispute this evaluation (until {when})</source>
        <translation>对此评估提出申诉（截止 {when}）</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Why the score is wrong</source>
        <translation>评分有误的原因</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Send &amp;dispute</source>
        <translation>提交申诉(&amp;D)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Resolve the dispute</source>
        <translation>处理申诉</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Your answer to the reviewer</source>
        <translation>您给审核员的答复</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Resolve</source>
        <translation>处理(&amp;R)</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Evaluation of {ref} is now {status}.</source>
        <translation>{ref} 的评估现为：{status}。</translation>
    </message>
</context>
<context>
    <name>EventLogSection</name>
    <message>
        <location filename="../../reviewer_app/ui/case/history.py" line="+98" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+0" />
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+16" />
        <source>system</source>
        <translation>系统</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../reviewer_app/ui/dialogs/first_run.py" line="+51" />
        <source>Welcome to the Reviewer Workstation</source>
        <translation>欢迎使用申诉审核工作台</translation>
    </message>
    <message>
        <location line="+4" />
        <source>This database is empty</source>
        <translation>此数据库为空</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Database: {where}</source>
        <translation>数据库：{where}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Connect to your team's database</source>
        <translation>连接到团队数据库</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Try it out</source>
        <translation>试用</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Open the &amp;demo</source>
        <translation>打开演示(&amp;D)</translation>
    </message>
    <message>
        <location line="-2" />
        <source>A separate demo database with realistic appeals, users of every role and the SOPs. Your own database stays untouched.</source>
        <translation>一个独立的演示数据库，包含逼真的申诉、各种角色的用户和 SOP。您自己的数据库不会被改动。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Start with your own appeals</source>
        <translation>从您自己的申诉开始</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Import appeals…</source>
        <translation>导入申诉(&amp;I)…</translation>
    </message>
    <message>
        <location line="-2" />
        <source>Load appeals from a CSV or JSON Lines file into this database. Rows with problems are listed in an errors file next to it.</source>
        <translation>从 CSV 或 JSON Lines 文件将申诉导入此数据库。有问题的行会列在其旁边的错误文件中。</translation>
    </message>
    <message>
        <location line="-32" />
        <source>Optional: paste an address, postgresql://user@host/appeals</source>
        <translation>可选：粘贴地址，如 postgresql://user@host/appeals</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Connect…</source>
        <translation>连接(&amp;C)…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Ask your team lead for the server and database names. They are remembered for the next start; the password only in the system keyring.</source>
        <translation>请向您的团队负责人询问服务器和数据库名称。下次启动时会记住它们；密码只保存在系统密钥环中。</translation>
    </message>
    <message>
        <location line="+31" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Import appeals</source>
        <translation>导入申诉</translation>
    </message>
</context>
<context>
    <name>FirstRunTasks</name>
    <message>
        <location filename="../../reviewer_app/first_run_tasks.py" line="+46" />
        <source>Generating the demo database…</source>
        <translation>正在生成演示数据库…</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+11" />
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Importing appeals…</source>
        <translation>正在导入申诉…</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+17" />
        <location line="+30" />
        <source>Import appeals</source>
        <translation>导入申诉</translation>
    </message>
    <message>
        <location line="-28" />
        <source>The import was cancelled. Batches finished before cancelling were kept.</source>
        <translation>导入已取消。取消前已完成的批次已保留。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This file cannot be imported; nothing was written.</source>
        <translation>无法导入此文件；未写入任何内容。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The import failed.</source>
        <translation>导入失败。</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Read {read} rows: {imported} imported, {updated} updated, {unchanged} unchanged, {rejected} rejected.</source>
        <translation>已读取 {read} 行：导入 {imported} 行，更新 {updated} 行，未变 {unchanged} 行，拒绝 {rejected} 行。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The rejected rows and the reasons are in {path}</source>
        <translation>被拒绝的行及原因见 {path}</translation>
    </message>
</context>
<context>
    <name>ForecastTab</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/forecast_tab.py" line="+62" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Forecasting…</source>
        <translation>正在预测…</translation>
    </message>
    <message>
        <location line="+25" />
        <source>&amp;Queue:</source>
        <translation>队列(&amp;Q)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Forecast:</source>
        <translation>预测(&amp;F)：</translation>
    </message>
    <message>
        <location line="+72" />
        <source>There are no queues to forecast yet.</source>
        <translation>还没有可预测的队列。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Could not forecast: {error}</source>
        <translation>无法预测：{error}</translation>
    </message>
    <message>
        <location line="+36" />
        <source>Queue {queue} has no final decisions in the last {days} days, so its AHT and daily capacity are unknown and there is no projection at current staffing. Enter an AHT in the what-if to project its backlog.</source>
        <translation>队列 {queue} 在最近 {days} 天内没有最终决定，因此其平均处理时长和每日处理能力未知，无法按当前人员配置进行推算。请在假设分析中输入平均处理时长以推算其积压。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Current staffing: reviewers {reviewers} × {hours} h ÷ AHT {aht} min = {capacity} decisions a day; SLA {sla} h; backlog now {backlog}. SLA breach: {breach}.</source>
        <translation>当前人员配置：审核员 {reviewers} 名 × {hours} 小时 ÷ 平均处理时长 {aht} 分钟 = 每天 {capacity} 个决定；SLA {sla} 小时；当前积压 {backlog}。SLA 违约：{breach}。</translation>
    </message>
</context>
<context>
    <name>GoldenPanel</name>
    <message>
        <location filename="../../reviewer_app/ui/qa/golden_panel.py" line="+51" />
        <source>any reason code if empty</source>
        <translation>留空表示任何原因代码均可</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Make &amp;golden</source>
        <translation>设为黄金案例(&amp;G)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Open &amp;appeal:</source>
        <translation>未结申诉(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Gold &amp;outcome:</source>
        <translation>标准答案结果(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Gold &amp;reason code:</source>
        <translation>标准答案原因代码(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>For reviewers:</source>
        <translation>针对审核员：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New golden case</source>
        <translation>新建黄金案例</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A golden case stays in the queue like any other appeal and only its reviewers are offered it; nothing on their screen says it is golden. Once decided it is scored against the gold answer and published to the reviewer. Golden results are kept out of audit accuracy.</source>
        <translation>黄金案例与其他申诉一样留在队列中，只分配给指定的审核员；他们的界面上不会显示这是黄金案例。决定后会与标准答案比对评分并发布给审核员。黄金案例结果不计入审核准确率。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Reviewer</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Golden cases decided</source>
        <translation>已决定的黄金案例</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Gold outcome</source>
        <translation>符合标准答案</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Share</source>
        <translation>比例</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Score &amp;decided golden cases now</source>
        <translation>立即为已决定的黄金案例评分(&amp;D)</translation>
    </message>
    <message numerus="yes">
        <location line="+36" />
        <source>%n golden decision(s) scored and published.</source>
        <translation><numerusform>已为 %n 个黄金案例决定评分并发布。</numerusform></translation>
    </message>
    <message>
        <location line="+10" />
        <source>Type the reference of an open appeal.</source>
        <translation>请输入一个未结申诉的编号。</translation>
    </message>
    <message>
        <location line="+13" />
        <source>{ref} is now a golden case for {n} reviewer(s).</source>
        <translation>{ref} 现为 {n} 位审核员的黄金案例。</translation>
    </message>
</context>
<context>
    <name>GuidancePanel</name>
    <message>
        <location filename="../../reviewer_app/ui/guidance/panel.py" line="+54" />
        <source>Search SOPs (Ctrl+K)</source>
        <translation>搜索 SOP（Ctrl+K）</translation>
    </message>
    <message>
        <location line="+8" />
        <source>No SOP matches.</source>
        <translation>没有匹配的 SOP。</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Version %1, in force since %2</source>
        <translation>版本 %1，自 %2 起生效</translation>
    </message>
    <message>
        <location line="+34" />
        <source>%1 — %2 (v%3)
%4</source>
        <translation>%1 — %2（v%3）
%4</translation>
    </message>
    <message>
        <location line="+19" />
        <source>No SOP loaded</source>
        <translation>未加载 SOP</translation>
    </message>
</context>
<context>
    <name>HandOffDialog</name>
    <message>
        <location filename="../../reviewer_app/ui/dialogs/hand_off.py" line="+33" />
        <source>Hand off to a colleague</source>
        <translation>转交给同事</translation>
    </message>
    <message>
        <location line="+7" />
        <source>{name} ({login}, {role})</source>
        <translation>{name}（{login}，{role}）</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Type a name…</source>
        <translation>输入姓名…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>What is done, what is left, why them</source>
        <translation>已完成什么、还剩什么、为何转给此人</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Nobody else is eligible for this case (skills, original decider, 1st round).</source>
        <translation>没有其他人有资格处理此案件（技能、原始决定人、第一轮审核人）。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Colleague:</source>
        <translation>同事(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Hand off</source>
        <translation>转交</translation>
    </message>
</context>
<context>
    <name>HeldCasesDialog</name>
    <message>
        <location filename="../../reviewer_app/ui/dialogs/held_cases.py" line="+26" />
        <source>Cases held by me</source>
        <translation>我持有的案件</translation>
    </message>
    <message>
        <location line="+4" />
        <source>{ref} · until {time}</source>
        <translation>{ref} · 至 {time}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Held for help: {note}</source>
        <translation>暂挂求助：{note}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location line="+5" />
        <source>You hold no cases.</source>
        <translation>您没有持有任何案件。</translation>
    </message>
</context>
<context>
    <name>HistorySection</name>
    <message>
        <location filename="../../reviewer_app/ui/case/history.py" line="-95" />
        <source>Prior enforcements and strikes</source>
        <translation>以往处罚与记分</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Enforced</source>
        <translation>处罚时间</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Action</source>
        <translation>措施</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+11" />
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location line="-10" />
        <source>Strike</source>
        <translation>违规记分</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Decided by</source>
        <translation>决定人</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Prior and related appeals</source>
        <translation>以往及相关申诉</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Appeal</source>
        <translation>申诉</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Prior enforcements: %1 · strikes: %2 · prior or related appeals: %3</source>
        <translation>以往处罚：%1 · 记分：%2 · 以往或相关申诉：%3</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+12" />
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>HoldDialog</name>
    <message>
        <location filename="../../reviewer_app/ui/dialogs/hold.py" line="+22" />
        <source>Hold for help</source>
        <translation>暂挂求助</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The case stays with you for a longer time. What help do you need, and from whom? The note is kept in the case events.</source>
        <translation>案件会在您名下保留更长时间。您需要什么帮助、向谁求助？备注会记录在案件事件中。</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Hold</source>
        <translation>暂挂</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../reviewer_app/ui/import_controller.py" line="+42" />
        <location line="+9" />
        <source>Import appeals</source>
        <translation>导入申诉</translation>
    </message>
    <message>
        <location line="-2" />
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+25" />
        <source>{name}: read {read} rows — {imported} imported, {updated} updated, {unchanged} unchanged, {rejected} rejected.</source>
        <translation>{name}：读取 {read} 行 — 导入 {imported}，更新 {updated}，未变 {unchanged}，拒绝 {rejected}。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The rejected rows and why: {path}</source>
        <translation>被拒绝的行及原因：{path}</translation>
    </message>
    <message>
        <location line="+9" />
        <source>The import was cancelled. Batches finished before cancelling were kept; import the file again to complete it.</source>
        <translation>导入已取消。取消前完成的批次已保留；再次导入该文件即可完成。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This file cannot be imported; nothing was written: {reason}</source>
        <translation>无法导入此文件，未写入任何内容：{reason}</translation>
    </message>
</context>
<context>
    <name>ImportFileChooser</name>
    <message>
        <location filename="../../reviewer_app/ui/dialogs/import_file_chooser.py" line="+24" />
        <source>Appeals or DSA statements of reasons</source>
        <translation>申诉或 DSA 决定理由说明</translation>
    </message>
    <message>
        <location line="+2" />
        <source>CSV or JSON Lines in GB18030</source>
        <translation>GB18030 编码的 CSV 或 JSON Lines</translation>
    </message>
    <message>
        <location line="+2" />
        <source>CSV or JSON Lines in UTF-8</source>
        <translation>UTF-8 编码的 CSV 或 JSON Lines</translation>
    </message>
    <message>
        <location line="+2" />
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
</context>
<context>
    <name>IntakeChart</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/forecast_charts.py" line="+9" />
        <source>Daily intake</source>
        <translation>每日进件量</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Appeals received</source>
        <translation>收到的申诉</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Held out: received</source>
        <translation>留出期：实际收到</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Held out: predicted</source>
        <translation>留出期：预测</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../reviewer_app/ui/language_menu.py" line="+23" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+4" />
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>LeaseController</name>
    <message>
        <location filename="../../reviewer_app/ui/lease_controller.py" line="+68" />
        <source>No case is open to hold.</source>
        <translation>没有打开的案件可以暂挂。</translation>
    </message>
    <message>
        <location line="+12" />
        <source>No case is open to hand off.</source>
        <translation>没有打开的案件可以转交。</translation>
    </message>
</context>
<context>
    <name>LeaseIndicator</name>
    <message>
        <location filename="../../reviewer_app/ui/lease_indicator.py" line="+70" />
        <source>No case leased</source>
        <translation>未持有案件</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Lease: {left}</source>
        <translation>租约剩余：{left}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Held for help: {note} · {lease}</source>
        <translation>暂挂求助：{note} · {lease}</translation>
    </message>
    <message>
        <location line="+12" />
        <source>You hold the lease until {time} ({left} left).</source>
        <translation>您的租约到 {time}（剩余 {left}）。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Held for help: {note}</source>
        <translation>暂挂求助：{note}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Your lease on this case has run out: another reviewer may claim it. Press {key} to keep it if nobody has; otherwise nothing will be saved.</source>
        <translation>此案件的租约已到期：其他审核员可能会领取它。若尚无人领取，请按 {key} 保留；否则将不会保存任何内容。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Your lease on this case ends in {left}. Press {key} to keep working on it.</source>
        <translation>此案件的租约将在 {left} 后到期。按 {key} 继续处理。</translation>
    </message>
</context>
<context>
    <name>LiveSync</name>
    <message>
        <location filename="../../reviewer_app/ui/live_sync.py" line="+158" />
        <source>A colleague</source>
        <translation>一位同事</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{who} handed you {ref}: {note} — press Ctrl+N to open it</source>
        <translation>{who} 将 {ref} 转交给您：{note} — 按 Ctrl+N 打开</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{who} handed you {ref} — press Ctrl+N to open it</source>
        <translation>{who} 将 {ref} 转交给您 — 按 Ctrl+N 打开</translation>
    </message>
</context>
<context>
    <name>LongTextView</name>
    <message>
        <location filename="../../reviewer_app/ui/case/text_view.py" line="+25" />
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Showing the first %1 of %2 characters.</source>
        <translation>显示前 %1 个字符（共 %2 个）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../reviewer_app/ui/main_window.py" line="+68" />
        <source>Reviewer Workstation</source>
        <translation>申诉审核工作台</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+2" />
        <source>SOP</source>
        <translation>SOP</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Work</source>
        <translation>工作</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Navigate</source>
        <translation>导航</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location line="+12" />
        <source>{name} · {role}</source>
        <translation>{name} · {role}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Database: {where}</source>
        <translation>数据库：{where}</translation>
    </message>
    <message>
        <location line="+71" />
        <source>Press Ctrl+N to claim the most urgent appeal, Ctrl+Return to submit and take the next one. F1 lists every shortcut.</source>
        <translation>按 Ctrl+N 领取最紧急的申诉，按 Ctrl+Return 提交并领取下一个。按 F1 查看全部快捷键。</translation>
    </message>
    <message>
        <location line="+60" />
        <source>Closed the workstation</source>
        <translation>已关闭工作台</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The new language is used from the next start of the workstation.</source>
        <translation>新语言将在下次启动工作台时生效。</translation>
    </message>
    <message>
        <location line="+87" />
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
</context>
<context>
    <name>OutboxConflictsDialog</name>
    <message>
        <location filename="../../reviewer_app/ui/dialogs/outbox_conflicts.py" line="+44" />
        <source>Decisions not sent</source>
        <translation>未发送的决定</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The database refused these decisions when they were sent from this computer. Copy the text, discard the decision, or claim the appeal again and resubmit it.</source>
        <translation>从本机发送这些决定时被数据库拒绝。您可以复制文本、放弃该决定，或重新领取申诉后再次提交。</translation>
    </message>
    <message>
        <location line="+14" />
        <source>&amp;Copy text</source>
        <translation>复制文本(&amp;C)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Try again</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <location line="+35" />
        <source>{ref} · {outcome}</source>
        <translation>{ref} · {outcome}</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Your lease ran out, or another reviewer took the appeal, before the decision reached the database.</source>
        <translation>决定到达数据库之前，您的租约已到期，或申诉已被其他审核员领取。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The appeal changed in the meantime (someone else decided or claimed it).</source>
        <translation>申诉在此期间已被更改（其他人已作出决定或已领取）。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>You may no longer decide this appeal.</source>
        <translation>您已不能再对此申诉作出决定。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The database found the decision incomplete (a reason code may have been retired). Claim the appeal and decide it again.</source>
        <translation>数据库认为该决定不完整（可能某个理由代码已停用）。请重新领取申诉并再次决定。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The database refused the decision: {detail}</source>
        <translation>数据库拒绝了该决定：{detail}</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Appeal: {ref}</source>
        <translation>申诉：{ref}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Outcome: {outcome}</source>
        <translation>结果：{outcome}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Reason code: {code}</source>
        <translation>理由代码：{code}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rationale</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What changes</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Escalation reason</source>
        <translation>升级原因</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Requested documents</source>
        <translation>所需文件</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Response</source>
        <translation>回复</translation>
    </message>
    <message>
        <location line="+11" />
        <source>No decisions are waiting for you.</source>
        <translation>没有等待您处理的决定。</translation>
    </message>
    <message>
        <location line="+11" />
        <source>The decision text is on the clipboard.</source>
        <translation>决定文本已复制到剪贴板。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Discarded the decision on {ref}.</source>
        <translation>已放弃 {ref} 的决定。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Claiming {ref} again and resubmitting…</source>
        <translation>正在重新领取 {ref} 并再次提交…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The decision on {ref} is now in the database.</source>
        <translation>{ref} 的决定已写入数据库。</translation>
    </message>
</context>
<context>
    <name>PersonalDashboard</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/personal_dashboard.py" line="+43" />
        <source>My dashboard</source>
        <translation>我的仪表板</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Today, by hour</source>
        <translation>今天，按小时</translation>
    </message>
    <message>
        <location line="+0" />
        <source>7 days, by day</source>
        <translation>7 天，按天</translation>
    </message>
    <message>
        <location line="+1" />
        <source>30 days, by day</source>
        <translation>30 天，按天</translation>
    </message>
    <message>
        <location line="+0" />
        <source>90 days, by week</source>
        <translation>90 天，按周</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A year, by week</source>
        <translation>一年，按周</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Export PNG…</source>
        <translation>导出 PNG(&amp;E)…</translation>
    </message>
    <message>
        <location line="+5" />
        <source> a day</source>
        <translation> 个/天</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Daily &amp;goal:</source>
        <translation>每日目标(&amp;G)：</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Today: %v of %m decisions</source>
        <translation>今天：%v / %m 个决定</translation>
    </message>
    <message>
        <location line="+7" />
        <source>My decisions</source>
        <translation>我的决定</translation>
    </message>
    <message>
        <location line="+4" />
        <source>My QA accuracy (95% band)</source>
        <translation>我的质检准确率（95% 区间）</translation>
    </message>
    <message>
        <location line="+13" />
        <source>My handle times (minutes)</source>
        <translation>我的处理时长（分钟）</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Range:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location line="+66" />
        <source>{n} decisions · {per_hour} per productive hour · AHT {aht} (team median {team}) · later overturned {overturned}</source>
        <translation>{n} 个决定 · 每有效工时 {per_hour} 个 · 平均处理时长 {aht}（团队中位数 {team}） · 后被推翻 {overturned}</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Export the charts</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Could not write {path}.</source>
        <translation>无法写入 {path}。</translation>
    </message>
</context>
<context>
    <name>QaWindow</name>
    <message>
        <location filename="../../reviewer_app/ui/qa/qa_window.py" line="+36" />
        <source>Quality assurance — {name}</source>
        <translation>质量保证 — {name}</translation>
    </message>
    <message>
        <location line="+12" />
        <source>&amp;Audit queue</source>
        <translation>审核队列(&amp;A)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Sampling</source>
        <translation>抽样(&amp;S)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Evaluations</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>My &amp;evaluations</source>
        <translation>我的评估(&amp;E)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Acc&amp;uracy</source>
        <translation>准确率(&amp;U)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Calibration</source>
        <translation>校准(&amp;C)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Golden cases</source>
        <translation>黄金案例(&amp;G)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Score&amp;card</source>
        <translation>评分卡(&amp;C)</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Ctrl+Return records your blind decision, Ctrl+Shift+P publishes, F5 reloads, Ctrl+W closes.</source>
        <translation>Ctrl+Return 记录您的盲审决定，Ctrl+Shift+P 发布，F5 刷新，Ctrl+W 关闭。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Your published evaluations: tick a criterion and say why to dispute it within 48 hours. F5 reloads.</source>
        <translation>您已发布的评估：在 48 小时内勾选某项标准并说明理由即可提出申诉。F5 刷新。</translation>
    </message>
</context>
<context>
    <name>QueueChartsTab</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/queue_charts_tab.py" line="+75" />
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Last {n} days, by day</source>
        <translation>最近 {n} 天，按天</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+38" />
        <source>{what}: any</source>
        <translation>{what}：全部</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Backlog at the end of each day</source>
        <translation>每日结束时的积压</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Intake and decisions per day</source>
        <translation>每日收件量与决定数</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Intake</source>
        <translation>收件量</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Decisions</source>
        <translation>决定数</translation>
    </message>
    <message>
        <location line="+7" />
        <source>SLA compliance per day</source>
        <translation>每日 SLA 达成率</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Decided within SLA ÷ decided</source>
        <translation>SLA 内决定数 ÷ 决定数</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Inclusive: open past SLA added to the denominator</source>
        <translation>含未结：已超 SLA 的未结申诉计入分母</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Age of the open appeals</source>
        <translation>未结申诉的等待时长</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&lt; 24 h</source>
        <translation>&lt; 24 小时</translation>
    </message>
    <message>
        <location line="+0" />
        <source>24–48 h</source>
        <translation>24–48 小时</translation>
    </message>
    <message>
        <location line="+0" />
        <source>48–72 h</source>
        <translation>48–72 小时</translation>
    </message>
    <message>
        <location line="+1" />
        <source>72 h – 7 d</source>
        <translation>72 小时 – 7 天</translation>
    </message>
    <message>
        <location line="+0" />
        <source>&gt; 7 d</source>
        <translation>&gt; 7 天</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Open appeals at risk and breached</source>
        <translation>有风险与已超时的未结申诉</translation>
    </message>
    <message>
        <location line="+7" />
        <source>At risk</source>
        <translation>有超时风险</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+52" />
        <source>Updating the daily figures: {done} of {total} days…</source>
        <translation>正在更新每日数据：{done} / {total} 天…</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Updating the daily figures…</source>
        <translation>正在更新每日数据…</translation>
    </message>
    <message>
        <location line="+38" />
        <source>nothing open</source>
        <translation>没有未结申诉</translation>
    </message>
    <message>
        <location line="+1" />
        <source>oldest {ref}, waiting {age}</source>
        <translation>最早的 {ref}，已等待 {age}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Open now: {backlog} · at risk {at_risk} · breached {breached} · {oldest}</source>
        <translation>当前未结：{backlog} · 有风险 {at_risk} · 已超时 {breached} · {oldest}</translation>
    </message>
</context>
<context>
    <name>QueueFiguresTable</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/queue_figures_table.py" line="+56" />
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Backlog</source>
        <translation>积压</translation>
    </message>
    <message>
        <location line="+0" />
        <source>At risk</source>
        <translation>有超时风险</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Oldest waits</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Oldest case</source>
        <translation>最早的申诉</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Double-click or press Enter on a figure to list its cases in the queue</source>
        <translation>双击数字或按回车键，在队列中列出对应的申诉</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Open appeals per queue</source>
        <translation>各队列的未结申诉</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Export XLSX…</source>
        <translation>导出 XLSX…</translation>
    </message>
    <message>
        <location line="+31" />
        <source>All queues</source>
        <translation>全部队列</translation>
    </message>
    <message>
        <location line="+43" />
        <source>Export the figures</source>
        <translation>导出数据</translation>
    </message>
</context>
<context>
    <name>QueueFilterBar</name>
    <message>
        <location filename="../../reviewer_app/ui/queue/filter_bar.py" line="+36" />
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Open (any status)</source>
        <translation>未结（任意状态）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>All, decided included</source>
        <translation>全部（含已决定）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+3" />
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Search appeal, seller or listing id</source>
        <translation>搜索申诉、卖家或商品编号</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Drop the chart's selection, keep the boxes</source>
        <translation>取消图表的选择，保留筛选框</translation>
    </message>
    <message>
        <location line="+25" />
        <source>{what}: any</source>
        <translation>{what}：全部</translation>
    </message>
    <message>
        <location line="+68" />
        <source>queue {code}</source>
        <translation>队列 {code}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>received {start} – {end}</source>
        <translation>收到于 {start} – {end}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>decided {start} – {end}</source>
        <translation>决定于 {start} – {end}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>From the charts: {what}</source>
        <translation>来自图表：{what}</translation>
    </message>
</context>
<context>
    <name>QueueForecastTable</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/forecast_table.py" line="+53" />
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Backlog</source>
        <translation>积压</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Forecast intake a day</source>
        <translation>预测每日进件量</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Capacity a day</source>
        <translation>每日处理能力</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reviewers</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location line="+0" />
        <source>AHT (min)</source>
        <translation>平均处理时长（分钟）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>SLA (h)</source>
        <translation>SLA（小时）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>SLA breach at current staffing</source>
        <translation>按当前人员配置的 SLA 违约时间</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export XLSX…</source>
        <translation>导出 XLSX…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>All queues</source>
        <translation>全部队列</translation>
    </message>
    <message>
        <location line="+39" />
        <source>Export the queue table</source>
        <translation>导出队列表</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../reviewer_app/ui/queue/model.py" line="+291" />
        <source>Click to sort (sorted by the database)</source>
        <translation>点击排序（由数据库排序）</translation>
    </message>
    <message>
        <location line="+32" />
        <source>SLA due {due} ({state})</source>
        <translation>SLA 截止 {due}（{state}）</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Appeal</source>
        <translation>申诉</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+1" />
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Seller</source>
        <translation>卖家</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Leased by</source>
        <translation>领取人</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../reviewer_app/ui/queue/panel.py" line="+206" />
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No appeals match this filter.</source>
        <translation>没有符合此筛选条件的申诉。</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Counting…</source>
        <translation>统计中…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{total} appeals · {breached} breached · {at_risk} at risk</source>
        <translation>{total} 个申诉 · {breached} 个已超时 · {at_risk} 个有超时风险</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/reports_tab.py" line="+72" />
        <source>KPIs</source>
        <translation>关键绩效指标</translation>
    </message>
    <message>
        <location line="+1" />
        <source>EU DSA transparency</source>
        <translation>欧盟 DSA 透明度</translation>
    </message>
    <message>
        <location line="+3" />
        <source>None (overall only)</source>
        <translation>不分组（仅总体）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Run the report (Ctrl+Enter)</source>
        <translation>运行报告（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Stop the running report or save (Esc)</source>
        <translation>停止正在运行的报告或保存（Esc）</translation>
    </message>
    <message>
        <location line="+7" />
        <source>%v of %m steps</source>
        <translation>第 %v 步，共 %m 步</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose a period and a report, then press Run.</source>
        <translation>请选择时间段和报告，然后点击“运行”。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Save as &amp;XLSX…</source>
        <translation>另存为 &amp;XLSX…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The business-review workbook: an Overall sheet and one sheet per cut with charts. Without a cut it holds every cut (read again from the database).</source>
        <translation>业务回顾工作簿：一个“总体”工作表，以及每个分组维度一个带图表的工作表。未选择分组维度时包含所有维度（会重新从数据库读取）。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Save as &amp;JSON…</source>
        <translation>另存为 &amp;JSON…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export table as &amp;CSV…</source>
        <translation>将表格导出为 &amp;CSV…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;From:</source>
        <translation>起始(&amp;F)：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>&amp;To:</source>
        <translation>截止(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Re&amp;port:</source>
        <translation>报告(&amp;P)：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>C&amp;ut:</source>
        <translation>分组(&amp;U)：</translation>
    </message>
    <message>
        <location line="+43" />
        <location line="+176" />
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <location line="-176" />
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reviewer</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+15" />
        <source>The last day ({to}) is before the first day ({first}). Choose a To date on or after the From date.</source>
        <translation>截止日（{to}）早于起始日（{first}）。请选择不早于起始日的截止日期。</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Computing the DSA figures…</source>
        <translation>正在计算 DSA 数据…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Computing the KPIs…</source>
        <translation>正在计算关键绩效指标…</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+22" />
        <source>The report stopped on an unexpected error.</source>
        <translation>报告因意外错误而停止。</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Cancelled. Nothing was written.</source>
        <translation>已取消。未写入任何文件。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The file could not be saved: {reason}</source>
        <translation>无法保存文件：{reason}</translation>
    </message>
    <message>
        <location line="+26" />
        <source>KPIs from {first} to {last}.</source>
        <translation>{first} 至 {last} 的关键绩效指标。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>KPIs from {first} to {last}: {n} groups.</source>
        <translation>{first} 至 {last} 的关键绩效指标：{n} 个分组。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>EU DSA transparency figures from {first} to {last}.</source>
        <translation>{first} 至 {last} 的欧盟 DSA 透明度数据。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Intake</source>
        <translation>进件量</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Decisions</source>
        <translation>决定数</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Backlog at end</source>
        <translation>期末积压</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+34" />
        <source>Median time to decision (h)</source>
        <translation>决定用时中位数（小时）</translation>
    </message>
    <message>
        <location line="-33" />
        <source>P90 time to decision (h)</source>
        <translation>决定用时 P90（小时）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>P95 time to decision (h)</source>
        <translation>决定用时 P95（小时）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>SLA compliance</source>
        <translation>SLA 达成率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>SLA compliance incl. open</source>
        <translation>SLA 达成率（含未结）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>AHT (s)</source>
        <translation>平均处理时长（秒）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Overturn rate</source>
        <translation>推翻率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Full overturn rate</source>
        <translation>完全推翻率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Partial rate</source>
        <translation>部分推翻率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Escalation rate</source>
        <translation>升级率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Info request rate</source>
        <translation>补充信息请求率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>QA accuracy</source>
        <translation>质检准确率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>QA accuracy CI low</source>
        <translation>质检准确率置信区间下限</translation>
    </message>
    <message>
        <location line="+1" />
        <source>QA accuracy CI high</source>
        <translation>质检准确率置信区间上限</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dispute rate</source>
        <translation>申诉率</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Upheld</source>
        <translation>维持</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Overturned</source>
        <translation>推翻</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Partly overturned</source>
        <translation>部分推翻</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rejected as inadmissible</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Complaints received</source>
        <translation>收到的投诉</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reversed</source>
        <translation>撤销的决定</translation>
    </message>
    <message>
        <location line="+2" />
        <source>All markets</source>
        <translation>所有市场</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Save the report as a workbook</source>
        <translation>将报告另存为工作簿</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+11" />
        <location line="+13" />
        <location line="+12" />
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <location line="-17" />
        <source>Save the report as JSON</source>
        <translation>将报告另存为 JSON</translation>
    </message>
    <message>
        <location line="+1" />
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Export the table as CSV</source>
        <translation>将表格导出为 CSV</translation>
    </message>
    <message>
        <location line="+1" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>RequestedDocumentsWidget</name>
    <message>
        <location filename="../../reviewer_app/ui/decision/documents.py" line="+43" />
        <source>Other documents (one per line)</source>
        <translation>其他文件（每行一个）</translation>
    </message>
</context>
<context>
    <name>ReviewFlow</name>
    <message>
        <location filename="../../reviewer_app/ui/review_flow.py" line="+109" />
        <source>No case is open. Claim one with Ctrl+N.</source>
        <translation>当前没有打开的案件。按 Ctrl+N 领取一个。</translation>
    </message>
    <message>
        <location line="+82" />
        <source>Case handed to {name}.</source>
        <translation>案件已转交给 {name}。</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Held for help: the case stays with you until {time}. Press Ctrl+Shift+H again to resume.</source>
        <translation>已暂挂求助：案件在您名下保留到 {time}。再次按 Ctrl+Shift+H 可恢复。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Resumed: the lease renews itself again while you work.</source>
        <translation>已恢复：您工作时租约会再次自动续期。</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Finish this case first: submit a decision (Ctrl+Return) or release it (Ctrl+Shift+R).</source>
        <translation>请先完成此案件：提交决定（Ctrl+Return）或释放它（Ctrl+Shift+R）。</translation>
    </message>
    <message>
        <location line="+21" />
        <source>You already held this case. Note: {note}</source>
        <translation>此案件已在您名下。备注：{note}</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Saved on this computer; it will be sent when the database is back.</source>
        <translation>已保存在本机；数据库恢复后将自动发送。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Decision saved. Claiming the next appeal…</source>
        <translation>决定已保存。正在领取下一个申诉…</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Case released back to the queue.</source>
        <translation>案件已释放回队列。</translation>
    </message>
</context>
<context>
    <name>ReviewerTableModel</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/reviewers_model.py" line="+88" />
        <source>Alert</source>
        <translation>警报</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reviewer</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Decisions</source>
        <translation>决定数</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Per productive hour</source>
        <translation>每有效工时</translation>
    </message>
    <message>
        <location line="+1" />
        <source>AHT (min)</source>
        <translation>平均处理时长（分钟）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>QA accuracy</source>
        <translation>质检准确率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>95% low</source>
        <translation>95% 下限</translation>
    </message>
    <message>
        <location line="+0" />
        <source>95% high</source>
        <translation>95% 上限</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Audits</source>
        <translation>质检数</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Overturn rate</source>
        <translation>推翻率</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Escalation rate</source>
        <translation>升级率</translation>
    </message>
    <message>
        <location line="+2" />
        <source>QA fail</source>
        <translation>质检不合格率上升</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Overturn</source>
        <translation>推翻率上升</translation>
    </message>
    <message>
        <location line="+43" />
        <source>{name}: QA-fail rate {recent} ({events} of {n} audits) in the last {days} days, against {base} ({base_events} of {base_n}) in the {weeks} weeks before</source>
        <translation>{name}：最近 {days} 天质检不合格率 {recent}（{n} 次质检中 {events} 次），之前 {weeks} 周为 {base}（{base_n} 次中 {base_events} 次）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>{name}: overturn rate {recent} ({events} of {n} decisions) in the last {days} days, against {base} ({base_events} of {base_n}) in the {weeks} weeks before</source>
        <translation>{name}：最近 {days} 天推翻率 {recent}（{n} 个决定中 {events} 个），之前 {weeks} 周为 {base}（{base_n} 个中 {base_events} 个）</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Decisions per hour of active handle time</source>
        <translation>每小时有效处理时间完成的决定数</translation>
    </message>
    <message>
        <location line="+28" />
        <source>{n} published audits</source>
        <translation>{n} 次已发布的质检</translation>
    </message>
</context>
<context>
    <name>ReviewersTab</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/reviewers_tab.py" line="+59" />
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Last 365 days</source>
        <translation>最近 365 天</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Range:</source>
        <translation>范围(&amp;R)：</translation>
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Sort by:</source>
        <translation>排序依据(&amp;S)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Descending</source>
        <translation>降序(&amp;D)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export &amp;XLSX…</source>
        <translation>导出 XLSX(&amp;X)…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Alerts</source>
        <translation>警报</translation>
    </message>
    <message>
        <location line="+76" />
        <source>Reviewer figures are not available here.</source>
        <translation>此处无法查看审核员数据。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+17" />
        <source>{n} people · last {days} days · {alerts} with alerts</source>
        <translation>{n} 人 · 最近 {days} 天 · {alerts} 人有警报</translation>
    </message>
    <message>
        <location line="+67" />
        <source>{name} — dashboard</source>
        <translation>{name} — 仪表板</translation>
    </message>
    <message>
        <location line="+31" />
        <source>Export the reviewer table</source>
        <translation>导出审核员表</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Reviewers</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>SamplingPanel</name>
    <message>
        <location filename="../../reviewer_app/ui/qa/sampling_panel.py" line="+63" />
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reviewer</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location line="+13" />
        <source>use the rate</source>
        <translation>按比例</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Create plan</source>
        <translation>创建计划(&amp;C)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Strata:</source>
        <translation>分层：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Rate:</source>
        <translation>比例(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Or a fixed si&amp;ze:</source>
        <translation>或固定数量(&amp;Z)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Minimum per reviewer a &amp;week:</source>
        <translation>每位审核员每周最少(&amp;W)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New sampling plan</source>
        <translation>新建抽样计划</translation>
    </message>
    <message>
        <location line="+12" />
        <source>random; give one to repeat a draw</source>
        <translation>随机；填写种子可重复同一次抽样</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Draw sample from the selected plan</source>
        <translation>按所选计划抽样(&amp;D)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Decisions &amp;from:</source>
        <translation>决定日期从(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;to (inclusive):</source>
        <translation>至（含）(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>S&amp;eed:</source>
        <translation>种子(&amp;E)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Draw a sample</source>
        <translation>抽取样本</translation>
    </message>
    <message>
        <location line="+14" />
        <source>unknown / large</source>
        <translation>未知 / 很大</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Margin of error:</source>
        <translation>误差范围：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Confidence:</source>
        <translation>置信度：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Decisions in the period:</source>
        <translation>期间内的决定数：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Audits needed:</source>
        <translation>所需审核数：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>How many audits? (Cochran)</source>
        <translation>需要审核多少件？（Cochran 公式）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Plans</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+38" />
        <source>{n} decisions</source>
        <translation>{n} 个决定</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{n} per reviewer a week</source>
        <translation>每位审核员每周 {n} 个</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Plan “{name}” created.</source>
        <translation>计划“{name}”已创建。</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Choose a plan first.</source>
        <translation>请先选择一个计划。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The seed must be a whole number.</source>
        <translation>种子必须是整数。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Sample {id}: {picked} of {population} decisions picked (seed {seed}); they are in the audit queue.</source>
        <translation>样本 {id}：从 {population} 个决定中抽取了 {picked} 个（种子 {seed}），已加入审核队列。</translation>
    </message>
</context>
<context>
    <name>ScorecardForm</name>
    <message>
        <location filename="../../reviewer_app/ui/qa/scorecard_form.py" line="+37" />
        <location line="+33" />
        <source>Scorecard</source>
        <translation>评分卡</translation>
    </message>
    <message>
        <location line="-24" />
        <source>Feedback for the reviewer</source>
        <translation>给审核员的反馈</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Error type:</source>
        <translation>错误类型(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Feedback:</source>
        <translation>反馈(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Score:</source>
        <translation>得分：</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Scorecard: {name} (version {version})</source>
        <translation>评分卡：{name}（第 {version} 版）</translation>
    </message>
    <message>
        <location line="+3" />
        <source> (critical)</source>
        <translation>（关键项）</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Why (optional)</source>
        <translation>原因（可选）</translation>
    </message>
</context>
<context>
    <name>ScorecardPanel</name>
    <message>
        <location filename="../../reviewer_app/ui/qa/scorecard_panel.py" line="+41" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Criterion</source>
        <translation>标准</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Critical</source>
        <translation>关键项</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Add criterion</source>
        <translation>添加标准(&amp;A)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Re&amp;move criterion</source>
        <translation>删除标准(&amp;M)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save as a &amp;new version</source>
        <translation>另存为新版本(&amp;N)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A failed critical criterion makes the whole score 0. Saving makes a new version for audits started from now on; earlier evaluations keep theirs. Keep the “outcome” criterion: accuracy is counted from it.</source>
        <translation>关键项不符合时总分为 0。保存会生成新版本，用于此后开始的审核；之前的评估保留原版本。请保留代码为“outcome”的标准：准确率依据它计算。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+23" />
        <source>version {n}</source>
        <translation>第 {n} 版</translation>
    </message>
    <message>
        <location line="+35" />
        <source>Row {n}: the weight must be a number.</source>
        <translation>第 {n} 行：权重必须是数字。</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Scorecard version {n} saved; new audits use it.</source>
        <translation>评分卡第 {n} 版已保存，新的审核将使用它。</translation>
    </message>
</context>
<context>
    <name>ShortcutSheetDialog</name>
    <message>
        <location filename="../../reviewer_app/ui/dialogs/shortcut_sheet.py" line="+38" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>StaffingCalculator</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/staffing_calculator.py" line="+45" />
        <source>Back-office staffing (appeals)</source>
        <translation>后台人员配置（申诉）</translation>
    </message>
    <message>
        <location line="+7" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+2" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+3" />
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Share of paid time lost to leave, training and meetings, 0–0.95</source>
        <translation>因休假、培训和会议损失的带薪时间比例，0–0.95</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Reviewers working the queue each day (for the projected backlog)</source>
        <translation>每天处理该队列的审核员人数（用于积压推算）</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Backlog now</source>
        <translation>当前积压(&amp;B)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Daily &amp;intake</source>
        <translation>每日进件量(&amp;I)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Clear the backlog &amp;in</source>
        <translation>清空积压所需天数(&amp;I)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;AHT</source>
        <translation>平均处理时长(&amp;A)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Productive hours a day</source>
        <translation>每天有效工时(&amp;P)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Shrinkage</source>
        <translation>损耗率(&amp;S)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Reviewers working</source>
        <translation>在岗审核员(&amp;R)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Workload a day (backlog ÷ days + intake)</source>
        <translation>每日工作量（积压 ÷ 天数 + 进件量）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Decisions a reviewer a day</source>
        <translation>每名审核员每天的决定数</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reviewers before shrinkage</source>
        <translation>计入损耗前的审核员人数</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reviewers needed</source>
        <translation>所需审核员人数</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Decisions a day the reviewers working manage</source>
        <translation>在岗审核员每天可完成的决定数</translation>
    </message>
    <message>
        <location line="+1" />
        <source>SLA breach</source>
        <translation>SLA 违约</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Baseline</source>
        <translation>基准</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What-if</source>
        <translation>假设分析</translation>
    </message>
</context>
<context>
    <name>TeamConnector</name>
    <message>
        <location filename="../../reviewer_app/ui/team_connector.py" line="+127" />
        <source>Password not remembered</source>
        <translation>未记住密码</translation>
    </message>
</context>
<context>
    <name>TeamDashboardWindow</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/team_window.py" line="+32" />
        <source>Team dashboard</source>
        <translation>团队仪表板</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reviewers</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Forecast and staffing</source>
        <translation>预测与人员配置</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reports</source>
        <translation>报告</translation>
    </message>
</context>
<context>
    <name>UserChooserDialog</name>
    <message>
        <location filename="../../reviewer_app/ui/dialogs/user_chooser.py" line="+29" />
        <source>Who are you?</source>
        <translation>您是谁？</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose your name to sign in to this database.</source>
        <translation>请选择您的姓名以登录此数据库。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>{name} — {role} ({login})</source>
        <translation>{name} — {role}（{login}）</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>ViewersLabel</name>
    <message>
        <location filename="../../reviewer_app/ui/case/viewers.py" line="+30" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Also viewing: %1</source>
        <translation>也在查看：%1</translation>
    </message>
</context>
<context>
    <name>Workstation</name>
    <message>
        <location filename="../../reviewer_app/app.py" line="+182" />
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+85" />
        <source>No users</source>
        <translation>没有用户</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This database has appeals but no users to sign in as. Ask an administrator to add your account.</source>
        <translation>此数据库中有申诉，但没有可登录的用户。请联系管理员添加您的账号。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location line="+97" />
        <source>Reviewer Workstation</source>
        <translation>申诉审核工作台</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../reviewer_app/ui/dialogs/errors.py" line="+33" />
        <source>There is no appeal you can claim right now.</source>
        <translation>目前没有您可以领取的申诉。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Your change was not saved; your text is still in the form.</source>
        <translation>您的更改未保存；您输入的内容仍在表单中。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Please write a note: it tells your colleague what the case needs and is kept in the case events.</source>
        <translation>请填写备注：它告诉同事此案件需要什么，并记录在案件事件中。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>You no longer hold this case (the lease expired or another reviewer took it). Nothing was saved; your text is still in the form.</source>
        <translation>您已不再持有此案件（租约已过期或已被其他审核员领取）。未保存任何内容；您填写的文字仍保留在表单中。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The decision is incomplete; see the messages next to the fields.</source>
        <translation>决定不完整；请查看各字段旁的提示。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Someone else changed this case meanwhile. Reload it and try again.</source>
        <translation>此案件已被他人修改。请重新加载后再试。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>You are not allowed to do this for this case.</source>
        <translation>您无权对此案件执行此操作。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The item no longer exists.</source>
        <translation>该项目已不存在。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This database was made by a newer version of the app. Please update the app; the database was not changed.</source>
        <translation>此数据库由更新版本的应用创建。请更新应用；数据库未被修改。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>This shared database has an older schema. An administrator must run “reviewer-app db upgrade” on it; the database was not changed.</source>
        <translation>此共享数据库的结构版本较旧。需要管理员对其运行“reviewer-app db upgrade”；数据库未被修改。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The database cannot be reached or opened. No file was changed.</source>
        <translation>无法连接或打开数据库。没有任何文件被修改。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The action could not be completed.</source>
        <translation>无法完成该操作。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Someone</source>
        <translation>某人</translation>
    </message>
    <message>
        <location line="+4" />
        <source>{who} decided this appeal at {when}{what}.</source>
        <translation>{who} 已于 {when} 决定此申诉{what}。</translation>
    </message>
    <message>
        <location line="+9" />
        <source>{who} handed this appeal to {to} at {when}.</source>
        <translation>{who} 已于 {when} 将此申诉转交给 {to}。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>{who} held this appeal for help at {when}: “{note}”.</source>
        <translation>{who} 已于 {when} 暂挂此申诉求助：“{note}”。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The lease ran out at {when} and the appeal went back to the queue.</source>
        <translation>租约已于 {when} 到期，申诉已回到队列。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>{who} claimed this appeal at {when}.</source>
        <translation>{who} 已于 {when} 领取此申诉。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{who} released this appeal at {when}.</source>
        <translation>{who} 已于 {when} 释放此申诉。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{who} resumed work on this appeal at {when}.</source>
        <translation>{who} 已于 {when} 恢复处理此申诉。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{who} escalated this appeal at {when}.</source>
        <translation>{who} 已于 {when} 升级此申诉。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{who} requested information on this appeal at {when}.</source>
        <translation>{who} 已于 {when} 就此申诉请求补充信息。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>{who} changed this appeal at {when} ({event}).</source>
        <translation>{who} 已于 {when} 更改此申诉（{event}）。</translation>
    </message>
    <message>
        <location line="+16" />
        <source>You already hold this case; choose a colleague to hand it to.</source>
        <translation>此案件已在您名下；请选择要转交的同事。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{name} is not an active user; choose another colleague.</source>
        <translation>{name} 不是活跃用户；请选择其他同事。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{name} made the original enforcement decision and may not review this appeal.</source>
        <translation>{name} 作出了原始执法决定，不能审核此申诉。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{name} reviewed the first round of this appeal and may not review this one.</source>
        <translation>{name} 审核过此申诉的第一轮，不能审核本轮。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{name} lacks a language, market or policy skill this appeal needs.</source>
        <translation>{name} 缺少此申诉所需的语言、市场或政策技能。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{name} cannot take this case.</source>
        <translation>{name} 不能接手此案件。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The case stays with you.</source>
        <translation>案件仍在您名下。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Reviewer Workstation</source>
        <translation>申诉审核工作台</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Something went wrong that the app did not expect. It has been written to the log. Your work in the form is kept; please report this with the details below.</source>
        <translation>发生了应用未预料到的错误，已记录到日志。您在表单中的内容已保留；请附上以下详细信息报告此问题。</translation>
    </message>
</context>
<context>
    <name>forecast_labels</name>
    <message>
        <location filename="../../reviewer_app/ui/dashboards/forecast_labels.py" line="+21" />
        <source>Holt-Winters with weekly seasonality</source>
        <translation>带周季节性的 Holt-Winters</translation>
    </message>
    <message>
        <location line="+2" />
        <source>seasonal naive (each weekday repeats last week's)</source>
        <translation>季节性朴素法（每个工作日重复上周同日）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the mean of the days there are</source>
        <translation>现有天数的平均值</translation>
    </message>
    <message>
        <location line="+8" />
        <source>there are fewer than two full weeks of history</source>
        <translation>历史数据不足两整周</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the Holt-Winters fit failed</source>
        <translation>Holt-Winters 拟合失败</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Holt-Winters forecast more than twice the busiest day seen</source>
        <translation>Holt-Winters 的预测超过了历史最忙一天的两倍</translation>
    </message>
    <message>
        <location line="+8" />
        <source>MAE {mae} a day, MAPE {mape}</source>
        <translation>MAE 每天 {mae}，MAPE {mape}</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Forecast by {method}, from {days} days of history.</source>
        <translation>预测方法：{method}，基于 {days} 天的历史。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Simpler than Holt-Winters because {reason}.</source>
        <translation>未使用 Holt-Winters，因为{reason}。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Too little history to hold days out and measure the error (a week is needed before them).</source>
        <translation>历史数据太少，无法留出天数来衡量误差（留出期之前需要一周数据）。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>On the last {days} held-out days, refitted by {method}: {error}; seasonal naive: {baseline}.</source>
        <translation>在最后 {days} 个留出日上，用{method}重新拟合：{error}；季节性朴素法：{baseline}。</translation>
    </message>
    <message>
        <location line="+7" />
        <source>No appeals arrived in these days: the forecast is 0.</source>
        <translation>这些天没有收到申诉：预测为 0。</translation>
    </message>
    <message>
        <location line="+9" />
        <source>unknown: no decisions, no AHT</source>
        <translation>未知：没有决定，无平均处理时长</translation>
    </message>
    <message>
        <location line="+2" />
        <source>already in breach</source>
        <translation>已违约</translation>
    </message>
    <message>
        <location line="+2" />
        <source>not within {n} days</source>
        <translation>{n} 天内不会</translation>
    </message>
    <message>
        <location line="+4" />
        <source>today ({day})</source>
        <translation>今天（{day}）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{day} (tomorrow)</source>
        <translation>{day}（明天）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{day} (in {n} days)</source>
        <translation>{day}（{n} 天后）</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../reviewer_app/ui/labels.py" line="+28" />
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1" />
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+101" />
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <location line="-100" />
        <source>Awaiting information</source>
        <translation>等待补充信息</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+98" />
        <source>Decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <location line="-97" />
        <location line="+101" />
        <source>Reopened</source>
        <translation>已重新打开</translation>
    </message>
    <message>
        <location line="-94" />
        <source>Uphold</source>
        <translation>维持原处罚</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Overturn</source>
        <translation>撤销处罚</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Partial</source>
        <translation>部分撤销</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Escalate</source>
        <translation>升级处理</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Request information</source>
        <translation>要求补充信息</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reject as inadmissible</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location line="+1" />
        <source>At risk</source>
        <translation>有超时风险</translation>
    </message>
    <message>
        <location line="+1" />
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Reviewer</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location line="+1" />
        <source>QA auditor</source>
        <translation>质检员</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Team lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Listing removed</source>
        <translation>商品已下架</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Listing demoted</source>
        <translation>商品已降权</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Payments held</source>
        <translation>货款已冻结</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Selling restricted</source>
        <translation>销售已受限</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Account suspended</source>
        <translation>账号已暂停</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Account terminated</source>
        <translation>账号已终止</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Fully automated</source>
        <translation>完全自动化</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Partially automated</source>
        <translation>部分自动化</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not automated</source>
        <translation>非自动化</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Automated detection</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Detected by a person</source>
        <translation>人工发现</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Business</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Private</source>
        <translation>个人</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Seller</source>
        <translation>卖家</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Creator</source>
        <translation>创作者</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Claimed</source>
        <translation>已领取</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Released</source>
        <translation>已释放</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Lease renewed</source>
        <translation>租约已续期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Lease expired</source>
        <translation>租约已过期</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Information requested</source>
        <translation>已要求补充信息</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Information received</source>
        <translation>已收到补充信息</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Updated by import</source>
        <translation>已通过导入更新</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Held for help</source>
        <translation>已暂挂求助</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resumed</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Handed off</source>
        <translation>已转交</translation>
    </message>
    <message>
        <location line="+7" />
        <source>This field is required.</source>
        <translation>此字段为必填项。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This reason code is not allowed for this outcome and policy.</source>
        <translation>此理由代码不适用于该处理结果和政策。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The response must include the redress text.</source>
        <translation>回复中必须包含救济途径说明。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Replace the {details} placeholder in the response with the case details.</source>
        <translation>请将回复中的 {details} 占位符替换为本案的具体说明。</translation>
    </message>
    <message>
        <location line="+10" />
        <source>This appeal cannot be claimed in its current status.</source>
        <translation>此申诉在当前状态下无法领取。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>You made the original enforcement decision on this appeal.</source>
        <translation>此申诉的原处罚决定是您作出的。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>You reviewed the first round of this appeal.</source>
        <translation>您审核过此申诉的第一轮。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This appeal needs a language, market or policy skill you do not have.</source>
        <translation>此申诉需要您不具备的语言、市场或政策技能。</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Same seller</source>
        <translation>同一卖家</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Same listing</source>
        <translation>同一商品</translation>
    </message>
    <message>
        <location line="+8" />
        <source>1st round</source>
        <translation>第一轮</translation>
    </message>
    <message>
        <location line="+2" />
        <source>2nd round</source>
        <translation>第二轮</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Round %n</source>
        <translation>第 %n 轮</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Supplier invoice</source>
        <translation>供应商发票</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Brand authorisation letter</source>
        <translation>品牌授权书</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Business registration certificate</source>
        <translation>营业执照</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Identity document</source>
        <translation>身份证件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Safety certificate or test report</source>
        <translation>安全证书或检测报告</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Photos of the product</source>
        <translation>产品照片</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Proof of address</source>
        <translation>地址证明</translation>
    </message>
    <message>
        <location line="+22" />
        <source>%1d %2h</source>
        <translation>%1天 %2小时</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1h %2m</source>
        <translation>%1小时 %2分</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1m %2s</source>
        <translation>%1分 %2秒</translation>
    </message>
    <message>
        <location line="+9" />
        <source>overdue %1</source>
        <translation>已超时 %1</translation>
    </message>
</context>
<context>
    <name>qa_labels</name>
    <message>
        <location filename="../../reviewer_app/ui/qa/qa_labels.py" line="+22" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Disputed</source>
        <translation>已申诉</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resolved</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location line="+7" />
        <source>No error</source>
        <translation>无错误</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Wrong uphold</source>
        <translation>错误维持</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Wrong overturn</source>
        <translation>错误撤销</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Wrong reason code</source>
        <translation>原因代码错误</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Procedural error</source>
        <translation>程序错误</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Simple random</source>
        <translation>简单随机</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Stratified</source>
        <translation>分层</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Risk-based</source>
        <translation>基于风险</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Minimum per reviewer a week</source>
        <translation>每位审核员每周最低数量</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+10" />
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location line="-9" />
        <location line="+12" />
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location line="-2" />
        <source>Partially accepted</source>
        <translation>部分接受</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Met</source>
        <translation>符合</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not met</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Partly met</source>
        <translation>部分符合</translation>
    </message>
    <message>
        <location line="+6" />
        <source>blind decision recorded</source>
        <translation>已记录盲审决定</translation>
    </message>
    <message>
        <location line="+1" />
        <source>scored</source>
        <translation>已评分</translation>
    </message>
    <message>
        <location line="+1" />
        <source>published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="+1" />
        <source>disputed</source>
        <translation>已申诉</translation>
    </message>
    <message>
        <location line="+1" />
        <source>resolved</source>
        <translation>已处理</translation>
    </message>
</context>
<context>
    <name>release</name>
    <message>
        <location filename="../../reviewer_app/ui/dialogs/release.py" line="+12" />
        <source>Conflict of interest</source>
        <translation>利益冲突</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Needs a language or market skill I lack</source>
        <translation>需要我不具备的语言或市场技能</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Needs a specialist</source>
        <translation>需要专家处理</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Taking a break</source>
        <translation>暂时休息</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Release case</source>
        <translation>释放案件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Why are you putting this case back?</source>
        <translation>您为什么要将此案件放回队列？</translation>
    </message>
</context>
</TS>
