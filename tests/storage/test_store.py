"""The store in one process: transactions, schema versions, refusals, and hostile text.

Every refusal is checked byte for byte: a file okrworkshop cannot use must be exactly as the user
left it, because it may be the only copy of a team's workshop (or another program's data).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from okrworkshop.model import Context, Cycle, KeyResult, Objective, Overlap, Workshop
from okrworkshop.store import SCHEMA_VERSION, NotFound, Store, StoreError

NewWorkshop = Callable[..., Workshop]


def read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_bytes())


def comparable(workshop: Workshop) -> dict[str, Any]:
    """A workshop as stored, minus the timestamps the store itself sets."""
    doc = workshop.to_dict()
    doc.pop("updated")
    doc.pop("created")
    return doc


class Boom(Exception):
    """Raised by a change to refuse it."""


# --- transactions ---------------------------------------------------------------------------


def test_create_get_update_delete_round_trip(store: Store, new_workshop: NewWorkshop) -> None:
    created = store.create(new_workshop(facilitator="Ada", participants=["Ada", "Grace"]))
    assert len(created.id) == 6

    loaded = store.get(created.id)
    assert comparable(loaded) == comparable(created)

    def add_draft(w: Workshop) -> str:
        oid = w.next_id("o")
        w.objectives.append(Objective(id=oid, text="Delight first-time buyers", author="Ada"))
        return oid

    assert store.update(created.id, add_draft) == "o1"
    after = store.get(created.id)
    assert [o.text for o in after.objectives] == ["Delight first-time buyers"]
    assert after.participants == ["Ada", "Grace"]

    store.delete(created.id)
    with pytest.raises(NotFound):
        store.get(created.id)
    assert store.workshops() == []
    with pytest.raises(NotFound, match="No workshop"):
        store.delete(created.id)
    with pytest.raises(NotFound, match="deleted"):
        store.update(created.id, add_draft)


def test_update_touches_only_its_workshop(store: Store, new_workshop: NewWorkshop) -> None:
    a = store.create(new_workshop("Alpha"))
    b = store.create(new_workshop("Beta"))
    before_b = store.get(b.id).to_dict()
    store.update(a.id, lambda w: w.participants.append("Ada"))
    assert store.get(b.id).to_dict() == before_b
    assert [w.team for w in store.workshops()] == ["Alpha", "Beta"]


def test_created_ids_are_unique(store: Store, new_workshop: NewWorkshop) -> None:
    ids = [store.create(new_workshop(f"Team {i}")).id for i in range(40)]
    assert len(set(ids)) == 40
    assert all(len(i) == 6 and not i.isdigit() for i in ids)
    assert sorted(w.id for w in store.workshops()) == sorted(ids)


def test_create_keeps_a_free_id_and_replaces_a_taken_one(
    store: Store, new_workshop: NewWorkshop
) -> None:
    first = store.create(new_workshop(id="q1-team"))
    second = store.create(new_workshop(id="q1-team"))
    assert first.id == "q1-team"
    assert second.id != "q1-team"
    assert {w.id for w in store.workshops()} == {"q1-team", second.id}


def test_a_change_that_raises_writes_nothing(
    store: Store,
    db_path: Path,
    new_workshop: NewWorkshop,
    stray_files: Callable[[], set[str]],
) -> None:
    wid = store.create(new_workshop()).id
    before = db_path.read_bytes()
    signature = store.signature()

    def half_then_fail(w: Workshop) -> None:
        w.participants.append("never saved")
        raise Boom

    with pytest.raises(Boom):
        store.update(wid, half_then_fail)
    assert db_path.read_bytes() == before
    assert store.signature() == signature  # not even rewritten with the same bytes
    assert stray_files() == set()
    assert store.get(wid).participants == []


def test_writes_leave_no_temp_files_and_keep_the_file_mode(
    store: Store,
    db_path: Path,
    new_workshop: NewWorkshop,
    stray_files: Callable[[], set[str]],
) -> None:
    wid = store.create(new_workshop()).id
    os.chmod(db_path, 0o640)
    for name in ("Ada", "Grace", "Linus"):
        store.update(wid, lambda w, name=name: w.participants.append(name))
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o640
    assert stray_files() == set()
    assert store.get(wid).participants == ["Ada", "Grace", "Linus"]


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        path = tmp_path / "new" / "deeper" / "db.json"
        Store.open(path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_text_that_cannot_be_encoded_fails_without_touching_the_file(
    store: Store,
    db_path: Path,
    new_workshop: NewWorkshop,
    stray_files: Callable[[], set[str]],
) -> None:
    """A lone surrogate (e.g. undecodable bytes in argv) that slipped past the rules is refused
    by the write path itself, in words, before any file is touched."""
    wid = store.create(new_workshop()).id
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="not valid UTF-8") as refused:
        store.update(wid, lambda w: w.participants.append("bad \udcff byte"))
    assert str(db_path) in str(refused.value)
    assert db_path.read_bytes() == before
    assert stray_files() == set()


# --- schema version, creation and migration -------------------------------------------------


def test_a_new_database_records_its_schema_version(db_path: Path) -> None:
    Store.open(db_path)
    data = read_json(db_path)
    assert data["workshops"] == {}
    (meta,) = data["meta"].values()
    assert meta["schema_version"] == SCHEMA_VERSION == 3


def test_opening_a_current_file_does_not_rewrite_it(
    store: Store, db_path: Path, new_workshop: NewWorkshop
) -> None:
    store.create(new_workshop())
    before = db_path.read_bytes()
    signature = store.signature()
    Store.open(db_path)
    assert db_path.read_bytes() == before
    assert store.signature() == signature


def test_an_empty_file_is_a_new_database(
    db_path: Path, new_workshop: NewWorkshop, stray_files: Callable[[], set[str]]
) -> None:
    db_path.write_bytes(b"")
    store = Store.open(db_path)
    assert read_json(db_path)["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert store.workshops() == []
    assert stray_files() == set()  # nothing worth a backup
    store.create(new_workshop())
    assert len(store.workshops()) == 1


def test_version_0_is_migrated_with_a_backup_of_the_old_bytes(
    db_path: Path, new_workshop: NewWorkshop, stray_files: Callable[[], set[str]]
) -> None:
    old = new_workshop(participants=["Ada"])
    old.id = "abc123"
    old_bytes = json.dumps({"_default": {}, "workshops": {"1": old.to_dict()}}).encode()
    db_path.write_bytes(old_bytes)

    store = Store.open(db_path)

    data = read_json(db_path)
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert "_default" not in data
    assert store.get("abc123").participants == ["Ada"]
    (backup_name,) = stray_files()
    assert backup_name.startswith("workshops.json.v0-") and backup_name.endswith(".bak")
    assert (db_path.parent / backup_name).read_bytes() == old_bytes

    Store.open(db_path)  # migrating is done once
    assert len(stray_files()) == 1


# --- refusals -------------------------------------------------------------------------------


def _doc(**overrides: Any) -> dict[str, Any]:
    doc = Workshop(id="abc123", team="Payments", cycle=Cycle("2027 Q1")).to_dict()
    doc.update(overrides)
    return doc


VALID = json.dumps(
    {"workshops": {"1": _doc()}, "meta": {"1": {"schema_version": 1, "app": "okrworkshop"}}}
).encode()

REFUSED: dict[str, tuple[bytes, str]] = {
    "invalid-json": (b"{this is not json", "not valid JSON"),
    "truncated-json": (VALID[: len(VALID) // 2], "not valid JSON"),
    "not-utf8": (b'{"workshops": {"1": {"team": "\xff\xfe"}}}', "not valid UTF-8 text"),
    "json-list": (b'[{"schema_version": 1}]', "not a TinyDB database"),
    "json-number": (b"42", "not a TinyDB database"),
    "table-not-object": (b'{"workshops": []}', "not a TinyDB database"),
    "foreign-table": (
        json.dumps({"users": {"1": {"name": "Ada", "email": "ada@example.com"}}}).encode(),
        "another program",
    ),
    "tinydb-default-table": (
        json.dumps({"_default": {"1": {"note": "someone else's data"}}}).encode(),
        "another program",
    ),
    "newer-schema": (
        json.dumps({"workshops": {}, "meta": {"1": {"schema_version": 99}}}).encode(),
        "newer okrworkshop",
    ),
    "schema-version-text": (
        json.dumps({"workshops": {}, "meta": {"1": {"schema_version": "x"}}}).encode(),
        "unreadable schema version",
    ),
    "schema-version-bool": (
        json.dumps({"workshops": {}, "meta": {"1": {"schema_version": True}}}).encode(),
        "unreadable schema version",
    ),
    "document-id-not-a-number": (
        json.dumps({"workshops": {"first": _doc()}, "meta": {"1": {"schema_version": 1}}}).encode(),
        "not a TinyDB database",
    ),
}


@pytest.mark.parametrize("content, says", REFUSED.values(), ids=REFUSED.keys())
def test_a_file_that_cannot_be_used_is_refused_and_left_untouched(
    db_path: Path, stray_files: Callable[[], set[str]], content: bytes, says: str
) -> None:
    db_path.write_bytes(content)
    os.chmod(db_path, 0o600)
    before = db_path.stat()
    with pytest.raises(StoreError) as refused:
        Store.open(db_path)
    message = str(refused.value)
    assert str(db_path) in message
    assert says in message
    assert "untouched" in message
    assert db_path.read_bytes() == content
    after = db_path.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_mode) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_mode,
    )
    assert stray_files() == set()  # no backup, no temp file


def test_a_newer_version_written_after_open_is_refused_on_every_call(
    store: Store, db_path: Path, new_workshop: NewWorkshop, stray_files: Callable[[], set[str]]
) -> None:
    """Another process upgraded the file while this one had it open."""
    wid = store.create(new_workshop()).id
    data = read_json(db_path)
    data["meta"]["1"]["schema_version"] = 99
    data["workshops"]["1"]["future_field"] = {"kept": True}
    newer = json.dumps(data).encode()
    db_path.write_bytes(newer)

    calls: dict[str, Callable[[], object]] = {
        "update": lambda: store.update(wid, lambda w: w.participants.append("x")),
        "create": lambda: store.create(new_workshop("Other")),
        "delete": lambda: store.delete(wid),
        "workshops": store.workshops,
    }
    for name, call in calls.items():
        with pytest.raises(StoreError, match="newer okrworkshop") as refused:
            call()
        assert str(db_path) in str(refused.value), name
        assert db_path.read_bytes() == newer, name
    assert stray_files() == set()


def test_an_older_file_put_back_after_open_is_migrated_with_a_backup_on_the_next_write(
    store: Store,
    db_path: Path,
    new_workshop: NewWorkshop,
    stray_files: Callable[[], set[str]],
) -> None:
    """Someone restores an old backup while the app is open: the next save migrates it the same
    way opening would (its old bytes kept beside it), instead of refusing every save."""
    wid = store.create(new_workshop()).id
    old = json.dumps({"workshops": read_json(db_path)["workshops"]}).encode()
    db_path.write_bytes(old)
    assert store.get(wid).participants == []  # readers see it, migrated in memory only
    assert db_path.read_bytes() == old
    store.update(wid, lambda w: w.participants.append("x"))
    assert read_json(db_path)["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert store.get(wid).participants == ["x"]
    (backup,) = stray_files()
    assert (db_path.parent / backup).read_bytes() == old


def test_a_workshop_with_a_bad_field_is_named_and_left_alone(
    store: Store, db_path: Path, new_workshop: NewWorkshop
) -> None:
    good = store.create(new_workshop("Good")).id
    bad = store.create(new_workshop("Bad")).id
    data = read_json(db_path)
    (bad_key,) = [k for k, doc in data["workshops"].items() if doc["id"] == bad]
    data["workshops"][bad_key]["participants"] = 5
    broken = json.dumps(data).encode()
    db_path.write_bytes(broken)

    for call in (
        store.workshops,
        lambda: store.get(bad),
        lambda: store.update(bad, lambda w: w.participants.append("x")),
    ):
        with pytest.raises(StoreError) as refused:
            call()
        message = str(refused.value)
        assert repr(bad) in message
        assert str(db_path) in message
        assert "participants" in message
        assert db_path.read_bytes() == broken

    # The healthy workshop in the same file can still be changed; the broken one is kept as is.
    store.update(good, lambda w: w.participants.append("Ada"))
    assert read_json(db_path)["workshops"][bad_key]["participants"] == 5


# --- choosing a workshop --------------------------------------------------------------------


def test_resolve_without_an_id(store: Store, db_path: Path, new_workshop: NewWorkshop) -> None:
    with pytest.raises(NotFound, match="no workshop") as none_yet:
        store.resolve(None)
    assert str(db_path) in str(none_yet.value)

    only = store.create(new_workshop("Alpha"))
    assert store.resolve(None).id == only.id
    with pytest.raises(NotFound, match="workshop id is empty"):
        store.resolve("")

    other = store.create(new_workshop("Beta"))
    with pytest.raises(NotFound, match="2 workshops") as ambiguous:
        store.resolve(None)
    message = str(ambiguous.value)
    assert only.id in message and other.id in message
    assert "Alpha" in message and "Beta" in message and "2027 Q1" in message


def test_resolve_by_id_or_unique_prefix(store: Store, new_workshop: NewWorkshop) -> None:
    abc = store.create(new_workshop("Alpha", id="abc123"))
    abd = store.create(new_workshop("Beta", id="abd456"))
    assert store.resolve("abc123").id == abc.id
    assert store.resolve(" ABC1 ").id == abc.id
    assert store.resolve("abd").id == abd.id
    assert store.get("abd4").id == abd.id
    with pytest.raises(NotFound, match="several") as several:
        store.resolve("ab")
    assert "abc123" in str(several.value) and "abd456" in str(several.value)
    with pytest.raises(NotFound, match="No workshop 'zz'") as missing:
        store.resolve("zz")
    assert "abc123 (Alpha, 2027 Q1); abd456 (Beta, 2027 Q1)" in str(missing.value)


def test_an_exact_id_wins_over_a_longer_one_it_prefixes(
    store: Store, new_workshop: NewWorkshop
) -> None:
    store.create(new_workshop("Short", id="abc"))
    store.create(new_workshop("Long", id="abc123"))
    assert store.resolve("abc").team == "Short"


# --- hostile text ---------------------------------------------------------------------------

HOSTILE = {
    "10k-chars": "Ω" + "long text, " * 909 + "end",
    "emoji": "🎯 ship it 🚀 👩‍👩‍👧‍👦 🇳🇱 🏳️‍🌈",
    "combining": "Z\u0351\u0358a\u0301\u0301\u0301lgo e\u0301",
    "zero-width": "zero\u200bwidth\u200c\u200djoin\ufeffbom",
    "rtl": "\u202eevil override\u202c עברית العربية \u2067isolate\u2069",
    "markup-bold": "[b]",
    "markup-close": "[/]",
    "markup-action": "[@click=app.quit]quit[/]",
    "ansi": "\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07",
    "nul": "\x00nul\x00",
    "controls": "tab\tcr\rlf\nbell\x07del\x7f",
    "line-separators": "a\u2028b\u2029c\x85d",
    "markdown": "# H1 *em* _u_ `code` | a | b |\n> quote\n- [ ] task [x](javascript:y) <b>\\*",
    "json-ish": '{"schema_version": 99}", "\\u0000',
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_round_trips_exactly(
    store: Store, db_path: Path, new_workshop: NewWorkshop, text: str
) -> None:
    created = store.create(new_workshop(team=text, facilitator=text, participants=[text, "Ada"]))

    def fill(w: Workshop) -> None:
        w.context = Context(
            mission=text,
            pillars=[text],
            strategy=text,
            overlaps=[Overlap(team=text, topic=text)],
        )
        w.objectives.append(
            Objective(id="o1", text=text, author=text, rationale=text, votes={text: 2})
        )
        w.key_results.append(
            KeyResult(id="kr1", statement=text, author=text, baseline=text, target=text)
        )

    store.update(created.id, fill)
    expected = store.get(created.id)
    assert expected.team == text
    assert expected.objectives[0].votes == {text: 2}
    assert expected.key_results[0].statement == text
    assert expected.context.overlaps[0].topic == text

    # And exactly the same after a fresh open, read straight from the bytes on disk.
    reopened = Store.open(db_path).get(created.id)
    assert reopened.to_dict() == expected.to_dict()
    assert json.loads(db_path.read_bytes())["workshops"]["1"]["team"] == text


def test_a_database_reached_through_a_symlink_is_written_through_it(
    tmp_path: Path, new_workshop: NewWorkshop
) -> None:
    """A symlinked --db (say into a shared folder) must stay one file: os.replace on the link
    itself would swap the link for a private copy that nobody else sees, and lock beside it."""
    real = tmp_path / "shared" / "workshops.json"
    Store.open(real)
    link = tmp_path / "mine.json"
    link.symlink_to(real)

    via_link = Store.open(link)
    wid = via_link.create(new_workshop()).id
    via_link.update(wid, lambda w: w.participants.append("Ada"))

    assert link.is_symlink()
    assert Store.open(real).get(wid).participants == ["Ada"]
    assert via_link.lock_path == Store(real).lock_path


def test_open_sweeps_temp_files_left_by_a_killed_writer(tmp_path: Path) -> None:
    """A writer killed before its rename leaves a temp file as big as the database."""
    db = tmp_path / "okr.json"
    Store.open(db)
    orphan = tmp_path / ".okr.json.abc123.tmp"
    orphan.write_text("{half a file", encoding="utf-8")
    unrelated = tmp_path / ".other.json.abc123.tmp"
    unrelated.write_text("not ours", encoding="utf-8")
    Store.open(db)
    assert not orphan.exists()
    assert unrelated.exists()


def test_a_copy_of_the_example_is_never_the_only_workshop(
    store: Store, new_workshop: NewWorkshop
) -> None:
    from datetime import date

    from okrworkshop.sample import example_copy

    example = store.create(example_copy(date(2026, 12, 8)))
    assert store.resolve(None).id == example.id  # alone in the file, it is the one
    own = store.create(new_workshop("Alpha"))
    assert store.resolve(None).id == own.id
    assert store.resolve(example.id).id == example.id
    assert store.get(example.id).example and not store.get(own.id).example
    assert "example" not in read_json(store.path)["workshops"]["2"]  # saved only when set
    other = store.create(new_workshop("Beta"))
    with pytest.raises(NotFound, match="holds 2 workshops") as ambiguous:
        store.resolve(None)
    assert own.id in str(ambiguous.value) and other.id in str(ambiguous.value)
    assert example.id not in str(ambiguous.value)
