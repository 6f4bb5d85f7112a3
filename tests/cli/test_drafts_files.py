"""Drafts files from the command line: invite, fill in with --file, send back, import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile import HOSTILE
from test_cli import new, run

from okrworkshop import participation
from okrworkshop.cli import launch
from okrworkshop.drafts_file import DraftsFileStore
from okrworkshop.model import Workshop
from okrworkshop.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "okr.json"


@pytest.fixture
def invited(db: Path, tmp_path: Path) -> tuple[str, Path]:
    workshop_id = new(db)
    path = tmp_path / "ben.okr.json"
    out = run(db, "invite", "-w", workshop_id, "--as", "ben", "-o", str(path)).stdout
    assert f"Wrote {path}" in out and "join --file ben.okr.json" in out
    assert "import ben.okr.json" in out
    return workshop_id, path


def test_a_scripted_drafts_file_round_trip(db: Path, invited: tuple[str, Path]) -> None:
    workshop_id, path = invited
    elsewhere = Path(str(db) + ".never")  # --file needs no database at all
    run(elsewhere, "draft", "--file", str(path), "--as", "Ben", "Sellers list in minutes")
    run(elsewhere, "draft", "--file", str(path), "--as", "ben", "A draft to remove")
    run(elsewhere, "remove", "--file", str(path), "o2")
    run(elsewhere, "kr", "--file", str(path), "--as", "Ben", "--target", "70%", "Reviews on 70%")
    assert not elsewhere.exists()
    before = json.loads(path.read_text(encoding="utf-8"))
    assert [o["text"] for o in before["objectives"]] == ["Sellers list in minutes"]

    assert "2 added" in run(db, "import", str(path)).stdout
    assert (
        "0 added (0 objectives, 0 key-result ideas), 0 updated, 2 already there"
        in run(db, "import", str(path)).stdout
    )
    ws = Store.open(db).get(workshop_id)
    assert [(o.author, o.origin.value, o.text) for o in ws.objectives] == [
        ("Ben", "pre-workshop", "Sellers list in minutes")
    ]
    assert [(k.author, k.target) for k in ws.key_results] == [("Ben", "70%")]


def test_a_drafts_file_refuses_another_name(db: Path, invited: tuple[str, Path]) -> None:
    _, path = invited
    before = path.read_bytes()
    refused = run(db, "draft", "--file", str(path), "--as", "Chen", "Not mine", ok=False).stderr
    assert "Ben's drafts file; --as Chen cannot write in it" in refused
    assert path.read_bytes() == before


def test_invite_keeps_an_existing_file(db: Path, invited: tuple[str, Path]) -> None:
    workshop_id, path = invited
    run(db, "draft", "--file", str(path), "--as", "Ben", "Keep me")
    before = path.read_bytes()
    refused = run(db, "invite", "-w", workshop_id, "--as", "Ben", "-o", str(path), ok=False)
    assert "already exists" in refused.stderr
    assert path.read_bytes() == before


def test_invite_refuses_a_stranger_with_the_list(db: Path, tmp_path: Path) -> None:
    new(db)
    refused = run(db, "invite", "--as", "Zoe", "-o", str(tmp_path / "z.json"), ok=False).stderr
    assert "Zoe is not a participant" in refused and "Ben, Chen" in refused
    assert not (tmp_path / "z.json").exists()


def test_import_of_a_file_for_a_workshop_not_here(db: Path, invited, tmp_path: Path) -> None:
    _, path = invited
    other_db = tmp_path / "other.json"
    new(other_db)
    before = other_db.read_bytes()
    refused = run(other_db, "import", str(path), ok=False).stderr
    assert "which is not in" in refused and "Nothing was imported" in refused
    assert other_db.read_bytes() == before


def test_a_tampered_file_is_refused(db: Path, invited: tuple[str, Path]) -> None:
    _, path = invited
    run(db, "draft", "--file", str(path), "--as", "Ben", "An honest draft")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["participant"] = "Chen"  # speak for someone else
    path.write_text(json.dumps(document), encoding="utf-8")
    before = db.read_bytes()
    refused = run(db, "import", str(path), ok=False).stderr
    assert "not written by 'okrworkshop invite' for Chen" in refused
    assert db.read_bytes() == before


@pytest.mark.parametrize("name", ["", "   ", "x" * 200])
def test_bad_as_names_get_a_clear_message(db: Path, tmp_path: Path, name: str) -> None:
    new(db)
    for args in (["invite", "-o", str(tmp_path / "f.json")], ["join"]):
        refused = run(db, *args, "--as", name, ok=False).stderr
        assert "empty or only spaces" in refused or "200 characters long" in refused


def test_join_refuses_a_stranger_before_the_screen_opens(db: Path, monkeypatch) -> None:
    launched: list[object] = []
    monkeypatch.setattr(launch, "participant", lambda *a: launched.append(a))
    new(db)
    refused = run(db, "join", "--as", "Zoe", ok=False).stderr
    assert "Zoe is not a participant" in refused and "Ben, Chen" in refused
    run(db, "join", "--as", " chen ")
    run(db, "join")
    assert [a[2] for a in launched] == ["Chen", None]


def test_join_with_a_file_uses_its_owner(db: Path, invited, monkeypatch) -> None:
    _, path = invited
    launched: list[tuple] = []
    monkeypatch.setattr(launch, "participant", lambda *a: launched.append(a))
    run(db, "join", "--file", str(path))
    assert launched[0][2] == "Ben"
    assert (
        "Ben's drafts file" in run(db, "join", "--file", str(path), "--as", "Chen", ok=False).stderr
    )


def test_hostile_drafts_in_a_file_print_safely(db: Path, invited: tuple[str, Path]) -> None:
    workshop_id, path = invited
    for text in HOSTILE.values():
        run(db, "draft", "--file", str(path), "--as", "Ben", "--", text)
    assert "\x1b" not in path.read_text(encoding="utf-8")
    run(db, "import", str(path))
    stored = [o.text for o in Store.open(db).get(workshop_id).objectives]
    assert stored == [t.strip() for t in HOSTILE.values()]
    assert "\x1b" not in run(db, "show").stdout


def test_importing_an_edited_file_again_updates_instead_of_copying(
    db: Path, invited: tuple[str, Path]
) -> None:
    workshop_id, path = invited
    run(db, "draft", "--file", str(path), "--as", "Ben", "Sellers list fast")
    run(db, "kr", "--file", str(path), "--as", "Ben", "Listings up 20%")
    run(db, "import", str(path))
    mine = DraftsFileStore(path)  # Ben edits after sending, with his own screen's code

    def edit(ws: Workshop) -> None:
        participation.edit_draft(ws, "o1", "Sellers list in minutes", person="Ben")
        participation.edit_key_result_idea(ws, "kr1", "Listings up 25%", person="Ben")

    mine.update(workshop_id, edit)
    out = run(db, "import", str(path)).stdout
    assert "0 added (0 objectives, 0 key-result ideas), 2 updated, 0 already there" in out
    ws = Store.open(db).get(workshop_id)
    assert [o.text for o in ws.objectives] == ["Sellers list in minutes"]
    assert [k.statement for k in ws.key_results] == ["Listings up 25%"]


def test_the_json_export_leaves_out_the_invitation_secret(db: Path, invited) -> None:
    workshop_id, _ = invited
    secret = Store.open(db).get(workshop_id).invite_key
    assert len(secret) == 64
    assert secret not in run(db, "export", "--format", "json").stdout
