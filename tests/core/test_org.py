"""The org view over the example company: who serves what, gaps, overlaps, quiet teams."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from org_company import company, make_org

from okrworkshop import org_markdown
from okrworkshop.org import OrgFileError, ParentIndex, normalise, parse_org
from okrworkshop.org_view import OrgView, org_view

AS_OF = make_org.AS_OF


@pytest.fixture
def view(tmp_path: Path) -> OrgView:
    company(tmp_path)
    return org_view([tmp_path], today=AS_OF)


def parent(view: OrgView, key: str):  # type: ignore[no-untyped-def]
    return next(p for p in view.parents if (p.parent.org_id or p.parent.text) == key)


def test_the_cycle_most_teams_are_in_is_shown(view: OrgView) -> None:
    assert view.cycle == "2027 Q1"
    assert view.company == "Acme Market"
    assert len(view.teams) == 10
    assert view.other_cycles == ["2026 Q4"]
    assert not view.skipped


def test_a_company_key_result_is_served_by_the_teams_whose_focus_contributes_to_it(
    view: OrgView,
) -> None:
    # Payments quotes the id, Checkout the words in another case and spacing
    served = parent(view, "C1.1").served_by
    assert [s.team for s in served] == ["Checkout", "Payments"]
    assert [k.name for k in served[1].key_results] == ["KR1", "KR2", "KR3"]
    kr1 = served[1].key_results[0]
    assert kr1.progress is not None and kr1.time_gone is not None and kr1.confidence == 8
    # Platform names C3.1 by its words; Seller Onboarding by "C2.2: ..."
    assert [s.team for s in parent(view, "C3.1").served_by] == ["Platform"]
    assert [s.team for s in parent(view, "C2.2").served_by] == ["Seller Onboarding"]


def test_a_company_key_result_nobody_serves_is_called_out(view: OrgView) -> None:
    assert [p.parent.org_id for p in view.unserved] == ["C3.2"]
    assert parent(view, "C3.2").named_by == ("Trust and Safety",)


def test_a_free_text_parent_outside_the_org_file_is_its_own_parent(view: OrgView) -> None:
    fraud = parent(view, "Fraud losses cut in half")
    assert fraud.parent.org_id is None
    assert [s.team for s in fraud.served_by] == ["Trust and Safety"]


def test_teams_without_a_final_okr_say_where_they_are_and_who_drafted(view: OrgView) -> None:
    waiting = {t.team: t for t in view.not_final}
    assert set(waiting) == {"Mobile App", "Data", "Growth Marketing"}
    mobile = waiting["Mobile App"]
    assert mobile.step == "Draft objectives"
    assert mobile.drafted_by == ("Chen", "Eli")
    assert mobile.not_drafted == ("Dana", "Femi")


def test_overlaps_say_whether_the_other_team_names_them_back(view: OrgView) -> None:
    lines = {(o.team, o.other): o for o in view.overlaps}
    assert lines["Payments", "Checkout"].mutual
    assert lines["Checkout", "Payments"].mutual
    assert not lines["Checkout", "Search"].mutual
    assert lines["Checkout", "Search"].other_in_view
    assert not lines["Seller Growth", "Marketing"].other_in_view
    assert ("Trust and Safety", "Payments") in {(o.team, o.other) for o in view.one_sided}
    assert ("Seller Growth", "Marketing") not in {(o.team, o.other) for o in view.one_sided}


def test_quiet_teams_and_falling_confidence(view: OrgView) -> None:
    assert [t.team for t in view.stale] == ["Seller Onboarding"]
    assert [(f.team, f.kr, f.before, f.now) for f in view.falls] == [("Search", "KR1", 7, 4)]


def test_a_cycle_can_be_chosen_by_label_in_any_case(tmp_path: Path) -> None:
    company(tmp_path)
    view = org_view([tmp_path], today=AS_OF, cycle="2026  q4")
    assert view.cycle == "2026 Q4"
    # asked for by name, a past cycle's archived workshop is shown, with its grade
    (team,) = view.teams
    assert team.team == "Payments" and team.graded and team.grade is not None
    assert "2027 Q1" in view.other_cycles


def test_without_an_org_file_company_key_results_are_the_ones_teams_name(tmp_path: Path) -> None:
    company(tmp_path)
    (tmp_path / "org.json").unlink()
    view = org_view([tmp_path], today=AS_OF)
    assert not view.has_org_file
    texts = [p.parent.text for p in view.parents]
    # "C1.1" is just words now; two spellings of the checkout line are one parent
    checkout = [t for t in texts if normalise(t) == "checkout conversion from 61% to 70%"]
    assert len(checkout) == 1
    line = parent(view, checkout[0])
    assert [s.team for s in line.served_by] == ["Checkout"]
    # named in a context, served by no team's focus
    unserved = {p.parent.text for p in view.unserved}
    assert "C3.2" in unserved and "Fraud losses cut in half" not in unserved


def test_free_text_matches_an_org_line_after_normalising_case_and_spaces() -> None:
    org = parse_org(make_org.ORG)
    index = ParentIndex(org)
    by_words = index.match("  search SUCCESS rate from 40%   to 55% ")
    assert by_words is not None and by_words.org_id == "C1.2"
    for text in ("c1.2", "C1.2: search", "[C1.2] anything", "C1.2 - x"):
        found = index.match(text)
        assert found is not None and found.org_id == "C1.2", text
    other = index.match("Search success rate from 40% to 56%")
    assert other is not None and other.org_id is None
    assert index.match("search success rate from 40% to 56%") is other


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"okrworkshop_org": 9}, "format 9"),
        ({"objectives": [{"id": "C1", "text": "a"}, {"id": "c1", "text": "b"}]}, "used twice"),
        ({"objectives": [{"id": "no spaces", "text": "a"}]}, "needs an id"),
        ({"objectives": "C1"}, "should be a list"),
    ],
)
def test_a_broken_org_file_is_refused_saying_what(change: dict, words: str) -> None:
    with pytest.raises(OrgFileError, match=words):
        parse_org({**make_org.ORG, **change})


def test_markdown_for_leadership_has_no_internal_ids_and_short_lines(view: OrgView) -> None:
    text = org_markdown.to_markdown(view)
    assert text.startswith("# Acme Market OKRs: 2027 Q1\n")
    for section in ("## Served by no team", "## Teams without a final OKR", "## Overlaps"):
        assert section in text
    assert "**One-sided**" in text
    # a team's own parent is not shown under the last company objective
    assert text.index("### Named by teams, not in the org file") < text.index("Fraud losses")
    assert "|" not in text  # no tables: a phone shows lists well
    for wid in ("t01q1", "t02q1", "kr1", "o1"):
        assert wid not in text.split()
    assert "team.json" not in text and ".json" not in text


def test_user_text_is_escaped_in_markdown_and_shown_raw_nowhere(tmp_path: Path) -> None:
    spec = make_org.teams()[0]
    spec.team = "Pay*ments* <b>"
    spec.focus = "[click](http://x) \x1b[31mred"
    ws = make_org.team_workshop(spec, "x1")
    make_org.write_team(tmp_path, "p.json", [ws])
    view = org_view([tmp_path], today=AS_OF)
    markdown = org_markdown.to_markdown(view)
    assert "Pay\\*ments\\*" in markdown and "\x1b" not in markdown
    assert "\\[click\\]" in markdown
    text = org_markdown.to_text(view)
    assert "\x1b" not in text and "\\x1b" in text


def test_json_holds_every_section(view: OrgView) -> None:
    doc = json.loads(org_markdown.to_json(view))
    assert doc["cycle"] == "2027 Q1" and doc["as_of"] == AS_OF.isoformat()
    assert doc["unserved"] == ["C3.2"]
    assert {t["team"] for t in doc["teams"]} >= {"Payments", "Data"}
    assert doc["confidence_fell"] == [
        {"team": "Search", "key_result": "KR1", "before": 7, "now": 4}
    ]


def test_a_grade_shows_once_graded(tmp_path: Path) -> None:
    ws = make_org.team_workshop(make_org.teams()[0], "x1")
    ws.graded = "2027-04-01T09:00:00+00:00"
    make_org.write_team(tmp_path, "payments.json", [ws])
    view = org_view([tmp_path], today=date(2027, 4, 2))
    (team,) = view.teams
    assert team.graded and team.grade is not None and 0 < team.grade <= 1
    assert f"Grade: {team.grade:.2f}" in org_markdown.to_markdown(view)
    assert not team.stale  # a graded cycle owes no check-ins


def test_before_the_cycle_starts_no_time_has_gone_and_later_check_ins_are_not_recent(
    tmp_path: Path,
) -> None:
    """Read on 2026-12-08, a 2027 Q1 cycle has not started: no "58% of the time gone", no
    "every team checked in within two weeks" from check-ins dated in 2027."""
    company(tmp_path)
    early = org_view([tmp_path], today=date(2026, 12, 8))
    assert early.starts == date(2027, 1, 1)
    text = org_markdown.to_text(early)
    assert "The cycle starts on 2027-01-01: no time has gone by" in text
    assert "of the time gone" not in text
    assert "Every team checked in within two weeks" not in text
    assert "The cycle starts on 2027-01-01: no check-in is due yet." in text
    assert "dated after today" in text
    doc = org_markdown.to_json_document(early)
    krs = [k for line in doc["parents"] for s in line["served_by"] for k in s["key_results"]]
    assert krs and all(k["time_gone"] is None for k in krs)


def test_a_check_in_dated_after_today_is_called_out_not_counted_as_recent(tmp_path: Path) -> None:
    company(tmp_path)
    mid = org_view([tmp_path], today=date(2027, 1, 20))  # before the sample's later check-ins
    assert mid.starts is None and mid.dated_later
    text = org_markdown.to_text(mid)
    assert "has check-ins dated after today (the latest on" in text
    assert "Every team checked in within two weeks" not in text


def test_the_time_gone_of_a_stretch_is_the_time_not_its_pace(tmp_path: Path) -> None:
    """A stretch's pace is 0.7 of the time gone; "of the time gone" must say the time."""
    from okrworkshop.model import KrKind
    from okrworkshop.progress import percent, share_of_cycle

    ws = make_org.team_workshop(make_org.teams()[0], "x1")
    for kr in ws.key_results:
        kr.kind = KrKind.STRETCH
    make_org.write_team(tmp_path, "payments.json", [ws])
    view = org_view([tmp_path], today=AS_OF)
    (team,) = view.teams
    kr = team.key_results[0]
    latest = max(c.date for c in ws.key_results[0].checkins)
    gone = share_of_cycle(ws.cycle.start, ws.cycle.end, latest)
    assert gone is not None and kr.time_gone == gone
    assert f"{percent(gone)} of the time gone" in org_markdown.to_text(view)
