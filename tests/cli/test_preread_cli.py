"""The pre-read and the drafts-due date from the command line, and progress in `show`."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import new, run

from okrworkshop.preread import to_preread
from okrworkshop.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "okr.json"


@pytest.fixture
def workshop_id(db: Path) -> str:
    workshop_id = new(db)
    run(db, "context", "--north-star", "Buyers always find what they want")
    return workshop_id


def test_pre_read_prints_the_document(db: Path, workshop_id: str) -> None:
    out = run(db, "pre-read").stdout
    assert out == to_preread(Store.open(db).get(workshop_id))
    assert out.startswith("# Before the OKR workshop: Marketplace Search, 2027 Q1\n")
    assert f"okrworkshop join -w {workshop_id} --as NAME" in out
    assert "Buyers always find what they want" in out


def test_pre_read_never_prints_drafts(db: Path, workshop_id: str) -> None:
    run(db, "draft", "--as", "Ben", "A draft nobody should anchor on")
    assert "nobody should anchor" not in run(db, "pre-read").stdout


def test_pre_read_writes_a_file_and_prints_its_path(
    db: Path, workshop_id: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = run(db, "pre-read", "-w", workshop_id, "-o", "pre-read.md").stdout
    target = tmp_path / "pre-read.md"
    assert out.strip() == f"Wrote {target}"
    assert target.read_text(encoding="utf-8") == to_preread(Store.open(db).get(workshop_id))
    assert not list(tmp_path.glob("*.tmp*")), "written atomically, nothing left behind"


def test_pre_read_to_a_missing_folder_is_one_clear_line(db: Path, workshop_id: str, tmp_path):
    result = run(db, "pre-read", "-o", str(tmp_path / "no" / "x.md"), ok=False)
    assert result.stderr.startswith("Error: Cannot write")


def test_export_pre_read_is_the_same_document(db: Path, workshop_id: str, tmp_path: Path) -> None:
    assert run(db, "export", "--pre-read").stdout == run(db, "pre-read").stdout
    target = tmp_path / "p.md"
    run(db, "export", "--pre-read", "-o", str(target))
    assert target.read_text(encoding="utf-8") == run(db, "pre-read").stdout


def test_export_pre_read_refuses_json(db: Path, workshop_id: str, tmp_path: Path) -> None:
    target = tmp_path / "p.json"
    result = run(db, "export", "--pre-read", "--format", "json", "-o", str(target), ok=False)
    assert "pre-read is a markdown document" in result.stderr
    assert "--format json" in result.stderr
    assert not target.exists()


def test_settings_sets_and_clears_the_drafts_due_date(db: Path, workshop_id: str) -> None:
    out = run(db, "settings").stdout
    assert "Drafts due: not set" in out
    out = run(db, "settings", "--drafts-due", "2027-01-10").stdout
    assert "Drafts due: 2027-01-10" in out
    assert str(Store.open(db).get(workshop_id).settings.drafts_due) == "2027-01-10"
    assert "Send them by Sunday 2027-01-10." in run(db, "pre-read").stdout.replace("**", "")
    run(db, "settings", "--drafts-due", "")
    assert Store.open(db).get(workshop_id).settings.drafts_due is None
    assert "Send them before the workshop." in run(db, "pre-read").stdout


def test_settings_refuses_a_bad_date_with_the_cores_message(db: Path, workshop_id: str) -> None:
    result = run(db, "settings", "--drafts-due", "10/01/2027", ok=False)
    assert result.stderr.strip() == (
        "Error: The drafts due date '10/01/2027' is not a date; write it as 2027-03-31."
    )
    assert Store.open(db).get(workshop_id).settings.drafts_due is None


def test_show_says_who_has_drafted_before_the_meeting(db: Path, workshop_id: str) -> None:
    run(db, "settings", "--drafts-due", "2027-01-10")
    run(db, "draft", "--as", "Ben", "Buyers find the right product")
    run(db, "draft", "--as", "Ben", "Sellers list in minutes")
    run(db, "kr", "--as", "Ben", "Conversion from 12% to 18% by 2027-03-31")
    out = run(db, "show").stdout
    block = out.split("Before the meeting\n")[1].split("\n\n")[0].splitlines()
    assert block[2:5] == [
        "  Drafts due: 2027-01-10",
        "  Ben: 2 drafts, 1 key-result idea",
        "  Chen: nothing yet",
    ]


def test_settings_sets_and_clears_the_workshops_date_time_and_place(
    db: Path, workshop_id: str
) -> None:
    out = run(db, "settings").stdout
    assert "Workshop date: not set\nWorkshop time: not set\nPlace: not set\n" in out
    out = run(
        db,
        "settings",
        "--meeting-date",
        "2027-01-12",
        "--meeting-time",
        "10:00-12:00 CET",
        "--place",
        "Room 4.12 \x1b[31m",
    ).stdout
    assert "Workshop date: 2027-01-12\nWorkshop time: 10:00-12:00 CET\n" in out
    assert "Place: Room 4.12 \\x1b[31m\n" in out and "\x1b" not in out
    settings = Store.open(db).get(workshop_id).settings
    assert (str(settings.meeting_date), settings.meeting_time) == ("2027-01-12", "10:00-12:00 CET")
    assert "**When:** Tuesday 2027-01-12, 10:00-12:00 CET  \n" in run(db, "pre-read").stdout
    run(db, "settings", "--meeting-date", "", "--meeting-time", "", "--place", "")
    settings = Store.open(db).get(workshop_id).settings
    assert (settings.meeting_date, settings.meeting_time, settings.meeting_place) == (None, "", "")
    assert "**When:**" not in run(db, "pre-read").stdout


def test_settings_refuses_a_time_without_a_time_of_day(db: Path, workshop_id: str) -> None:
    result = run(db, "settings", "--meeting-time", "after lunch", ok=False)
    assert result.stderr.strip() == (
        "Error: The workshop time 'after lunch' does not start with a 24-hour time; write it "
        "as 14:00, or 14:00-16:00 CET."
    )
    assert Store.open(db).get(workshop_id).settings.meeting_time == ""


def test_show_says_when_and_where_and_what_the_pre_read_leaves_out(
    db: Path, workshop_id: str
) -> None:
    block = run(db, "show").stdout.split("Before the meeting\n")[1].split("\n\n")[0]
    assert "  Workshop: date not set, time not set\n  Place: not set\n" in block
    assert "  Not in the pre-read yet:\n    Set the date of the workshop.\n" in block
    assert "    Add the company mission.\n" in block
    run(db, "settings", "--meeting-date", "2027-01-12", "--meeting-time", "10:00")
    run(db, "settings", "--place", "Room 4")
    block = run(db, "show").stdout.split("Before the meeting\n")[1].split("\n\n")[0]
    assert "  Workshop: Tuesday 2027-01-12, 10:00\n  Place: Room 4\n" in block
    for done in ("Set the date of", "Set the time of", "Say where"):
        assert done not in block
    assert "  Not in the pre-read yet:\n    Add the company mission.\n" in block
