"""Running ``reviewer_app.cli.main`` in process: one JSON line out, or one error line."""

from __future__ import annotations

import json

import pytest

from reviewer_app.cli import main


def run_ok(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(list(args)) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1, out
    return json.loads(out)  # type: ignore[no-any-return]


def run_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reviewer-app: error: "), captured.err
    return lines[0]
