"""Which screen shows which workshop step, and installing a fresh set for an opened workshop."""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrworkshop.model import Stage

from .context import ContextScreen
from .deprioritized import DeprioritizedScreen
from .drafts import DraftsScreen
from .final import FinalScreen
from .focus import FocusScreen
from .key_results import KeyResultsScreen
from .refine import RefineScreen
from .setup import SetupScreen
from .step import StepScreen

if TYPE_CHECKING:
    from .app import OkrApp

STEP_SCREENS: dict[Stage, type[StepScreen]] = {
    Stage.SETUP: SetupScreen,
    Stage.CONTEXT: ContextScreen,
    Stage.DRAFTS: DraftsScreen,
    Stage.FOCUS: FocusScreen,
    Stage.DEPRIORITIZED: DeprioritizedScreen,
    Stage.KEY_RESULTS: KeyResultsScreen,
    Stage.REFINE: RefineScreen,
    Stage.FINAL: FinalScreen,
}


def install_step_screens(app: OkrApp) -> None:
    """Give the app one screen per step (named by the step), replacing any earlier set.

    Installed screens live until the workshop is closed, so a half-typed draft survives a trip
    to another step and back.
    """
    uninstall_step_screens(app)
    for stage in Stage:
        app.install_screen(STEP_SCREENS[stage](), name=stage.value)


def uninstall_step_screens(app: OkrApp) -> None:
    """Forget the screens of the workshop that was open (none of them may be on the stack)."""
    for stage in Stage:
        if app.is_screen_installed(stage.value):
            screen = app.get_screen(stage.value)
            app.uninstall_screen(stage.value)
            if screen.is_attached:
                screen.remove()
