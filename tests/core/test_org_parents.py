"""Naming the company's OKRs in a team's context: the one action the CLI and the screen share."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from org_company import make_org

from okrworkshop import actions
from okrworkshop.model import Status, Workshop
from okrworkshop.org import ORG_FILE_NAME, OrgFileError, org_for, parse_org
from okrworkshop.rules import RuleError

ORG = parse_org(make_org.ORG)


def team(*lines: str) -> Workshop:
    ws = actions.new_workshop("Loyalty", "2027 Q1", facilitator="Ana", participants=["Ben"])
    actions.set_context(ws, parent_okrs=list(lines))
    return ws


def test_picked_ids_are_added_after_the_lines_already_there_in_id_and_words() -> None:
    ws = team("Grow EU revenue")
    named = actions.name_org_parents(ws, ORG, ["c1.2", "C3"])
    assert named.added == [
        "C1.2 Search success rate from 40% to 55%",
        "C3 Run a platform people can rely on",
    ]
    assert named.removed == []
    assert ws.context.parent_okrs == ["Grow EU revenue", *named.added]


def test_one_the_context_already_names_by_id_or_words_is_not_added_again() -> None:
    ws = team("search SUCCESS rate from 40%  to 55%", "C2.1: sellers")
    named = actions.name_org_parents(ws, ORG, ["C1.2", "C2.1", "C1.2"])
    assert named.added == []
    assert ws.context.parent_okrs == ["search SUCCESS rate from 40%  to 55%", "C2.1: sellers"]


def test_only_drops_the_other_org_lines_and_keeps_free_text() -> None:
    ws = team("C1.1 Checkout conversion from 61% to 70%", "Fraud losses cut in half", "C2.1")
    named = actions.name_org_parents(ws, ORG, ["C2.1", "C3.2"], only=True)
    assert named.removed == ["C1.1 Checkout conversion from 61% to 70%"]
    assert named.added == ["C3.2 Support tickets per 1,000 orders from 12 to 8"]
    assert ws.context.parent_okrs == ["Fraud losses cut in half", "C2.1", *named.added]
    cleared = actions.name_org_parents(ws, ORG, [], only=True)
    assert ws.context.parent_okrs == ["Fraud losses cut in half"]
    assert len(cleared.removed) == 2


def test_an_unknown_id_is_refused_listing_the_ids_and_nothing_changes() -> None:
    ws = team("Grow EU revenue")
    with pytest.raises(RuleError, match=r"no company OKR 'X9'; its ids are: C1, C1.1, C1.2"):
        actions.name_org_parents(ws, ORG, ["C1.1", "X9"])
    assert ws.context.parent_okrs == ["Grow EU revenue"]


def test_a_final_okr_is_not_changed() -> None:
    ws = team()
    ws.status = Status.FINAL
    with pytest.raises(RuleError):
        actions.name_org_parents(ws, ORG, ["C1.1"])


def test_org_for_finds_the_org_file_above_a_team_file_or_says_none(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    teams = tmp_path / "teams"
    teams.mkdir()
    assert org_for(teams / "t.json") is None
    (tmp_path / ORG_FILE_NAME).write_text(json.dumps(make_org.ORG))
    found = org_for(teams / "t.json")
    assert found is not None and found.company == "Acme Market"
    assert found.path == tmp_path / ORG_FILE_NAME
    (tmp_path / "other.json").write_text("{}")
    with pytest.raises(OrgFileError, match=r"other\.json is not an org file"):
        org_for(teams / "t.json", tmp_path / "other.json")
