"""Erlang C for near-real-time queues (escalations with SLAs in minutes): P(wait), service
level and ASA for a headcount, and the headcount a target service level needs."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from reviewer_app.domain.errors import InvalidInputError
from reviewer_app.domain.staffing import ErlangC, erlang_c, required_agents
from reviewer_app.ui.dashboards.number_inputs import debounce, number_box


class ErlangCalculator(QGroupBox):
    """Erlang C inputs and answers; recomputes (debounced) as the inputs change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Erlang C (live queues such as escalations)"), parent)
        self.setObjectName("erlangCalculator")
        self.traffic = number_box("erlangTraffic", 0, 100_000, 5, decimals=2,
                                  suffix=self.tr(" Erlangs"))
        self.traffic.setToolTip(self.tr("Arrivals per second × AHT in seconds"))
        self.agents = number_box("erlangAgents", 1, 100_000, 7)
        self.target_seconds = number_box("erlangTargetSeconds", 0, 86_400, 20,
                                         suffix=self.tr(" s"))
        self.aht_seconds = number_box("erlangAhtSeconds", 1, 86_400, 180, suffix=self.tr(" s"))
        self.target_level = number_box("erlangTargetLevel", 0.01, 0.99, 0.8, decimals=2,
                                       step=0.05)
        self.target_level.setToolTip(self.tr("Share answered within the target time, 0–1"))
        self.p_wait = self._answer("erlangPWait")
        self.service_level = self._answer("erlangServiceLevel")
        self.asa = self._answer("erlangAsa")
        self.occupancy = self._answer("erlangOccupancy")
        self.required = self._answer("erlangRequired")
        self.message = self._answer("erlangMessage")
        form = QFormLayout(self)
        form.addRow(self.tr("&Traffic:"), self.traffic)
        form.addRow(self.tr("&Agents:"), self.agents)
        form.addRow(self.tr("Answer &within:"), self.target_seconds)
        form.addRow(self.tr("A&HT:"), self.aht_seconds)
        form.addRow(self.tr("P(wait):"), self.p_wait)
        form.addRow(self.tr("Service level:"), self.service_level)
        form.addRow(self.tr("Average speed of answer:"), self.asa)
        form.addRow(self.tr("Occupancy:"), self.occupancy)
        form.addRow(self.tr("Target service le&vel:"), self.target_level)
        form.addRow(self.tr("Agents needed:"), self.required)
        form.addRow(self.message)
        self._timer = debounce(self, self.recompute)
        for box in (self.traffic, self.agents, self.target_seconds, self.aht_seconds,
                    self.target_level):
            box.valueChanged.connect(self._timer.start)
        self.recompute()

    def _answer(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def recompute(self) -> None:
        """Answer for the inputs as they are now."""
        traffic, aht = self.traffic.value(), self.aht_seconds.value()
        target = self.target_seconds.value()
        try:
            now = erlang_c(traffic, int(self.agents.value()), target, aht)
            needed = required_agents(traffic, self.target_level.value(), target, aht)
        except InvalidInputError as exc:
            for label in (self.p_wait, self.service_level, self.asa, self.occupancy,
                          self.required):
                label.setText("—")
            self.message.setText(str(exc))
            return
        self._show(now, needed)

    def _show(self, now: ErlangC, needed: ErlangC) -> None:
        self.p_wait.setText(f"{now.p_wait:.4f}")
        self.service_level.setText(f"{now.service_level:.4f}")
        self.asa.setText(self.tr("{s} s").format(s=f"{now.asa_seconds:.1f}")
                         if math.isfinite(now.asa_seconds) else "—")
        self.occupancy.setText(f"{now.occupancy:.1%}")
        self.required.setText(self.tr("{n} (service level {level})").format(
            n=needed.agents, level=f"{needed.service_level:.4f}"))
        self.message.setText(
            self.tr("Overloaded: the traffic needs more agents than that; the queue grows "
                    "without end.") if now.agents <= now.traffic else "")
