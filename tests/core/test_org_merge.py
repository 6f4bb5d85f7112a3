"""Combining two versions of one team file: every change from both sides, or a named refusal."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from org_company import make_org

from okrworkshop.model import CheckIn, Objective, Workshop
from okrworkshop.org_merge import merge


def tables(ws: Workshop) -> dict[str, Any]:
    return {
        "meta": {"1": {"schema_version": 2, "app": "okrworkshop"}},
        "workshops": {"1": ws.to_dict()},
    }


def base_workshop() -> Workshop:
    return make_org.team_workshop(make_org.teams()[0], "p1")


def merged_workshop(base: Workshop, ours: Workshop, theirs: Workshop) -> Workshop:
    result = merge(tables(base), tables(ours), tables(theirs))
    assert result.conflicts == [] and result.data is not None
    (doc,) = result.data["workshops"].values()
    return Workshop.from_dict(doc)


def test_check_ins_drafts_and_votes_from_both_sides_are_kept() -> None:
    base = base_workshop()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.key_results[0].checkins.append(CheckIn(date(2027, 3, 1), "94%", "Ana", 8))
    ours.updated = "2027-03-01T09:00:00+00:00"
    theirs.key_results[1].checkins.append(CheckIn(date(2027, 3, 1), "17%", "Ben", 6))
    theirs.objectives.append(Objective(theirs.next_id("o"), "A new draft", "Ben"))
    theirs.objectives[0].votes["Chen"] = 1
    theirs.updated = "2027-03-01T10:00:00+00:00"
    ws = merged_workshop(base, ours, theirs)
    assert ws.key_results[0].checkins[-1].value == "94%"
    assert ws.key_results[1].checkins[-1].value == "17%"
    assert ws.objectives[-1].text == "A new draft"
    assert ws.objectives[0].votes == {"Chen": 1}
    assert ws.updated == "2027-03-01T10:00:00+00:00"
    assert ws.sequence == theirs.sequence


def test_two_check_ins_on_the_same_key_result_are_both_kept() -> None:
    base = base_workshop()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.key_results[0].checkins.append(CheckIn(date(2027, 3, 1), "94%", "Ana", 8))
    theirs.key_results[0].checkins.append(CheckIn(date(2027, 3, 1), "93%", "Ben", 5))
    values = [c.value for c in merged_workshop(base, ours, theirs).key_results[0].checkins]
    assert values[-2:] == ["94%", "93%"]


def test_an_item_removed_on_one_side_and_untouched_on_the_other_is_removed() -> None:
    base = base_workshop()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del ours.key_results[2]
    theirs.participants.append("Dana")
    ws = merged_workshop(base, ours, theirs)
    assert [k.id for k in ws.key_results] == ["kr1", "kr2"]
    assert ws.participants[-1] == "Dana"


def test_the_same_field_changed_differently_is_named_and_nothing_is_returned() -> None:
    base = base_workshop()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.key_results[0].target = "97%"
    theirs.key_results[0].target = "98%"
    result = merge(tables(base), tables(ours), tables(theirs))
    assert result.data is None
    assert result.conflicts == [
        "workshops p1: key_results kr1: target was changed on both sides, differently"
    ]


def test_two_different_items_added_under_one_id_are_a_disagreement() -> None:
    base = base_workshop()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.objectives.append(Objective(ours.next_id("o"), "Ours", "Ana"))
    theirs.objectives.append(Objective(theirs.next_id("o"), "Theirs", "Ben"))
    result = merge(tables(base), tables(ours), tables(theirs))
    assert result.data is None
    assert any("added on both sides" in c for c in result.conflicts)


def test_a_workshop_added_in_each_clone_is_kept_by_id() -> None:
    base = base_workshop()
    other = make_org.team_workshop(make_org.teams()[1], "c1")
    third = make_org.team_workshop(make_org.teams()[2], "s1")
    ours = tables(base)
    ours["workshops"]["2"] = other.to_dict()
    theirs = tables(base)
    theirs["workshops"]["2"] = third.to_dict()
    result = merge(tables(base), ours, theirs)
    assert result.data is not None
    assert [d["id"] for d in result.data["workshops"].values()] == ["p1", "c1", "s1"]


def test_versions_saved_by_different_schemas_are_not_combined() -> None:
    base = base_workshop()
    theirs = tables(base)
    theirs["meta"]["1"]["schema_version"] = 3
    result = merge(tables(base), tables(base), theirs)
    assert result.data is None
    assert "different okrworkshop versions" in result.conflicts[0]


def test_a_focus_on_a_draft_the_other_side_removed_is_a_disagreement() -> None:
    base = make_org.team_workshop(make_org.teams()[7], "m1")  # Mobile App, still drafting
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.focus = ours.objectives[0].id
    del theirs.objectives[0]
    result = merge(tables(base), tables(ours), tables(theirs))
    assert result.data is None
    assert any("focus" in c for c in result.conflicts)
