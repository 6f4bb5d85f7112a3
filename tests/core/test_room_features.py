"""What the room asked for (issue 12): merging drafts, initiatives, a key result moved to "not
now", "contributes to", deadlines inside the cycle, several drafts set aside at once."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from hostile import HOSTILE

from okrworkshop import actions, rules
from okrworkshop.actions import KeyResultFields
from okrworkshop.model import ID_PREFIXES, Check, Review, Stage, Status, Workshop, id_prefix
from okrworkshop.rules import RuleError
from okrworkshop.smart import lint_key_result, lint_key_result_record

MIXED = "Launch the partner portal and reach 500 active partners by 2027-03-31"


@pytest.fixture
def ws() -> Workshop:
    workshop = actions.new_workshop(
        "Marketplace Search",
        "2027 Q1",
        start="2027-01-01",
        end="2027-03-31",
        facilitator="Ana",
        participants=["Ben", "Chen", "Dana"],
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


def snapshot(ws: Workshop) -> dict[str, object]:
    return copy.deepcopy(ws.to_dict())


# --- 15. merging duplicate drafts -----------------------------------------------------------


def test_merge_keeps_one_text_credits_both_authors_and_sums_each_voters_dots(
    ws: Workshop,
) -> None:
    keep = actions.add_draft(ws, "Buyers find the right product", author="Ben", pillar="Search")
    other = actions.add_draft(ws, "Buyers find what they want", author="Chen", rationale="Churn")
    actions.go_to_stage(ws, Stage.FOCUS)
    actions.vote(ws, keep.id, person="Ben")
    actions.vote(ws, other.id, person="Ben")
    actions.vote(ws, other.id, person="Chen")
    actions.vote(ws, other.id, person="Dana")
    actions.vote(ws, keep.id, person="Dana")

    kept = actions.merge_drafts(ws, keep.id, other.id, text="Buyers find it first time")

    assert kept is keep
    assert [o.id for o in ws.objectives] == [keep.id]
    assert kept.text == "Buyers find it first time"
    assert (kept.author, kept.coauthors, kept.authors) == ("Ben", ["Chen"], ["Ben", "Chen"])
    assert kept.votes == {"Ben": 2, "Dana": 2, "Chen": 1}
    assert (kept.pillar, kept.rationale) == ("Search", "Churn")  # the other fills what is empty
    for voter in ("Ben", "Chen", "Dana"):
        assert rules.votes_used(ws, voter) <= ws.settings.votes_per_participant


def test_merge_without_text_keeps_the_kept_drafts_words(ws: Workshop) -> None:
    keep = actions.add_draft(ws, "Buyers find the right product", author="Ben")
    other = actions.add_draft(ws, "Buyers find what they want", author="Chen")
    assert actions.merge_drafts(ws, keep.id, other.id).text == "Buyers find the right product"


def test_merge_never_takes_a_voter_past_the_cap(ws: Workshop) -> None:
    """A merge moves dots; a voter ends over the cap only if it was lowered after voting, and
    then the merged draft keeps only what fits."""
    a = actions.add_draft(ws, "Draft A", author="Ben")
    b = actions.add_draft(ws, "Draft B", author="Chen")
    c = actions.add_draft(ws, "Draft C", author="Dana")
    actions.go_to_stage(ws, Stage.FOCUS)
    for draft in (a, b, c):
        actions.vote(ws, draft.id, person="Ben")
    actions.vote(ws, a.id, person="Chen")
    actions.vote(ws, b.id, person="Chen")
    actions.update_settings(ws, votes_per_participant=2)

    kept = actions.merge_drafts(ws, a.id, b.id)

    assert kept.votes == {"Ben": 1, "Chen": 2}  # Ben: 1 + 1, but 1 more is on C; Chen: 1 + 1
    assert rules.votes_used(ws, "Ben") == 2 and rules.votes_used(ws, "Chen") == 2


def test_merging_a_draft_with_itself_is_refused(ws: Workshop) -> None:
    draft = actions.add_draft(ws, "Buyers find the right product", author="Ben")
    with pytest.raises(RuleError, match="same draft twice"):
        actions.merge_drafts(ws, draft.id, draft.id.upper())


def test_the_focus_can_be_kept_but_never_merged_away(ws: Workshop) -> None:
    focus = actions.add_draft(ws, "Buyers find the right product", author="Ben")
    twin = actions.add_draft(ws, "Buyers find what they want", author="Chen")
    actions.choose_focus(ws, focus.id)
    actions.deprioritize(ws, None, "Same idea as the focus", from_objective=twin.id)
    before = snapshot(ws)
    with pytest.raises(RuleError, match=rf"{focus.id} is the focus objective.*merge {focus.id}"):
        actions.merge_drafts(ws, twin.id, focus.id)
    assert ws.to_dict() == before

    actions.merge_drafts(ws, focus.id, twin.id)
    assert ws.focus == focus.id and ws.focus_objective is focus
    assert focus.coauthors == ["Chen"]
    assert ws.deprioritized == []  # the twin's entry goes: the focus is never deprioritized
    assert rules.step_complete(ws, Stage.FOCUS)


def test_merge_moves_the_others_deprioritized_entry_to_the_kept_draft(ws: Workshop) -> None:
    focus = actions.add_draft(ws, "The focus", author="Ana")
    keep = actions.add_draft(ws, "Sellers list in minutes", author="Ben")
    other = actions.add_draft(ws, "Sellers list fast", author="Chen")
    actions.choose_focus(ws, focus.id)
    item = actions.deprioritize(ws, None, "After search", from_objective=other.id)
    actions.merge_drafts(ws, keep.id, other.id)
    assert item.from_objective == keep.id
    assert rules.undecided_drafts(ws) == []


def test_merging_two_deprioritized_drafts_keeps_one_entry(ws: Workshop) -> None:
    focus = actions.add_draft(ws, "The focus", author="Ana")
    keep = actions.add_draft(ws, "Sellers list in minutes", author="Ben")
    other = actions.add_draft(ws, "Sellers list fast", author="Chen")
    actions.choose_focus(ws, focus.id)
    kept_item = actions.deprioritize(ws, None, "After search", from_objective=keep.id)
    actions.deprioritize(ws, None, "Later", from_objective=other.id)
    actions.merge_drafts(ws, keep.id, other.id)
    assert ws.deprioritized == [kept_item]


def test_merged_drafts_keep_every_author_once_and_renames_follow(ws: Workshop) -> None:
    a = actions.add_draft(ws, "Idea", author="Ben")
    b = actions.add_draft(ws, "Idea again", author="Chen")
    c = actions.add_draft(ws, "Idea once more", author="Dana")
    d = actions.add_draft(ws, "Ben's second take", author="ben")
    actions.merge_drafts(ws, b.id, c.id)
    actions.merge_drafts(ws, a.id, b.id)
    actions.merge_drafts(ws, a.id, d.id)
    assert a.authors == ["Ben", "Chen", "Dana"]
    actions.rename_participant(ws, "Dana", "Dani")
    assert a.coauthors == ["Chen", "Dani"]


def test_a_merged_draft_still_counts_as_each_authors_draft(ws: Workshop) -> None:
    keep = actions.add_draft(ws, "Idea", author="Ben")
    other = actions.add_draft(ws, "Idea again", author="Chen")
    actions.add_draft(ws, "Dana's idea", author="Dana")
    actions.merge_drafts(ws, keep.id, other.id)
    assert rules.missing_for(ws, Stage.DRAFTS) == []
    progress = {p.name: p.drafts for p in rules.drafting_progress(ws)}
    assert progress == {"Ben": 1, "Chen": 1, "Dana": 1}


@pytest.mark.parametrize("key", list(HOSTILE))
def test_merged_text_is_stored_exactly(ws: Workshop, key: str) -> None:
    keep = actions.add_draft(ws, "Idea", author="Ben")
    other = actions.add_draft(ws, "Idea again", author="Chen")
    kept = actions.merge_drafts(ws, keep.id, other.id, text=HOSTILE[key])
    assert kept.text == HOSTILE[key].strip()
    assert Workshop.from_dict(ws.to_dict()) == ws


def test_merge_refuses_empty_text_unknown_ids_and_a_final_okr(ws: Workshop) -> None:
    keep = actions.add_draft(ws, "Idea", author="Ben")
    other = actions.add_draft(ws, "Idea again", author="Chen")
    before = snapshot(ws)
    with pytest.raises(RuleError, match="empty"):
        actions.merge_drafts(ws, keep.id, other.id, text="  ")
    with pytest.raises(RuleError, match="no draft objective 'o9'"):
        actions.merge_drafts(ws, keep.id, "o9")
    assert ws.to_dict() == before
    ws.status = Status.FINAL
    with pytest.raises(RuleError, match="final"):
        actions.merge_drafts(ws, keep.id, other.id)


def test_a_merged_drafts_file_item_is_remembered(ws: Workshop) -> None:
    keep = actions.add_draft(ws, "Idea", author="Ben")
    other = actions.add_draft(ws, "Idea again", author="Chen")
    other.source = "inv1/o1"
    actions.merge_drafts(ws, keep.id, other.id)
    assert ws.retired_sources == ["inv1/o1"]


# --- 16. initiatives ------------------------------------------------------------------------


def test_initiatives_get_their_own_ids_never_reused(ws: Workshop) -> None:
    kr_id = good_kr(ws, "Increase conversion from 12% to 18% by 2027-03-31")
    first = actions.add_initiative(ws, "Tune synonyms", owner="ben", key_result=kr_id.upper())
    assert (first.id, first.owner, first.key_result) == ("i1", "Ben", kr_id)
    actions.remove_initiative(ws, first.id)
    again = Workshop.from_dict({**ws.to_dict(), "sequence": {}})
    assert "i" in ID_PREFIXES
    assert actions.add_initiative(ws, "Hire a search engineer").id == "i2"
    assert actions.add_initiative(again, "Hire a search engineer").id == "i1"  # nothing left
    actions.add_initiative(again, "Second")
    reread = Workshop.from_dict({**again.to_dict(), "sequence": {}})
    assert actions.add_initiative(reread, "Third").id == "i3"  # counters rebuilt from ids


def test_initiative_rules(ws: Workshop) -> None:
    with pytest.raises(RuleError, match="no key result 'id:kr7'"):
        actions.add_initiative(ws, "Work", key_result="kr7")
    with pytest.raises(RuleError, match="not a participant"):
        actions.add_initiative(ws, "Work", owner="Zed")
    with pytest.raises(RuleError, match="initiative is empty"):
        actions.add_initiative(ws, " ")
    with pytest.raises(RuleError, match="no initiative 'i4'"):
        actions.remove_initiative(ws, "i4")
    assert ws.initiatives == []


def test_edit_initiative_changes_only_what_is_given(ws: Workshop) -> None:
    kr_id = good_kr(ws, "Increase conversion from 12% to 18% by 2027-03-31")
    item = actions.add_initiative(ws, "Tune synonyms", owner="Ben")
    actions.edit_initiative(ws, item.id, key_result=kr_id)
    assert (item.text, item.owner, item.key_result) == ("Tune synonyms", "Ben", kr_id)
    actions.edit_initiative(ws, item.id, text="Tune synonyms and stems", owner="")
    assert (item.text, item.owner, item.key_result) == ("Tune synonyms and stems", "", kr_id)
    actions.edit_initiative(ws, item.id, key_result="")
    assert item.key_result is None


@pytest.mark.parametrize("key", list(HOSTILE))
def test_initiative_text_is_stored_exactly(ws: Workshop, key: str) -> None:
    item = actions.add_initiative(ws, HOSTILE[key])
    assert item.text == HOSTILE[key].strip()
    assert Workshop.from_dict(ws.to_dict()) == ws


def test_deleting_a_key_result_leaves_its_initiatives_to_the_objective(ws: Workshop) -> None:
    kr_id = good_kr(ws, "Increase conversion from 12% to 18% by 2027-03-31")
    item = actions.add_initiative(ws, "Tune synonyms", key_result=kr_id)
    actions.delete_key_result(ws, kr_id)
    assert item.key_result is None and ws.initiatives == [item]


def test_a_key_result_moves_to_the_plan_in_one_step(ws: Workshop) -> None:
    kr_id = good_kr(ws, "Launch the seller onboarding wizard by 2027-03-31")
    ws.key_results[0].source = "inv1/kr1"
    serving = actions.add_initiative(ws, "Write the copy", key_result=kr_id)
    moved = actions.key_result_to_initiative(ws, kr_id)
    assert ws.key_results == []
    assert (moved.text, moved.owner, moved.key_result) == (
        "Launch the seller onboarding wizard by 2027-03-31",
        "Chen",
        None,
    )
    assert [i.id for i in ws.initiatives] == [serving.id, moved.id]
    assert serving.key_result is None
    assert ws.retired_sources == ["inv1/kr1"]


def test_split_keeps_the_result_and_plans_the_delivery(ws: Workshop) -> None:
    kr_id = good_kr(ws, MIXED, baseline="120", target="500")
    kr = ws.key_result(kr_id)
    assert kr is not None
    actions.review_check(ws, kr_id, Check.ACHIEVABLE, Review.CONFIRMED)
    expected = lint_key_result_record(kr).suggested_split
    assert expected is not None

    kept, planned = actions.split_key_result(ws, kr_id)

    assert kept is kr and kr.statement == expected.result == (
        "Reach 500 active partners by 2027-03-31"
    )
    assert (planned.text, planned.key_result, planned.owner) == (
        "Launch the partner portal",
        kr_id,
        "Chen",
    )
    assert kr.smart[Check.ACHIEVABLE].status is Review.OPEN  # new words, new review
    assert lint_key_result_record(kr).suggested_split is None


def test_split_is_refused_when_there_is_nothing_to_split(ws: Workshop) -> None:
    kr_id = good_kr(ws, "Increase conversion from 12% to 18% by 2027-03-31")
    before = snapshot(ws)
    with pytest.raises(RuleError, match="nothing to split"):
        actions.split_key_result(ws, kr_id)
    assert ws.to_dict() == before


# --- 17. a key result moved to "not now" ----------------------------------------------------


def test_a_key_result_moves_to_not_now_with_a_reason(ws: Workshop) -> None:
    for n in range(6):
        good_kr(ws, f"Increase conversion in market {n} from 12% to 18% by 2027-03-31")
    assert any("at most 5" in m for m in rules.missing_for(ws, Stage.KEY_RESULTS))
    item_for_kr3 = actions.add_initiative(ws, "Localise market 2", key_result="kr3")

    item = actions.deprioritize_key_result(ws, "KR3", "Market 2 waits for the relaunch")

    assert (item.id, item.from_key_result, item.from_objective) == ("d1", "kr3", None)
    assert item.text == "Increase conversion in market 2 from 12% to 18% by 2027-03-31"
    assert item.reason == "Market 2 waits for the relaunch"
    assert [k.id for k in ws.key_results] == ["kr1", "kr2", "kr4", "kr5", "kr6"]
    assert not any("at most 5" in m for m in rules.missing_for(ws, Stage.KEY_RESULTS))
    assert item_for_kr3.key_result is None
    assert Workshop.from_dict(ws.to_dict()) == ws


def test_moving_a_key_result_to_not_now_needs_a_reason(ws: Workshop) -> None:
    kr_id = good_kr(ws, "Increase conversion from 12% to 18% by 2027-03-31")
    before = snapshot(ws)
    with pytest.raises(RuleError, match="reason is empty"):
        actions.deprioritize_key_result(ws, kr_id, "   ")
    with pytest.raises(RuleError, match="no key result 'id:kr9'"):
        actions.deprioritize_key_result(ws, "kr9", "why")
    assert ws.to_dict() == before
    item = actions.deprioritize_key_result(ws, kr_id, HOSTILE["ansi"], text=HOSTILE["rtl"])
    assert (item.text, item.reason) == (HOSTILE["rtl"], HOSTILE["ansi"].strip())


def test_deprioritize_drafts_sets_several_aside_in_one_change(ws: Workshop) -> None:
    focus = actions.add_draft(ws, "The focus", author="Ana")
    others = [actions.add_draft(ws, f"Other idea {n}", author="Ben") for n in range(3)]
    actions.choose_focus(ws, focus.id)
    already = actions.deprioritize(ws, None, "Earlier", from_objective=others[0].id)

    added = actions.deprioritize_drafts(ws, [o.id for o in others] + [others[1].id], "Later")

    assert [d.from_objective for d in added] == [others[1].id, others[2].id]
    assert {d.reason for d in added} == {"Later"} and already.reason == "Earlier"
    assert rules.undecided_drafts(ws) == []


def test_deprioritize_drafts_changes_nothing_when_one_id_is_wrong(ws: Workshop) -> None:
    focus = actions.add_draft(ws, "The focus", author="Ana")
    other = actions.add_draft(ws, "Other idea", author="Ben")
    actions.choose_focus(ws, focus.id)
    before = snapshot(ws)
    with pytest.raises(RuleError, match="no draft objective 'o7'"):
        actions.deprioritize_drafts(ws, [other.id, "o7"], "Later")
    with pytest.raises(RuleError, match="focus objective"):
        actions.deprioritize_drafts(ws, [other.id, focus.id], "Later")
    with pytest.raises(RuleError, match="reason is empty"):
        actions.deprioritize_drafts(ws, [other.id], "")
    assert ws.to_dict() == before


# --- 18. contributes to ---------------------------------------------------------------------


@pytest.fixture
def with_parents(ws: Workshop) -> Workshop:
    actions.set_context(
        ws, parent_okrs=["Company O1: grow EU revenue", "Company O2:  safer   payments"]
    )
    return ws


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("1", "Company O1: grow EU revenue"),
        (" 2 ", "Company O2:  safer   payments"),
        ("company o2: SAFER payments", "Company O2:  safer   payments"),
    ],
)
def test_contributes_to_by_number_or_exact_text(
    with_parents: Workshop, choice: str, expected: str
) -> None:
    draft = actions.add_draft(with_parents, "Buyers trust checkout", author="Ben")
    actions.set_contributes_to(with_parents, draft.id, choice)
    assert draft.contributes_to == expected
    actions.set_contributes_to(with_parents, draft.id, "")
    assert draft.contributes_to is None


def test_a_draft_can_name_its_higher_level_okr_when_added(with_parents: Workshop) -> None:
    draft = actions.add_draft(
        with_parents, "Buyers trust checkout", author="Ben", contributes_to="2"
    )
    assert draft.contributes_to == "Company O2:  safer   payments"
    assert Workshop.from_dict(with_parents.to_dict()) == with_parents


@pytest.mark.parametrize(
    ("choice", "needle"),
    [
        ("3", "no higher-level OKR number 3; pick 1 to 2: 1. Company O1"),
        ("0", "pick 1 to 2"),
        ("Company O3", "'Company O3' is not one of the higher-level OKRs"),
    ],
)
def test_a_choice_outside_the_list_is_refused_with_the_list(
    with_parents: Workshop, choice: str, needle: str
) -> None:
    draft = actions.add_draft(with_parents, "Buyers trust checkout", author="Ben")
    with pytest.raises(RuleError, match=needle):
        actions.set_contributes_to(with_parents, draft.id, choice)
    with pytest.raises(RuleError, match=needle):
        actions.add_draft(with_parents, "Another", author="Ben", contributes_to=choice)
    assert draft.contributes_to is None and len(with_parents.objectives) == 1


def test_contributes_to_needs_higher_level_okrs_in_the_context(ws: Workshop) -> None:
    draft = actions.add_draft(ws, "Buyers trust checkout", author="Ben")
    with pytest.raises(RuleError, match=r"no higher-level OKRs yet.*--parent-okr"):
        actions.set_contributes_to(ws, draft.id, "1")


def test_a_hostile_higher_level_okr_is_kept_exactly(ws: Workshop) -> None:
    actions.set_context(ws, parent_okrs=[HOSTILE["click-action"], HOSTILE["ansi"]])
    draft = actions.add_draft(ws, "Buyers trust checkout", author="Ben", contributes_to="2")
    assert draft.contributes_to == HOSTILE["ansi"].strip()
    actions.set_contributes_to(ws, draft.id, HOSTILE["click-action"])
    assert draft.contributes_to == HOSTILE["click-action"]


def test_merge_keeps_the_first_contributes_to(with_parents: Workshop) -> None:
    keep = actions.add_draft(with_parents, "Idea", author="Ben")
    other = actions.add_draft(with_parents, "Idea again", author="Chen", contributes_to="1")
    assert actions.merge_drafts(with_parents, keep.id, other.id).contributes_to == (
        "Company O1: grow EU revenue"
    )


# --- 19. deadlines inside the cycle ---------------------------------------------------------

CYCLE = (date(2027, 1, 1), date(2027, 3, 31))
STATEMENT = "Increase search-to-purchase conversion from 12% to 18%"


@pytest.mark.parametrize(
    ("deadline", "words"),
    [
        ("2027-06-30", "2027-06-30 is after the cycle ends (2027-03-31)"),
        (date(2026, 12, 1), "2026-12-01 is before the cycle starts (2027-01-01)"),
    ],
)
def test_a_deadline_outside_the_cycle_fails_time_bound_naming_the_dates(
    deadline: str | date, words: str
) -> None:
    lint = lint_key_result(STATEMENT, deadline=deadline, cycle=CYCLE)
    assert lint.time_bound is False
    (finding,) = lint.for_check(Check.TIME_BOUND)
    assert words in finding.message and "2027-01-01 to 2027-03-31" in finding.message
    assert lint_key_result(STATEMENT, deadline=deadline).time_bound is True  # no cycle given


@pytest.mark.parametrize("deadline", ["2027-01-01", "2027-03-31", date(2027, 2, 14)])
def test_a_deadline_inside_the_cycle_passes(deadline: str | date) -> None:
    lint = lint_key_result(STATEMENT, deadline=deadline, cycle=CYCLE)
    assert lint.time_bound is True and not lint.for_check(Check.TIME_BOUND)


def test_a_date_in_the_statement_counts_when_the_field_is_empty() -> None:
    late = lint_key_result(f"{STATEMENT} by 2027-05-15", cycle=CYCLE)
    assert late.time_bound is False and "2027-05-15 is after" in late.findings[0].message
    on_time = lint_key_result(f"{STATEMENT} by 2027-03-15", cycle=CYCLE)
    assert on_time.time_bound is True
    worded = lint_key_result(f"{STATEMENT} by end of June 2027", cycle=CYCLE)
    assert worded.time_bound is True  # words name no day: not compared


def test_a_cycle_with_one_date_still_checks_that_side() -> None:
    assert lint_key_result(STATEMENT, deadline="2027-06-30", cycle=(None, CYCLE[1])).time_bound is (
        False
    )
    assert lint_key_result(STATEMENT, deadline="2027-06-30", cycle=(CYCLE[0], None)).time_bound
    assert lint_key_result(STATEMENT, deadline="2026-06-30", cycle=(None, None)).time_bound


def _finalizable(ws: Workshop, deadline: str) -> str:
    objective = actions.add_draft(ws, "Buyers find the right product first time", author="Ben")
    actions.choose_focus(ws, objective.id)
    late = good_kr(ws, STATEMENT, deadline=deadline)
    other = good_kr(ws, "Reduce zero-result searches from 9% to 4% by 2027-03-31")
    for check in Check:
        actions.review_check(ws, other, check, Review.CONFIRMED)
        if check is not Check.TIME_BOUND:
            actions.review_check(ws, late, check, Review.CONFIRMED)
    return late


def test_a_deadline_outside_the_cycle_blocks_final_until_accepted_with_a_note(
    ws: Workshop,
) -> None:
    late = _finalizable(ws, "2027-06-30")
    with pytest.raises(RuleError, match="does not pass Time-bound yet: The deadline 2027-06-30"):
        actions.review_check(ws, late, Check.TIME_BOUND, Review.CONFIRMED)
    blockers = rules.finalize_blockers(ws)
    assert late == "kr1"
    assert any(b.startswith("KR1: The deadline 2027-06-30 is after") for b in blockers)
    with pytest.raises(RuleError, match="2027-01-01 to 2027-03-31"):
        actions.finalize(ws)
    actions.review_check(ws, late, Check.TIME_BOUND, Review.ACCEPTED, "The contract ends in June")
    assert rules.finalize_blockers(ws) == []
    actions.finalize(ws)
    assert ws.status is Status.FINAL


def test_moving_the_cycle_after_review_brings_the_blocker_back(ws: Workshop) -> None:
    late = _finalizable(ws, "2027-03-31")
    actions.review_check(ws, late, Check.TIME_BOUND, Review.CONFIRMED)
    assert rules.finalize_blockers(ws) == []
    actions.update_setup(ws, end="2027-02-28")
    assert any("is after the cycle ends (2027-02-28)" in b for b in rules.finalize_blockers(ws))
    assert late == "kr1" and any("KR1" in m for m in rules.missing_for(ws, Stage.REFINE))


# --- ids ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item_id", "prefix"),
    [("kr3", "kr"), (" O2 ", "o"), ("d1", "d"), ("i12", "i"), ("x1", None), ("kr", None)],
)
def test_id_prefix_names_the_kind_of_item(item_id: str, prefix: str | None) -> None:
    assert id_prefix(item_id) == prefix
