"""The claim → read → decide → next loop, run through the runner (no widgets here)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.errors import (
    ConflictError,
    IncompleteDecisionError,
    LeaseLostError,
    NothingToClaimError,
    ReviewerError,
)
from reviewer_app.domain.handle_time import HandleTimeMeter
from reviewer_app.domain.models import Changes, DecisionDraft, Lease, User
from reviewer_app.services.outbox import SubmitResult, SubmitStatus
from reviewer_app.ui import labels
from reviewer_app.ui.dialogs.errors import describe_error
from reviewer_app.workers.ops import OpenedCase, Services, claim_case, claim_next_case
from reviewer_app.workers.runner import Runner

RENEW_INTERVAL_MS = 60_000


class ReviewFlow(QObject):
    """Holds the open case and its lease; the main window wires it to the panels.

    Signals:
        case_opened(OpenedCase): a case was claimed and loaded.
        case_closed(): the case was decided or released; panels clear.
        case_lost(): the lease was lost; panels keep their content, submit is refused.
        queue_changed(Changes): rows to refresh in the queue.
        lease_changed(object): the current ``Lease`` or None.
        field_errors(tuple): FieldErrors of a refused decision, for the form.
        message(str, str): (text, kind) for the banner; kind is "info" or "warning".
        busy_changed(bool): a claim or submit is in flight.
        saved_locally(SubmitResult): the database was unreachable; the decision waits in
            the local outbox (the case is closed here, its lease stays until replay).
    """

    case_opened = Signal(object)
    case_closed = Signal()
    case_lost = Signal()
    queue_changed = Signal(object)
    lease_changed = Signal(object)
    field_errors = Signal(object)
    message = Signal(str, str)
    busy_changed = Signal(bool)
    saved_locally = Signal(object)

    def __init__(
        self,
        runner: Runner,
        services: Services,
        user: User,
        meter: HandleTimeMeter,
        *,
        clock: Clock = utc_now,
        monotonic: Callable[[], float] = time.monotonic,
        renew_interval_ms: int = RENEW_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._services = services
        self.user = user
        self._meter = meter
        self._clock = clock
        self._monotonic = monotonic
        self.current: OpenedCase | None = None
        self.lease: Lease | None = None
        self._busy = False
        self._op = 0  # id of the operation that owns "busy"
        self._renew = QTimer(self)
        self._renew.setInterval(renew_interval_ms)
        self._renew.timeout.connect(self._on_renew_timeout)

    @property
    def busy(self) -> bool:
        """True while a claim, submit or release is in flight."""
        return self._busy

    def claim_next(self) -> None:
        """Lease and open the most urgent appeal the user may take."""
        if not self._can_start():
            return
        self._start(claim_next_case, self._services, self.user.id)

    def claim(self, appeal_id: int) -> None:
        """Lease and open a chosen appeal."""
        if not self._can_start():
            return
        self._start(claim_case, self._services, appeal_id, self.user.id)

    def submit(self, draft: DecisionDraft) -> None:
        """Store the decision (write lane); on success close the case and claim the next.

        With a local outbox the draft is saved on this computer first, so an unreachable
        database still closes the case here ("saved on this computer").
        """
        if self._busy:
            return
        if self.current is None:
            self.message.emit(self.tr("No case is open. Claim one with Ctrl+N."), "info")
            return
        seconds = self._meter.active_seconds(self._monotonic())
        draft = replace(draft, handle_seconds=seconds)
        op = self._begin()
        outbox = self._services.outbox
        if outbox is None:
            self._runner.submit(
                self._services.review.decide, self.user.id, draft, write=True,
                on_done=self._on_decided, on_error=self._on_decide_failed,
                on_finally=lambda: self._end(op),
            )
            return
        self._runner.submit(
            outbox.submit, self.user.id, draft, self.current.case.ref, write=True,
            on_done=self._on_submitted, on_error=self._on_decide_failed,
            on_finally=lambda: self._end(op),
        )

    def release(self, reason: str) -> None:
        """Give the open case back to the queue with ``reason``."""
        if self.current is None or self._busy:
            return
        appeal_id = self.current.case.appeal_id
        op = self._begin()
        self._runner.submit(
            self._services.queue.release, appeal_id, self.user.id, reason, write=True,
            on_done=self._on_released, on_error=self._on_release_failed,
            on_finally=lambda: self._end(op),
        )

    def renew_now(self, *, force: bool = False) -> None:
        """Renew the lease if the reviewer is active (the timer calls this every minute).

        ``force`` renews even when idle: the reviewer pressed "keep working".
        """
        if self.current is None or self.lease is None:
            return
        if self._runner.is_closed:
            # The app is closing (or a window outlived its runner): nothing can renew now.
            self._renew.stop()
            return
        if not force and not self._meter.is_active(self._monotonic()):
            return  # an idle reviewer's lease runs out and the case goes back to the queue
        appeal_id = self.lease.appeal_id
        self._runner.submit(
            self._services.queue.renew, appeal_id, self.user.id, write=True,
            on_done=self._on_renewed, on_error=self._on_renew_failed,
        )

    def keep_working(self) -> None:
        """The reviewer answered the expiry warning: renew now and count them as active."""
        if self.current is None:
            return
        self._meter.user_input(self._monotonic())
        self.renew_now(force=True)

    def hold(self, note: str) -> None:
        """Keep the open case for longer with a note asking for help."""
        if self.current is None or self.lease is None or self._busy:
            return
        lease = self.lease
        self._lease_write(self._services.handoff.hold, lease.appeal_id, self.user.id, note,
                          lease.version, on_done=self._on_held)

    def resume(self) -> None:
        """Take up a held case again: normal lease and renewals."""
        if self.current is None or self.lease is None or self._busy:
            return
        lease = self.lease
        self._lease_write(self._services.handoff.unhold, lease.appeal_id, self.user.id,
                          lease.version, on_done=self._on_resumed)

    def hand_off(self, colleague_id: int, colleague_name: str, note: str) -> None:
        """Give the open case to a colleague with a note; the case closes here."""
        if self.current is None or self.lease is None or self._busy:
            return
        lease = self.lease

        def done(changes: Changes) -> None:
            self._close_case()
            self.queue_changed.emit(changes)
            self.message.emit(self.tr("Case handed to {name}.").format(name=colleague_name),
                              "info")

        self._lease_write(self._services.handoff.hand_off, lease.appeal_id, self.user.id,
                          colleague_id, note, lease.version, on_done=done)

    def _lease_write(self, fn: Callable[..., object], *args: object,
                     on_done: Callable[..., None]) -> None:
        op = self._begin()
        self._runner.submit(fn, *args, write=True, on_done=on_done,
                            on_error=self._on_lease_change_failed,
                            on_finally=lambda: self._end(op))

    # -- handlers ----------------------------------------------------------------------

    def _on_held(self, lease: Lease) -> None:
        self._on_renewed(lease)
        self.message.emit(self.tr(
            "Held for help: the case stays with you until {time}. Press Ctrl+Shift+H again "
            "to resume."
        ).format(time=labels.clock_time(lease.expires_at)), "info")

    def _on_resumed(self, lease: Lease) -> None:
        self._on_renewed(lease)
        self.message.emit(self.tr("Resumed: the lease renews itself again while you work."),
                          "info")

    def _on_lease_change_failed(self, exc: ReviewerError) -> None:
        if isinstance(exc, LeaseLostError):
            self._lose_case()
        elif isinstance(exc, ConflictError):
            self.renew_now(force=True)  # fetch the lease as it is now (its new version)
        self.message.emit(describe_error(exc), "warning")

    def _can_start(self) -> bool:
        if self._busy:
            return False
        if self.current is not None:
            self.message.emit(self.tr(
                "Finish this case first: submit a decision (Ctrl+Return) or release it "
                "(Ctrl+Shift+R)."
            ), "info")
            return False
        return True

    def _start(self, fn: Callable[..., OpenedCase], *args: object) -> None:
        op = self._begin()
        self._runner.submit(
            fn, *args, write=True, on_done=self._on_opened, on_error=self._on_claim_failed,
            on_finally=lambda: self._end(op),
        )

    def _on_opened(self, opened: OpenedCase) -> None:
        self.current = opened
        self._set_lease(opened.lease)
        self._meter.start_case(self._monotonic())
        self._renew.start()
        self.case_opened.emit(opened)
        self.queue_changed.emit(Changes(appeal_ids=frozenset({opened.case.appeal_id})))
        if opened.lease.note:  # resumed: handed to me, or held before a restart
            self.message.emit(self.tr("You already held this case. Note: {note}").format(
                note=opened.lease.note), "info")

    def _on_claim_failed(self, exc: ReviewerError) -> None:
        kind = "info" if isinstance(exc, NothingToClaimError) else "warning"
        self.message.emit(describe_error(exc), kind)

    def _on_submitted(self, result: SubmitResult) -> None:
        if result.status is SubmitStatus.APPLIED:
            self._on_decided(result.changes)
            return
        # No automatic claim: the database is unreachable, a claim would only fail.
        self._close_case()
        self.queue_changed.emit(result.changes)
        self.message.emit(self.tr(
            "Saved on this computer; it will be sent when the database is back."), "warning")
        self.saved_locally.emit(result)

    def _on_decided(self, changes: Changes) -> None:
        self._close_case()
        self.queue_changed.emit(changes)
        self.message.emit(self.tr("Decision saved. Claiming the next appeal…"), "info")
        self._end(self._op)  # the automatic claim below takes over "busy"
        self.claim_next()

    def _on_decide_failed(self, exc: ReviewerError) -> None:
        if isinstance(exc, IncompleteDecisionError):
            self.field_errors.emit(exc.errors)
        if isinstance(exc, LeaseLostError):
            self._lose_case()
        self.message.emit(describe_error(exc), "warning")

    def _on_release_failed(self, exc: ReviewerError) -> None:
        if isinstance(exc, LeaseLostError):
            self._lose_case()
        self.message.emit(describe_error(exc), "warning")

    def _on_released(self, changes: Changes) -> None:
        self._close_case()
        self.queue_changed.emit(changes)
        self.message.emit(self.tr("Case released back to the queue."), "info")

    def _on_renew_timeout(self) -> None:
        self.renew_now()

    def _on_renewed(self, lease: Lease) -> None:
        if self.current is not None and lease.appeal_id == self.current.case.appeal_id:
            self._set_lease(lease)

    def _on_renew_failed(self, exc: ReviewerError) -> None:
        if isinstance(exc, LeaseLostError):
            self._lose_case()
        self.message.emit(describe_error(exc), "warning")

    def _close_case(self) -> None:
        self._forget_case()
        self.case_closed.emit()

    def _lose_case(self) -> None:
        """The lease is gone: stop timing and renewing, but leave the panels as they are.

        The reviewer keeps the form text (to copy it, or to claim the same appeal again,
        which keeps the form) and may claim the next case.
        """
        appeal_id = self.current.case.appeal_id if self.current else None
        self._forget_case()
        self.case_lost.emit()
        if appeal_id is not None:
            self.queue_changed.emit(Changes(appeal_ids=frozenset({appeal_id})))

    def _forget_case(self) -> None:
        self._meter.stop_case(self._monotonic())
        self._renew.stop()
        self.current = None
        self._set_lease(None)

    def _begin(self) -> int:
        self._op += 1
        self._set_busy(True)
        return self._op

    def _end(self, op: int) -> None:
        if op == self._op:
            self._set_busy(False)

    def _set_lease(self, lease: Lease | None) -> None:
        self.lease = lease
        self.lease_changed.emit(lease)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
