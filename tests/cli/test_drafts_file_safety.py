"""Files from outside, in real processes: forged drafts files, hostile JSON, oversized files.

Whatever a file holds, the answer is one line on stderr naming it, a non-zero exit, and every
file left byte for byte as it was; a file signed for Ben only ever adds or changes Ben's items.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from okrworkshop.drafts_file import DraftsFileStore
from okrworkshop.store import Store, StoreError

MAX_OBJECTIVES = 100
MAX_KEY_RESULT_IDEAS = 100


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okrworkshop", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(result: subprocess.CompletedProcess[str], path: Path) -> str:
    """A refusal as the house wants it: non-zero, one line on stderr, naming the file."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "okr.json"
    ok(cli(path, "new", "--team", "Search", "--cycle", "2027 Q1", "--facilitator", "Ana",
           "--participant", "Ben", "--participant", "Chen"))  # fmt: skip
    return path


def _invite(db: Path, person: str, path: Path) -> dict:
    ok(cli(db, "invite", "--as", person, "-o", str(path)))
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, document: dict) -> None:
    path.write_text(json.dumps(document), encoding="utf-8")


def _chens_imported_draft(db: Path, tmp_path: Path) -> tuple[str, str]:
    """Chen drafts in her file and it is merged; returns her invitation id and item id, as
    anyone holding a JSON export can read them."""
    chen = tmp_path / "chen.okr.json"
    _invite(db, "Chen", chen)
    ok(cli(db, "draft", "--file", str(chen), "--as", "Chen", "Chen's draft"))
    ok(cli(db, "import", str(chen)))
    team = tmp_path / "team.json"
    ok(cli(db, "export", "--format", "json", "-o", str(team)))
    source = json.loads(team.read_text(encoding="utf-8"))["workshop"]["objectives"][0]["source"]
    invitation, local = source.split("/")
    return invitation, local


def _texts(db: Path) -> list[tuple[str, str]]:
    return [(o.author, o.text) for o in Store.open(db).workshops()[0].objectives]


# --- forgery ----------------------------------------------------------------------------------


def test_a_file_signed_for_ben_cannot_rewrite_chens_draft(db: Path, tmp_path: Path) -> None:
    """The attack from the issue, step by step: Ben borrows Chen's invitation id."""
    invitation, local = _chens_imported_draft(db, tmp_path)
    ben = tmp_path / "ben.okr.json"
    document = _invite(db, "Ben", ben)
    document["invitation"] = invitation
    document["objectives"] = [{"id": local, "text": "Rewritten by Ben"}]
    _write(ben, document)
    before = db.read_bytes()

    line = refused(cli(db, "import", str(ben)), ben)

    assert "Nothing was imported" in line
    assert db.read_bytes() == before
    assert _texts(db) == [("Chen", "Chen's draft")]


def _sign_the_old_way(db: Path, document: dict) -> str:
    """How drafts files were signed before the invitation id was covered: workshop and person."""
    key = Store.open(db).workshops()[0].invite_key
    message = f"okrworkshop.drafts\n{document['workshop']}\n{document['participant']}"
    return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()


def test_a_file_signed_the_old_way_still_imports(db: Path, tmp_path: Path) -> None:
    ben = tmp_path / "ben.okr.json"
    document = _invite(db, "Ben", ben)
    document["signature"] = _sign_the_old_way(db, document)
    document["objectives"] = [{"id": "o1", "text": "Sellers list in minutes"}]
    _write(ben, document)
    assert "1 added" in ok(cli(db, "import", str(ben)))
    assert "1 already there" in ok(cli(db, "import", str(ben)))
    assert _texts(db) == [("Ben", "Sellers list in minutes")]


def test_an_old_file_never_trusts_its_invitation_id(db: Path, tmp_path: Path) -> None:
    """The old signature leaves the invitation id open to editing, so an old file's items are
    only ever added as its own person's, never matched to what is stored."""
    invitation, local = _chens_imported_draft(db, tmp_path)
    ben = tmp_path / "ben.okr.json"
    document = _invite(db, "Ben", ben)
    document["signature"] = _sign_the_old_way(db, document)
    document["invitation"] = invitation
    document["objectives"] = [{"id": local, "text": "Rewritten by Ben"}]
    _write(ben, document)
    ok(cli(db, "import", str(ben)))
    assert _texts(db) == [("Chen", "Chen's draft"), ("Ben", "Rewritten by Ben")]
    # and Chen's own file still merges (nothing of Ben's now claims her invitation's items)
    assert "1 already there" in ok(cli(db, "import", str(tmp_path / "chen.okr.json")))


# --- the size of one file ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "objectives, ideas",
    [(MAX_OBJECTIVES + 1, 0), (0, MAX_KEY_RESULT_IDEAS + 1), (10_000, 0)],
)
def test_a_drafts_file_over_the_cap_is_refused(
    db: Path, tmp_path: Path, objectives: int, ideas: int
) -> None:
    ben = tmp_path / "ben.okr.json"
    document = _invite(db, "Ben", ben)
    document["objectives"] = [{"id": f"o{n}", "text": f"Draft {n}"} for n in range(objectives)]
    document["key_results"] = [{"id": f"kr{n}", "statement": f"Idea {n}"} for n in range(ideas)]
    _write(ben, document)
    before, sent = db.read_bytes(), ben.read_bytes()
    line = refused(cli(db, "import", str(ben)), ben)
    assert f"at most {MAX_OBJECTIVES} draft objectives" in line
    assert f"{MAX_KEY_RESULT_IDEAS} key-result ideas" in line
    assert db.read_bytes() == before and ben.read_bytes() == sent


def _at_the_cap(db: Path, path: Path) -> None:
    """Ben's file filled to the cap through the ordinary writer (so it is signed and valid)."""
    document = _invite(db, "Ben", path)
    document["objectives"] = [
        {"id": f"o{n}", "text": f"Sellers list item {n} in minutes " + "x" * 2000}
        for n in range(1, MAX_OBJECTIVES + 1)
    ]
    document["key_results"] = [
        {"id": f"kr{n}", "statement": f"Listings up {n}% by March", "target": f"{n}%"}
        for n in range(1, MAX_KEY_RESULT_IDEAS + 1)
    ]
    document["sequence"] = {"o": MAX_OBJECTIVES, "kr": MAX_KEY_RESULT_IDEAS}
    _write(path, document)


def test_a_drafts_file_at_the_cap_opens_and_refuses_one_more(db: Path, tmp_path: Path) -> None:
    ben = tmp_path / "ben.okr.json"
    _at_the_cap(db, ben)
    before = ben.read_bytes()
    line = refused(cli(db, "draft", "--file", str(ben), "--as", "Ben", "One more"), ben)
    assert f"at most {MAX_OBJECTIVES} draft objectives" in line
    assert ben.read_bytes() == before


def test_a_draft_typed_during_a_large_import_is_saved(db: Path, tmp_path: Path) -> None:
    """The import holds the lock only for the merge itself, so people typing meanwhile wait
    briefly and are saved; nobody's command fails on the lock."""
    ben = tmp_path / "ben.okr.json"
    _at_the_cap(db, ben)
    importing = subprocess.Popen(
        [sys.executable, "-m", "okrworkshop", "--db", str(db), "import", str(ben)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    typed = [cli(db, "draft", "--as", "Chen", f"Chen's draft {n}") for n in range(3)]
    out, err = importing.communicate(timeout=120)
    assert importing.returncode == 0, err
    assert f"{MAX_OBJECTIVES + MAX_KEY_RESULT_IDEAS} added" in out
    for result in typed:
        ok(result)
    ws = Store.open(db).workshops()[0]
    assert sorted(o.text for o in ws.objectives if o.author == "Chen") == [
        f"Chen's draft {n}" for n in range(3)
    ]
    assert sum(o.author == "Ben" for o in ws.objectives) == MAX_OBJECTIVES
    assert sum(k.author == "Ben" for k in ws.key_results) == MAX_KEY_RESULT_IDEAS


# --- hostile JSON in every file we read -------------------------------------------------------


def _deep(path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def _hostile_document(kind: str, document: dict) -> str:
    """``document`` as JSON text with one hostile value put in by hand."""
    if kind == "huge-integer":
        document["huge"] = "HUGE"
        return json.dumps(document).replace('"HUGE"', "1" * 5000)
    document["odd"] = "SURROGATE"
    return json.dumps(document).replace("SURROGATE", "\\ud800")


KINDS = ["deeply-nested", "huge-integer", "lone-surrogate", "symlink-loop"]
CAUSES = {
    "deeply-nested": "deep",
    "huge-integer": "digits",
    "lone-surrogate": "is not valid UTF-8 text",
    "symlink-loop": "loop",
}


def _make(kind: str, path: Path, document: dict) -> None:
    if kind == "deeply-nested":
        _deep(path)
    elif kind == "symlink-loop":
        path.unlink(missing_ok=True)
        path.symlink_to(path.name)
    else:
        path.write_text(_hostile_document(kind, document), encoding="utf-8")


def _snapshot(path: Path) -> bytes | str:
    return os.readlink(path) if path.is_symlink() else path.read_bytes()


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_database_is_refused(db: Path, kind: str) -> None:
    data = json.loads(db.read_text(encoding="utf-8"))
    _make(kind, db, data)
    before = _snapshot(db)
    line = refused(cli(db, "list"), db)
    assert CAUSES[kind] in line
    assert _snapshot(db) == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_export_is_refused(db: Path, tmp_path: Path, kind: str) -> None:
    export = tmp_path / "team.json"
    ok(cli(db, "export", "--format", "json", "-o", str(export)))
    _make(kind, export, json.loads(export.read_text(encoding="utf-8")))
    before, stored = _snapshot(export), db.read_bytes()
    line = refused(cli(db, "import", str(export)), export)
    assert CAUSES[kind] in line
    assert _snapshot(export) == before and db.read_bytes() == stored


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_drafts_file_is_refused(db: Path, tmp_path: Path, kind: str) -> None:
    ben = tmp_path / "ben.okr.json"
    document = _invite(db, "Ben", ben)
    _make(kind, ben, document)
    before, stored = _snapshot(ben), db.read_bytes()
    line = refused(cli(db, "import", str(ben)), ben)
    assert CAUSES[kind] in line
    assert _snapshot(ben) == before and db.read_bytes() == stored
    # the participant's side reads the same file the same way
    with pytest.raises(StoreError) as caught:
        DraftsFileStore.open(ben)
    message = str(caught.value)
    assert str(ben) in message and CAUSES[kind] in message and "\n" not in message
    assert _snapshot(ben) == before


def test_a_lone_surrogate_in_a_drafts_item_names_the_file(db: Path, tmp_path: Path) -> None:
    ben = tmp_path / "ben.okr.json"
    document = _invite(db, "Ben", ben)
    document["objectives"] = [{"id": "o1", "text": "SURROGATE"}]
    ben.write_text(json.dumps(document).replace("SURROGATE", "\\udc80 x"), encoding="utf-8")
    before = db.read_bytes()
    line = refused(cli(db, "import", str(ben)), ben)
    assert "is not valid UTF-8 text" in line
    assert db.read_bytes() == before
