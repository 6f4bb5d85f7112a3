"""A week's notes and the digest: what they say, and that words people typed (next actions,
commitments and why not, health notes, wins) never become markdown structure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hostile import HOSTILE
from markdown_parse import tokens
from week_scenario import MONDAYS, three_weeks

from okrworkshop import tracking, week_actions
from okrworkshop.digest import to_digest
from okrworkshop.model import Workshop
from okrworkshop.rules import RuleError
from okrworkshop.sample import example_workshop
from okrworkshop.text import visible


def rendered_text(markdown: str) -> str:
    return "".join(
        t.content for t in tokens(markdown) if t.type in ("text", "code_inline", "softbreak")
    )


def two_weeks(typed: str) -> Workshop:
    """Two closed meetings where every typed field holds ``typed``."""
    ws = example_workshop()
    ws.id = "a1b2c3"
    week_actions.start_week(ws, today=MONDAYS[0])
    made = week_actions.commit(ws, typed, person="Ben", kr="KR2")
    week_actions.add_action(ws, "KR2", typed, owner="Ben", ask=True)
    week_actions.set_health(ws, "Uptime", "amber", typed)
    week_actions.add_win(ws, typed, person="Chen")
    week_actions.close_week(ws)
    week_actions.start_week(ws, today=MONDAYS[1])
    week_actions.close_commitment(ws, made.id, done=False, why=typed)
    week_actions.add_action(ws, "KR2", typed, owner="Ben", blocker=True)
    week_actions.set_health(ws, "Uptime", "red", typed)
    week_actions.add_win(ws, typed, person="Dana")
    week_actions.close_week(ws)
    return ws


@pytest.mark.parametrize("key", list(HOSTILE))
def test_typed_text_never_becomes_markdown_structure(key: str) -> None:
    clean, dirty = two_weeks("Plain words"), two_weeks(HOSTILE[key])
    pairs = [(w.notes, d.notes) for w, d in zip(clean.weeks, dirty.weeks, strict=True)]
    pairs.append((to_digest(clean), to_digest(dirty)))
    for harmless, doc in pairs:
        kinds = [t.type for t in tokens(doc) if t.type != "text"]
        assert kinds == [t.type for t in tokens(harmless) if t.type != "text"]
        for forbidden in ("html_inline", "html_block", "link_open", "image", "code_block"):
            assert forbidden not in kinds
        assert " ".join(visible(HOSTILE[key], keep_newlines=True).split()) in " ".join(
            rendered_text(doc).split()
        )
        assert "\x1b" not in doc and "\x00" not in doc


def test_the_notes_say_what_the_room_saw_and_agreed() -> None:
    ws = three_weeks()
    notes = ws.weeks[2].notes
    assert notes.startswith(
        "# Weekly check-in: Marketplace Search, 2027-W10\n\n**Met:** Monday 2027-03-08  \n"
    )
    for line in (
        "- **KR1** 12% → 16.0% → 18%, 67% of the way: on track.",
        "- **KR1**: 6 of 10 (all 6, 8 last time). Confidence fell by 2 since last week (8 to 6).",
        "- **KR1**: confidence fell from 8 to 6.",
        "  - Next: Find out why checkout slowed (Chen, due Monday 2027-03-15; blocker; ask for "
        "the sponsor)",
        "Closed this week: 1 of 2 kept.",
        "- Done: Chen: Interview five buyers (for KR1, taken up again).",
        "- Not done: Dana: Tune the ranking (tied to nothing). Why: Waiting on data",
        "- **Customer satisfaction**: red (breaking). Complaints about slow pages",
        "- Synonyms list live for shoes (Ben, Chen)",
    ):
        assert line in notes.splitlines(), line
    assert "No check-in since the last meeting" not in notes  # everyone checked in


def test_the_digest_reports_the_last_meeting_against_the_one_before() -> None:
    digest = to_digest(three_weeks())
    assert digest.splitlines()[:6] == [
        "# Buyers find the right product on their first search",
        "",
        "**At risk.** KR2 is behind; KR3 is at risk; confidence fell on KR1.",
        "",
        "Marketplace Search, 2027 Q1.  ",
        "Weekly meeting of Monday 2027-03-08.  ",
    ]
    for line in (
        "Compared with Monday 2027-03-01.",
        "  Value: 15.6% → 16.0% (target 18%).  ",
        "  Confidence: 8 of 10 → 6 of 10. Status: on track.",
        "  Value: 46.5% → 48.0% (target 55%).  ",
        "- Synonyms list live for shoes (Ben, Chen)",
        "  Ben, due Monday 2027-03-01 (overdue).",
        "- Customer satisfaction is red (breaking). Complaints about slow pages",
    ):
        assert line in digest.splitlines(), line
    assert "First buyer interview done" not in digest  # the week before's win
    assert "c1" not in digest and "kr1" not in digest and "a1" not in digest  # no ids


def test_a_key_result_nobody_checked_in_on_for_two_weeks_is_named() -> None:
    ws = example_workshop()
    later = date(2027, 3, 8)  # KR3's last check-in is 2027-02-22: two weeks before
    tracking.check_in(ws, "kr1", "16%", today=later)
    tracking.check_in(ws, "kr2", "6.8%", today=later - timedelta(days=13))
    week_actions.start_week(ws, today=later)
    week_actions.close_week(ws, anyway=True)
    digest = to_digest(ws)
    assert "- KR3: no check-in for two weeks or more, owner Dana." in digest.splitlines()
    assert "- KR1:" not in digest and "- KR2:" not in digest
    with pytest.raises(RuleError, match="give an earlier --since"):
        to_digest(ws, since=later + timedelta(days=1))


def test_the_minutes_show_the_weekly_meetings_only_once_the_team_met() -> None:
    from okrworkshop.summary import to_minutes

    assert "## Weekly meetings" not in to_minutes(example_workshop(), today=MONDAYS[2])
    minutes = to_minutes(three_weeks(), today=date(2027, 3, 10))
    section = minutes[minutes.index("## Weekly meetings") :].splitlines()
    assert section[2] == (
        "Met in 3 of 11 weeks of the cycle so far; 3 weeks in a row; 2 of 4 commitments kept (50%)."
    )
    assert "| Week | KR1 | KR2 | KR3 |" in section
    assert "| 2027-W10 | 6 | 5 | 6 |" in section
