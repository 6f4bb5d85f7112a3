"""Every dialog fits 80x24: its buttons are on screen and not covered, and the Footer at the
bottom shows the dialog's own keys while it is open (not those of the screen behind it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App
from textual.errors import NoWidget
from textual.geometry import Offset
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer

from okrworkshop.model import Objective
from okrworkshop.org import OrgDefinition, Parent
from screens.dialogs.drafts import ContributesDialog, MergeDialog
from screens.dialogs.help import HelpScreen
from screens.dialogs.modals import ConfirmScreen, TextPrompt
from screens.dialogs.new_workshop import NewWorkshopScreen
from screens.dialogs.org_parents import OrgParentsDialog
from screens.facilitator.drafts import DraftForm
from screens.facilitator.focus import DeprioritizeOffer

LONG = " ".join(["A long question that goes on and on, as a quoted draft can."] * 12)
DRAFTS = [
    Objective(
        id=f"o{n}", text=f"Draft {n}: buyers find what they look for, first time", author="Ben"
    )
    for n in range(1, 9)
]

DIALOGS: dict[str, Callable[[], Screen[Any]]] = {
    "confirm": lambda: ConfirmScreen("Delete draft o1?", LONG, yes="Delete"),
    "prompt": lambda: TextPrompt("Timebox", LONG, value="15"),
    "draft form": lambda: DraftForm(
        Objective(id="o1", text=LONG, author="Ben", rationale="Because"),
        ["Ben", "Chen"],
        ["Reliability", "Growth"],
    ),
    "deprioritize offer": lambda: DeprioritizeOffer(DRAFTS),
    "new workshop": lambda: NewWorkshopScreen(problem="The disk is full."),
    "merge": lambda: MergeDialog(DRAFTS[0], DRAFTS[1:], problem="The disk is full."),
    "contributes to": lambda: ContributesDialog(
        DRAFTS[0], [f"Company O{n}: {LONG[:90]}" for n in range(1, 9)], problem="Full disk."
    ),
    "company okrs": lambda: OrgParentsDialog(
        OrgDefinition(
            company=LONG[:80],
            parents=[Parent(f"c{n}", f"{LONG[:90]} {n}", f"C{n}") for n in range(1, 20)],
        ),
        ["C2"],
        problem="Full disk.",
    ),
    "help": lambda: HelpScreen("Drafts", LONG, [(f"f{n}", f"Key {n}") for n in range(1, 20)], LONG),
}


class Host(App[None]):
    """A bare app to open a dialog in (its own screen has a Footer, as every step has)."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Footer()


def on_screen(screen: Screen[Any], widget: Widget) -> bool:
    """Whether the middle of ``widget`` is on screen and shows that widget (not clipped away
    by a box that is too small, not covered by anything)."""
    region = widget.region
    if not region.area:
        return False
    try:
        found, _ = screen.get_widget_at(*Offset(region.x + region.width // 2, region.y))
    except NoWidget:
        return False
    return found is widget or widget in found.ancestors


def footer_words(screen: Screen[Any]) -> set[str]:
    """What the Footer's entries say (each is a ``FooterKey``, queried by its CSS type name)."""
    return {getattr(key, "description", "") for key in screen.query("FooterKey")}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("name", list(DIALOGS))
async def test_every_dialog_fits_with_its_buttons_and_footer(name, size):
    app = Host()
    async with app.run_test(size=size) as pilot:
        dialog = DIALOGS[name]()
        app.push_screen(dialog)
        await pilot.pause()
        await pilot.pause()
        assert app.screen is dialog
        buttons = list(dialog.query(Button))
        for button in buttons:
            assert on_screen(dialog, button), f"{name}: {button.label} is off screen at {size}"
        if not buttons:  # Help has no buttons: its closing line says how out
            assert on_screen(dialog, dialog.query_one(".help-close", Widget))
        footers = list(dialog.query(Footer))
        assert len(footers) == 1, f"{name} has no Footer of its own"
        assert on_screen(dialog, footers[0])
        keys = footer_words(dialog)
        own = {b.description for b in dialog.BINDINGS if hasattr(b, "description") and b.show}
        assert own and own <= keys, f"{name}: the Footer shows {keys}, not the dialog's {own}"
