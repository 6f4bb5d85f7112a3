"""The database as a file people keep in git: indented, so a change shows as the lines it touched;
files written by earlier versions (one JSON line) still open; and reads that skip parsing bytes
the store already knows never hide what another writer saved."""

from __future__ import annotations

import difflib
import errno
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from okrworkshop import store as store_module
from okrworkshop.model import Workshop
from okrworkshop.store import SCHEMA_VERSION, SaveFailed, Store

NewWorkshop = Callable[..., Workshop]


def changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """The lines a line diff (as ``git diff`` shows) removes and adds."""
    diff = list(
        difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), n=0)
    )
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def test_a_saved_change_shows_in_a_line_diff_as_the_field_it_changed(
    store: Store, db_path: Path, new_workshop: NewWorkshop, fill_workshop: Callable[..., None]
) -> None:
    workshop = new_workshop(team="Payments")
    fill_workshop(workshop, drafts=20, key_results=3)
    wid = store.create(workshop).id
    before = db_path.read_bytes()

    store.update(wid, lambda w: setattr(w.context, "mission", "Paying is effortless"))

    after = db_path.read_bytes()
    assert after.endswith(b"\n") and after.count(b"\n") > 500
    removed, added = changed_lines(before, after)
    assert '        "mission": "",' in removed
    assert '        "mission": "Paying is effortless",' in added
    # Besides the field, at most the time of the change moves.
    assert all('"mission"' in line or '"updated"' in line for line in removed + added)
    assert len(removed) <= 2 and len(added) <= 2


def test_an_old_one_line_database_opens_and_its_first_write_indents_it(
    db_path: Path, new_workshop: NewWorkshop, fill_workshop: Callable[..., None]
) -> None:
    workshop = new_workshop(team="Payments", id="abc123")
    fill_workshop(workshop, drafts=5, key_results=2)
    tables = {
        "workshops": {"1": workshop.to_dict()},
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "app": "okrworkshop"}},
    }
    one_line = json.dumps(tables, ensure_ascii=False).encode()  # as earlier versions wrote it
    db_path.write_bytes(one_line)

    store = Store.open(db_path)  # opening and reading write nothing
    assert [w.to_dict() for w in store.workshops()] == [workshop.to_dict()]
    assert db_path.read_bytes() == one_line

    store.update("abc123", lambda w: w.participants.append("Ben"))

    text = db_path.read_text(encoding="utf-8")
    assert text.count("\n") > 100 and text.startswith('{\n  "workshops": {\n    "1": {\n')
    saved = json.loads(text)
    assert saved["workshops"]["1"]["participants"] == ["Ben"]
    assert saved["meta"] == tables["meta"]
    for field in ("objectives", "key_results", "context", "cycle"):
        assert saved["workshops"]["1"][field] == tables["workshops"]["1"][field]


def test_a_store_that_knows_the_file_still_sees_what_another_writer_saved(
    db_path: Path, new_workshop: NewWorkshop
) -> None:
    ours, theirs = Store.open(db_path), Store.open(db_path)
    wid = ours.create(new_workshop()).id
    ours.update(wid, lambda w: w.participants.append("Ana"))
    theirs.update(wid, lambda w: w.participants.append("Ben"))
    ours.update(wid, lambda w: w.participants.append("Chen"))
    assert ours.get(wid).participants == ["Ana", "Ben", "Chen"]
    assert theirs.get(wid).participants == ["Ana", "Ben", "Chen"]


def test_a_change_that_was_not_saved_is_not_seen_by_the_next_read(
    store: Store, db_path: Path, new_workshop: NewWorkshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    wid = store.create(new_workshop()).id
    store.update(wid, lambda w: w.participants.append("Ana"))
    on_disk = db_path.read_bytes()

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(store_module, "atomic_write_bytes", full)
        with pytest.raises(SaveFailed):
            store.update(wid, lambda w: w.participants.append("Ben"))
    with pytest.raises(ValueError):
        store.update(wid, lambda w: (w.participants.append("Chen"), int("refused")))

    assert db_path.read_bytes() == on_disk
    assert store.get(wid).participants == ["Ana"]
    store.update(wid, lambda w: w.participants.append("Dana"))
    assert Store.open(db_path).get(wid).participants == ["Ana", "Dana"]
