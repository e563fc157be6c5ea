"""Every trigger-lexicon entry carries example sentences: each must come out with its types."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.knowledge.taxonomy import taxonomy
from eventwire.knowledge.triggers import Example, lexicon

EXAMPLES = [(e.id, n, ex) for e in lexicon().entries for n, ex in enumerate(e.examples)]


@pytest.fixture(scope="module")
def classified() -> dict[tuple[str, int], dict[str, Any]]:
    from eventwire.classify import classify_snippets

    items = [{"id": (eid, n), "text": ex.text} for eid, n, ex in EXAMPLES]
    return {r["id"]: r for r in classify_snippets(items, use_model=False)}  # the rules layer alone


def test_every_entry_has_examples() -> None:
    missing = [e.id for e in lexicon().entries if not e.examples]
    assert missing == []


def test_lexicon_covers_both_taxonomies() -> None:
    tax = taxonomy()
    entries = lexicon().entries
    assert {e.acled[1] for e in entries if e.acled} == set(tax.sub_types())
    assert {e.plover[0] for e in entries if e.plover} == set(tax.plover)
    for e in entries:
        if e.acled:
            assert tax.is_valid_acled(*e.acled), e.id
        if e.plover:
            assert tax.is_valid_plover(*e.plover), e.id


@pytest.mark.parametrize(("entry_id", "n", "example"), EXAMPLES, ids=[f"{i}-{n}" for i, n, _ in EXAMPLES])
def test_example(entry_id: str, n: int, example: Example, classified: dict[tuple[str, int], dict[str, Any]]) -> None:
    got = classified[(entry_id, n)]
    if example.acled:
        assert (got["acled"]["event_type"], got["acled"]["sub_event_type"]) == example.acled, got
    if example.plover:
        assert got["plover"]["type"] == example.plover[0], got
        if len(example.plover) > 1:
            assert got["plover"]["mode"] == example.plover[1], got
    if example.modality:
        assert got["modality"] == example.modality, got
