"""The handout as a stakeholder reads it: the objective as the heading with its owner and the day
it was made final, the core first (key results as short blocks, then what was left out), the
team's decisions in plain words. Read with a real CommonMark parser (markdown-it-py)."""

from __future__ import annotations

from datetime import date

import pytest
from cycle_okr import day, room
from hostile import HOSTILE
from markdown_parse import PARSER, tokens
from test_export import flat, rendered_text

from okrworkshop import actions, tracking
from okrworkshop.actions import KeyResultFields
from okrworkshop.export import to_markdown
from okrworkshop.model import Check, CheckReview, Review, Workshop
from okrworkshop.rules import RuleError
from okrworkshop.summary import to_minutes

FINALIZED = "2027-01-12T15:30:00+00:00"  # a Tuesday


def final(ws: Workshop | None = None) -> Workshop:
    ws = ws or room()
    ws.finalized = FINALIZED
    return ws


def headings(markdown: str) -> list[tuple[str, str]]:
    toks = PARSER.parse(markdown)
    return [(t.tag, toks[i + 1].content) for i, t in enumerate(toks) if t.type == "heading_open"]


def header_facts(markdown: str) -> list[str]:
    """The lines of the block right under the title."""
    return markdown.split("\n\n")[1].splitlines()


def core(markdown: str) -> str:
    """Everything before the first thematic break: what must fit one printed page."""
    return markdown.split("\n---\n")[0]


# --- 13: the objective is the heading ----------------------------------------------------------


def test_the_objective_is_the_one_top_heading() -> None:
    doc = to_markdown(final(), today=day(3))
    assert headings(doc)[0] == ("h1", "Buyers find the right product first time")
    assert [tag for tag, _ in headings(doc)].count("h1") == 1


def test_owner_and_the_day_it_was_made_final_are_at_the_top() -> None:
    doc = to_markdown(final(), today=day(3))
    assert header_facts(doc) == [
        "**Team:** Marketplace Search  ",
        "**Cycle:** 2027 Q1, 2027-01-01 to 2027-03-31  ",
        "**Owner:** Ana (facilitator)  ",
        "**Made final:** Tuesday 2027-01-12  ",
        "**Status:** Final  ",
        "**Participants:** Ben, Chen, Dana",
    ]


def test_without_a_facilitator_the_team_owns_it() -> None:
    ws = final()
    ws.facilitator = ""
    assert "**Owner:** the Marketplace Search team as a whole  " in header_facts(to_markdown(ws))


def test_a_draft_says_so_and_names_no_final_day() -> None:
    doc = to_markdown(room(final=False))
    assert headings(doc)[0] == ("h1", "Buyers find the right product first time")
    assert "**Status:** Draft: not final yet  " in header_facts(doc)
    assert "Made final" not in doc


# --- 14: the core first ------------------------------------------------------------------------


def test_the_core_comes_first_and_the_detail_after_a_break() -> None:
    ws = room(final=False)
    actions.set_context(ws, north_star="Buyers always find it", pillars=["Relevance"])
    actions.finalize(ws)
    tracking.check_in(ws, "kr1", "13%", confidence=6, today=day(14))
    doc = to_markdown(ws, today=day(14))
    h2 = [title for tag, title in headings(doc) if tag == "h2"]
    assert h2[:2] == ["Key results", "Deliberately not this cycle"]
    assert h2[2:] == ["Progress", "How this ties to the strategy"]
    before_break = core(doc)
    assert "## Deliberately not this cycle" in before_break and "Relevance first" in before_break
    assert "## Progress" not in before_break and "Buyers always find it" not in before_break


def test_the_plan_and_the_grade_follow_the_core() -> None:
    ws = room(final=False)
    actions.add_initiative(ws, "Tune the synonym list", owner="Ben", key_result="kr1")
    actions.finalize(ws)
    tracking.check_in(ws, "kr1", "15%", today=day(80))
    tracking.check_in(ws, "kr2", "6%", today=day(80))
    tracking.set_retro(ws, "Ship smaller")
    tracking.record_grade(ws, today=day(95))
    doc = to_markdown(ws, today=day(95))
    h2 = [title for tag, title in headings(doc) if tag == "h2"]
    assert h2 == [
        "Key results",
        "Deliberately not this cycle",
        "Grade",
        "Progress",
        "The plan",
        "How this ties to the strategy",
    ]
    assert "Tune the synonym list" not in core(doc)


# --- 15: a short block per key result ----------------------------------------------------------


def test_key_results_are_short_blocks_with_owner_and_deadline_not_a_table() -> None:
    doc = to_markdown(final(), today=day(3))
    assert not [t for t in tokens(core(doc)) if t.type == "table_open"]
    section = core(doc).split("## Key results\n\n")[1].split("\n\n## ")[0]
    assert section.split("\n\n")[:2] == [
        "**KR1: Increase search conversion from 12% to 18% by 2027-03-31**  \n"
        "Owner: Chen · Due: 2027-03-31",
        "**KR2: Reduce zero-result searches from 9% to 3% by 2027-03-31**  \n"
        "Owner: Chen · Due: 2027-03-31",
    ]
    # The deadline stays one piece of text: nothing can break it into "2027-03-/31".
    texts = [t.content for t in tokens(section) if t.type == "text"]
    assert "Owner: Chen · Due: 2027-03-31" in texts


def test_the_metric_and_numbers_show_only_when_the_sentence_lacks_them() -> None:
    ws = room(
        [
            ("Increase search conversion from 12% to 18% by 2027-03-31", "12%", "18%"),
            ("Buyers love the new search", "31", "45"),
        ],
        final=False,
    )
    ws.key_results[1].metric = "NPS of searchers"
    blocks = core(to_markdown(ws)).split("## Key results\n\n")[1].split("\n\n")
    assert "Measured by" not in blocks[0]
    assert blocks[1].splitlines()[1] == "Measured by NPS of searchers: 31 → 45  "


def test_missing_owner_and_deadline_are_said_in_the_block() -> None:
    ws = room(final=False)
    ws.key_results[0].owner = ""
    ws.key_results[0].deadline = None
    assert "Owner: not named yet · Due: no date yet" in to_markdown(ws)


def test_stretch_and_committed_are_said_per_key_result_only_when_both_exist() -> None:
    ws = room(final=False)
    assert "All key results are committed: each is expected in full." in to_markdown(ws)
    tracking.set_kind(ws, "kr1", "stretch")
    doc = to_markdown(ws)
    assert "Owner: Chen · Due: 2027-03-31 · Stretch: getting about 70% of the way counts" in doc
    assert "Owner: Chen · Due: 2027-03-31 · Committed: expected in full" in doc


def test_labels_match_between_the_key_results_progress_and_grade_after_a_delete() -> None:
    ws = room(
        [
            ("Cut checkout errors from 4% to 1% by 2027-03-31", "4%", "1%"),
            ("Increase search conversion from 12% to 18% by 2027-03-31", "12%", "18%"),
            ("Reduce zero-result searches from 9% to 3% by 2027-03-31", "9%", "3%"),
        ],
        final=False,
    )
    actions.delete_key_result(ws, "kr1")
    actions.finalize(ws)
    tracking.check_in(ws, "kr3", "8%", today=day(10))
    tracking.set_score(ws, "kr3", 0.4, "Typos")
    doc = to_markdown(ws, today=day(10))
    assert "**KR2: Reduce zero-result searches" in doc
    assert "- **KR2:** " in doc and "  9% → 8% → 3% (baseline" in doc
    assert "### KR2: check-ins" in doc
    assert "KR3" not in doc


# --- 16: no workshop jargon --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check", "statement", "words"),
    [
        (Check.SPECIFIC, "Grow", "is worded broadly"),
        (Check.MEASURABLE, "Make it better somehow", "is hard to measure exactly"),
        (Check.ACHIEVABLE, "", "may not be reached in full"),
        (Check.RELEVANT, "", "ties only loosely to the objective"),
        (Check.TIME_BOUND, "Reduce zero-result searches from 9% to 3%", "has no firm date"),
        (Check.OUTCOME, "Launch the onboarding wizard", "describes work more than a result"),
    ],
)
def test_what_the_team_accepted_knowingly_is_said_in_plain_words(
    check: Check, statement: str, words: str
) -> None:
    ws = room(final=False)
    if statement:
        actions.edit_key_result(ws, "kr2", statement=statement)
    if check is Check.TIME_BOUND:
        ws.key_results[1].deadline = None
    if check is Check.MEASURABLE:
        ws.key_results[1].baseline, ws.key_results[1].target = "low", "high"
    actions.review_check(ws, "kr2", check, Review.ACCEPTED, "Six points in one quarter.")
    doc = to_markdown(ws)
    kr2 = doc[doc.index("**KR2: ") :].split("\n\n")[0]
    assert kr2.endswith(f"The team knows KR2 {words}: Six points in one quarter.")
    for jargon in ("accepted as it is", "Accepted in refinement", check.label + ":"):
        assert jargon not in doc


def test_a_deadline_after_the_cycle_is_said_as_a_date_not_as_no_firm_date() -> None:
    ws = room(final=False)
    ws.key_results[1].deadline = date(2027, 4, 30)
    actions.review_check(ws, "kr2", Check.TIME_BOUND, Review.ACCEPTED, "The partner ships late.")
    doc = to_markdown(ws)
    assert (
        "The team knows KR2 is due on 2027-04-30, after the cycle ends (2027-03-31): The "
        "partner ships late." in doc
    )
    assert "has no firm date" not in doc


def test_only_the_checks_that_did_not_pass_are_said_to_be_accepted() -> None:
    ws = room(final=False)
    ws.key_results[1].deadline = date(2027, 4, 30)
    accepted, confirmed = actions.accept_gaps(ws, "kr2", "The partner ships late.")
    assert accepted == [Check.TIME_BOUND]
    assert confirmed == [Check.SPECIFIC, Check.MEASURABLE, Check.OUTCOME]
    kr2 = ws.key_results[1]
    assert kr2.smart[Check.OUTCOME].status is Review.CONFIRMED and not kr2.smart[Check.OUTCOME].note
    doc, minutes = to_markdown(ws), to_minutes(ws)
    assert doc.count("The team knows KR2") == 1 and "describes work" not in doc
    assert minutes.count("- KR2, ") == 1 and "- KR2, Time-bound: The partner ships late." in minutes
    with pytest.raises(RuleError, match="KR2 passes Outcome, so there is no gap to accept"):
        actions.review_check(ws, "kr2", Check.OUTCOME, Review.ACCEPTED, "Fine.")


def test_an_acceptance_stored_on_a_check_that_passes_says_nothing_false() -> None:
    ws = room(final=False)  # an older file: accepted before the rule refused it
    ws.key_results[1].smart[Check.OUTCOME] = CheckReview(Review.ACCEPTED, "Old note")
    assert "describes work more than a result" not in to_markdown(ws)
    assert "Old note" not in to_minutes(ws)


def test_the_handout_has_no_workshop_jargon() -> None:
    ws = room(final=False)
    actions.review_check(ws, "kr1", Check.ACHIEVABLE, Review.ACCEPTED, "Ambitious")
    text = rendered_text(to_markdown(ws))
    for jargon in ("SMART", "refinement", "Achievable", "deprioritized", "1.0", "0.7"):
        assert jargon not in text, jargon


# --- escaping still holds in every new place ----------------------------------------------------


def typed_everywhere(text: str) -> Workshop:
    ws = final()
    ws.team = ws.facilitator = text
    ws.participants = [text, "Ben"]
    focus = ws.objectives[0]
    focus.rationale = focus.pillar = focus.contributes_to = text
    kr = ws.key_results[0]
    kr.statement = kr.owner = kr.metric = kr.baseline = text
    kr.smart[Check.RELEVANT].status = Review.ACCEPTED
    kr.smart[Check.RELEVANT].note = text
    ws.deprioritized[0].text = ws.deprioritized[0].reason = text
    return ws


@pytest.mark.parametrize("key", sorted(HOSTILE))
def test_typed_text_in_the_header_and_the_blocks_never_becomes_markdown(key: str) -> None:
    hostile = HOSTILE[key]
    doc = to_markdown(typed_everywhere(hostile), today=day(3))
    clean = to_markdown(typed_everywhere("Plain words"), today=day(3))
    structure = ("text", "softbreak", "hardbreak")
    assert [t.type for t in tokens(doc) if t.type not in structure] == [
        t.type for t in tokens(clean) if t.type not in structure
    ]
    forbidden = ("html_inline", "html_block", "link_open", "image", "code_block", "fence")
    assert not [t for t in tokens(doc) if t.type in forbidden]
    assert rendered_text(doc).count(flat(hostile)) >= 8  # title, facts, block, list, notes
    assert "\x1b" not in doc and "\x00" not in doc


def test_a_key_result_typed_without_numbers_keeps_its_fields_escaped() -> None:
    ws = room(final=False)
    actions.edit_key_result(
        ws, "kr1", statement="Buyers *love* search", fields=KeyResultFields(metric="<b>NPS</b>")
    )
    block = to_markdown(ws).split("**KR1: ")[1].split("\n\n")[0]
    assert block.startswith(r"Buyers \*love\* search**")
    assert r"Measured by \<b>NPS\</b>: 12% → 18%" in block
