"""Golden cases: auditors plant known-answer appeals for chosen reviewers; decisions on them
are scored automatically and tallied per reviewer."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.calibration import GoldAnswer, GoldenTally
from reviewer_app.domain.enums import Outcome, Role
from reviewer_app.domain.models import User
from reviewer_app.services.golden import GoldenService
from reviewer_app.services.qa import QaService
from reviewer_app.ui import labels
from reviewer_app.ui.qa.qa_tab import QaTab
from reviewer_app.ui.qa.tables import checked_ids, fill_people, fill_rows, read_only_table
from reviewer_app.workers.runner import Runner

SCORE_EVERY_MS = 60_000  # decided golden cases are scored while the QA window is open


class GoldenPanel(QaTab):
    """Make an open appeal golden for some reviewers; see each reviewer's golden results."""

    def __init__(self, runner: Runner, golden: GoldenService, qa: QaService, user: User,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("goldenPanel")
        self._golden, self._qa, self._user = golden, qa, user
        self._names: dict[int, str] = {}
        self.ref = QLineEdit()
        self.ref.setObjectName("goldenRef")
        self.ref.setPlaceholderText("AP-00000001")
        self.outcome = QComboBox()
        self.outcome.setObjectName("goldenOutcome")
        for o in (o for o in Outcome if o.is_final):
            self.outcome.addItem(labels.outcome(o), o.value)
        self.reason = QLineEdit()
        self.reason.setObjectName("goldenReason")
        self.reason.setPlaceholderText(self.tr("any reason code if empty"))
        self.targets = QListWidget()
        self.targets.setObjectName("goldenTargets")
        self.create_button = QPushButton(self.tr("Make &golden"))
        self.create_button.setObjectName("makeGolden")
        form = QFormLayout()
        form.addRow(self.tr("Open &appeal:"), self.ref)
        form.addRow(self.tr("Gold &outcome:"), self.outcome)
        form.addRow(self.tr("Gold &reason code:"), self.reason)
        form.addRow(self.tr("For reviewers:"), self.targets)
        form.addRow(self.create_button)
        box = QGroupBox(self.tr("New golden case"))
        box.setLayout(form)
        note = QLabel(self.tr(
            "A golden case stays in the queue like any other appeal and only its reviewers "
            "are offered it; nothing on their screen says it is golden. Once decided it is "
            "scored against the gold answer and published to the reviewer. Golden results "
            "are kept out of audit accuracy."))
        note.setWordWrap(True)
        self.table = read_only_table('goldenResults', [
            self.tr("Reviewer"), self.tr("Golden cases decided"), self.tr("Gold outcome"),
            self.tr("Share")])
        self.score_button = QPushButton(self.tr("Score &decided golden cases now"))
        right = QVBoxLayout()
        right.addWidget(note)
        right.addWidget(self.table, 1)
        right.addWidget(self.score_button)
        layout = QHBoxLayout(self)
        layout.addWidget(box, 1)
        layout.addLayout(right, 1)
        self.create_button.clicked.connect(self.create)
        self.score_button.clicked.connect(self.reload)
        self._timer = QTimer(self)
        self._timer.setInterval(SCORE_EVERY_MS)
        self._timer.timeout.connect(self.reload)
        self._timer.start()

    def reload(self) -> None:
        """Score what was decided since, then read the results (and the reviewers)."""
        self.submit(self._qa.people, on_done=self._set_people)
        self.submit(self._score_then_tally, write=True, on_done=self._set_results)

    def _score_then_tally(self) -> tuple[tuple[int, ...], tuple[GoldenTally, ...]]:
        # On the write lane: scoring writes evaluations, the tally reads them afterwards.
        scored = self._golden.score_decided(self._user.id)
        return scored, self._golden.golden_results(self._user.id)

    def _set_people(self, people: tuple[User, ...]) -> None:
        self._names = {u.id: u.display_name for u in people}
        fill_people(self.targets, (p for p in people if p.role is Role.REVIEWER))

    def chosen_targets(self) -> list[int]:
        """Reviewer ids ticked as targets."""
        return checked_ids(self.targets)

    def _set_results(self, found: tuple[tuple[int, ...], tuple[GoldenTally, ...]]) -> None:
        scored, tallies = found
        if scored:
            self.message.emit(self.tr("%n golden decision(s) scored and published.", "",
                                      len(scored)), "info")
        fill_rows(self.table, [
            (self._names.get(t.user_id, str(t.user_id)), str(t.decided), str(t.correct),
             f"{t.correct / t.decided:.0%}" if t.decided else "—") for t in tallies])

    def create(self) -> None:
        """Make the typed appeal golden for the ticked reviewers."""
        ref, targets = self.ref.text().strip(), self.chosen_targets()
        if not ref:
            self.message.emit(self.tr("Type the reference of an open appeal."), "error")
            return
        gold_outcome = Outcome(self.outcome.currentData())
        reason = self.reason.text().strip() or None
        golden, qa, uid = self._golden, self._qa, self._user.id

        def work() -> int:
            appeal_id = qa.appeal_ids(uid, [ref])[ref]
            return golden.create(uid, GoldAnswer(appeal_id, gold_outcome, reason), targets)

        self.submit(work, write=True, on_done=lambda _id: self._on_created(ref))

    def _on_created(self, ref: str) -> None:
        self.message.emit(self.tr("{ref} is now a golden case for {n} reviewer(s).").format(
            ref=ref, n=len(self.chosen_targets())), "info")
        self.ref.clear()
        self.reason.clear()
