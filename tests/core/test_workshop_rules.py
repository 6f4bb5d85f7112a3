"""The workshop's rules and actions on plain objects: no files, no terminal."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hostile import HOSTILE

from okrworkshop import actions, rules, smart
from okrworkshop.actions import KeyResultFields
from okrworkshop.model import Check, Origin, Review, Stage, Status, Workshop
from okrworkshop.rules import RuleError
from okrworkshop.smart import lint_key_result_record, lint_key_result_set


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
    return workshop


def good_kr(ws: Workshop, statement: str, **overrides: str) -> str:
    fields = dict(metric="conversion", baseline="12%", target="18%", deadline="2027-03-31")
    fields.update(overrides)
    kr = actions.add_key_result(
        ws, statement, author="Chen", fields=KeyResultFields(owner="Chen", **fields)
    )
    return kr.id


def confirm_all(ws: Workshop, kr_id: str) -> None:
    for check in Check:
        actions.review_check(ws, kr_id, check, Review.CONFIRMED)


# --- setup --------------------------------------------------------------------------------


def test_new_workshop_trims_and_dedupes_participants() -> None:
    ws = actions.new_workshop("  Search  ", "2027 Q1", participants=["Ben", " ben ", "Chen"])
    assert ws.team == "Search"
    assert ws.participants == ["Ben", "Chen"]
    assert ws.status is Status.PREPARING and ws.stage is Stage.SETUP


@pytest.mark.parametrize(
    ("start", "end", "needle"),
    [("2027-03-31", "2027-01-01", "swap the dates"), ("31/03/2027", None, "2027-03-31")],
    ids=["end-before-start", "not-iso"],
)
def test_bad_cycle_dates_are_refused_with_a_fix(start: str, end: str | None, needle: str) -> None:
    with pytest.raises(RuleError, match=needle):
        actions.new_workshop("T", "C", start=start, end=end)


@pytest.mark.parametrize(
    "name", ["", "   ", "\t\n", "x" * 200], ids=["empty", "spaces", "ws", "200"]
)
def test_bad_names_get_a_clear_message(ws: Workshop, name: str) -> None:
    with pytest.raises(RuleError, match="name"):
        actions.add_participant(ws, name)
    assert ws.participants == ["Ben", "Chen"]


def test_rename_moves_authorship_votes_and_ownership(ws: Workshop) -> None:
    draft = actions.add_draft(ws, "Buyers find it first time", author="Ben")
    actions.vote(ws, draft.id, person="Ben")
    kr_id = good_kr(ws, "Raise conversion from 12% to 18% by March")
    ws.key_result(kr_id).owner = "Ben"  # type: ignore[union-attr]
    actions.rename_participant(ws, "ben", "Benjamin")
    assert ws.participants == ["Benjamin", "Chen"]
    assert draft.author == "Benjamin"
    assert draft.votes == {"Benjamin": 1}
    assert ws.key_result(kr_id).owner == "Benjamin"  # type: ignore[union-attr]


def test_remove_participant_keeps_drafts_and_drops_votes(ws: Workshop) -> None:
    draft = actions.add_draft(ws, "Sellers list faster", author="Ben")
    actions.vote(ws, draft.id, person="Ben")
    actions.remove_participant(ws, "Ben")
    assert ws.objectives[0].author == "Ben"
    assert draft.votes == {}


# --- drafts -------------------------------------------------------------------------------


def test_draft_before_the_meeting_is_pre_workshop_and_starts_drafting(ws: Workshop) -> None:
    draft = actions.add_draft(ws, "Buyers find the right product", author="ben")
    assert draft.author == "Ben"  # matched to the stored spelling
    assert draft.origin is Origin.PRE_WORKSHOP
    assert ws.status is Status.DRAFTING


def test_draft_in_the_room_is_live(ws: Workshop) -> None:
    actions.go_to_stage(ws, Stage.DRAFTS)
    assert ws.status is Status.LIVE
    assert actions.add_draft(ws, "Sellers thrive", author="Chen").origin is Origin.LIVE


def test_unknown_author_is_refused_with_the_list(ws: Workshop) -> None:
    with pytest.raises(RuleError, match="Ben, Chen"):
        actions.add_draft(ws, "Something", author="Mallory")
    assert ws.objectives == []


def test_open_joining_adds_the_newcomer(ws: Workshop) -> None:
    actions.update_settings(ws, open_joining=True)
    actions.add_draft(ws, "Something", author="Dee")
    assert "Dee" in ws.participants


@pytest.mark.parametrize("text", ["", "   ", "\n\t "], ids=["empty", "spaces", "whitespace"])
def test_empty_draft_is_refused(ws: Workshop, text: str) -> None:
    with pytest.raises(RuleError, match="empty"):
        actions.add_draft(ws, text, author="Ben")


@pytest.mark.parametrize("key", list(HOSTILE))
def test_hostile_draft_text_is_kept_exactly(ws: Workshop, key: str) -> None:
    draft = actions.add_draft(ws, HOSTILE[key], author="Ben")
    assert draft.text == HOSTILE[key].strip()


def test_overlong_draft_is_refused_but_ten_thousand_characters_fit(ws: Workshop) -> None:
    assert len(actions.add_draft(ws, "a" * 10_000, author="Ben").text) == 10_000
    with pytest.raises(RuleError, match="limit"):
        actions.add_draft(ws, "a" * (rules.MAX_TEXT_LENGTH + 1), author="Ben")


def test_ids_are_never_reused_after_delete(ws: Workshop) -> None:
    first = actions.add_draft(ws, "One", author="Ben")
    actions.delete_draft(ws, first.id)
    assert actions.add_draft(ws, "Two", author="Ben").id == "o2"


def test_drafts_step_lists_who_has_not_drafted(ws: Workshop) -> None:
    actions.add_draft(ws, "One", author="Ben")
    assert rules.missing_for(ws, Stage.DRAFTS) == ["Chen has not drafted an objective yet."]
    actions.add_draft(ws, "Two", author="Chen")
    assert rules.step_complete(ws, Stage.DRAFTS)


# --- votes and focus ----------------------------------------------------------------------


def test_votes_are_limited_per_participant(ws: Workshop) -> None:
    draft = actions.add_draft(ws, "One", author="Ben")
    actions.update_settings(ws, votes_per_participant=2)
    assert actions.vote(ws, draft.id, person="Chen") == 1
    assert actions.vote(ws, draft.id, person="Chen") == 0
    with pytest.raises(RuleError, match="used all 2 dots"):
        actions.vote(ws, draft.id, person="Chen")
    assert actions.unvote(ws, draft.id, person="Chen") == 1
    assert draft.votes == {"Chen": 1}


def test_exactly_one_focus(ws: Workshop) -> None:
    a = actions.add_draft(ws, "One", author="Ben")
    b = actions.add_draft(ws, "Two", author="Chen")
    c = actions.add_draft(ws, "Three", author="Chen")
    offered = actions.choose_focus(ws, a.id)
    assert [o.id for o in offered] == [b.id, c.id]
    with pytest.raises(RuleError, match="exactly one focus"):
        actions.choose_focus(ws, b.id)
    assert ws.focus == a.id
    actions.choose_focus(ws, a.id)  # choosing the same one again is harmless
    with pytest.raises(RuleError, match="Voting is closed"):
        actions.vote(ws, b.id, person="Ben")
    with pytest.raises(RuleError, match="clear the focus"):
        actions.delete_draft(ws, a.id)
    actions.clear_focus(ws)
    actions.choose_focus(ws, b.id)
    assert ws.focus == b.id


def test_deprioritized_step_needs_every_other_draft_decided(ws: Workshop) -> None:
    a = actions.add_draft(ws, "One", author="Ben")
    b = actions.add_draft(ws, "Two", author="Chen")
    actions.choose_focus(ws, a.id)
    assert rules.missing_for(ws, Stage.DEPRIORITIZED) == [
        f"Deprioritize draft {b.id} with a reason, or delete it on the Drafts step."
    ]
    item = actions.deprioritize(ws, None, "Next quarter", from_objective=b.id)
    assert item.text == "Two"
    assert rules.drafts_to_offer_for_deprioritizing(ws) == []
    assert rules.step_complete(ws, Stage.DEPRIORITIZED)
    with pytest.raises(RuleError, match="already"):
        actions.deprioritize(ws, None, "again", from_objective=b.id)
    with pytest.raises(RuleError, match="focus"):
        actions.deprioritize(ws, None, "no", from_objective=a.id)
    with pytest.raises(RuleError, match="reason"):
        actions.deprioritize(ws, "Tech debt", "  ")


# --- key results, refinement, final -------------------------------------------------------


def test_owner_must_be_a_participant_and_deadline_a_date(ws: Workshop) -> None:
    with pytest.raises(RuleError, match="not a participant"):
        actions.add_key_result(ws, "Grow X", author="Ben", fields=KeyResultFields(owner="Zed"))
    with pytest.raises(RuleError, match="2027-03-31"):
        actions.add_key_result(
            ws, "Grow X", author="Ben", fields=KeyResultFields(deadline="end of March")
        )
    assert ws.key_results == []


def test_confirming_a_failing_check_is_refused_accepting_needs_a_note(ws: Workshop) -> None:
    kr = actions.add_key_result(ws, "Launch the new search page", author="Ben")
    with pytest.raises(RuleError, match="does not pass Outcome"):
        actions.review_check(ws, kr.id, Check.OUTCOME, Review.CONFIRMED)
    with pytest.raises(RuleError, match="needs a note"):
        actions.review_check(ws, kr.id, Check.OUTCOME, Review.ACCEPTED)
    actions.review_check(ws, kr.id, Check.OUTCOME, Review.ACCEPTED, "A launch is the bet")
    assert kr.smart[Check.OUTCOME].status is Review.ACCEPTED
    actions.review_check(ws, kr.id, Check.ACHIEVABLE, Review.CONFIRMED)
    assert kr.smart[Check.ACHIEVABLE].status is Review.CONFIRMED


def test_editing_a_key_result_reopens_its_review(ws: Workshop) -> None:
    kr_id = good_kr(ws, "Increase search conversion from 12% to 18% by 2027-03-31")
    confirm_all(ws, kr_id)
    actions.edit_key_result(ws, kr_id, fields=KeyResultFields(owner="Ben"))
    assert rules.unreviewed_checks(ws.key_result(kr_id)) == []  # type: ignore[arg-type]
    actions.edit_key_result(ws, kr_id, fields=KeyResultFields(target="20%"))
    assert len(rules.unreviewed_checks(ws.key_result(kr_id))) == 6  # type: ignore[arg-type]


def test_finalize_needs_focus_two_to_five_complete_reviewed_key_results(ws: Workshop) -> None:
    objective = actions.add_draft(ws, "Buyers find the right product first time", author="Ben")
    with pytest.raises(RuleError) as refused:
        actions.finalize(ws)
    assert "focus objective" in str(refused.value) and "at least 2" in str(refused.value)
    actions.choose_focus(ws, objective.id)
    first = good_kr(ws, "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31")
    second = actions.add_key_result(
        ws, "Reduce zero-result searches from 9% to 4% by end of Q1", author="Ben"
    ).id
    blockers = rules.finalize_blockers(ws)
    assert second == "kr2"
    assert "KR2 needs a metric, a baseline, a target, a deadline and an owner." in blockers
    actions.edit_key_result(
        ws,
        second,
        fields=KeyResultFields(
            metric="zero-result rate",
            baseline="9%",
            target="4%",
            deadline="2027-03-31",
            owner="Ben",
        ),
    )
    confirm_all(ws, first)
    with pytest.raises(RuleError, match="KR2: confirm or accept"):
        actions.finalize(ws)
    confirm_all(ws, second)
    actions.finalize(ws)
    assert ws.status is Status.FINAL and ws.finalized
    with pytest.raises(RuleError, match="final"):
        actions.add_draft(ws, "late idea", author="Ben")
    actions.reopen(ws)
    assert ws.status is Status.LIVE


def test_more_than_five_key_results_block_final(ws: Workshop) -> None:
    for n in range(6):
        good_kr(ws, f"Increase conversion in market {n} from 12% to 18% by 2027-03-31")
    assert any("at most 5" in m for m in rules.missing_for(ws, Stage.KEY_RESULTS))


def test_baseline_equal_to_target_is_reported(ws: Workshop) -> None:
    good_kr(ws, "Keep conversion at 12% by 2027-03-31", baseline="12%", target="12%")
    assert any("target equals the baseline" in m for m in rules.missing_for(ws, Stage.KEY_RESULTS))


def _ready_to_finalize(ws: Workshop, baseline: str, target: str) -> str:
    """A workshop that only the first key result's baseline and target could stop."""
    objective = actions.add_draft(ws, "Buyers find the right product first time", author="Ben")
    actions.choose_focus(ws, objective.id)
    first = good_kr(
        ws,
        "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31",
        baseline=baseline,
        target=target,
    )
    second = good_kr(ws, "Reduce zero-result searches from 9% to 4% by 2027-03-31")
    for kr_id in (first, second):
        confirm_all(ws, kr_id)
    return first


@pytest.mark.parametrize(
    ("baseline", "target"),
    [
        ("12%", "12.0%"),
        ("12 %", "12.00 %"),
        ("12 percent", "12.0%"),
        ("$1.2M", "1,200,000"),
        ("1.5k", "1500"),
        ("High", " high "),
    ],
)
def test_same_baseline_and_target_blocks_final_and_the_linter_says_so(
    ws: Workshop, baseline: str, target: str
) -> None:
    """One rule: finalizing refuses what the linter flags, however the number is written."""
    kr_id = _ready_to_finalize(ws, baseline, target)
    with pytest.raises(RuleError, match="KR1: the target equals the baseline"):
        actions.finalize(ws)
    flagged = [f for f in lint_key_result_set(ws.key_results) if f.check is Check.MEASURABLE]
    assert kr_id == "kr1" and len(flagged) == 1 and "KR1 has the same" in flagged[0].message


@pytest.mark.parametrize(
    ("baseline", "target"),
    [("12%", "18%"), ("12 days", "12 hours"), ("€40", "€45"), ("low", "high"), ("12%", "")],
)
def test_a_target_that_moves_passes_both(ws: Workshop, baseline: str, target: str) -> None:
    kr_id = _ready_to_finalize(ws, baseline, target or "18%")
    actions.edit_key_result(ws, kr_id, fields=KeyResultFields(target=target or "18%"))
    assert not rules.same_baseline_and_target(baseline, target)
    assert not [f for f in lint_key_result_set(ws.key_results) if f.check is Check.MEASURABLE]
    if target:
        confirm_all(ws, kr_id)
        actions.finalize(ws)
        assert ws.status is Status.FINAL


@pytest.mark.parametrize(
    ("baseline", "target", "words"),
    [
        ("3 days", "30%", "a duration is not a percent"),
        ("€40", "$40", "EUR and USD are different currencies"),
        ("12%", "18 pp", "percent and percentage points do not mix"),
        ("1" * 30, "5", "too large"),
    ],
)
def test_ends_that_do_not_compare_block_final_in_one_sentence(
    ws: Workshop, baseline: str, target: str, words: str
) -> None:
    """Edited one field at a time (as the form saves), the pair may disagree for a moment;
    finalizing says what is wrong, and the linter says the same."""
    kr_id = _ready_to_finalize(ws, "12%", "18%")
    actions.edit_key_result(ws, kr_id, fields=KeyResultFields(baseline=baseline))
    actions.edit_key_result(ws, kr_id, fields=KeyResultFields(target=target))
    with pytest.raises(RuleError, match=r"KR1: The (baseline|target)") as raised:
        actions.finalize(ws)
    assert words in str(raised.value)
    kr = ws.key_result(kr_id)
    assert kr is not None
    lint = lint_key_result_record(kr)
    assert not lint.measurable and any(words in f.message for f in lint.findings)


@pytest.mark.parametrize(
    ("baseline", "target"), [("3 days", "30%"), ("12%", "3 pp"), ("$5", "5%%"), ("9" * 30, "1")]
)
def test_adding_a_key_result_whose_ends_do_not_compare_is_refused(
    ws: Workshop, baseline: str, target: str
) -> None:
    before = len(ws.key_results)
    fields = KeyResultFields(baseline=baseline, target=target)
    with pytest.raises(RuleError, match=r"The (baseline|target)"):
        actions.add_key_result(ws, "Cut review time", author="Ben", fields=fields)
    assert len(ws.key_results) == before


def test_key_result_limits_live_in_the_rules() -> None:
    """The linter counts key results by the rules' limits, not by numbers of its own."""
    assert (smart.MIN_KEY_RESULTS, smart.MAX_KEY_RESULTS) == (
        rules.MIN_KEY_RESULTS,
        rules.MAX_KEY_RESULTS,
    )
    assert smart.MIN_KEY_RESULTS is rules.MIN_KEY_RESULTS


def test_the_rules_never_load_the_linter() -> None:
    """The linter asks the rules, so the dependency runs one way: rules -> numbers only."""
    code = "import sys, okrworkshop.rules; print('okrworkshop.smart' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_context_step_names_what_is_missing(ws: Workshop) -> None:
    assert len(rules.missing_for(ws, Stage.CONTEXT)) == len(rules.REQUIRED_CONTEXT)
    actions.set_context(
        ws,
        mission="Help small sellers thrive",
        north_star="Buyers always find what they want",
        pillars=["Search", " ", "Scale"],
        strategy="Win on relevance in the EU",
        why_okrs="To focus on one outcome",
        overlaps=[("Payments", "checkout")],
    )
    assert ws.context.pillars == ["Search", "Scale"]
    assert rules.step_complete(ws, Stage.CONTEXT)
    actions.set_context(ws, mission="")
    assert rules.missing_for(ws, Stage.CONTEXT) == ["Add the company mission."]


def test_stage_time_and_timebox(ws: Workshop) -> None:
    actions.add_stage_time(ws, Stage.DRAFTS, 90.04)
    actions.add_stage_time(ws, Stage.DRAFTS, 30)
    assert ws.stage_seconds[Stage.DRAFTS] == 120.0
    actions.set_timebox(ws, Stage.DRAFTS, 15)
    assert ws.timebox_minutes == {Stage.DRAFTS: 15}
    with pytest.raises(RuleError):
        actions.set_timebox(ws, Stage.DRAFTS, 1000)


def test_model_round_trips_through_dict(ws: Workshop) -> None:
    o = actions.add_draft(ws, HOSTILE["emoji"], author="Ben", pillar="Search", rationale="why")
    actions.vote(ws, o.id, person="Chen")
    kr_id = good_kr(ws, "Increase conversion from 12% to 18% by 2027-03-31")
    actions.review_check(ws, kr_id, Check.RELEVANT, Review.ACCEPTED, "bet")
    actions.set_timebox(ws, Stage.FOCUS, 10)
    again = Workshop.from_dict(ws.to_dict())
    assert again == ws


def test_undecodable_bytes_are_refused_clearly(ws: Workshop) -> None:
    broken = b"caf\xe9".decode("utf-8", "surrogateescape")  # what argv holds for Latin-1 input
    with pytest.raises(RuleError, match="not valid UTF-8"):
        actions.add_draft(ws, broken, author="Ben")
    with pytest.raises(RuleError, match="not valid UTF-8"):
        actions.add_participant(ws, broken)
