"""A key result names the higher-level OKR it serves, by the same rule as a draft: the model
(saved only when set), the action, the exports, and the org view counting it as serving."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from org_company import company, make_org

from okrworkshop import actions, org_markdown
from okrworkshop.actions import KeyResultFields
from okrworkshop.export import to_json, to_json_document, to_markdown
from okrworkshop.importer import workshop_from_export
from okrworkshop.model import DataError, KeyResult, Workshop
from okrworkshop.org_view import OrgView, org_view
from okrworkshop.plain import render_plain
from okrworkshop.rules import RuleError

PARENTS = ["Company O1: grow EU revenue", "Company O2:  safer   payments"]


@pytest.fixture
def ws() -> Workshop:
    workshop = actions.new_workshop(
        "Marketplace Search",
        "2027 Q1",
        start="2027-01-01",
        end="2027-03-31",
        facilitator="Ana",
        participants=["Ben", "Chen"],
    )
    workshop.id = "w1"
    actions.set_context(workshop, parent_okrs=PARENTS)
    return workshop


def add_kr(ws: Workshop, contributes_to: str | None = None) -> KeyResult:
    return actions.add_key_result(
        ws,
        "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31",
        author="Chen",
        fields=KeyResultFields(metric="conversion", baseline="12%", target="18%"),
        contributes_to=contributes_to,
    )


# --- the model ------------------------------------------------------------------------------


def test_a_key_result_without_a_link_saves_no_field_for_it(ws: Workshop) -> None:
    kr = add_kr(ws)
    assert "contributes_to" not in kr.to_dict()
    assert KeyResult.from_dict(kr.to_dict()) == kr


def test_a_link_is_saved_last_and_read_back(ws: Workshop) -> None:
    kr = add_kr(ws, "2")
    saved = kr.to_dict()
    assert list(saved)[-1] == "contributes_to"
    assert saved["contributes_to"] == PARENTS[1]
    assert Workshop.from_dict(ws.to_dict()) == ws


@pytest.mark.parametrize("bad", [3, ["Company O1"], {"id": "C1"}, True])
def test_a_link_that_is_not_text_is_refused_when_read(ws: Workshop, bad: object) -> None:
    saved = add_kr(ws).to_dict()
    saved["contributes_to"] = bad
    with pytest.raises(DataError, match="contributes_to"):
        KeyResult.from_dict(saved)


# --- the rule, shared with drafts -----------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("1", PARENTS[0]), (" 2 ", PARENTS[1]), ("company o2: SAFER payments", PARENTS[1])],
)
def test_a_key_result_links_by_number_or_exact_text(
    ws: Workshop, choice: str, expected: str
) -> None:
    kr = add_kr(ws)
    assert actions.set_key_result_contributes_to(ws, kr.id, choice) is kr
    assert kr.contributes_to == expected
    actions.set_key_result_contributes_to(ws, kr.id, "")
    assert kr.contributes_to is None
    actions.set_key_result_contributes_to(ws, kr.id, "1")
    actions.set_key_result_contributes_to(ws, kr.id, None)
    assert kr.contributes_to is None


@pytest.mark.parametrize("choice", ["3", "0", "Company O3"])
def test_a_key_result_and_a_draft_are_refused_the_same_words(ws: Workshop, choice: str) -> None:
    kr = add_kr(ws)
    draft = actions.add_draft(ws, "Buyers find the right product", author="Ben")
    with pytest.raises(RuleError) as for_draft:
        actions.set_contributes_to(ws, draft.id, choice)
    with pytest.raises(RuleError) as for_kr:
        actions.set_key_result_contributes_to(ws, kr.id, choice)
    assert str(for_kr.value) == str(for_draft.value)
    with pytest.raises(RuleError):
        add_kr(ws, choice)
    assert kr.contributes_to is None and len(ws.key_results) == 1


def test_a_link_needs_higher_level_okrs_and_a_key_result_that_exists(ws: Workshop) -> None:
    kr = add_kr(ws)
    actions.set_context(ws, parent_okrs=[])
    with pytest.raises(RuleError, match="no higher-level OKRs yet"):
        actions.set_key_result_contributes_to(ws, kr.id, "1")
    with pytest.raises(RuleError, match=r"There is no key result|no key result"):
        actions.set_key_result_contributes_to(ws, "kr99", "1")


# --- exports --------------------------------------------------------------------------------


def test_the_json_export_carries_the_link_and_an_older_export_still_imports(
    ws: Workshop, tmp_path: Path
) -> None:
    add_kr(ws, "1")
    add_kr(ws)
    doc = json.loads(to_json(ws))
    krs = doc["workshop"]["key_results"]
    assert krs[0]["contributes_to"] == PARENTS[0] and "contributes_to" not in krs[1]
    again = workshop_from_export(doc, tmp_path / "export.json")
    assert [k.contributes_to for k in again.key_results] == [PARENTS[0], None]
    older = to_json_document(ws)
    for kr in older["workshop"]["key_results"]:
        kr.pop("contributes_to", None)
    assert all(
        k.contributes_to is None
        for k in workshop_from_export(older, tmp_path / "old.json").key_results
    )


def test_the_handout_and_plain_text_show_what_a_key_result_contributes_to(ws: Workshop) -> None:
    draft = actions.add_draft(ws, "Buyers find the right product", author="Ben")
    actions.choose_focus(ws, draft.id)
    add_kr(ws, "2")
    add_kr(ws)
    doc = to_markdown(ws, today=date(2027, 1, 10))
    block = doc.split("**KR1:")[1].split("**KR2:")[0]
    assert "Contributes to: Company O2: safer payments" in block
    assert "Contributes to" not in doc.split("**KR2:")[1].split("---")[0]
    plain = render_plain(ws)
    assert plain.count("contributes to: Company O2:  safer   payments") == 1


# --- the org view ---------------------------------------------------------------------------


def link_team_kr(folder: Path, file: str, kr_index: int, line: str) -> None:
    """Link one key result of a team's file, as that team's own save would."""
    path = folder / file
    data = json.loads(path.read_text())
    (workshop,) = [w for w in data["workshops"].values() if w["cycle"]["label"] == "2027 Q1"]
    workshop["key_results"][kr_index]["contributes_to"] = line
    path.write_text(json.dumps(data, indent=2))


def parent(view: OrgView, key: str):  # type: ignore[no-untyped-def]
    return next(p for p in view.parents if (p.parent.org_id or p.parent.text) == key)


def test_a_key_result_linked_to_a_company_kr_serves_it(tmp_path: Path) -> None:
    company(tmp_path)
    before = org_view([tmp_path], today=make_org.AS_OF)
    assert [p.parent.org_id for p in before.unserved] == ["C3.2"]
    # Trust and Safety's focus serves its own free-text parent; its KR1 serves C3.2
    link_team_kr(tmp_path, "trust-and-safety.json", 0, "C3.2")
    view = org_view([tmp_path], today=make_org.AS_OF)
    assert view.unserved == []
    line = parent(view, "C3.2")
    assert [s.team for s in line.served_by] == ["Trust and Safety"]
    (kr,) = line.served_by[0].key_results
    assert kr.name == "KR1" and kr.statement.startswith("Fraud losses")
    assert kr.progress is not None and kr.confidence is not None
    assert line.named_by == ()  # it serves it now, so it is not "named only"
    # the focus's own parent is still served, with all its key results
    fraud = parent(view, "Fraud losses cut in half")
    assert [s.team for s in fraud.served_by] == ["Trust and Safety"]
    team = next(t for t in view.teams if t.team == "Trust and Safety")
    assert len(team.serves) == 1 and len(team.serves_any) == 2
    assert team.kr_serves == ((team.serves_any[1], "KR1"),)


def test_only_the_linked_key_result_is_listed_beside_the_focus_link(tmp_path: Path) -> None:
    company(tmp_path)
    link_team_kr(tmp_path, "payments.json", 1, "C1.2")
    view = org_view([tmp_path], today=make_org.AS_OF)
    payments = next(s for s in parent(view, "C1.2").served_by if s.team == "Payments")
    assert [k.name for k in payments.key_results] == ["KR2"]
    focus_served = next(s for s in parent(view, "C1.1").served_by if s.team == "Payments")
    assert [k.name for k in focus_served.key_results] == ["KR1", "KR2", "KR3"]
    text = org_markdown.parent_detail(view, parent(view, "C1.2"))
    assert "Payments:" in text and "KR2" in text
    listed = text.split("Payments:\n")[1].split("\n")
    assert listed[0].startswith("  KR2 ") and not listed[1].startswith("  KR")
