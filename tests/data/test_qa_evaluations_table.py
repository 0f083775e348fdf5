"""The qa_evaluations table (0006) exists on both engines with its status rule."""

from __future__ import annotations

import pytest
from factories import NOW, Factory
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from reviewer_app.data.db import Database
from reviewer_app.data.qa_orm import QaEvaluationRow
from reviewer_app.domain.enums import Role


def _evaluation(f: Factory, status: str) -> QaEvaluationRow:
    ana = f.user("ana")
    quinn = f.user("quinn", role=Role.QA)
    appeal = f.appeal()
    return QaEvaluationRow(appeal_id=appeal, decision_id=f.decision(appeal, ana),
                           reviewer_user_id=ana, auditor_user_id=quinn, status=status,
                           created_at=NOW)


def test_an_evaluation_is_stored_with_version_1(database: Database) -> None:
    row = _evaluation(Factory(database), "draft")
    with database.write() as s:
        s.add(row)
    with database.read() as s:
        stored = s.execute(select(QaEvaluationRow.status, QaEvaluationRow.version,
                                  QaEvaluationRow.score, QaEvaluationRow.published_at)).one()
    assert tuple(stored) == ("draft", 1, None, None)


def test_an_unknown_status_is_refused(database: Database) -> None:
    row = _evaluation(Factory(database), "final")
    with pytest.raises(IntegrityError), database.write() as s:
        s.add(row)
