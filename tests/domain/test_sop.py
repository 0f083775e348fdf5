"""Tests for the SOP checklist parser."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.domain.sop import parse_checklist


def test_items_in_order_and_other_lines_ignored() -> None:
    md = "# Title\n\nIntro - [ ] not an item\n- [ ] Check brand\n  * [x] Verify invoice \n- plain\n"
    assert parse_checklist(md) == ("Check brand", "Verify invoice")


def test_fenced_code_is_not_a_checklist() -> None:
    md = "```\n- [ ] inside\n```\n- [ ] outside\n"
    assert parse_checklist(md) == ("outside",)


def test_empty_box_without_text_is_skipped() -> None:
    assert parse_checklist("- [ ]   \n- [ ] a") == ("a",)


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
                        min_size=1).map(str.strip).filter(bool), max_size=8))
def test_roundtrip_generated_items(items: list[str]) -> None:
    md = "\n".join(f"- [ ] {item}" for item in items)
    assert parse_checklist(md) == tuple(items)


def test_markdown_to_plain_and_snippet() -> None:
    from reviewer_app.domain.text import markdown_to_plain, snippet

    md = ("# Title\n\n| Case | Evidence |\n|---|:---:|\n| Bought from **brand** | Invoice |\n"
          "---\n- [ ] See [the registry](https://x.example)\n")
    plain = markdown_to_plain(md)
    assert plain == "Title Case Evidence Bought from brand Invoice See the registry"
    assert snippet(plain, "INVOICE", width=8) == "…m brand Invoice See the…"
    assert snippet("short", "missing") == "short"
