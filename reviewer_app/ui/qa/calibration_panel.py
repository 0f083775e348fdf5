"""Calibration: participants rate the same cases blind; auditors create sessions and read
agreement with gold, pairwise and overall kappa/alpha, the most contested cases first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.calibration import (
    BlindItem,
    CalibrationResults,
    CalibrationSession,
    GoldAnswer,
    Statistic,
)
from reviewer_app.domain.enums import EnforcementAction, Outcome
from reviewer_app.domain.models import User
from reviewer_app.services.calibration import CalibrationService
from reviewer_app.services.qa import QaService
from reviewer_app.ui import labels
from reviewer_app.ui.qa.qa_tab import QaTab
from reviewer_app.ui.qa.tables import checked_ids, fill_people
from reviewer_app.workers.runner import Runner

FINAL = tuple(o for o in Outcome if o.is_final)


def parse_cases(text: str) -> list[tuple[str, Outcome, str | None]]:
    """Lines "AP-… outcome [reason code]" → (ref, gold outcome, reason); ``ValueError``
    naming the first line that does not fit."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        try:
            outcome = Outcome(parts[1]) if len(parts) >= 2 else None
        except ValueError:
            outcome = None
        if outcome is None or not outcome.is_final or len(parts) > 3:
            raise ValueError(str(number))
        out.append((parts[0], outcome, parts[2] if len(parts) == 3 else None))
    return out


class CalibrationPanel(QaTab):
    """Rate the cases of my sessions; auditors also create sessions and read results."""

    def __init__(self, runner: Runner, calibration: CalibrationService, qa: QaService,
                 user: User, *, auditor: bool, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("calibrationPanel")
        self._cal, self._qa, self._user, self._auditor = calibration, qa, user, auditor
        self._sessions: list[CalibrationSession] = []
        self._names: dict[int, str] = {}
        self._pending: list[int] = []  # appeal ids still to rate in the current session
        self.item: BlindItem | None = None

        self.session_list = QListWidget()
        self.session_list.setObjectName("sessionList")
        self.case_view = QPlainTextEdit()
        self.case_view.setObjectName("calibrationCase")
        self.case_view.setReadOnly(True)
        self.outcome = QComboBox()
        self.outcome.setObjectName("calibrationOutcome")
        for o in FINAL:
            self.outcome.addItem(labels.outcome(o), o.value)
        self.reason = QLineEdit()
        self.reason.setObjectName("calibrationReason")
        self.rate_button = QPushButton(self.tr("&Rate this case (Ctrl+Return)"))
        self.rate_button.setObjectName("rateCase")
        self.progress = QLabel()
        rate_form = QFormLayout()
        rate_form.addRow(self.tr("&Outcome:"), self.outcome)
        rate_form.addRow(self.tr("Reason &code:"), self.reason)
        rate_box = QGroupBox(self.tr("Rate blind (no gold answer, no one else's rating)"))
        rate_layout = QVBoxLayout(rate_box)
        rate_layout.addWidget(self.progress)
        rate_layout.addWidget(self.case_view, 1)
        rate_layout.addLayout(rate_form)
        rate_layout.addWidget(self.rate_button)
        self.results = QPlainTextEdit()
        self.results.setObjectName("calibrationResults")
        self.results.setReadOnly(True)
        self.close_button = QPushButton(self.tr("C&lose session"))

        self.new_name = QLineEdit()
        self.new_name.setObjectName("newSessionName")
        self.new_cases = QPlainTextEdit()
        self.new_cases.setObjectName("newSessionCases")
        self.new_cases.setPlaceholderText(self.tr(
            "One case a line: reference, gold outcome, optional reason code\n"
            "AP-00000586 overturn OVR-NEW-EVIDENCE"))
        self.new_cases.setMaximumHeight(110)
        self.people_list = QListWidget()
        self.people_list.setObjectName("newSessionPeople")
        self.people_list.setMaximumHeight(130)
        self.create_button = QPushButton(self.tr("Create &session"))
        new_form = QFormLayout()
        new_form.addRow(self.tr("&Name:"), self.new_name)
        new_form.addRow(self.tr("Cases:"), self.new_cases)
        new_form.addRow(self.tr("Participants:"), self.people_list)
        new_form.addRow(self.create_button)
        self.new_box = QGroupBox(self.tr("New calibration session"))
        self.new_box.setLayout(new_form)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Sessions")))
        left_layout.addWidget(self.session_list, 1)
        left_layout.addWidget(self.new_box)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(rate_box)
        results_box = QGroupBox(self.tr("Results"))
        results_layout = QVBoxLayout(results_box)
        results_layout.addWidget(self.results, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        results_layout.addLayout(buttons)
        right.addWidget(results_box)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([480, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.new_box.setVisible(auditor)
        results_box.setVisible(auditor)

        self.session_list.currentRowChanged.connect(self._on_session_list_current_row_changed)
        self.rate_button.clicked.connect(self.rate)
        self.create_button.clicked.connect(self.create_session)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), rate_box, self.rate,  # a held key rates once
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut, autoRepeat=False)
        self._show_item(None)

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read people and sessions again."""
        self.submit(self._qa.people, on_done=self._set_people)
        load = self._cal.all_sessions if self._auditor else self._cal.my_sessions
        self.submit(load, self._user.id, on_done=self._set_sessions)

    def _set_people(self, people: tuple[User, ...]) -> None:
        self._names = {u.id: u.display_name for u in people}
        fill_people(self.people_list, people)

    def participants(self) -> list[int]:
        """Ids ticked in the participants list."""
        return checked_ids(self.people_list)

    def _set_sessions(self, sessions: tuple[CalibrationSession, ...]) -> None:
        keep = self.current_session()
        self._sessions = list(sessions)
        self.session_list.blockSignals(True)
        self.session_list.clear()
        for s in sessions:
            state = self.tr("closed") if s.closed_at else self.tr("open")
            self.session_list.addItem(self.tr("{name} · {n} cases · {state}").format(
                name=s.name, n=s.items, state=state))
        ids = [s.id for s in sessions]
        row = ids.index(keep.id) if keep is not None and keep.id in ids else 0
        self.session_list.setCurrentRow(row if sessions else -1)
        self.session_list.blockSignals(False)
        self._on_session_list_current_row_changed(self.session_list.currentRow())

    def current_session(self) -> CalibrationSession | None:
        """The selected session."""
        row = self.session_list.currentRow()
        return self._sessions[row] if 0 <= row < len(self._sessions) else None

    def _on_session_list_current_row_changed(self, _row: int) -> None:
        session = self.current_session()
        self._pending = []
        self._show_item(None)
        self.results.clear()
        if session is None:
            return
        self.submit(self._cal.items, self._user.id, session.id, on_done=self._set_items)
        if self._auditor:
            self.submit(self._results, session.id, on_done=self._show_results)

    def _results(self, session_id: int) -> tuple[CalibrationResults, dict[int, str]]:
        # Runs on a worker: the figures and the appeal references they name.
        results = self._cal.results(self._user.id, session_id)
        return results, self._qa.appeal_refs([c.appeal_id for c in results.contested])

    # -- rating ----------------------------------------------------------------------------
    def _set_items(self, appeal_ids: tuple[int, ...]) -> None:
        self._pending = list(appeal_ids)
        self._next_item()

    def _next_item(self) -> None:
        session = self.current_session()
        if session is None or not self._pending:
            self._show_item(None)
            return
        self.submit(self._cal.blind_item, self._user.id, session.id, self._pending[0],
                    on_done=self._on_blind_item)

    def _on_blind_item(self, item: BlindItem) -> None:
        if item.rated:  # rated earlier: skip to the next one
            self._pending.pop(0)
            self._next_item()
            return
        self._show_item(item)

    def _show_item(self, item: BlindItem | None) -> None:
        self.item = item
        session = self.current_session()
        can_rate = item is not None and session is not None and session.closed_at is None
        for widget in (self.outcome, self.reason, self.rate_button):
            widget.setEnabled(can_rate)
        if item is None:
            self.progress.setText("")
            self.case_view.setPlainText(
                self.tr("Nothing to rate in this session.") if session else
                self.tr("No calibration session for you right now."))
            return
        self.progress.setText(self.tr("Case {n} of the session").format(n=item.position + 1))
        self.reason.clear()
        self.case_view.setPlainText(self.tr(
            "{ref} · {policy} · {language}\nEnforcement: {action}\nFacts: {facts}\n\n"
            "Appellant's statement:\n{statement}").format(
            ref=item.appeal_ref, policy=item.policy_code, language=item.language,
            action=labels.enforcement_action(EnforcementAction(item.enforcement_action)),
            facts=item.enforcement_facts, statement=item.statement))

    def rate(self) -> None:
        """Store my answer on the shown case and move to the next."""
        item, session = self.item, self.current_session()
        if item is None or session is None or not self.rate_button.isEnabled():
            return
        self.rate_button.setEnabled(False)
        self.submit(self._cal.rate, self._user.id, session.id, item.appeal_id,
                    Outcome(self.outcome.currentData()), self.reason.text().strip() or None,
                    write=True, on_done=lambda _none: self._after_rating(item.appeal_id),
                    on_finally=lambda: self.rate_button.setEnabled(self.item is not None))

    def _after_rating(self, appeal_id: int) -> None:
        if self._pending and self._pending[0] == appeal_id:
            self._pending.pop(0)
        self.message.emit(self.tr("Rating saved."), "info")
        self._next_item()
        session = self.current_session()
        if self._auditor and session is not None:
            self.submit(self._results, session.id, on_done=self._show_results)

    # -- auditors --------------------------------------------------------------------------
    def create_session(self) -> None:
        """Create a session from the typed cases and the ticked participants."""
        try:
            cases = parse_cases(self.new_cases.toPlainText())
        except ValueError as exc:
            self.message.emit(self.tr(
                "Line {n}: write the appeal reference, a final outcome (uphold, overturn, "
                "partial, reject_inadmissible) and optionally a reason code.").format(
                n=str(exc)), "error")
            return
        name, people = self.new_name.text(), self.participants()
        cal, qa, uid = self._cal, self._qa, self._user.id

        def work() -> int:
            ids = qa.appeal_ids(uid, [ref for ref, _o, _r in cases])
            gold = [GoldAnswer(ids[ref], outcome, reason) for ref, outcome, reason in cases]
            return cal.create(uid, name, gold, people)

        self.submit(work, write=True, on_done=self._on_created)

    def _on_created(self, _session_id: int) -> None:
        self.message.emit(self.tr("Session created; participants find it in their "
                                  "Calibration tab."), "info")
        self.new_name.clear()
        self.new_cases.clear()
        self.reload()

    def _on_close_button_clicked(self) -> None:
        session = self.current_session()
        if session is not None:
            self.submit(self._cal.close, self._user.id, session.id, write=True,
                        on_done=lambda _none: self.reload())

    def _show_results(self, found: tuple[CalibrationResults, dict[int, str]]) -> None:
        r, refs = found
        name = self._names.get
        lines = [self.tr("Agreement with the gold answer:")]
        for p in r.gold:
            share = "—" if p.share is None else f"{p.share:.0%}"
            lines.append(f"  {name(p.user_id, str(p.user_id))}: {p.matched}/{p.compared} "
                         f"({share})")
        lines.append(self.tr("Cohen's kappa, pairs:"))
        unrated = sum(pair.items == 0 for pair in r.pairs)
        for pair in (p for p in r.pairs if p.items):
            lines.append(f"  {name(pair.user_a, str(pair.user_a))} × "
                         f"{name(pair.user_b, str(pair.user_b))}: "
                         f"{self._stat(pair.kappa)} ({pair.items})")
        if unrated:
            lines.append(self.tr("  (%n pair(s) with no case rated by both left out)", "",
                                 unrated))
        lines.append(self.tr("Fleiss' kappa: {v}").format(v=self._stat(r.fleiss)))
        lines.append(self.tr("Krippendorff's alpha (nominal): {v}").format(
            v=self._stat(r.krippendorff)))
        lines.append(self.tr("Most contested first:"))
        for case in r.contested:
            spread = ", ".join(f"{labels.outcome(o)} {n}" for o, n in case.answers.items())
            lines.append(self.tr("  {ref}: {d:.0%} disagree · gold {gold} · {spread}")
                         .format(ref=refs.get(case.appeal_id, case.appeal_id),
                                 d=case.disagreement,
                                 gold=labels.outcome(case.gold), spread=spread))
        self.results.setPlainText("\n".join(lines))

    def _stat(self, stat: Statistic) -> str:
        if stat.value is None:
            return self.tr("n/a ({reason})").format(reason=stat.reason or "")
        return f"{stat.value:.3f}"
