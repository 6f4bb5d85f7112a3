"""Step 8, Final: the markdown preview, saving and copying it, finalizing and reopening."""

from __future__ import annotations

from pathlib import Path

from hostile import HOSTILE
from rich.table import Table
from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Markdown, Static

from okrworkshop import actions, export, files, tracking
from okrworkshop.model import Check, Review, Stage, Status, Workshop
from okrworkshop.text import visible
from screens.dialogs.modals import ConfirmScreen, TextPrompt
from screens.facilitator.final import default_file_name
from ui.helpers import EXAMPLE_TODAY, record_notes


def _preview_text(app) -> str:
    """Every block of the rendered markdown preview, as the characters it shows (a table: its
    headings and cells, row by row)."""
    preview = app.screen.query_one(Markdown)
    blocks = []
    for block in preview.query(Static):
        if isinstance(block.content, Content):
            blocks.append(str(block.content))
        elif isinstance(block.content, Table):
            columns = block.content.columns
            cells = [[str(column.header) for column in columns]]
            cells += [
                [str(c) for c in row] for row in zip(*(c._cells for c in columns), strict=True)
            ]
            blocks.append("\n".join(" | ".join(row) for row in cells))
    return "\n".join(blocks)


async def _settled(app) -> None:
    """Everything saved and re-read, and the preview re-rendered from the result (the render
    starts when the re-read lands, so it is waited for in a second round)."""
    await app.settle()
    await app.workers.wait_for_complete()


async def _wait_for(pilot, screen_type: type[Screen]) -> Screen:
    """Wait (boundedly) until a dialog opened after background file work is on top."""
    for _ in range(100):
        if isinstance(pilot.app.screen, screen_type):
            return pilot.app.screen
        await pilot.pause(0.02)
    raise AssertionError(f"{screen_type.__name__} did not open")


async def _save_as(pilot, path: str | None) -> None:
    """Press s and answer the prompt with ``path`` (None keeps the suggested one)."""
    await pilot.press("s")
    await _wait_for(pilot, TextPrompt)
    if path is not None:
        await pilot.press("ctrl+u")
        pilot.app.post_message(events.Paste(path))  # pasted, as people do with paths
        await pilot.pause()
        assert pilot.app.screen.query_one("#answer", Input).value == path
    await pilot.press("enter")


async def test_preview_shows_the_final_okr(example_store, app_for):
    app = app_for(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _settled(app)
        text = _preview_text(app)
        assert "Buyers find the right product on their first search" in text
        assert "Replacing the search engine" in text  # what was left out
        state = str(app.screen.query_one("#final-state", Static).content)
        assert state.startswith("✓ Final since 2026-12-14.")


async def test_check_ins_show_every_word_in_one_widget_per_list(example_store, app_for):
    """The handout's progress and check-ins are lists; each is drawn as one widget (not four
    per item: a year of check-ins took seconds to mount), with a long note wrapped beside its
    bullet and a hostile one kept literal."""
    note = "[b]not bold[/b] | `tick` <script> " + "and a long tail of words " * 6
    example_store.update(
        "example",
        lambda ws: tracking.check_in(
            ws, ws.key_results[0].id, "15%", author="Chen", note=note, today=EXAMPLE_TODAY
        ),
    )
    app = app_for(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _settled(app)
        preview = app.screen.query_one(Markdown)
        lists = list(preview.query(".text-list"))
        ws = example_store.get("example")
        assert len(lists) >= 1 + len(ws.key_results)  # the progress, then each history
        assert not preview.query("MarkdownBullet")
        assert note.strip() in _preview_text(app)
        history = next(s for s in lists if "2027-02-25: 15%, by Chen." in _grid_text(s))
        checkins = len(ws.key_results[0].checkins)
        assert history.size.height > checkins  # the long note wraps onto more lines


def _grid_text(block: Static) -> str:
    assert isinstance(block.content, Table)
    return " ".join(str(cell) for column in block.content.columns for cell in column._cells)


async def test_preview_follows_changes(example_store, app_for):
    app = app_for(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _settled(app)
        example_store.update("example", actions.reopen)
        example_store.update("example", lambda ws: actions.edit_draft(ws, "o1", text="Renamed"))
        app.writes.reload("example")
        await _settled(app)
        assert "Renamed" in _preview_text(app)
        assert "Buyers find the right product" not in _preview_text(app)


async def test_save_writes_the_export_to_the_suggested_file(
    example_store, app_for, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    app = app_for(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notes(app)
        await pilot.pause()
        await _save_as(pilot, None)
        await _settled(app)
        target = tmp_path / "marketplace-search-2027-q1.okr.md"
        assert target.read_text(encoding="utf-8") == export.to_markdown(
            example_store.get("example"), today=EXAMPLE_TODAY
        )
        assert f"Saved the OKR to {target}" in notes
        status = str(app.screen.query_one("#final-saved", Static).content)
        assert status == f"✓ Saved to {target}"


async def test_save_to_a_typed_path(example_store, app_for, tmp_path):
    app = app_for(example_store, "example", Stage.FINAL)
    target = tmp_path / "sub" / "okr.md"
    target.parent.mkdir()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _save_as(pilot, str(target))
        await _settled(app)
    assert target.read_text(encoding="utf-8") == export.to_markdown(
        example_store.get("example"), today=EXAMPLE_TODAY
    )


async def test_overwriting_asks_first(example_store, app_for, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "marketplace-search-2027-q1.okr.md"
    target.write_text("old notes\n", encoding="utf-8")
    app = app_for(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _save_as(pilot, None)
        await _wait_for(pilot, ConfirmScreen)
        await pilot.press("n")
        await _settled(app)
        assert target.read_text(encoding="utf-8") == "old notes\n"
        assert "existing file was kept" in str(app.screen.query_one("#final-saved", Static).content)
        await _save_as(pilot, None)
        await _wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await _settled(app)
    assert target.read_text(encoding="utf-8") == export.to_markdown(
        example_store.get("example"), today=EXAMPLE_TODAY
    )


async def test_bad_paths_are_refused_with_a_message(example_store, app_for, tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    app = app_for(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notes(app)
        await pilot.pause()
        await _save_as(pilot, str(tmp_path))
        await _settled(app)
        assert any(f"{tmp_path} is a folder" in note for note in notes)
        status = str(app.screen.query_one("#final-saved", Static).content)
        assert status.startswith("✗ Not saved:")
        await _save_as(pilot, str(tmp_path / "missing" / "x.md"))
        await _settled(app)
        assert any("does not exist" in note for note in notes)
        await _save_as(pilot, str(tmp_path / "a-file" / "x.md"))
        await _settled(app)
        assert notes[-1].startswith(f"The folder {tmp_path / 'a-file'} does not exist")
        await _save_as(pilot, str(tmp_path / ("x" * 300 + ".md")))
        await _settled(app)
        assert notes[-1].endswith("File name too long.")
    assert not list(tmp_path.rglob("*.md"))


async def test_a_failed_write_is_reported(example_store, app_for, tmp_path, monkeypatch):
    def refuse(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "atomic_write_text", refuse)
    app = app_for(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notes(app)
        await pilot.pause()
        await _save_as(pilot, str(tmp_path / "okr.md"))
        await _settled(app)
        assert f"Could not save to {tmp_path / 'okr.md'}: Permission denied." in notes
    assert not (tmp_path / "okr.md").exists()


async def test_copy_puts_the_markdown_on_the_clipboard(example_store, app_for):
    app = app_for(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notes(app)
        await pilot.pause()
        await pilot.press("c")
        markdown = export.to_markdown(example_store.get("example"), today=EXAMPLE_TODAY)
        assert app.clipboard == markdown
        lines = len(markdown.splitlines())
        assert any(f"({lines} lines)" in note and "clipboard access" in note for note in notes)


async def test_reopen_asks_then_reopens(example_store, app_for):
    app = app_for(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await _settled(app)
        assert example_store.get("example").status is Status.FINAL
        await pilot.press("r", "y")
        await _settled(app)
        assert example_store.get("example").status is Status.LIVE
        state = str(app.screen.query_one("#final-state", Static).content)
        assert state.startswith("✓ Ready.")
        # Reopen is only offered while final; finalize comes back instead.
        await pilot.press("r")
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("shift+f")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await _settled(app)
    assert example_store.get("example").status is Status.FINAL


async def test_blocked_finalize_lists_the_blockers(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notes(app)
        await pilot.pause()
        await _settled(app)
        state = str(app.screen.query_one("#final-state", Static).content)
        assert state.startswith("✗ Not final yet.")
        assert "✗ Choose exactly one focus objective." in state
        assert "✗ Add key results: at least" in state
        await pilot.press("shift+f")
        assert not isinstance(app.screen, ConfirmScreen)
        assert any(note.startswith("• Choose exactly one focus") for note in notes)
        await _settled(app)
    assert store.get(workshop.id).status is not Status.FINAL


def test_default_file_name_is_safe():
    ws = actions.new_workshop("Marketplace Search", "2027 Q1")
    assert default_file_name(ws) == "marketplace-search-2027-q1.okr.md"
    ws.team, ws.cycle.label = "../../etc/passwd [x]", "Q1/2027"
    assert default_file_name(ws) == "etc-passwd-x-q1-2027.okr.md"
    ws.team, ws.cycle.label = "\x1b[31m\u202e", "…"
    assert default_file_name(ws) == "31m.okr.md"
    ws.team, ws.cycle.label = "!!!", "?"
    assert default_file_name(ws) == "okr.okr.md"
    ws.team = "Ünïcödé 検索"
    assert default_file_name(ws) == "ünïcödé-検索.okr.md"


def _hostile_workshop(ws: Workshop) -> None:
    """A workshop where every kind of text a reader sees holds a hostile string."""
    texts = list(HOSTILE.values())
    actions.set_context(
        ws,
        mission=HOSTILE["markdown"],
        north_star=HOSTILE["click-action"],
        strategy=HOSTILE["long"],
        why_okrs=HOSTILE["list-start"],
        pillars=texts,
        overlaps=[("[/]", HOSTILE["link"]), ("Ops", HOSTILE["html-entity"])],
    )
    for text in texts:
        actions.add_draft(ws, text, author="Ben", rationale=HOSTILE["rich-markup"])
    actions.choose_focus(ws, "o1")
    for n, text in enumerate(texts[1:], start=2):
        actions.deprioritize(ws, None, text, from_objective=f"o{n}")
    for text in texts:
        actions.add_key_result(ws, text, author="Chen")


async def test_hostile_text_renders_literally_in_the_preview(store, workshop, app_for):
    store.update(workshop.id, _hostile_workshop)
    app = app_for(store, workshop.id, Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _settled(app)
        text = _preview_text(app)
        await pilot.press("pagedown", "end")
        await _settled(app)
    assert app.return_code is None  # [@click=app.quit] did not quit
    for name, raw in HOSTILE.items():
        shown = " ".join(visible(raw, keep_newlines=True).split())
        assert shown in text, name
    assert "\x1b" not in text and "\x00" not in text and "\u202e" not in text


async def test_hostile_reasons_and_context_render_in_the_final_preview(store, workshop, app_for):
    """The same, once final: reasons, context and key results all show as typed."""

    def finish(ws: Workshop) -> None:
        _hostile_workshop(ws)
        del ws.key_results[3:]
        for kr in ws.key_results:
            actions.edit_key_result(
                ws,
                kr.id,
                fields=actions.KeyResultFields(
                    metric="rate", baseline="1", target="2", deadline="2027-03-31", owner="Chen"
                ),
            )
            actions.accept_gaps(ws, kr.id, HOSTILE["closing-tag"])  # a note only on a gap
            for check in (Check.ACHIEVABLE, Check.RELEVANT):
                actions.review_check(ws, kr.id, check, Review.ACCEPTED, HOSTILE["closing-tag"])
        actions.finalize(ws)

    store.update(workshop.id, finish)
    app = app_for(store, workshop.id, Stage.FINAL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _settled(app)
        text = _preview_text(app)
    assert app.return_code is None
    assert "The team knows KR1 may not be reached in full: [/]" in text
    assert HOSTILE["rich-markup"] in text
    assert " ".join(visible(HOSTILE["ansi"]).split()) in text


# --- reading the preview at both sizes (issue 12, point 8) ----------------------------------


def _rows_on_screen(app, widget) -> int:
    from textual.errors import NoWidget

    try:
        return app.screen.find_widget(widget).visible_region.height
    except NoWidget:
        return 0


def _block(app, starts: str) -> Static:
    preview = app.screen.query_one(Markdown)
    return next(
        block
        for block in preview.query(Static)
        if isinstance(block.content, Content) and block.content.plain.startswith(starts)
    )


async def test_the_key_results_read_statement_first_at_120x40(example_store, app_for):
    """At 120x40 the key results are in view as soon as the step opens, each block led by its
    statement on one line."""
    app = app_for(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(app)
        await pilot.pause()
        first = _block(app, "KR1: Increase search-to-purchase conversion")
        assert _rows_on_screen(app, first) == first.size.height
        assert first.content.plain.splitlines()[1].startswith("Owner: Chen")


async def test_j_brings_the_key_results_into_view_at_80x24(example_store, app_for):
    app = app_for(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(app)
        await pilot.pause()
        state = app.screen.query_one("#final-state", Static)
        assert state.size.height == 1  # final: one line, so the preview gets the rows
        last = _block(app, "KR3: Raise the share of searches")
        assert _rows_on_screen(app, last) == 0  # below the header facts at first
        await pilot.press("j")
        await pilot.pause()
        assert _rows_on_screen(app, _block(app, "KR1:")) > 0
        assert _rows_on_screen(app, last) == last.size.height  # all three in view


async def test_the_room_is_told_to_talk_before_finalizing(store, workshop, app_for):
    """Revealed confidence votes that run from 1 to 5 put a prompt to talk in the state panel."""

    def prepare(ws: Workshop) -> None:
        draft = actions.add_draft(ws, "Buyers find the right product", author="Ben")
        actions.choose_focus(ws, draft.id)
        kr = actions.add_key_result(ws, "Cut churn from 5% to 3% by 2027-03-31", author="Ben")
        tracking.vote_confidence(ws, kr.id, 1, person="Chen")
        tracking.vote_confidence(ws, kr.id, 5, person="Ben")

    store.update(workshop.id, prepare)
    app = app_for(store, workshop.id, Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(app)
        await pilot.pause()
        state = str(app.screen.query_one("#final-state", Static).content)
        assert "Talk about" not in state  # hidden votes say nothing yet
        store.update(workshop.id, lambda ws: tracking.reveal_confidence(ws))
        app.writes.reload(workshop.id)
        await _settled(app)
        await pilot.pause()
        state = str(app.screen.query_one("#final-state", Static).content)
        assert "talk first, as the room's confidence votes say" in state
        assert "⚑ Talk about KR1: the votes run from 1 to 5" in state
