"""Drafts files from the shared screen's palette: write one for a participant, import one back."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from okrworkshop import participation
from okrworkshop.drafts_file import DraftsFileStore, invite, write_invitation
from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store
from screens.dialogs.modals import TextPrompt
from screens.facilitator.drafts import DraftTable
from screens.facilitator.drafts_files import import_drafts_file, write_drafts_file


async def answer(pilot, text: str) -> None:
    """Replace the open prompt's text and press Enter."""
    assert isinstance(pilot.app.screen, TextPrompt)
    pilot.app.screen.query_one("#answer", Input).value = text
    await pilot.press("enter")
    await pilot.pause()


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_palette_writes_a_drafts_file_for_a_participant(
    store: Store, workshop: Workshop, app_for, tmp_path: Path
) -> None:
    app = app_for(store, workshop.id, Stage.DRAFTS)
    target = tmp_path / "for-chen.okr.json"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.run_worker(write_drafts_file(app))
        await pilot.pause()
        await answer(pilot, " chen ")
        assert app.screen.query_one("#answer", Input).value == "chen.okr.json"  # suggested
        await answer(pilot, str(target))
        await app.workers.wait_for_complete()
        await pilot.pause()
    drafts = DraftsFileStore.open(target)
    assert (drafts.participant, drafts.workshop_id) == ("Chen", workshop.id)
    assert any(f"Wrote {target}" in n for n in notes(app))


async def test_the_palette_imports_a_drafts_file_once(
    store: Store, workshop: Workshop, app_for, tmp_path: Path
) -> None:
    path = tmp_path / "ben.okr.json"
    write_invitation(path, store.update(workshop.id, lambda ws: invite(ws, "Ben")))
    DraftsFileStore.open(path).update(
        workshop.id, lambda ws: participation.add_draft(ws, "Sellers [b]thrive[/b]", person="Ben")
    )
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(2):
            app.run_worker(import_drafts_file(app))
            await pilot.pause()
            await answer(pilot, str(path))
            await app.workers.wait_for_complete()
            await app.settle()
        assert app.screen.query_one(DraftTable).row_count == 1
    assert [(o.author, o.text) for o in store.get(workshop.id).objectives] == [
        ("Ben", "Sellers [b]thrive[/b]")
    ]
    assert any("Ben: 1 added" in n for n in notes(app))
    assert any("Ben: 0 added, 0 updated, 1 already there" in n for n in notes(app))


async def test_a_tampered_drafts_file_is_refused_from_the_palette(
    store: Store, workshop: Workshop, app_for, tmp_path: Path
) -> None:
    path = tmp_path / "ben.okr.json"
    write_invitation(path, store.update(workshop.id, lambda ws: invite(ws, "Ben")))
    document = json.loads(path.read_text(encoding="utf-8"))
    document.update(participant="Chen", objectives=[{"text": "In Chen's name"}])
    path.write_text(json.dumps(document), encoding="utf-8")
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.run_worker(import_drafts_file(app))
        await pilot.pause()
        await answer(pilot, str(path))
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert store.get(workshop.id).objectives == []
    assert any("not written by 'okrworkshop invite' for Chen" in n for n in notes(app))
