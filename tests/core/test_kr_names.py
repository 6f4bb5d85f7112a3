"""kr_names: the number people read and type for a key result, beside the stored id scripts keep."""

from __future__ import annotations

import pytest
from cycle_okr import day, room

from okrworkshop import actions, rules, tracking
from okrworkshop.confidence import confidence_summary
from okrworkshop.export import to_markdown
from okrworkshop.grading import grade_report
from okrworkshop.kr_names import (
    find_key_result,
    is_key_result_ref,
    kr_label,
    kr_labels,
    no_such_key_result,
    stable_ref,
)
from okrworkshop.model import Check, Review, Workshop
from okrworkshop.progress import workshop_progress
from okrworkshop.rules import RuleError
from okrworkshop.summary import to_minutes

KRS = [
    ("Increase search conversion from 12% to 18% by 2027-03-31", "12%", "18%"),
    ("Launch the new onboarding wizard by 2027-03-31", "", ""),
    ("Reduce zero-result searches from 9% to 3% by 2027-03-31", "9%", "3%"),
    ("Raise repeat purchases from 20% to 30% by 2027-03-31", "20%", "30%"),
]


def moved() -> Workshop:
    """The issue's walk: the wizard (kr2) moves to the plan, then the OKR is made final."""
    ws = room(KRS, final=False)
    actions.key_result_to_initiative(ws, "kr2")
    for kr in ws.key_results:
        for check in Check:
            kr.smart[check].status = Review.CONFIRMED
    actions.finalize(ws)
    return ws


def test_the_number_is_the_place_among_the_key_results_now() -> None:
    ws = moved()
    assert [kr.id for kr in ws.key_results] == ["kr1", "kr3", "kr4"]
    assert kr_labels(ws) == {"kr1": "KR1", "kr3": "KR2", "kr4": "KR3"}
    assert kr_label(ws, "kr3") == kr_label(ws, ws.key_results[1]) == "KR2"
    assert kr_label(ws, "kr2") == "id:kr2"  # gone: never shown as a number that names another


@pytest.mark.parametrize("typed", ["KR2", "kr2", "2", " kr 2 ", "KR-2", "kr#2", "id:kr3", "ID:KR3"])
def test_what_people_type_for_kr2_and_what_scripts_keep_name_the_same_one(typed: str) -> None:
    ws = moved()
    found = find_key_result(ws, typed)
    assert found is not None and found.id == "kr3"
    assert rules.require_named_key_result(ws, typed) is found


@pytest.mark.parametrize(
    "typed", ["kr4", "4", "KR0", "0", "id:kr2", "o2", "", "kr", "id:", "2.5", "kr\u0662"]
)
def test_what_names_no_key_result_now_finds_none(typed: str) -> None:
    assert find_key_result(moved(), typed) is None


def test_a_refusal_names_both_ways_and_the_stored_id_a_person_typed() -> None:
    ws = moved()
    with pytest.raises(RuleError) as refused:
        rules.require_named_key_result(ws, "kr4")
    assert str(refused.value) == (
        "There is no key result 'kr4'; they are KR1 to KR3. kr4 is the stored id of KR3: type "
        "KR3, or id:kr4 in a script."
    )
    assert no_such_key_result(ws, "9") == "There is no key result '9'; they are KR1 to KR3."
    empty = room(final=False)
    empty.key_results.clear()
    assert no_such_key_result(empty, "KR1") == "There is no key result 'KR1'; there are none yet."


def test_what_is_written_as_a_key_result() -> None:
    assert [is_key_result_ref(t) for t in ("KR2", "kr2", "id:kr3", "o2", "2", "d1", "i4")] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    assert stable_ref("kr3") == "id:kr3"


def test_every_surface_calls_the_same_key_result_kr2_after_a_move() -> None:
    ws = moved()
    tracking.check_in(ws, find_key_result(ws, "kr2").id, "6%", today=day(30))  # type: ignore[union-attr]
    report = workshop_progress(ws, day(30))
    assert [(p.kr_id, p.label) for p in report.key_results][1] == ("kr3", "KR2")
    assert [(s.kr_id, s.label) for s in grade_report(ws, day(30)).key_results][1] == ("kr3", "KR2")
    zero = "Reduce zero-result searches from 9% to 3% by 2027-03-31"
    assert f"**KR2: {zero}**" in to_markdown(ws, today=day(30))
    assert f"| KR2 | {zero} |" in to_minutes(ws)
    ws.key_results[1].confidence_votes = {"Ben": 1, "Chen": 5}
    ws.settings.confidence_revealed = True
    assert confidence_summary(ws, ws.key_results[1]).prompt.startswith("Talk about KR2:")
    with pytest.raises(RuleError, match="KR2 has no score set by hand to clear"):
        tracking.clear_score(ws, "kr3")
