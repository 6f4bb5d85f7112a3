"""Words that agree between the command line and the screens."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import new, run
from test_kr_names_cli import final_after_a_move


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "okr.json"


def test_votes_says_the_tie_the_screen_flags(db: Path) -> None:
    new(db)
    run(db, "draft", "--as", "Ben", "Buyers find the right product")
    run(db, "draft", "--as", "Chen", "Buyers find what they want")
    run(db, "stage", "focus")
    assert run(db, "vote", "--as", "Ben", "o1").stdout == "Voted; 2 dots left.\n"
    run(db, "vote", "--as", "Chen", "o2")
    run(db, "vote", "--as", "Chen", "o2")
    assert run(db, "vote", "--as", "Chen", "o2").stdout == "Voted; 0 dots left.\n"
    assert run(db, "vote", "--as", "Chen", "--remove", "o2").stdout == (
        "Took back a dot; 1 dot left.\n"
    )
    run(db, "vote", "--as", "Ben", "o1")

    out = run(db, "votes").stdout

    assert out.endswith(
        "Tie at the top: o1 and o2 have 2 dots each. Talk it through, merge duplicates "
        "(okrworkshop merge KEEP OTHER) or vote again before choosing.\n"
    )
    run(db, "vote", "--as", "Ben", "o1")
    assert "Tie" not in run(db, "votes").stdout


def test_stage_and_show_say_the_status_list_says(db: Path) -> None:
    new(db)
    assert run(db, "stage").stdout.startswith("Step: setup (Set up); status: preparing")
    assert "Before the meeting" in run(db, "show").stdout
    run(db, "stage", "drafts")
    assert "status: live" in run(db, "stage").stdout and "status: live" in run(db, "list").stdout
    assert "Before the meeting" not in run(db, "show").stdout


def test_a_tracked_okr_is_tracking_in_stage_show_and_list(tmp_path: Path) -> None:
    db = tmp_path / "tracked.json"
    final_after_a_move(db)
    assert "status: final" in run(db, "stage").stdout
    run(db, "checkin", "KR1", "13%")
    assert "status: tracking" in run(db, "stage").stdout
    assert "status: tracking" in run(db, "list").stdout
    assert "Status: tracking" in run(db, "show").stdout


def test_lint_text_never_asks_for_a_field_it_has_not_got(db: Path) -> None:
    out = run(db, "lint", "--text", "Improve search", "--text", "Raise conversion to 18%").stdout
    assert "field" not in out and "Nothing says by when" in out
