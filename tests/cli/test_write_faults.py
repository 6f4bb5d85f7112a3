"""Writes that fail for real: every verb says so in one line and leaves every file as it was.

A full disk (ENOSPC) and a read-only file system (EROFS) come from a small tmpfs; an immutable
database (EPERM) from ``chattr +i``; a permission error (EACCES) from running the command as an
unprivileged user. Each verb runs as a real process, the way people and scripts run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from filesystems import fill, needs_root, remount_read_only, small_tmpfs, snapshot

pytestmark = needs_root

# Each verb writes to the database; the workshop below has what they need (o1, o2, kr1).
WRITE_VERBS: dict[str, list[str]] = {
    "new": ["new", "--team", "Growth", "--cycle", "2027 Q2"],
    "draft": ["draft", "--as", "Ben", "Buyers trust the reviews they read"],
    "context": ["context", "--north-star", "Buyers always find it"],
    "kr": ["kr", "--as", "Ben", "Raise repeat purchases from 20% to 30% by 2027-03-31"],
    "participant add": ["participant", "add", "Dana"],
    "settings": ["settings", "--votes", "4"],
    "vote": ["vote", "--as", "Ben", "o1"],
    "focus": ["focus", "o1"],
    "deprioritize": ["deprioritize", "--reason", "Later", "Rebuild the app"],
    "review": ["review", "kr1", "achievable"],
    "stage": ["stage", "drafts"],
    "remove": ["remove", "o2"],
    "invite": ["invite", "--as", "Chen", "-o", "chen.okr.json"],
}


def cli(db: Path, *args: str, obey_permissions: bool = False) -> subprocess.CompletedProcess[str]:
    """Run a verb. ``obey_permissions`` drops root's power to ignore file modes
    (CAP_DAC_OVERRIDE), so a read-only file refuses it as it refuses anyone."""
    prefix = (
        ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
        if obey_permissions
        else []
    )
    return subprocess.run(
        [*prefix, sys.executable, "-m", "okrworkshop", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=db.parent,
        env={**os.environ, "OKRWORKSHOP_DB": ""},
    )


def prepare(db: Path) -> None:
    for args in (
        [
            "new",
            "--team",
            "Search",
            "--cycle",
            "2027 Q1",
            "--participant",
            "Ben",
            "--participant",
            "Chen",
        ],
        ["draft", "--as", "Ben", "Sellers list in minutes"],
        ["draft", "--as", "Chen", "Buyers find it first time"],
        ["kr", "--as", "Ben", "Raise conversion from 12% to 15% by 2027-03-31"],
    ):
        assert cli(db, *args).returncode == 0


def assert_refused_in_one_line(
    result: subprocess.CompletedProcess[str], says: str, names: Path | str
) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert says in lines[0]
    assert str(names) in lines[0]


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    with small_tmpfs(tmp_path / "mnt") as where:
        yield where


@pytest.mark.parametrize("verb", WRITE_VERBS.values(), ids=WRITE_VERBS.keys())
def test_a_full_disk_is_one_sentence_and_changes_nothing(tmpfs: Path, verb: list[str]) -> None:
    db = tmpfs / "workshops.json"
    prepare(db)
    fill(tmpfs)
    before = snapshot(tmpfs)
    result = cli(db, *verb)
    # An invitation is written first, inside the database change: it is the file that fails.
    assert_refused_in_one_line(
        result, "The disk is full", "chen.okr.json" if verb[0] == "invite" else db
    )
    assert snapshot(tmpfs) == before


@pytest.mark.parametrize("verb", WRITE_VERBS.values(), ids=WRITE_VERBS.keys())
def test_a_read_only_file_system_is_one_sentence_and_changes_nothing(
    tmpfs: Path, verb: list[str]
) -> None:
    db = tmpfs / "workshops.json"
    prepare(db)
    remount_read_only(tmpfs)
    before = snapshot(tmpfs)
    result = cli(db, *verb)
    assert_refused_in_one_line(result, "The database file is read-only", db)
    assert "read-only file system" in result.stderr
    assert snapshot(tmpfs) == before


def test_reading_verbs_still_work_on_a_read_only_file_system(tmpfs: Path) -> None:
    db = tmpfs / "workshops.json"
    prepare(db)
    remount_read_only(tmpfs)
    for verb in (["list"], ["show"], ["export"], ["lint"], ["pre-read"], ["settings"]):
        result = cli(db, *verb)
        assert result.returncode == 0, (verb, result.stderr)
        assert result.stderr == ""


def test_an_immutable_database_is_one_sentence(tmp_path: Path) -> None:
    if shutil.which("chattr") is None:
        pytest.fail("chattr (e2fsprogs) is needed for this test")
    db = tmp_path / "workshops.json"
    prepare(db)
    before = snapshot(tmp_path)
    subprocess.run(["chattr", "+i", str(db)], check=True)
    try:
        result = cli(db, "draft", "--as", "Ben", "One more")
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    assert_refused_in_one_line(result, "The database file is read-only", db)
    assert "immutable" in result.stderr
    assert snapshot(tmp_path) == before


def test_an_invitation_that_cannot_be_written_leaves_the_database_as_it_was(
    tmp_path: Path, tmpfs: Path
) -> None:
    """The database has room, the folder for the invitation has none: no half-done invite."""
    db = tmp_path / "workshops.json"
    prepare(db)
    before = db.read_bytes()
    fill(tmpfs)
    result = cli(db, "invite", "--as", "Chen", "-o", str(tmpfs / "chen.okr.json"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "chen.okr.json" in result.stderr
    assert not (tmpfs / "chen.okr.json").exists()
    assert db.read_bytes() == before


def test_permission_denied_names_the_database_not_a_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    db = folder / "workshops.json"
    prepare(db)
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.chmod(0o555)
    before = snapshot(folder)
    try:
        result = cli(db, "draft", "--as", "Ben", "One more", obey_permissions=True)
        listed = cli(db, "list", obey_permissions=True)  # reading needs no write access
    finally:
        folder.chmod(0o755)
    assert_refused_in_one_line(result, "The database file is read-only", db)
    assert "permission denied" in result.stderr
    assert ".tmp" not in result.stderr
    assert snapshot(folder) == before
    assert listed.returncode == 0 and "Search" in listed.stdout


# --- half-done operations (issue 19) ----------------------------------------------------------


def test_invite_writes_no_file_when_the_database_cannot_be_saved(tmp_path: Path) -> None:
    """The invitation's file can be written but the database cannot (immutable): no file is
    left behind, since its signing key and record were never stored."""
    db = tmp_path / "workshops.json"
    prepare(db)
    before = snapshot(tmp_path)
    subprocess.run(["chattr", "+i", str(db)], check=True)
    try:
        result = cli(db, "invite", "--as", "Chen", "-o", "chen.okr.json")
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    assert_refused_in_one_line(result, "The database file is read-only", db)
    assert not (tmp_path / "chen.okr.json").exists()
    assert snapshot(tmp_path) == before
    assert cli(db, "invite", "--as", "Chen", "-o", "chen.okr.json").returncode == 0  # no --force


def test_invite_keeps_an_existing_file_when_the_database_cannot_be_saved(
    tmp_path: Path, tmpfs: Path
) -> None:
    """With --force over a file that holds drafts, a database on a full disk leaves that file
    as it was (the new one is put in place only after the database is saved)."""
    db = tmpfs / "workshops.json"
    prepare(db)
    held = tmp_path / "chen.okr.json"
    held.write_text("Chen's drafts", encoding="utf-8")
    fill(tmpfs)
    result = cli(db, "invite", "--as", "Chen", "-o", str(held), "--force")
    assert_refused_in_one_line(result, "The disk is full", db)
    assert held.read_text(encoding="utf-8") == "Chen's drafts"
    assert [p.name for p in tmp_path.iterdir() if p.name != "mnt"] == ["chen.okr.json"]


def without_locks(files: dict[str, bytes]) -> dict[str, bytes]:
    """The folder's files but the lock file, which the first writer makes (and leaves)."""
    return {name: data for name, data in files.items() if not name.endswith(".lock")}


def test_a_version_1_database_on_a_full_disk_leaves_no_backup(tmpfs: Path) -> None:
    from cycle_okr import room, version_1_bytes

    db = tmpfs / "workshops.json"
    db.write_bytes(version_1_bytes(room()))
    fill(tmpfs)
    before = snapshot(tmpfs)
    result = cli(db, "archive")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "The disk is full" in result.stderr
    assert without_locks(snapshot(tmpfs)) == before  # no 0-byte .bak


def test_refused_writes_on_a_version_1_database_leave_no_backup(tmp_path: Path) -> None:
    """Three writes refused by an immutable version-1 file leave nothing behind; the first
    write that succeeds makes the one backup of the migration."""
    from cycle_okr import room, version_1_bytes

    db = tmp_path / "workshops.json"
    old = version_1_bytes(room())
    db.write_bytes(old)
    before = snapshot(tmp_path)
    subprocess.run(["chattr", "+i", str(db)], check=True)
    try:
        for _ in range(3):
            assert_refused_in_one_line(cli(db, "archive"), "The database file is read-only", db)
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    assert without_locks(snapshot(tmp_path)) == before
    assert cli(db, "archive").returncode == 0
    assert cli(db, "archive", "--undo").returncode == 0
    backups = list(tmp_path.glob("workshops.json.v1-*.bak"))
    assert [b.read_bytes() for b in backups] == [old]


@pytest.mark.parametrize("verb", [["export"], ["pre-read"], ["invite", "--as", "Chen", "--force"]])
def test_a_fifo_is_refused_by_name_and_stays_a_fifo(tmp_path: Path, verb: list[str]) -> None:
    import stat

    db = tmp_path / "workshops.json"
    prepare(db)
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    before = snapshot(tmp_path)
    result = cli(db, *verb, "-o", str(fifo))
    assert_refused_in_one_line(result, "named pipe", fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert snapshot(tmp_path) == before
    assert not list(tmp_path.glob(".out.md.*"))
