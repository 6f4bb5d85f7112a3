"""The org view reads other teams' files and never changes them: a file it cannot use is one
line naming it, and everything else is still shown."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cycle_okr import version_1_bytes
from filelock import FileLock
from org_company import company, make_org, sha1s

from okrworkshop import org_markdown
from okrworkshop.gitfiles import has_conflict_markers
from okrworkshop.org_view import gather, org_view
from okrworkshop.store import SCHEMA_VERSION

AS_OF = make_org.AS_OF


def test_reading_a_folder_changes_no_byte_and_creates_no_file(tmp_path: Path) -> None:
    company(tmp_path)
    before = sha1s(tmp_path)
    view = org_view([tmp_path], today=AS_OF)
    org_markdown.to_markdown(view)
    org_markdown.to_json(view)
    assert len(view.teams) == 10
    assert sha1s(tmp_path) == before  # no lock file, no temp file, no backup, no migration


def test_every_broken_file_is_one_line_naming_it_and_the_rest_is_shown(tmp_path: Path) -> None:
    company(tmp_path)
    (tmp_path / "corrupt.json").write_text('{"workshops": {"1": {"id": ', encoding="utf-8")
    newer = json.loads((tmp_path / "payments.json").read_text(encoding="utf-8"))
    newer["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    (tmp_path / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    (tmp_path / "package.json").write_text('{"name": "not ours"}', encoding="utf-8")
    (tmp_path / "empty.json").write_bytes(b"")
    conflicted = (tmp_path / "search.json").read_text(encoding="utf-8")
    line = next(x for x in conflicted.splitlines(keepends=True) if '"focus": ' in x)
    conflicted = conflicted.replace(
        line, f"<<<<<<< HEAD\n{line}=======\n{line.replace('o', 'x')}>>>>>>> b\n"
    )
    (tmp_path / "search.json").write_text(conflicted, encoding="utf-8")
    missing = tmp_path / "gone.json"
    before = sha1s(tmp_path)

    view = org_view([tmp_path, missing], today=AS_OF)

    reasons = {s.path.name: s.reason for s in view.skipped}
    assert set(reasons) == {
        "corrupt.json",
        "newer.json",
        "package.json",
        "empty.json",
        "search.json",
        "gone.json",
    }
    assert "corrupt" in reasons["corrupt.json"]
    assert "newer okrworkshop" in reasons["newer.json"]
    assert "not an okrworkshop database" in reasons["package.json"]
    assert "git conflict markers" in reasons["search.json"]
    assert "git checkout --ours" in reasons["search.json"]
    assert "missing" in reasons["gone.json"]
    for skipped in view.skipped:
        assert "\n" not in skipped.line() and str(skipped.path) in skipped.line()
    teams = {t.team for t in view.teams}
    assert "Search" not in teams and len(teams) == 9
    assert sha1s(tmp_path) == before


def test_a_file_a_writer_holds_locked_is_read_as_last_saved_without_waiting(
    tmp_path: Path,
) -> None:
    company(tmp_path)
    path = tmp_path / "payments.json"
    lock = FileLock(str(path) + ".lock")
    with lock.acquire(timeout=1):
        # a writer mid-save: its temp file is beside the database, hidden and half-written
        (tmp_path / ".payments.json.abc123.tmp").write_bytes(path.read_bytes()[:100])
        before = sha1s(tmp_path)
        view = org_view([tmp_path], today=AS_OF)
        assert sha1s(tmp_path) == before
    assert "Payments" in {t.team for t in view.teams}
    assert not view.skipped


def test_an_older_file_is_read_in_memory_and_left_as_it_was(tmp_path: Path) -> None:
    ws = make_org.team_workshop(make_org.teams()[0], "old1")
    old = version_1_bytes(ws)
    (tmp_path / "old.json").write_bytes(old)
    view = org_view([tmp_path / "old.json"], today=AS_OF)
    assert [t.team for t in view.teams] == ["Payments"]
    assert (tmp_path / "old.json").read_bytes() == old
    assert sorted(os.listdir(tmp_path)) == ["old.json"]  # no backup, no lock


def test_hidden_folders_such_as_git_are_not_read(tmp_path: Path) -> None:
    company(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "broken.json").write_text("{", encoding="utf-8")
    nested = tmp_path / "teams" / "extra"
    nested.mkdir(parents=True)
    ws = make_org.team_workshop(make_org.teams()[0], "n1")
    ws.team = "Nested Team"
    make_org.write_team(nested, "nested.json", [ws])
    gathered = gather([tmp_path])
    assert not gathered.skipped
    assert "Nested Team" in {w.team for w, _ in gathered.workshops}


def test_a_named_org_file_that_is_not_one_is_said(tmp_path: Path) -> None:
    company(tmp_path)
    bogus = tmp_path / "payments.json"
    view = org_view([tmp_path / "search.json"], today=AS_OF, org_file=bogus)
    assert any("is not an org file" in s.reason for s in view.skipped)


@pytest.mark.parametrize(
    ("raw", "conflicted"),
    [
        (b"<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> x\n", True),
        (b'{\n<<<<<<< ours\n "a": 1\n=======\n "a": 2\n>>>>>>> theirs\n}\n', True),
        (b'{"text": "<<<<<<< not a marker"}', False),
    ],
)
def test_conflict_markers_are_recognised(raw: bytes, conflicted: bool) -> None:
    assert has_conflict_markers(raw) is conflicted


def test_a_copy_of_a_team_file_counts_once_and_is_named(tmp_path: Path) -> None:
    company(tmp_path)
    copy = json.loads((tmp_path / "payments.json").read_text(encoding="utf-8"))
    for doc in copy["workshops"].values():
        doc["updated"] = "2020-01-01T00:00:00+00:00"  # an old copy
    (tmp_path / "payments-old.json").write_text(json.dumps(copy), encoding="utf-8")
    view = org_view([tmp_path], today=AS_OF)
    assert [t.team for t in view.teams].count("Payments") == 1
    (team,) = [t for t in view.teams if t.team == "Payments"]
    assert team.file.endswith("payments.json")
    assert [s.path.name for s in view.skipped] == ["payments-old.json"]


def test_exports_and_drafts_files_beside_the_databases_are_not_teams(tmp_path: Path) -> None:
    company(tmp_path)
    export = tmp_path / "payments-export.json"
    export.write_text(json.dumps({"format": "okrworkshop.workshop", "workshop": {}}))
    drafts = tmp_path / "ben-drafts.json"
    drafts.write_text(json.dumps({"format": "okrworkshop.drafts"}))
    view = org_view([tmp_path], today=AS_OF)
    assert not view.skipped and len(view.teams) == 10  # in a folder: passed over quietly
    named = org_view([export, drafts, tmp_path / "payments.json"], today=AS_OF)
    reasons = {s.path.name: s.reason for s in named.skipped}
    assert reasons == {
        "payments-export.json": "is an exported workshop, not a team's database",
        "ben-drafts.json": "is a participant's drafts file, not a team's database",
    }
