"""Demo data: deterministic, multilingual, with histories, 2nd rounds and every SLA state."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.demo_store import TABLES
from reviewer_app.data.orm import (
    AppealRow,
    DecisionRow,
    EnforcementRow,
    EventRow,
    LeaseRow,
    PolicyRow,
    UserRow,
    UserSkillRow,
)
from reviewer_app.data.schema import upgrade
from reviewer_app.domain.enums import SlaState
from reviewer_app.domain.forecast import DEFAULT_HOLDOUT_DAYS, HOLT_WINTERS_MIN_DAYS
from reviewer_app.domain.sla import sla_state
from reviewer_app.services.catalog import has_catalog
from reviewer_app.services.demo import (
    DemoRefusedError,
    ensure_demo_database,
    fill_demo_database,
    generate_demo,
)
from reviewer_app.services.demo_arrivals import DEMO_APPEALS, history_days
from reviewer_app.services.demo_texts import LANGUAGES, phrase_banks

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _fresh_sqlite(path: Path) -> Database:
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    return Database(engine)


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    with db.read() as s:
        for name, table in {**TABLES, "policies": PolicyRow.__table__}.items():
            order = list(table.primary_key.columns)
            out[name] = [tuple(r) for r in s.execute(select(table).order_by(*order))]
    return out


@pytest.fixture
def demo(database: Database) -> Database:
    generate_demo(database, appeals=600, seed=11, now=NOW)
    return database


def test_same_seed_gives_identical_rows_on_either_engine(
    demo: Database, tmp_path: Path
) -> None:
    other = _fresh_sqlite(tmp_path / "other.sqlite3")
    try:
        generate_demo(other, appeals=600, seed=11, now=NOW)
        first, second = _dump(demo), _dump(other)
    finally:
        other.dispose()
    assert len(first["appeals"]) == 600
    for name in first:
        assert first[name] == second[name], name


def test_another_seed_gives_other_data(tmp_path: Path) -> None:
    a, b = _fresh_sqlite(tmp_path / "a.sqlite3"), _fresh_sqlite(tmp_path / "b.sqlite3")
    try:
        generate_demo(a, appeals=50, seed=1, now=NOW)
        generate_demo(b, appeals=50, seed=2, now=NOW)
        assert _dump(a)["appeals"] != _dump(b)["appeals"]
    finally:
        a.dispose()
        b.dispose()


def test_statements_are_written_in_each_language(demo: Database) -> None:
    banks = phrase_banks()
    with demo.read() as s:
        rows = s.execute(select(AppealRow.language, AppealRow.statement,
                                AppealRow.plan_of_action)).all()
    by_lang = Counter(lang for lang, _st, _plan in rows)
    assert set(by_lang) == set(LANGUAGES)
    assert by_lang["zh-CN"] >= 0.1 * len(rows)  # many cross-border merchants
    for lang, statement, plan in rows:
        openers = [o.split("{")[0] for o in banks.statements[lang]["openers"]]
        assert any(statement.startswith(o) for o in openers), (lang, statement)
        assert "{" not in statement
        if lang == "zh-CN":
            assert CJK.search(statement)
            assert not plan or CJK.search(plan)
        else:
            assert not CJK.search(statement)


def test_second_rounds_follow_decided_first_rounds(demo: Database) -> None:
    with demo.read() as s:
        appeals = {a.id: (a.round, a.previous_appeal_id, a.status, a.enforcement_id,
                          a.received_at, a.decided_at) for a in s.scalars(select(AppealRow))}
        deciders = dict(s.execute(select(DecisionRow.appeal_id, DecisionRow.user_id)).all())
    seconds = [(i, a) for i, a in appeals.items() if a[0] == 2]
    assert len(seconds) >= 10
    for appeal_id, (_r, prev, _status, enf, received, _d) in seconds:
        first = appeals[prev]
        assert first[0] == 1 and first[2] == "decided" and first[3] == enf
        assert first[5] is not None and first[5] <= received
        assert deciders.get(appeal_id) != deciders[prev]
    assert all(a[1] is None for a in appeals.values() if a[0] == 1)


def test_open_appeals_show_every_sla_state(demo: Database) -> None:
    with demo.read() as s:
        rows = s.execute(select(AppealRow.sla_due_at, AppealRow.received_at, AppealRow.status,
                                AppealRow.priority)).all()
    states = Counter(sla_state(due, NOW, 4.0) for due, _rec, status, _p in rows
                     if status != "decided")
    assert all(states[st] >= 3 for st in SlaState), states
    assert all(rec <= NOW and rec < due for due, rec, _s, _p in rows)
    assert all(0 <= p <= 100 for *_x, p in rows)
    statuses = Counter(status for _d, _r, status, _p in rows)
    assert Counter(s for s in statuses.elements() if s != "decided").most_common(1)[0][0] == "new"
    assert {"decided", "escalated", "awaiting_info", "in_review"} <= set(statuses)


def test_the_demo_team_is_in_steady_state_not_a_surge(database: Database) -> None:
    # Twelve days at 250 a day: intake every day with quieter weekends, a backlog of about
    # a day's intake, and most decisions inside their SLA, so the charts show a team at work.
    generate_demo(database, appeals=3000, seed=5, now=NOW)
    with database.read() as s:
        rows = s.execute(select(AppealRow.received_at, AppealRow.decided_at,
                                AppealRow.sla_due_at, AppealRow.status)).all()
    start = (NOW - timedelta(days=history_days(3000))).date()
    per_day = Counter(received.date() for received, *_x in rows)
    days = [start + timedelta(days=n) for n in range(1, (NOW.date() - start).days)]
    weekdays = [per_day[d] for d in days if d.weekday() < 5]
    weekend = [per_day[d] for d in days if d.weekday() >= 5]
    assert weekend and min(weekdays) > 0
    assert max(weekdays) < 1.6 * min(weekdays), per_day  # no surge
    assert sum(weekend) / len(weekend) < 0.8 * sum(weekdays) / len(weekdays)
    daily = len(rows) / history_days(3000)
    open_now = sum(1 for *_x, status in rows if status != "decided")
    assert 0.3 * daily < open_now < 2 * daily, (open_now, daily)
    decided = [(r, d, due) for r, d, due, status in rows if status == "decided"]
    assert all(r < d <= NOW for r, d, _due in decided)
    within = sum(1 for _r, d, due in decided if d <= due) / len(decided)
    assert 0.7 < within < 0.95, within


def test_the_default_demo_gives_the_forecast_a_season_and_a_held_out_fortnight() -> None:
    assert history_days(DEMO_APPEALS) >= HOLT_WINTERS_MIN_DAYS + DEFAULT_HOLDOUT_DAYS


def test_users_of_every_role_with_skills(demo: Database) -> None:
    with demo.read() as s:
        users = {u.id: (u.role, u.display_name) for u in s.scalars(select(UserRow))}
        skills = s.execute(select(UserSkillRow.user_id, UserSkillRow.kind,
                                  UserSkillRow.value)).all()
    roles = Counter(role for role, _n in users.values())
    assert all(roles[r] >= 2 for r in ("reviewer", "qa", "lead", "admin")), roles
    with_skills = {uid for uid, _k, _v in skills}
    reviewers = [uid for uid, (role, _n) in users.items() if role == "reviewer"]
    assert any(uid not in with_skills for uid in reviewers)  # one reviewer works anything
    zh = {uid for uid, kind, value in skills if kind == "language" and value == "zh-CN"}
    assert any(users[uid][0] == "reviewer" for uid in zh)
    assert all(" " in name for _r, name in users.values())


def test_open_cases_are_held_by_reviewers_who_could_have_claimed_them(demo: Database) -> None:
    """Ctrl+N resumes one's own leases first: a demo lease must be one its holder can work."""
    from reviewer_app.data import user_repository
    from reviewer_app.data.orm import AppealRow, LeaseRow

    with demo.read() as s:
        held = s.execute(select(LeaseRow.user_id, AppealRow.language, AppealRow.market,
                                AppealRow.policy_code)
                         .join(AppealRow, AppealRow.id == LeaseRow.appeal_id)).all()
        holders = {uid: user_repository.get_user(s, uid) for uid, *_ in held}
    assert held
    for uid, language, market, policy in held:
        user = holders[uid]
        for have, value in ((user.languages, language), (user.markets, market),
                            (user.policies, policy)):
            assert not have or value in have, (user.login, language, market, policy)


def test_enforcements_histories_and_events(demo: Database) -> None:
    with demo.read() as s:
        users = dict(s.execute(select(UserRow.id, UserRow.role)).all())
        enfs = s.execute(select(EnforcementRow.automated_decision,
                                EnforcementRow.automation_ref,
                                EnforcementRow.decided_by_user_id, EnforcementRow.evidence_json,
                                EnforcementRow.is_strike, EnforcementRow.appellant_id)).all()
        appeals = dict(s.execute(select(AppealRow.id, AppealRow.enforcement_id)).all())
        enf_decider = dict(s.execute(select(EnforcementRow.id,
                                            EnforcementRow.decided_by_user_id)).all())
        created = Counter(s.scalars(select(EventRow.appeal_id).where(EventRow.type == "created")))
        decisions = s.execute(select(DecisionRow.appeal_id, DecisionRow.user_id,
                                     DecisionRow.response_text, DecisionRow.outcome,
                                     DecisionRow.decided_at)).all()
        leased = set(s.scalars(select(LeaseRow.appeal_id)))
        in_review = set(s.scalars(select(AppealRow.id).where(AppealRow.status == "in_review")))
    assert any(a == "fully" and ref and d is None for a, ref, d, *_x in enfs)
    humans = [d for _a, _ref, d, *_x in enfs if d is not None]
    assert humans and all(users[d] in ("reviewer", "lead") for d in humans)
    for *_x, evidence, _strike, _app in enfs:
        snap = json.loads(evidence)
        assert snap["detection_signals"]
    strikes = Counter(app for *_x, strike, app in enfs if strike)
    assert max(strikes.values()) >= 2  # account histories with several strikes
    assert created == Counter(dict.fromkeys(appeals, 1))
    escalated_by = {a: (u, at) for a, u, _r, outcome, at in decisions if outcome == "escalate"}
    by_leads = 0
    for appeal_id, user_id, response, _outcome, at in decisions:
        assert user_id != enf_decider[appeals[appeal_id]]
        assert response
        if users[user_id] == "lead":  # decided after a reviewer escalated it
            by_leads += 1
            reviewer, escalated_at = escalated_by[appeal_id]
            assert users[reviewer] == "reviewer" and escalated_at < at
        else:
            assert users[user_id] == "reviewer"
    assert by_leads >= 3
    assert leased == in_review


def test_progress_reports_batches_and_catalog_is_installed(database: Database) -> None:
    assert not has_catalog(database)
    calls: list[tuple[int, int]] = []
    summary = generate_demo(database, appeals=2500, seed=3, now=NOW,
                            progress=lambda d, t: calls.append((d, t)))
    assert has_catalog(database)
    assert summary.appeals == 2500
    assert calls[-1] == (2500, 2500)
    assert len(calls) >= 3
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


def test_fill_refuses_a_database_with_appeals_unless_forced(db_url: str) -> None:
    fill_demo_database(db_url, appeals=20, seed=1, now=NOW)
    with pytest.raises(DemoRefusedError, match="--force"):
        fill_demo_database(db_url, appeals=20, seed=1, now=NOW)
    summary = fill_demo_database(db_url, appeals=20, seed=1, now=NOW + timedelta(days=1),
                                 force=True)
    assert summary.appeals == 20 and summary.users == 0  # demo users reused


def test_ensure_demo_database_fills_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert ensure_demo_database(url, appeals=30, seed=7, now=NOW)
    assert not ensure_demo_database(url, appeals=30, seed=7, now=NOW)


def test_the_demo_gives_every_qa_tab_something_to_show(demo: Database, tmp_path: Path) -> None:
    from reviewer_app.data.qa_orm import (
        CalibrationRatingRow,
        GoldenCaseRow,
        QaEvaluationRow,
        QaSampleItemRow,
        SamplingPlanRow,
    )

    def qa_rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
        with db.read() as s:
            return {
                "plans": [tuple(r) for r in s.execute(select(
                    SamplingPlanRow.name, SamplingPlanRow.kind).order_by(SamplingPlanRow.id))],
                "items": [tuple(r) for r in s.execute(select(
                    QaSampleItemRow.decision_id, QaSampleItemRow.status)
                    .order_by(QaSampleItemRow.id))],
                "evaluations": [tuple(r) for r in s.execute(select(
                    QaEvaluationRow.decision_id, QaEvaluationRow.status, QaEvaluationRow.score,
                    QaEvaluationRow.kind).order_by(QaEvaluationRow.id))],
                "ratings": [tuple(r) for r in s.execute(select(
                    CalibrationRatingRow.appeal_id, CalibrationRatingRow.user_id,
                    CalibrationRatingRow.outcome).order_by(CalibrationRatingRow.appeal_id,
                                                           CalibrationRatingRow.user_id))],
                "golden": [tuple(r) for r in s.execute(select(GoldenCaseRow.appeal_id))],
            }

    found = qa_rows(demo)
    assert len(found["plans"]) == 3
    statuses = Counter(status for _d, status, _s, _k in found["evaluations"])
    assert statuses["published"] >= 1 and statuses["disputed"] == 1
    assert any(score == 0 for _d, _st, score, _k in found["evaluations"])  # errors found
    assert any(status == "pending" for _d, status in found["items"])  # work left for QA
    assert found["ratings"] and len(found["golden"]) == 1
    other = _fresh_sqlite(tmp_path / "again.sqlite3")
    try:
        generate_demo(other, appeals=600, seed=11, now=NOW)
        assert qa_rows(other) == found  # deterministic like the rest of the demo
    finally:
        other.dispose()
