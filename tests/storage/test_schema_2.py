"""Schema 2 (after the room): a version-1 file is migrated with a backup of its old bytes, a
version-1 app refuses a version-2 file, and the new fields are read strictly."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cycle_okr import V2_KEY_RESULT_FIELDS, V2_WORKSHOP_FIELDS, day, room, version_1_bytes

from okrworkshop import store as store_module
from okrworkshop import tracking
from okrworkshop.store import SCHEMA_VERSION, Store, StoreError


def test_schema_is_version_2_or_later() -> None:
    assert SCHEMA_VERSION >= 2


def test_a_version_1_file_is_migrated_with_a_backup_and_then_takes_check_ins(
    db_path: Path, stray_files: Callable[[], set[str]]
) -> None:
    ws = room()
    old = version_1_bytes(ws)
    db_path.write_bytes(old)

    store = Store.open(db_path)

    data: dict[str, Any] = json.loads(db_path.read_bytes())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    (doc,) = data["workshops"].values()
    assert {k: doc[k] for k in V2_WORKSHOP_FIELDS} == {
        "retro": "",
        "graded": None,
        "follows": None,
        "last_cycle": None,
        "archived": False,
    }
    assert doc["settings"]["confidence_revealed"] is False
    for kr in doc["key_results"]:
        assert {k: kr[k] for k in V2_KEY_RESULT_FIELDS} == {
            "kind": "committed",
            "confidence_votes": {},
            "checkins": [],
            "grade": None,
            "carried_from": None,
        }
    (backup,) = stray_files()
    assert backup.startswith("workshops.json.v1-") and backup.endswith(".bak")
    assert (db_path.parent / backup).read_bytes() == old
    assert store.get("w1").to_dict() == ws.to_dict()  # nothing changed meaning

    store.update("w1", lambda w: tracking.check_in(w, "kr1", "14%", today=day(30)))
    assert store.get("w1").key_results[0].checkins[0].value == "14%"
    Store.open(db_path)
    assert len(stray_files()) == 1  # migrated once


def test_reading_a_version_1_file_writes_nothing(db_path: Path) -> None:
    old = version_1_bytes(room())
    db_path.write_bytes(old)
    reader = Store.open(db_path, create=False)
    assert reader.get("w1").key_results[0].checkins == []
    assert db_path.read_bytes() == old


def test_a_version_1_app_refuses_a_version_2_file_and_leaves_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, stray_files: Callable[[], set[str]]
) -> None:
    store = Store.open(db_path)
    ws = room()
    tracking.check_in(ws, "kr1", "14%", today=day(30))
    store.create(ws)
    before = db_path.read_bytes()
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 1)
    newer = rf"newer okrworkshop \(schema {SCHEMA_VERSION}; this version knows 1\)"
    with pytest.raises(StoreError, match=newer):
        Store.open(db_path)
    with pytest.raises(StoreError, match="newer okrworkshop"):
        store.update(ws.id, lambda w: w.participants.append("Zed"))
    assert db_path.read_bytes() == before
    assert stray_files() == set()


BAD_FIELDS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "check-in confidence": (
        lambda d: d["key_results"][0]["checkins"][0].update(confidence=11),
        "'confidence' should be a whole number from 1 to 10",
    ),
    "check-in without date": (
        lambda d: d["key_results"][0]["checkins"][0].pop("date"),
        "a check-in needs a field 'date'",
    ),
    "check-in date": (
        lambda d: d["key_results"][0]["checkins"][0].update(date="next week"),
        "not a date",
    ),
    "grade above one": (
        lambda d: d["key_results"][0].update(grade={"score": 1.5, "reason": "", "by_hand": True}),
        "score from 0.0 to 1.0",
    ),
    "grade as text": (
        lambda d: d["key_results"][0].update(grade={"score": "high"}),
        "score from 0.0 to 1.0",
    ),
    "confidence vote of seven": (
        lambda d: d["key_results"][0].update(confidence_votes={"Ben": 7}),
        "'confidence_votes' should map participant names to 1 to 5",
    ),
    "kind": (lambda d: d["key_results"][0].update(kind="maybe"), "expected one of committed"),
    "archived": (lambda d: d.update(archived="yes"), "'archived' should be true or false"),
    "last cycle": (lambda d: d.update(last_cycle=[1]), "'last_cycle' should be an object"),
}


@pytest.mark.parametrize("name", sorted(BAD_FIELDS))
def test_a_bad_after_the_room_field_is_named_and_the_file_left_alone(
    db_path: Path, name: str
) -> None:
    ws = room()
    tracking.check_in(ws, "kr1", "14%", today=day(30))
    doc = ws.to_dict()
    spoil, words = BAD_FIELDS[name]
    spoil(doc)
    meta = {"1": {"schema_version": 2, "app": "okrworkshop"}}
    raw = json.dumps({"workshops": {"1": doc}, "meta": meta}).encode()
    db_path.write_bytes(raw)
    with pytest.raises(StoreError, match="cannot be read") as refused:
        Store.open(db_path).workshops()
    assert words in str(refused.value) and str(db_path) in str(refused.value)
    assert db_path.read_bytes() == raw
