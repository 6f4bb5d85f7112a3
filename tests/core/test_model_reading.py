"""Reading drafts all at once (the path a big workshop takes) gives exactly what reading them one
by one gives, and refuses exactly what it refuses, in the same words."""

from __future__ import annotations

import copy
from dataclasses import fields
from typing import Any

import pytest
from hostile import HOSTILE

from okrworkshop.model import (
    _OBJECTIVE_COLUMNS,
    DataError,
    Objective,
    Origin,
    Workshop,
    _objectives,
)


def drafts() -> list[dict[str, Any]]:
    """Drafts as this version stores them, every field set in some of them."""
    out = []
    for n, text in enumerate([*HOSTILE, "Buyers finish checkout", "Sellers list in a minute"]):
        out.append(
            Objective(
                id=f"o{n + 1}",
                text=text,
                author=f"Person {n % 3}",
                origin=Origin.PRE_WORKSHOP if n % 2 else Origin.LIVE,
                pillar="Trust" if n % 3 else None,
                rationale=text if n % 4 == 1 else None,
                votes={f"Person {k}": k for k in range(n % 4)},
                created="2027-01-02T10:00:00+00:00",
                source=f"inv1/o{n}" if n % 5 == 2 else None,
                coauthors=[f"Person {n + 1}"] if n % 3 == 2 else [],
                contributes_to="Grow repeat revenue" if n % 2 else None,
                carried_from="abc123/o9" if n % 7 == 3 else None,
                kept_on_close=n % 6 == 1,
            ).to_dict()
        )
    return out


def one_by_one(raw: list[dict[str, Any]]) -> list[Objective] | str:
    try:
        return [Objective.from_dict(o) for o in raw]
    except DataError as exc:
        return f"refused: {exc}"


def all_at_once(raw: list[dict[str, Any]]) -> list[Objective] | str:
    try:
        return _objectives(raw)
    except DataError as exc:
        return f"refused: {exc}"


def test_every_field_of_a_draft_is_read_by_both_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(_OBJECTIVE_COLUMNS) == {f.name for f in fields(Objective)}
    raw = drafts()
    expected = one_by_one(raw)
    with monkeypatch.context() as patch:  # drafts as this version writes them: all at once
        patch.setattr(Objective, "from_dict", None)
        assert all_at_once(raw) == expected
    assert [o.to_dict() for o in _objectives(raw)] == raw


def test_what_is_read_is_a_copy() -> None:
    raw = drafts()
    read = _objectives(raw)
    read[3].votes["Intruder"] = 9
    read[5].coauthors.append("Intruder")
    assert raw == drafts()


ODD_VALUES: list[tuple[str, Any]] = [
    ("id", 7),
    ("text", None),
    ("author", ["Ben"]),
    ("origin", "sometime"),
    ("origin", None),
    ("pillar", 3),
    ("rationale", {"why": "x"}),
    ("votes", {"Ben": True}),
    ("votes", {"Ben": -1}),
    ("votes", {"Ben": 1.5}),
    ("votes", []),
    ("created", None),
    ("source", 1),
    ("coauthors", ["Ben", 2]),
    ("coauthors", "Ben"),
    ("contributes_to", False),
    ("carried_from", 0),
    ("kept_on_close", 1),
    ("kept_on_close", "yes"),
]


@pytest.mark.parametrize(("key", "value"), ODD_VALUES)
def test_one_odd_field_in_one_draft_reads_as_one_by_one(key: str, value: Any) -> None:
    raw = drafts()
    raw[4][key] = value
    assert all_at_once(raw) == one_by_one(raw)


@pytest.mark.parametrize("change", ["missing", "extra", "reordered", "not a dict"])
def test_drafts_not_written_by_this_version_read_as_one_by_one(change: str) -> None:
    raw: list[Any] = drafts()
    if change == "missing":
        del raw[2]["pillar"]
    elif change == "extra":
        raw[2]["mood"] = "hopeful"
    elif change == "reordered":
        raw[2] = dict(reversed(list(raw[2].items())))
    else:
        raw[2] = ["o3", "text"]
        doc = {"id": "w", "team": "T", "cycle": {"label": "Q1"}, "objectives": raw}
        with pytest.raises(DataError, match="list of objects"):
            Workshop.from_dict(doc)
        return
    assert all_at_once(raw) == one_by_one(raw)


def test_a_workshop_reads_its_drafts_either_way() -> None:
    doc = {"id": "w", "team": "T", "cycle": {"label": "2027 Q1"}, "objectives": drafts()}
    odd = copy.deepcopy(doc)
    odd["objectives"][0]["mood"] = "hopeful"  # forces the one-by-one path
    assert Workshop.from_dict(doc).objectives == Workshop.from_dict(odd).objectives
