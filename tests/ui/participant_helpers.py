"""What the participant screen tests share: the app built by the real factory, typing, reading
lists and the screen's words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from okrworkshop.store import WorkshopSource
from screens.app_base import AppOptions
from screens.participant.app import ParticipantApp, make_participant_app


def participant_app(
    store: WorkshopSource,
    wid: str,
    person: str | None,
    tmp_path: Path,
    *,
    today: date | None = None,
) -> ParticipantApp:
    options = AppOptions(prefs_path=tmp_path / "prefs.json", cursor_blink=False)
    if today is None:
        return make_participant_app(store, wid, person, options=options)
    clock: Callable[[], date] = lambda: today  # noqa: E731
    return make_participant_app(store, wid, person, options=options, today=clock)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type into the focused Input as a paste would (one message, any characters)."""
    box = pilot.app.focused
    assert isinstance(box, Input)
    box.insert_text_at_cursor(text)
    await pilot.pause()


def prompts(app: ParticipantApp, selector: str) -> list[str]:
    options = app.screen.query_one(selector, OptionList).options
    return [option.prompt.plain for option in options]  # type: ignore[union-attr]


def words(app: ParticipantApp) -> str:
    """Everything the screen on top says in its Static widgets, one per line."""
    return "\n".join(str(s.render()) for s in app.screen.query(Static) if s.display)


async def to_work(pilot: Pilot[None]) -> None:
    """From the briefing to the part of the app the room is at now (Enter)."""
    from screens.participant.briefing import BriefingScreen

    assert isinstance(pilot.app.screen, BriefingScreen)
    await pilot.press("enter")
    await pilot.pause()
