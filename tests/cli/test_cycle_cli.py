"""After the room from the command line, in real processes: finalize, check in for weeks,
read progress, grade, start the next cycle, archive; and every refusal in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from cycle_okr import room, version_1_bytes
from okr_process import okr

from okrworkshop.store import Store

TODAY = date.today()


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def out(db: Path, *args: str) -> str:
    return okr(db, *args).stdout


def err(db: Path, *args: str) -> str:
    return okr(db, *args, ok=False).stderr


def set_up_room(db: Path) -> str:
    """A workshop in its refinement step, cycle 60 days in with 30 to go."""
    wid = out(
        db,
        "new",
        "--team",
        "Search",
        "--cycle",
        "This quarter",
        "--start",
        ago(60),
        "--end",
        ago(-30),
        "--facilitator",
        "Ana",
        "--participant",
        "Ben",
        "--participant",
        "Chen",
    ).splitlines()[-1]
    okr(db, "draft", "--as", "Ben", "Buyers find the right product on their first search")
    okr(db, "draft", "--as", "Chen", "Sellers list products in minutes")
    okr(db, "focus", "o1")
    okr(db, "deprioritize", "--from", "o2", "--reason", "Relevance comes first")
    deadline = ago(-30)
    okr(
        db,
        "kr",
        "--as",
        "Chen",
        f"Increase search-to-purchase conversion from 12% to 18% by {deadline}",
        "--metric=conversion",
        "--baseline=12%",
        "--target=18%",
        f"--deadline={deadline}",
        "--owner=Chen",
    )
    okr(
        db,
        "kr",
        "--as",
        "Ben",
        "--stretch",
        f"Reduce searches with zero results from 9% to 3% by {deadline}",
        "--metric=zero-result rate",
        "--baseline=9%",
        "--target=3%",
        f"--deadline={deadline}",
        "--owner=Ben",
    )
    return wid


def test_a_cycle_from_final_to_the_next_one(tmp_path: Path) -> None:
    db = tmp_path / "okr.json"
    wid = set_up_room(db)

    # in the room: fist of five, hidden until revealed
    okr(db, "confidence", "kr1", "4", "--as", "Ben")
    shown = out(db, "confidence", "kr1", "2", "--as", "chen")
    assert "Chen: 2 of 5 on KR1." in shown and "hidden until revealed" in shown
    assert "Ben 4" not in shown
    revealed = out(db, "confidence", "--reveal")
    assert "KR1  confidence: average 3.0 of 5, 2 to 4 (Ben 4, Chen 2)." in revealed
    assert "Ask Chen what worries them first." in revealed

    # check-ins wait for "final"
    refused = err(db, "checkin", "kr1", "13%")
    assert "Check-ins start once the OKR is final" in refused
    okr(db, "review", "kr1", "all")
    okr(db, "review", "kr2", "all")
    okr(db, "finalize")

    # weeks of check-ins, backfilled, by the owner unless someone else says so
    hostile = "\x1b[31m[bold]red[/] | *not* <b>bold</b>"
    for days, value, confidence in ((50, "12.5%", 6), (35, "13%", 5), (20, "14%", 6)):
        okr(db, "checkin", "kr1", value, "--date", ago(days), "--confidence", str(confidence))
    said = out(db, "checkin", "kr1", "15%", "--confidence", "8", "--note", hostile)
    assert f"Checked in KR1 for {TODAY.isoformat()}: 15% (Chen)." in said
    assert "\x1b" not in said
    okr(db, "checkin", "kr2", "7%", "--as", "Ana", "--date", ago(30), "--confidence", "5")

    progress = out(db, "progress")
    assert f"Search, This quarter. Today, {TODAY.isoformat()}: day 61 of 91 (67% of" in progress
    assert "12% → 15% → 18%   progress 50%, expected 67% by today: at risk" in progress
    assert "Confidence 8/10, up from 6. Last check-in" in progress
    assert "Last note (Chen): \\x1b[31m[bold]red[/] | *not* <b>bold</b>" in progress
    assert "\x1b" not in progress
    assert (
        f"9% → 7% → 3%   progress 33%, expected 23% by {ago(30)} (47% by today): on track"
        in progress
    )
    assert "Two weeks or more without a check-in: KR2." in progress
    assert "No check-in for 30 days" in progress

    handout = out(db, "export", "--format", "md")
    assert "## Progress" in handout and "`██████████░░░░░░░░░░` 50%" in handout
    assert "\\[bold\\]red\\[/\\] \\| \\*not\\* \\<b>bold\\</b>" in handout
    assert "\\x1b" in handout and "\x1b" not in handout
    kr2 = handout[handout.index("**KR2: ") :].split("\n\n")[0]
    assert kr2.endswith("Stretch: getting about 70% of the way counts as a success")

    # grading: a forecast until the cycle ends, recorded when the team says so
    forecast = out(db, "grade")
    assert forecast.startswith("Forecast grade 0.42 (the cycle ends on")
    okr(
        db,
        "grade",
        "--set",
        "kr2=0.4",
        "--reason",
        "Typos hide zero results",
        "--retro",
        "Check in every Monday",
    )
    recorded = out(db, "grade", "--record")
    assert "Grade 0.45, recorded on" in recorded
    assert "KR2  0.40  stretch    set by hand" in recorded
    assert "Reason: Typos hide zero results" in recorded
    assert "status: graded 0.45" in out(db, "list")
    assert "This cycle was graded on" in err(db, "checkin", "kr1", "16%")
    assert "This cycle was graded on" in err(db, "reopen")

    # the next cycle starts from this one; the old one is not touched
    before = Store.open(db).get(wid).to_dict()
    made = out(
        db, "next-cycle", "--cycle", "Next quarter", "--start", ago(-31), "--end", ago(-120)
    ).splitlines()
    new_id = made[-1]
    assert "Last cycle's grade: 0.45 (recorded)." in made
    assert (
        "Carried over as starting drafts: 1 deprioritized item, 2 unfinished key results." in made
    )
    assert Store.open(db).get(wid).to_dict() == before
    shown = out(db, "show", "-w", new_id)
    assert f"Follows: workshop {wid}" in shown
    assert (
        "Last cycle: This quarter" in shown
        and "What the team learned: Check in every Monday" in shown
    )
    assert "metric: conversion; 15% → 18%" in shown  # the latest value is the new baseline

    # archive: out of the list and out of the way of "the only workshop"
    okr(db, "archive", "-w", wid)
    listing = out(db, "list")
    assert wid not in listing and new_id in listing and "1 archived workshop not shown" in listing
    assert f"{wid}  Search  This quarter" in out(db, "list", "--all")
    assert f"(workshop {new_id})" in out(db, "show")  # no -w needed any more
    okr(db, "archive", "--undo")
    assert wid in out(db, "list")

    # the minutes
    minutes = tmp_path / "minutes.md"
    assert "Wrote" in out(db, "summary", "-w", wid, "-o", str(minutes))
    text = minutes.read_text(encoding="utf-8")
    assert "| Chen | 1 | 0 | 1 | 1 | 4 |" in text and "| Ana | 0 | 0 | 0 | 0 | 1 |" in text


@pytest.fixture(scope="module")
def final_okr(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The database of a just-finalized OKR, built once: each test starts from a copy."""
    db = tmp_path_factory.mktemp("final") / "okr.json"
    set_up_room(db)
    okr(db, "review", "kr1", "all")
    okr(db, "review", "kr2", "all")
    okr(db, "finalize")
    return db.read_bytes()


@pytest.fixture
def final_db(tmp_path: Path, final_okr: bytes) -> Path:
    db = tmp_path / "okr.json"
    db.write_bytes(final_okr)
    return db


def test_an_export_round_trips_check_ins_and_grades_through_import(
    tmp_path: Path, final_db: Path
) -> None:
    db = final_db
    okr(db, "checkin", "kr1", "14%", "--date", ago(10), "--note", "weekly [b]note[/b]")
    okr(db, "grade", "--retro", "Learned a lot")
    exported = tmp_path / "export.json"
    okr(db, "export", "--format", "json", "-o", str(exported))
    assert json.loads(exported.read_text(encoding="utf-8"))["version"] == 3
    other = tmp_path / "other.json"
    new_id = out(other, "import", str(exported)).splitlines()[-1]
    (original,) = Store.open(db).workshops()
    copy = Store.open(other).get(new_id)
    expected = original.to_dict()
    got = copy.to_dict()
    for doc in (expected, got):
        doc.pop("updated")
        doc.pop("invite_key")
    assert got == expected
    assert out(other, "progress") == out(db, "progress")


def test_a_version_1_database_is_migrated_by_the_first_command_that_writes(
    tmp_path: Path,
) -> None:
    db = tmp_path / "okr.json"
    old = version_1_bytes(room())
    db.write_bytes(old)
    assert "w1  Marketplace Search" in out(db, "list")
    assert db.read_bytes() == old  # reading writes nothing
    okr(db, "archive")
    backups = list(tmp_path.glob("okr.json.v1-*.bak"))
    assert [b.read_bytes() for b in backups] == [old]
    assert json.loads(db.read_bytes())["meta"]["1"]["schema_version"] == 3


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("checkin", "kr1", "14%", "--date", "yesterday"), "is not a date"),
        (("checkin", "kr1", "14%", "--date", ago(-2)), "is in the future"),
        (("checkin", "kr1", "14%", "--date", ago(400)), "before the cycle starts"),
        (("checkin", "kr1", "fine"), "is not one number"),
        (("checkin", "kr1", "14%", "--confidence", "11"), "from 1 to 10"),
        (("checkin", "kr1", "14%", "--as", "Mallory"), "Mallory is not a participant"),
        (("checkin", "kr9", "14%"), "There is no key result 'kr9'"),
        (("grade", "--set", "kr1"), "Write a score as KR_ID=SCORE"),
        (("grade", "--set", "kr1=0.5"), "needs a reason"),
        (
            (
                "grade",
                "--set",
                "kr1=0.5",
                "--set",
                "kr2=1",
                "--reason",
                "a",
                "--reason",
                "b",
                "--reason",
                "c",
            ),
            "one --reason for each --set",
        ),
        (("grade", "--set", "kr1=7", "--reason", "x"), "from 0.0 to 1.0"),
        (("grade", "--record"), "KR1, KR2 have no score"),
        (("grade", "--undo"), "has not been graded"),
        (("confidence", "kr1", "3"), "--as NAME"),
        (
            ("next-cycle", "--cycle", "This quarter", "--start", ago(-31), "--end", ago(-120)),
            "label of its own",
        ),
        (("archive", "--undo"), "already not archived"),
        (("checkin", "kr1", "13%", "--date", "20261105"), "'20261105' is not a date; write it"),
    ],
)
def test_refusals_are_one_sentence(final_db: Path, args: tuple[str, ...], words: str) -> None:
    db = final_db
    before = db.read_bytes()
    assert words in err(db, *args)
    assert db.read_bytes() == before


def test_progress_and_grade_wait_for_a_final_okr(final_db: Path) -> None:
    db = final_db
    okr(db, "reopen")
    assert "not final yet" in err(db, "progress")
    assert "not final yet" in err(db, "grade")
    okr(db, "kind", "kr1", "stretch")
    assert "KR1  Increase" in out(db, "show") and "; stretch" in out(db, "show")


def test_people_checking_in_at_the_same_moment_all_keep_their_check_in(final_db: Path) -> None:
    """Six processes check in on one workshop at once: every check-in lands (the store re-reads
    under its lock, so nobody writes back a workshop read before another's change)."""
    people = ["Ana", "Ben", "Chen"] * 2
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "okrworkshop",
                "--db",
                str(final_db),
                "checkin",
                "kr1",
                f"{13 + i}%",
                "--as",
                person,
                "--note",
                f"note {i}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, person in enumerate(people)
    ]
    for proc in procs:
        _, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr
    (ws,) = Store.open(final_db).workshops()
    notes = sorted(c.note for c in ws.key_results[0].checkins)
    assert notes == [f"note {i}" for i in range(6)]


def test_a_drafts_file_does_not_pretend_to_keep_committed_or_stretch(tmp_path: Path) -> None:
    db = tmp_path / "okr.json"
    okr(db, "new", "--team", "Search", "--cycle", "Next", "--participant", "Ben")
    drafts = tmp_path / "ben.okr.json"
    okr(db, "invite", "--as", "Ben", "-o", str(drafts))
    before = drafts.read_bytes()
    refused = err(db, "kr", "--file", str(drafts), "--as", "Ben", "--stretch", "An idea")
    assert "a drafts file carries only the idea" in refused
    assert drafts.read_bytes() == before


def test_the_next_cycle_takes_its_dates_from_the_last_and_says_when_it_starts_early(
    final_db: Path,
) -> None:
    """The cycle runs from 60 days ago to 30 days from now."""
    inside = err(final_db, "next-cycle", "--cycle", "Next quarter", "--start", ago(-10))
    assert f"would start on {ago(-10)}, inside This quarter (it runs until {ago(-30)})" in inside
    assert f"start it on {ago(-31)} or later" in inside
    again = err(final_db, "next-cycle", "--cycle", "this quarter")
    assert "How about 'This quarter (next)'?" in again
    made = out(final_db, "next-cycle", "--cycle", "Next quarter").splitlines()
    notes = [line for line in made if line.startswith("Note: ")]
    assert notes == [
        f"Note: This quarter still runs until {ago(-30)}: its check-ins and grade go on in its "
        "own workshop, and what is carried over is where it stands today."
    ]
    new = Store.open(final_db).get(made[-1])
    assert (new.cycle.start, new.cycle.end) == (
        date.fromisoformat(ago(-31)),
        date.fromisoformat(ago(-31 - 90)),
    )
