"""Snapshots of the company OKRs picker (F2 on the Context step) on the example company's org
file, in a bare app so the step behind it does not move the picture: two key results marked."""

from __future__ import annotations

from org_company import make_org
from textual.app import App, ComposeResult
from textual.widgets import Footer

from okrworkshop.org import parse_org
from screens.dialogs.org_parents import OrgParentsDialog


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Footer()

    def on_mount(self) -> None:
        self.push_screen(OrgParentsDialog(parse_org(make_org.ORG), ["C1.2", "c3.2"]))


async def _to_c32(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    for _ in range(8):
        await pilot.press("down")
    await pilot.pause()


def test_picker_wide(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """120x40: the company's name, what space and Enter do, its three objectives with their key
    results indented under them, C1.2 and C3.2 marked "named" (in words as well as the tick),
    the cursor on C3.2, Save and Cancel, and the Footer's Mark / Save / Cancel."""
    assert snap_compare(Host(), terminal_size=(120, 40), run_before=_to_c32)


def test_picker_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """80x24: the list shrinks and scrolls to keep C3.2 in view; the buttons stay on screen."""
    assert snap_compare(Host(), terminal_size=(80, 24), run_before=_to_c32)
