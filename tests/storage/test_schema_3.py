"""Schema 3 (the weekly meeting): a version-2 file, including one that holds what drafts-file
imports added (invitations, drafts' imported and merged stamps), opens, is migrated with a
backup of its old bytes and keeps every field; a version-2 app refuses a version-3 file; a
version-2 JSON export still imports, and the export moves on to version 3."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from okrworkshop import store as store_module
from okrworkshop import week_actions
from okrworkshop.export import EXPORT_VERSION, to_json_document
from okrworkshop.importer import workshop_from_export
from okrworkshop.model import Invitation
from okrworkshop.sample import example_workshop
from okrworkshop.store import SCHEMA_VERSION, Store, StoreError

WEEK_FIELDS = ("weeks", "health_metrics", "week_timebox_minutes")


def version_2_doc() -> dict[str, Any]:
    """The example as okrworkshop wrote it at schema 2, after a drafts-file import."""
    ws = example_workshop()
    ws.id = "example"
    ws.invitations["inv1"] = Invitation("Ben", revision=2, imported="2027-01-05T10:00:00+00:00")
    ws.objectives[0].imported = "abc123"
    ws.objectives[0].merged = "2027-01-06T10:00:00+00:00"
    doc = ws.to_dict()
    for key in WEEK_FIELDS:
        doc.pop(key)
    return doc


def version_2_bytes(doc: dict[str, Any]) -> bytes:
    meta = {"1": {"schema_version": 2, "app": "okrworkshop"}}
    return json.dumps({"workshops": {"1": doc}, "meta": meta}, indent=2).encode()


def test_schema_is_version_3() -> None:
    assert SCHEMA_VERSION == 3 and EXPORT_VERSION == 3


def test_a_version_2_file_is_migrated_with_a_backup_keeps_everything_and_takes_a_week(
    db_path: Path, stray_files: Callable[[], set[str]]
) -> None:
    doc = version_2_doc()
    old = version_2_bytes(doc)
    db_path.write_bytes(old)

    store = Store.open(db_path)

    data = json.loads(db_path.read_bytes())
    assert data["meta"]["1"]["schema_version"] == 3
    (migrated,) = data["workshops"].values()
    assert {k: migrated[k] for k in WEEK_FIELDS} == {
        "weeks": [],
        "health_metrics": [],
        "week_timebox_minutes": {},
    }
    assert {k: v for k, v in migrated.items() if k not in WEEK_FIELDS} == doc  # nothing lost
    assert migrated["invitations"]["inv1"]["revision"] == 2
    assert migrated["objectives"][0]["merged"] == "2027-01-06T10:00:00+00:00"
    (backup,) = stray_files()
    assert backup.startswith("workshops.json.v2-") and backup.endswith(".bak")
    assert (db_path.parent / backup).read_bytes() == old

    store.update("example", lambda w: week_actions.start_week(w, today=date(2027, 3, 1)))
    assert store.get("example").weeks[0].week == "2027-W09"
    Store.open(db_path)
    assert len(stray_files()) == 1  # migrated once


def test_reading_a_version_2_file_writes_nothing(db_path: Path) -> None:
    old = version_2_bytes(version_2_doc())
    db_path.write_bytes(old)
    reader = Store.open(db_path, create=False)
    assert reader.get("example").weeks == []
    assert db_path.read_bytes() == old


def test_a_version_2_file_with_an_unreadable_workshop_is_not_migrated(
    db_path: Path, stray_files: Callable[[], set[str]]
) -> None:
    doc = version_2_doc()
    doc["archived"] = "yes"
    old = version_2_bytes(doc)
    db_path.write_bytes(old)
    with pytest.raises(StoreError, match="'archived' should be true or false"):
        Store.open(db_path)
    assert db_path.read_bytes() == old and stray_files() == set()


def test_a_version_2_app_refuses_a_version_3_file_and_leaves_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(db_path)
    ws = example_workshop()
    store.create(ws)
    store.update(ws.id, lambda w: week_actions.start_week(w, today=date(2027, 3, 1)))
    before = db_path.read_bytes()
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 2)
    with pytest.raises(StoreError, match=r"newer okrworkshop \(schema 3; this version knows 2\)"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_a_version_2_export_still_imports_and_a_new_one_carries_the_weeks(tmp_path: Path) -> None:
    doc = {"format": "okrworkshop.workshop", "version": 2, "workshop": version_2_doc()}
    ws = workshop_from_export(doc, tmp_path / "old.json")
    assert ws.weeks == [] and ws.invitations["inv1"].person == "Ben"
    week_actions.start_week(ws, today=date(2027, 3, 1))
    week_actions.set_health(ws, "Uptime", "green")
    new = to_json_document(ws)
    assert new["version"] == 3
    again = workshop_from_export(json.loads(json.dumps(new)), tmp_path / "new.json")
    assert again.weeks == ws.weeks and again.health_metrics == ["Uptime"]
