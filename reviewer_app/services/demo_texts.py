"""Demo text material from ``resources/demo``: statements, plans of action, names, products."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import cache
from typing import Any

from reviewer_app.services.resources import resource_path

LANGUAGES = ("en", "de", "fr", "es", "it", "pl", "zh-CN")
_FILL_KEYS = ("listing_id", "brand", "supplier", "year", "market", "model", "batch")


@dataclass(frozen=True, slots=True)
class PhraseBanks:
    """Everything read from ``resources/demo`` (JSON files, parsed once)."""

    statements: dict[str, Any]
    names: dict[str, Any]
    products: dict[str, Any]


@cache
def phrase_banks() -> PhraseBanks:
    """Parse the demo JSON files (cached: they never change while the app runs)."""

    def load(name: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(
            resource_path("demo", name).read_text(encoding="utf-8")
        )
        return data

    return PhraseBanks(load("statements.json"), load("names.json"), load("products.json"))


def _fill(template: str, values: dict[str, str]) -> str:
    for key in _FILL_KEYS:
        template = template.replace("{" + key + "}", values.get(key, ""))
    return template


def statement(
    rng: random.Random, banks: PhraseBanks, language: str, policy: str, values: dict[str, str]
) -> str:
    """An appellant statement written in ``language`` about ``policy``."""
    bank = banks.statements[language]
    claims = bank["claims"][policy]
    openers, closings = bank["openers"], bank["closings"]
    if not values.get("listing_id"):  # account-level cases have no listing to name
        openers = [o for o in openers if "{listing_id}" not in o]
        closings = closings[1:]  # the first closing asks for the listing back
    parts = [rng.choice(openers)]
    parts.extend(rng.sample(claims, k=rng.choice((1, 1, 2))))
    if rng.random() < 0.6:
        parts.append(rng.choice(bank["evidence"]))
    parts.append(rng.choice(closings))
    joiner = "" if language == "zh-CN" else " "
    return _fill(joiner.join(parts), values)


def plan_of_action(rng: random.Random, banks: PhraseBanks, language: str) -> str:
    """A plan of action in ``language`` (root cause, actions, prevention), one item per line."""
    plan = banks.statements[language]["plan"]
    first, rest = plan[0], plan[1:]
    return "\n".join([f"1. {first}"] + [
        f"{i}. {line}" for i, line in enumerate(rng.sample(rest, k=rng.choice((2, 3))), start=2)
    ])


def business_name(rng: random.Random, banks: PhraseBanks, language: str) -> str:
    """A company name typical for the language."""
    parts = banks.names["business"][language]
    first, second, suffix = (rng.choice(parts[k]) for k in ("first", "second", "suffix"))
    if language == "zh-CN":
        return f"{first}{second}{suffix}"
    return f"{first} {second} {suffix}"


def person_name(rng: random.Random, banks: PhraseBanks, language: str) -> str:
    """A private person's name typical for the language."""
    parts = banks.names["private"][language]
    first, last = rng.choice(parts["first"]), rng.choice(parts["last"])
    return f"{last}{first}" if language == "zh-CN" else f"{first} {last}"
