"""The weekly meeting from the command line, in real processes, on the example with the clock
set inside its cycle (``week --today``): every verb, three consecutive weeks (three notes, a
streak of 3, commitments carried and closed, a digest with the change between the last two
weeks), and every refusal in one sentence with the database left byte for byte."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from okr_process import okr

from okrworkshop import tracking
from okrworkshop.store import Store
from okrworkshop.week_model import WeekStep

EXAMPLE_DB = Path(__file__).resolve().parents[2] / "data" / "example.json"
W08, W09, W10 = "2027-02-22", "2027-03-01", "2027-03-08"  # three Mondays inside 2027 Q1


def week(db: Path, today: str, *args: str) -> str:
    return okr(db, "week", "--today", today, *args).stdout


def check_in(db: Path, kr: str, value: str, day: str) -> None:
    """An owner checks in before the meeting (the example's dates are in the future, so the
    core is told the day)."""
    when = date.fromisoformat(day)
    Store.open(db).update(
        "example", lambda ws: tracking.check_in(ws, kr, value, when=when, today=when)
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "okr.json"
    shutil.copyfile(EXAMPLE_DB, path)
    Store.open(path)  # migrated once, so a refusal below is the only thing that could write
    return path


def first_week(db: Path) -> tuple[str, str]:
    """Week 1 (2027-W08): every verb once. Returns the two commitments' ids."""
    assert "Opened the weekly meeting of 2027-W08 (2027-02-22)." in week(db, W08, "start")
    for kr, numbers in {"KR1": (7, 8, 8), "KR2": (5, 6, 4), "KR3": (6, 6, 5)}.items():
        for person, n in zip(("Ben", "Chen", "Dana"), numbers, strict=True):
            said = week(db, W08, "confidence", kr, str(n), "--as", person)
            assert said == f"{person}: {n} of 10 on {kr} (hidden until revealed).\n"
    revealed = week(db, W08, "reveal")
    assert "KR1: 7.7 of 10 (from 7 to 8)." in revealed
    action = week(
        db, W08, "action", "KR2", "Ask the vendor for a synonyms list", "--owner", "Ben", "--ask"
    )
    assert action.startswith("Next action on KR2: Ben, due 2027-03-01.\n")
    c1 = week(db, W08, "commit", "Ship the synonyms list", "--as", "Ben", "--kr", "KR2")
    c2 = week(db, W08, "commit", "Interview five buyers", "--as", "Chen", "--kr", "KR1")
    assert c1.splitlines()[0] == "Ben commits to it this week (for KR2)."
    week(db, W08, "health", "Customer satisfaction", "green")
    joined = week(db, W08, "health", "On-call load", "amber", "--note", "Two pages a night")
    assert "On-call load joins the cycle's health metrics (2 of 4)." in joined
    assert week(db, W08, "win", "Zero-result page redesign shipped", "--as", "Dana", "--with",
                "Ben") == "Win noted (Dana, Ben).\n"  # fmt: skip
    closed = week(db, W08, "close")
    assert closed.startswith("Closed the meeting of 2027-W08.\nStreak: 1 week met in a row")
    assert "# Weekly check-in: Marketplace Search, 2027-W08" in closed
    return c1.splitlines()[-1], c2.splitlines()[-1]


def test_three_consecutive_weeks_on_the_example(db: Path, tmp_path: Path) -> None:
    c1, c2 = first_week(db)
    assert (c1, c2) == ("c1", "c2")

    check_in(db, "kr1", "15.6%", W09)
    check_in(db, "kr2", "7.0%", W09)
    start = week(db, W09, "start")
    assert "KR3: no check-in since the last meeting (Dana)." in start
    for kr, n in {"KR1": 8, "KR2": 5, "KR3": 6}.items():
        for person in ("Ben", "Chen", "Dana"):
            week(db, W09, "confidence", kr, str(n), "--as", person)
    week(db, W09, "reveal")
    assert week(db, W09, "done", c1) == "Commitment c1 (Ben): done.\n"
    carried = week(db, W09, "done", c2, "--not", "--why", "No buyers free", "--again")
    assert carried.splitlines() == [
        "Commitment c2 (Chen): not done.",
        "Taken up again this week as c3.",
        "c3",
    ]
    week(db, W09, "action", "KR2", "Pair on the synonyms", "--owner", "Ben", "--blocker")
    c4 = week(db, W09, "commit", "Tune the ranking", "--as", "Dana").splitlines()[-1]
    week(db, W09, "health", "on-call LOAD", "green")
    week(db, W09, "win", "First buyer interview done", "--as", "Chen")
    week(db, W09, "close")

    check_in(db, "kr1", "16.0%", W10)
    check_in(db, "kr2", "6.8%", W10)
    check_in(db, "kr3", "48.0%", W10)
    week(db, W10, "start")
    for kr, n in {"KR1": 6, "KR2": 5, "KR3": 6}.items():
        for person in ("Ben", "Chen", "Dana"):
            week(db, W10, "confidence", kr, str(n), "--as", person)
    week(db, W10, "reveal")
    week(db, W10, "done", "c3")
    week(db, W10, "done", c4, "--not", "--why", "Waiting on data")
    refused = okr(db, "week", "--today", W10, "close", ok=False).stderr
    # KR1's confidence fell from 8 to 6; KR2 is behind but its blocker from W09 is still open
    assert "KR1 dropped and has no next action;" in refused
    week(db, W10, "action", "KR1", "Find out why checkout slowed", "--owner", "Chen")
    closed = week(db, W10, "close")
    assert "Streak: 3 weeks met in a row; 2 of 4 commitments kept." in closed

    notes = {w: week(db, W10, "notes", "--week", w) for w in ("2027-W08", "2027-W09", "2027-W10")}
    assert all(text.startswith(f"# Weekly check-in: Marketplace Search, {w}\n")
               for w, text in notes.items())  # fmt: skip
    assert week(db, W10, "notes") == notes["2027-W10"]
    assert (
        "- Not done: Chen: Interview five buyers (for KR1). Why: No buyers free"
        in (notes["2027-W09"])
    )
    assert "- Chen: Interview five buyers (for KR1, taken up again)" in notes["2027-W09"]
    assert "- Done: Chen: Interview five buyers (for KR1, taken up again)." in notes["2027-W10"]
    assert "- **KR1**: confidence fell from 8 to 6." in notes["2027-W10"]
    out = tmp_path / "w10.md"
    assert week(db, W10, "notes", "-o", str(out)) == f"Wrote {out}\n"
    assert out.read_text() == notes["2027-W10"]

    digest = okr(db, "digest", "--today", W10).stdout
    assert digest.startswith("# Buyers find the right product on their first search\n")
    assert "**At risk.**" in digest
    assert "Compared with Monday 2027-03-01." in digest
    assert "Value: 15.6% → 16.0% (target 18%)." in digest
    assert "Confidence: 8 of 10 → 6 of 10." in digest
    assert "First buyer interview done" not in digest  # last week's win, not this week's
    assert "- **Blocker** on KR2: Pair on the synonyms  \n  Ben, due Monday 2027-03-08." in digest
    since = okr(db, "digest", "--today", W10, "--since", W09).stdout
    assert "First buyer interview done (Chen)" in since and "Value: 15.1% → 16.0%" in since

    status = week(db, W10)
    assert "Streak: 3 weeks met in a row" in status
    history = week(db, W10, "history")
    assert "2027-W10  2027-03-08  met  confidence: KR1 6, KR2 5, KR3 6" in history
    assert "2027-W07  2027-02-15  no meeting" in history


def test_a_persons_view_the_meetings_step_and_its_timeboxes(meeting: Path) -> None:
    week(meeting, W09, "confidence", "KR2", "6", "--as", "Ben")
    assert week(meeting, W09, "step", "dropped") == "The meeting of 2027-W09 is at: What dropped.\n"
    assert week(meeting, W09, "mine", "--as", "ben").splitlines() == [
        "Ben, the meeting of 2027-W09 is at: What dropped.",
        "  You own KR2: no check-in since the last meeting.",
        "  Your confidence votes: KR2 6.",
        "  To close: c1 Ship the synonyms list",
    ]
    assert week(meeting, W09, "timebox", "wins", "4") == "Wins: 4 min.\n"
    assert Store.open(meeting).get("example").week_timebox_minutes == {WeekStep.WINS: 4}


def test_next_actions_are_marked_done_and_open_again(db: Path) -> None:
    week(db, W08, "start")
    action_id = week(db, W08, "action", "KR2", "Call", "--owner", "Ben").splitlines()[-1]
    assert week(db, W08, "action-done", action_id) == f"Next action {action_id} is done.\n"
    again = week(db, W08, "action-done", action_id, "--undo")
    assert again == f"Next action {action_id} is open again.\n"


@pytest.fixture(scope="module")
def meeting_template(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A closed week (W08, with commitments c1 and c2) and an open one (W09): built once."""
    db = tmp_path_factory.mktemp("meeting") / "okr.json"
    shutil.copyfile(EXAMPLE_DB, db)
    first_week(db)
    week(db, W09, "start")
    week(db, W09, "action-done", "a1")  # so KR2, still behind, has no next action
    week(db, W09, "commit", "Tune the ranking", "--as", "Dana")  # c3, made this week
    return db.read_bytes()


@pytest.fixture
def meeting(tmp_path: Path, meeting_template: bytes) -> Path:
    path = tmp_path / "okr.json"
    path.write_bytes(meeting_template)
    return path


REFUSALS: dict[str, tuple[tuple[str, ...], str]] = {
    "commitment to no such key result": (
        ("commit", "Ghost", "--as", "Ben", "--kr", "KR9"),
        "There is no key result 'KR9'; they are KR1 to KR3.",
    ),
    "not a colour": (
        ("health", "Uptime", "purple"),
        "'purple' is not a colour; a health metric is green, amber or red.",
    ),
    "amber without words": (("health", "On-call load", "amber"), "why it is amber"),
    "a fifth health metric": (("health", "Morale", "green"), None),
    "due after the cycle": (
        ("action", "KR2", "Call", "--owner", "Ben", "--due", "2027-04-01"),
        "The due date 2027-04-01 is after the cycle ends (2027-03-31); pick a day inside the "
        "cycle.",
    ),
    "due before the meeting": (
        ("action", "KR2", "Call", "--owner", "Ben", "--due", "2027-02-28"),
        "before this meeting",
    ),
    "due not a date": (
        ("action", "KR2", "Call", "--owner", "Ben", "--due", "next week"),
        "is not a date",
    ),
    "owner not in the team": (("action", "KR2", "Call", "--owner", "Zed"), "Zed is not a"),
    "vote of eleven": (("confidence", "KR1", "11", "--as", "Ben"), "from 1 to 10"),
    "vote of zero": (("confidence", "KR1", "0", "--as", "Ben"), "from 1 to 10"),
    "vote in words": (("confidence", "KR1", "high", "--as", "Ben"), "'high' is not"),
    "vote by a stranger": (("confidence", "KR1", "5", "--as", "Zed"), "Zed is not a"),
    "second meeting the same week": (("start",), "still open"),
    "closing a commitment made this meeting": (("done", "c3"), "made in this meeting"),
    "not done without why": (("done", "c1", "--not"), "why c1 was not done"),
    "why without not": (("done", "c1", "--why", "x"), "--why goes with --not"),
    "no such commitment": (("done", "c99"), "There is no commitment 'c99'."),
    "no such next action": (("action-done", "a99"), "There is no next action 'a99'."),
    "a fourth commitment": (None, "already has 3 commitments"),  # set up below
    "close with a dropped key result": (("close",), "KR2 dropped and has no next action"),
    "notes of a week still open": (("notes", "--week", "2027-W09"), "notes are written on close"),
    "empty win": (("win", "  ", "--as", "Ben"), "The win is empty"),
    "not a step": (("step", "lunch"), "'lunch' is not a step of the weekly meeting"),
    "timebox in words": (("timebox", "wins", "ten"), "'ten' is not"),
    "timebox of zero": (("timebox", "wins", "0"), "A timebox is 1 to 120 minutes; 0 is not."),
    "a stranger's view": (("mine", "--as", "Zed"), "Zed is not a participant"),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_every_refusal_is_one_sentence_and_changes_nothing(meeting: Path, name: str) -> None:
    args, words = REFUSALS[name]
    if name == "a fifth health metric":
        week(meeting, W09, "health", "Uptime", "green")
        week(meeting, W09, "health", "Team health", "green")
        args, words = ("health", "Morale", "green"), "already has 4 health metrics"
    if name == "a fourth commitment":
        for text in ("One", "Two"):
            week(meeting, W09, "commit", text, "--as", "Dana")
        args = ("commit", "Three", "--as", "Dana")
    assert args is not None and words is not None
    before = meeting.read_bytes()
    stderr = okr(meeting, "week", "--today", W09, *args, ok=False).stderr
    assert words in stderr
    assert meeting.read_bytes() == before


def test_a_week_closed_twice_and_a_second_meeting_in_a_week(db: Path) -> None:
    first_week(db)
    before = db.read_bytes()
    assert "2027-W08 is already closed" in okr(db, "week", "close", ok=False).stderr
    stderr = okr(db, "week", "--today", "2027-02-26", "start", ok=False).stderr
    assert "The team already met in 2027-W08; one meeting a week." in stderr
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("week", "--today", W08, "reveal"), "No weekly meeting is open"),
        (("week", "--today", "2027-04-05", "start"), "The cycle ended on 2027-03-31"),
        (("week", "--today", "someday", "start"), "--today 'someday' is not a date"),
        (("week", "notes"), "No weekly meeting has been closed yet"),
        (("digest",), "No weekly meeting has been closed yet"),
    ],
)
def test_refusals_before_any_meeting(db: Path, args: tuple[str, ...], words: str) -> None:
    before = db.read_bytes()
    assert words in okr(db, *args, ok=False).stderr
    assert db.read_bytes() == before


def test_a_digest_since_a_day_after_the_last_meeting_is_refused(db: Path) -> None:
    first_week(db)
    stderr = okr(db, "digest", "--since", "2027-03-05", ok=False).stderr
    assert "give an earlier --since" in stderr
