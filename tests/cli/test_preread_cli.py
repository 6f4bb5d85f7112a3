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
    assert block == [
        "  Drafts due: 2027-01-10",
        "  Ben: 2 drafts, 1 key-result idea",
        "  Chen: nothing yet",
    ]
