"""Which screen shows which workshop step; each is imported and built the first time it is shown.

Building screens lazily keeps start-up fast (the final step alone pulls in the markdown
renderer). Once built, a step's screen stays installed until the workshop is closed, so a
half-typed draft survives a trip to another step and back.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from okrworkshop.model import Stage

if TYPE_CHECKING:
    from screens.facilitator.app import OkrApp
    from screens.facilitator.step import StepScreen

STEP_SCREENS: dict[Stage, tuple[str, str]] = {
    Stage.SETUP: ("setup", "SetupScreen"),
    Stage.CONTEXT: ("context", "ContextScreen"),
    Stage.DRAFTS: ("drafts", "DraftsScreen"),
    Stage.FOCUS: ("focus", "FocusScreen"),
    Stage.DEPRIORITIZED: ("deprioritized", "DeprioritizedScreen"),
    Stage.KEY_RESULTS: ("key_results", "KeyResultsScreen"),
    Stage.REFINE: ("refine", "RefineScreen"),
    Stage.FINAL: ("final", "FinalScreen"),
}


def screen_class(stage: Stage) -> type[StepScreen]:
    module, name = STEP_SCREENS[stage]
    cls: type[StepScreen] = getattr(import_module(f"{__package__}.{module}"), name)
    return cls


def ensure_step_screen(app: OkrApp, stage: Stage) -> str:
    """The installed screen's name for ``stage``, building it on first use."""
    if not app.is_screen_installed(stage.value):
        app.install_screen(screen_class(stage)(), name=stage.value)
    return stage.value


def uninstall_step_screens(app: OkrApp) -> None:
    """Forget the screens of the workshop that was open (none of them may be on the stack)."""
    for stage in Stage:
        if app.is_screen_installed(stage.value):
            screen = app.get_screen(stage.value)
            app.uninstall_screen(stage.value)
            if screen.is_attached:
                screen.remove()
