"""Input a command must refuse in one sentence, leaving every file as it was (issue: faults)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import new, run

from okrworkshop.model import Cycle, Workshop
from okrworkshop.rules import MAX_TEXT_LENGTH
from okrworkshop.store import SCHEMA_VERSION, Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "okr.json"


def cli_bytes(db: Path, *args: bytes) -> subprocess.CompletedProcess[str]:
    """Run a verb with raw bytes in argv, as a shell in another encoding would pass them."""
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"okrworkshop", b"--db", bytes(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "args",
    [
        [b"context", b"--overlap", b"Payments: \xff"],
        [b"context", b"--overlap", b"Pay\xffments: checkout"],
        [b"context", b"--north-star", b"Find \xff"],
        [b"draft", b"--as", b"Ben", b"Sellers \xff"],
        [b"draft", b"--as", b"Ben", b"--rationale", b"\xff", b"Sellers list fast"],
        [b"review", b"kr1", b"achievable", b"--accept", b"--note", b"\xff"],
        [b"kr", b"--as", b"Ben", b"--metric", b"\xff", b"Raise x from 1 to 2 by 2027-03-31"],
        [b"participant", b"add", b"\xff"],
    ],
    ids=lambda args: b" ".join(args).decode(errors="replace"),
)
def test_undecodable_bytes_are_refused_as_not_utf8(db: Path, args: list[bytes]) -> None:
    new(db)
    run(db, "kr", "--as", "Ben", "Raise conversion from 12% to 15% by 2027-03-31")
    before = db.read_bytes()
    result = cli_bytes(db, *args)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "not valid UTF-8" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["context", "--overlap", "Payments: " + "x" * (MAX_TEXT_LENGTH + 1)],
        ["review", "kr1", "achievable", "--accept", "--note", "x" * (MAX_TEXT_LENGTH + 1)],
        ["context", "--pillar", "x" * (MAX_TEXT_LENGTH + 1)],
        ["deprioritize", "--reason", "x" * (MAX_TEXT_LENGTH + 1), "Later"],
    ],
    ids=["overlap topic", "review note", "pillar", "reason"],
)
def test_every_stored_field_has_the_same_length_limit(db: Path, args: list[str]) -> None:
    new(db)
    run(db, "kr", "--as", "Ben", "Raise conversion from 12% to 15% by 2027-03-31")
    before = db.read_bytes()
    result = run(db, *args, ok=False)
    assert f"the limit is {MAX_TEXT_LENGTH:,}" in result.stderr
    assert db.read_bytes() == before


def test_an_import_without_its_id_counters_never_makes_a_reused_id(
    db: Path, tmp_path: Path
) -> None:
    """A crafted export with no "sequence" once made the next draft reuse o1."""
    new(db)
    run(db, "draft", "--as", "Ben", "Sellers list in minutes")
    run(db, "draft", "--as", "Chen", "Buyers find it first time")
    run(db, "kr", "--as", "Ben", "Raise conversion from 12% to 15% by 2027-03-31")
    run(db, "deprioritize", "--reason", "Later", "Rebuild the app")
    exported = tmp_path / "crafted.json"
    run(db, "export", "--format", "json", "-o", str(exported))
    doc = json.loads(exported.read_text(encoding="utf-8"))
    del doc["workshop"]["sequence"]
    exported.write_text(json.dumps(doc), encoding="utf-8")
    other = tmp_path / "other.json"
    wid = run(other, "import", str(exported)).stdout.strip().splitlines()[-1]
    assert run(other, "draft", "-w", wid, "--as", "Ben", "Third").stdout.strip() == "o3"
    kr = run(other, "kr", "-w", wid, "--as", "Ben", "Cut refunds from 5% to 3% by 2027-03-31")
    assert kr.stdout.strip().splitlines()[-1] == "id:kr2"
    assert run(other, "deprioritize", "-w", wid, "--reason", "No", "X").stdout.strip() == "d2"


def test_new_beside_a_workshop_that_cannot_be_read_is_refused(db: Path) -> None:
    wid = new(db)
    data = json.loads(db.read_bytes())
    data["workshops"]["1"]["participants"] = 5
    db.write_text(json.dumps(data), encoding="utf-8")
    before = db.read_bytes()
    result = run(db, "new", "--team", "Growth", "--cycle", "2027 Q2", ok=False)
    assert str(db) in result.stderr and wid in result.stderr
    assert db.read_bytes() == before


def test_an_empty_workshop_id_is_refused_not_matched(db: Path) -> None:
    new(db)
    result = run(db, "show", "-w", "", ok=False)
    assert "The workshop id is empty" in result.stderr
    assert "(Marketplace Search, 2027 Q1)" in result.stderr


def test_a_workshop_can_be_chosen_by_its_team_or_cycle(db: Path) -> None:
    first = new(db)
    second = run(db, "new", "--team", "Growth", "--cycle", "2027 Q2").stdout.split()[-1]
    assert run(db, "show", "-w", "growth").stdout.startswith("Growth, 2027 Q2")
    assert run(db, "show", "-w", "2027 Q1").stdout.startswith("Marketplace Search")
    unknown = run(db, "show", "-w", "Payments", ok=False)
    assert f"{first} (Marketplace Search, 2027 Q1)" in unknown.stderr
    assert f"{second} (Growth, 2027 Q2)" in unknown.stderr


def test_reading_verbs_create_nothing(tmp_path: Path) -> None:
    db = tmp_path / "nodir" / "x" / "y.json"
    for verb in (["list"], ["show"], ["export"]):
        result = run(db, *verb, ok=verb == ["list"])
        assert (
            "does not exist" in result.stdout + result.stderr
            or "no workshop" in (result.stdout + result.stderr).lower()
        )
    assert not (tmp_path / "nodir").exists()


def test_a_symlink_loop_as_the_database_is_one_sentence(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(tmp_path / "loop2.json")
    (tmp_path / "loop2.json").symlink_to(loop)
    for verb in (["list"], ["draft", "--as", "Ben", "x"]):
        result = run(loop, *verb, ok=False)
        assert str(loop) in result.stderr
        assert "symbolic link" in result.stderr
    assert loop.is_symlink() and (tmp_path / "loop2.json").is_symlink()


def test_a_store_on_a_missing_path_reads_empty_and_creates_on_first_write(tmp_path: Path) -> None:
    db = tmp_path / "later" / "w.json"
    store = Store.open(db, create=False)
    assert store.workshops() == []
    assert not db.parent.exists()
    store.create(Workshop(id="", team="T", cycle=Cycle("2027 Q1")))
    assert json.loads(db.read_bytes())["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_an_export_with_a_field_over_the_limit_is_refused(db: Path, tmp_path: Path) -> None:
    new(db)
    exported = tmp_path / "big.json"
    run(db, "export", "--format", "json", "-o", str(exported))
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["workshop"]["context"]["overlaps"] = [{"team": "Pay", "topic": "x" * 100_000}]
    exported.write_text(json.dumps(doc), encoding="utf-8")
    other = tmp_path / "other.json"
    result = run(other, "import", str(exported), ok=False)
    assert "workshop.context.overlaps[0].topic" in result.stderr
    assert f"at most {MAX_TEXT_LENGTH:,}" in result.stderr
    assert not other.exists()
