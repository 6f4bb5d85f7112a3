"""After the room on paper: the handout's Progress and Grade sections, the minutes, the last
cycle in the next one's documents, and the JSON round trip, read with a CommonMark parser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cycle_okr import day, room
from hostile import HOSTILE
from markdown_parse import tokens

from okrworkshop import actions, tracking
from okrworkshop.export import to_json, to_markdown
from okrworkshop.importer import workshop_from_export
from okrworkshop.model import Check, CheckReview, Review, Stage, Workshop
from okrworkshop.next_cycle import next_cycle
from okrworkshop.preread import to_preread
from okrworkshop.summary import duration, to_minutes
from okrworkshop.text import visible


def rendered(markdown: str) -> str:
    return "".join(
        t.content for t in tokens(markdown) if t.type in ("text", "code_inline", "softbreak")
    )


def tracked() -> Workshop:
    ws = room()
    tracking.check_in(ws, "kr1", "13%", confidence=6, note="Slow start", today=day(14))
    tracking.check_in(ws, "kr1", "15%", confidence=8, note="Ranking fix shipped", today=day(42))
    tracking.check_in(ws, "kr2", "8%", confidence=5, author="Ben", today=day(20))
    return ws


def test_the_handout_of_a_final_okr_without_check_ins_has_no_progress_section() -> None:
    assert "## Progress" not in to_markdown(room(), today=day(3))


def test_the_handout_shows_progress_with_a_bar_standing_and_history() -> None:
    md = to_markdown(tracked(), today=day(42))
    assert "**Status:** Final, progress checked in below" in md
    progress = md[md.index("## Progress") : md.index("## How this ties")]
    assert "As of 2027-02-12: day 43 of 90 (47% of the cycle gone)." in progress
    assert (
        "- **KR1:** on track. `██████████░░░░░░░░░░` 50% of the way, 47% expected by then.  \n"
        "  12% → 15% → 18% (baseline → latest → target); confidence 8/10 ↑."
    ) in progress
    # kr2: 9% -> 8% is 17% of the way on day 20 (22% gone); 22 days quiet by day 42
    assert (
        "- **KR2:** on track. `███░░░░░░░░░░░░░░░░░` 17% of the way, 22% expected by then.  \n"
        "  9% → 8% → 3% (baseline → latest → target); confidence 5/10."
    ) in progress
    assert "**KR2: no check-in for 22 days.**" in progress
    history = progress[progress.index("### KR1: check-ins") : progress.index("### KR2")]
    rows = [line for line in history.splitlines() if line.startswith("- 2027")]
    assert rows == [  # newest first: the top line is this week's status
        "- 2027-02-12: **15%**, confidence 8/10, by Chen. Ranking fix shipped",
        "- 2027-01-15: **13%**, confidence 6/10, by Chen. Slow start",
    ]
    # lists, not tables: they reflow to a phone's width (see tests/browser)
    found = [t.type for t in tokens(progress)]
    assert "table_open" not in found and found.count("bullet_list_open") >= 4


def test_the_handout_says_which_key_results_are_stretches() -> None:
    ws = room(final=False)
    assert "All key results are committed: each is expected in full." in to_markdown(ws)
    tracking.set_kind(ws, "kr2", "stretch")
    blocks = [line for line in to_markdown(ws).splitlines() if line.startswith("Owner:")]
    assert blocks[0].endswith("· Committed: expected in full")
    assert blocks[1].endswith("· Stretch: getting about 70% of the way counts as a success")
    assert "All key results are committed" not in to_markdown(ws)


def test_a_graded_handout_shows_the_scores_the_reading_and_the_retro() -> None:
    ws = tracked()
    tracking.set_score(ws, "kr2", 0.4, "Typos hide zero results")
    tracking.set_retro(ws, "Check in every Monday.\nShip smaller.")
    tracking.record_grade(ws, today=day(95))
    md = to_markdown(ws, today=day(95))
    assert "**Status:** Graded: 0.45" in md
    grade = md[md.index("## Grade") : md.index("## How this ties")]
    assert "**Grade 0.45, recorded on" in grade
    assert "| KR1 | committed | 0.50 | Committed key results are expected to reach 1.0" in grade
    assert "Reason: Typos hide zero results |" in grade
    assert "Check in every Monday.  \nShip smaller." in grade


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_in_check_ins_and_grades_shows_literally(name: str) -> None:
    text = HOSTILE[name]
    ws = room()
    tracking.check_in(ws, "kr1", "13%", note=text, today=day(14))
    tracking.set_score(ws, "kr2", 0.5, text)
    tracking.set_retro(ws, text)
    md = to_markdown(ws, today=day(20))
    seen = rendered(md)
    flat = " ".join(visible(text, keep_newlines=True).split())
    assert flat in seen  # a reader sees the words, not markup
    assert not any(
        t.type in ("html_inline", "html_block", "link_open", "image") for t in tokens(md)
    )
    assert "\x1b" not in md and "\x00" not in md
    minutes = to_minutes(ws, today=day(20))
    assert not any(t.type in ("html_inline", "html_block", "link_open") for t in tokens(minutes))


def test_the_json_export_round_trips_everything_after_the_room() -> None:
    ws = tracked()
    tracking.set_score(ws, "kr2", 0.4, "Typos")
    tracking.set_retro(ws, "Learned")
    tracking.record_grade(ws, today=day(95))
    ws.settings.confidence_revealed = True
    ws.key_results[0].confidence_votes = {"Ben": 4, "Dana": 2}
    tracking.archive(ws)
    follower = next_cycle(ws, "2027 Q2", start="2027-04-01", end="2027-06-30", today=day(95))
    follower.id = "w2"
    for original in (ws, follower):
        doc = json.loads(to_json(original))
        back = workshop_from_export(doc, Path("export.json"))
        expected = original.to_dict()
        expected["invite_key"] = ""  # exports never carry the invitation secret
        assert back.to_dict() == expected


def test_the_minutes_give_time_people_decisions_and_accepted_gaps() -> None:
    ws = room(final=False)
    actions.set_timebox(ws, Stage.CONTEXT, 15)
    actions.add_stage_time(ws, Stage.CONTEXT, 15 * 60 - 42)
    actions.set_timebox(ws, Stage.DRAFTS, 10)
    actions.add_stage_time(ws, Stage.DRAFTS, 10 * 60 + 125)
    actions.add_stage_time(ws, Stage.FOCUS, 300)
    ws.objectives[0].votes = {"Ben": 2, "Dana": 1}
    ws.objectives[0].rationale = "Half of sessions end after a search"
    tracking.vote_confidence(ws, "kr1", 2, person="Dana")
    ws.key_results[0].smart[Check.ACHIEVABLE] = CheckReview(
        Review.ACCEPTED, "We accept the vague metric name"
    )
    actions.finalize(ws)
    tracking.check_in(ws, "kr1", "13%", author="Dana", today=day(5))
    minutes = to_minutes(ws, today=day(6))
    assert "| Strategic context | 14 min 18 s | 15 min | 42 s to spare |" in minutes
    assert "| Draft objectives | 12 min 5 s | 10 min | 2 min 5 s over |" in minutes
    assert "| Create focus | 5 min | — | no timebox |" in minutes
    assert "| **Total** | **31 min 23 s** | 25 min |  |" in minutes
    assert "| Ben | 1 | 2 | 0 | 0 | 0 |" in minutes
    assert "| Dana | 0 | 1 | 0 | 1 | 1 |" in minutes
    assert "| Chen | 1 | 0 | 2 | 0 | 0 |" in minutes
    assert "**The focus:** Buyers find the right product first time (drafted by Ben" in minutes
    assert "**Why:** Half of sessions end after a search" in minutes
    assert "| Sellers list in minutes | Relevance first |" in minutes
    assert "- KR1, Achievable: We accept the vague metric name" in minutes
    assert "- 1 check-in, the latest on 2027-01-06." in minutes
    assert "1 hidden" in minutes  # confidence votes not revealed stay hidden in the minutes


def test_durations_read_at_a_glance() -> None:
    assert [duration(s) for s in (42, 60, 858, 3900)] == [
        "42 s",
        "1 min",
        "14 min 18 s",
        "1 h 05 min",
    ]


def test_the_next_cycle_documents_show_what_the_last_one_taught() -> None:
    ws = tracked()
    tracking.set_retro(ws, "Weekly check-ins kept us honest")
    new = next_cycle(ws, "2027 Q2", start="2027-04-01", end="2027-06-30", today=day(50))
    for document in (to_preread(new), to_markdown(new)):
        section = document[document.index("## Last cycle: 2027 Q1") :]
        assert "**Result:** 0.34 (progress when this cycle was made, not a recorded grade)" in (
            section
        )
        assert "| KR1 | Increase search conversion from 12% to 18% by 2027-03-31 | committed |" in (
            section
        )
        assert "Weekly check-ins kept us honest" in section
        assert "- Sellers list in minutes (why: Relevance first)" in section
