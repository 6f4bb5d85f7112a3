"""Words that agree with each other: one home for each, so every surface says the same."""

from __future__ import annotations

import re
from datetime import date

import pytest
from cycle_okr import day, room

from okrworkshop import actions, rules, tracking
from okrworkshop.export import to_markdown
from okrworkshop.model import CONTEXT_LABELS, Status, Workshop
from okrworkshop.plain import render_plain
from okrworkshop.preread import to_preread
from okrworkshop.smart import lint_key_result, lint_sentence
from okrworkshop.summary import to_minutes
from okrworkshop.text import key_result_example


def drafting() -> Workshop:
    ws = actions.new_workshop(
        "Search", "2027 Q1", start=date(2027, 1, 1), end=date(2027, 3, 31),
        facilitator="Ana", participants=["Ivo", "Lena", "Ben"],
    )  # fmt: skip
    return ws


def merged() -> Workshop:
    """Ivo's and Lena's duplicate drafts merged into Ivo's, which becomes the focus."""
    ws = drafting()
    ivo = actions.add_draft(ws, "Buyers find the right product first time", author="Ivo")
    lena = actions.add_draft(ws, "Buyers find what they want", author="Lena")
    actions.add_draft(ws, "Sellers list in minutes", author="Lena")
    actions.merge_drafts(ws, ivo.id, lena.id)
    actions.choose_focus(ws, ivo.id)
    return ws


def test_a_merged_draft_counts_for_both_authors_in_show_and_the_minutes() -> None:
    ws = merged()
    assert rules.drafts_per_person(ws) == {"ivo": 1, "lena": 2}
    assert "Drafts per person: Ivo 1, Lena 2, Ben 0" in render_plain(ws)
    minutes = to_minutes(ws)
    assert "| Ivo | 1 |" in minutes and "| Lena | 2 |" in minutes
    assert "(drafted by Ivo and Lena" in minutes
    assert "**Proposed by:** Ivo and Lena" in to_markdown(ws)


def test_a_tie_at_the_top_is_said_in_one_sentence_once_votes_are_revealed() -> None:
    ws = drafting()
    a = actions.add_draft(ws, "One", author="Ivo")
    b = actions.add_draft(ws, "Two", author="Lena")
    actions.vote(ws, a.id, person="Ivo")
    actions.vote(ws, b.id, person="Lena")
    assert rules.tie_words(ws) == ""  # hidden votes: nobody follows the crowd
    actions.reveal_votes(ws)
    assert rules.tie_words(ws) == "Tie at the top: o1 and o2 have 1 dot each."
    actions.vote(ws, a.id, person="Ben")
    assert rules.tie_words(ws) == ""


def test_a_used_up_voter_is_told_about_dots_in_words() -> None:
    ws = drafting()
    ws.settings.votes_per_participant = 1
    a = actions.add_draft(ws, "One", author="Ivo")
    actions.vote(ws, a.id, person="Ivo")
    with pytest.raises(rules.RuleError, match=r"^Ivo has used all 1 dot\. Take one back"):
        actions.vote(ws, a.id, person="Ivo")


def test_a_reopened_okr_counts_its_check_ins_in_words() -> None:
    ws = room()
    tracking.check_in(ws, "kr1", "13%", today=day(10))
    actions.reopen(ws)
    with pytest.raises(rules.RuleError, match=r"What was checked in is kept \(1 check-in\)\."):
        tracking.check_in(ws, "kr1", "14%", today=day(11))


def test_the_status_is_one_word_everywhere_it_is_shown() -> None:
    ws = room()
    tracking.check_in(ws, "kr1", "13%", today=day(10))
    assert rules.lifecycle(ws).value == "tracking"
    assert "Status: tracking" in render_plain(ws, today=day(10))


def test_show_leaves_out_before_the_meeting_once_the_room_has_met() -> None:
    ws = drafting()
    assert "Before the meeting" in render_plain(ws)
    assert "  Ben: nothing yet" in render_plain(ws)
    actions.go_to_stage(ws, ws.stage.__class__("drafts"))
    assert ws.status is Status.LIVE
    assert "Before the meeting" not in render_plain(ws)
    assert "Before the meeting" not in render_plain(room(), today=day(10))


def test_every_context_label_is_the_same_in_show_the_handout_and_the_pre_read() -> None:
    ws = room(final=False)
    actions.set_context(
        ws, mission="Sell", north_star="Buyers", strategy="Relevance", why_okrs="Focus",
        pillars=["Trust"],
    )  # fmt: skip
    shown, handout, preread = render_plain(ws, today=day(1)), to_markdown(ws), to_preread(ws)
    for key in ("mission", "north_star", "strategy", "why_okrs", "pillars"):
        label = CONTEXT_LABELS[key]
        assert f"{label}:" in shown and f"**{label}:**" in handout and label in preread
    assert "Why we do OKRs" not in shown + handout + preread


@pytest.mark.parametrize(
    "statement",
    [
        "Improve search",
        "Increase conversion from 12%",
        "Raise conversion from 12% to 18%",
        "Make onboarding better for new teams",
        "Increase weekly active teams measured during the week from 1,200 to 2,000",
    ],
)
def test_a_statement_alone_is_never_told_to_fill_in_a_field(statement: str) -> None:
    assert any(
        "field" in f.message for f in lint_key_result("Increase conversion from 12%").findings
    )
    sentence = lint_sentence(statement)
    assert not any(re.search(r"\bfields?\b", f.message) for f in sentence.findings)
    whole = lint_key_result(statement)
    assert [f.check for f in sentence.findings] == [f.check for f in whole.findings]
    assert (sentence.measurable, sentence.time_bound) == (whole.measurable, whole.time_bound)


def test_the_key_result_example_is_due_on_the_cycles_last_day() -> None:
    example = key_result_example(date(2026, 12, 31))
    assert example.endswith("by 2026-12-31")
    assert lint_key_result(example, cycle=(date(2026, 10, 1), date(2026, 12, 31))).time_bound
    assert key_result_example(None).endswith("by the end of the cycle")


def test_no_word_ends_in_s_in_brackets() -> None:
    """ "6 draft(s)" is what a plural helper (text.plural) is for: no string a person reads
    has one."""
    import io
    import tokenize
    from pathlib import Path

    root = Path(__file__).parents[2]
    sources = [*root.glob("okrworkshop/**/*.py"), *root.glob("screens/**/*.py")]
    found = [
        f"{p.relative_to(root)}:{token.start[0]}"
        for p in sources
        for token in tokenize.generate_tokens(io.StringIO(p.read_text(encoding="utf-8")).readline)
        if token.type == tokenize.STRING and re.search(r"[a-z]\(s\)", token.string)
    ]
    assert found == []
