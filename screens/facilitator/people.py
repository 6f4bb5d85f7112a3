"""A step where the room speaks one person at a time: the drafts (who is writing) and the
vote (who is voting). The strip of names is an ``AuthorBar``; F2 and F3 move along it and, on a
list, a digit picks a person (the screens declare F2/F3 with their own words in the Footer).
Both steps list the drafts, and both merge a duplicate (m) and name the OKR above one (o).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.content import Content

from okrworkshop.model import Objective
from screens.facilitator.step import StepScreen
from screens.widgets.author_bar import AuthorBar

# One binding per digit: on a list, 1-9 picks that person in the strip (hidden from the Footer,
# which has no room for nine entries; the strip shows the numbers and Help explains them).
PERSON_DIGITS: list[BindingType] = [
    Binding(str(n), f"screen.pick_person({n - 1})", show=False) for n in range(1, 10)
]


class PeopleStepScreen(StepScreen):
    """A step screen with a strip of people; its actions move the strip."""

    def action_next_person(self) -> None:
        self.query_one(AuthorBar).move(1)

    def action_previous_person(self) -> None:
        self.query_one(AuthorBar).move(-1)

    def action_pick_person(self, index: int) -> None:
        self.query_one(AuthorBar).pick(index)

    # --- the drafts both steps list -----------------------------------------------------------

    def _highlighted_draft(self) -> Objective | None:
        """The draft under the list's cursor (each step has its own list)."""
        raise NotImplementedError

    def _say(self, message: str | Content, *, warning: bool = False) -> None:
        """Say something on the step's status line."""
        raise NotImplementedError

    def action_merge_draft(self) -> None:
        """Merge a duplicate into the highlighted draft (the dots of both go with it)."""
        objective = self._highlighted_draft()
        if objective is None:
            self._say("No draft to merge yet.", warning=True)
            return
        from screens.dialogs.drafts import ask_merge  # dialogs load when first used

        ask_merge(self.okr_app, self.workshop, objective, self._told)

    def action_contributes_to(self) -> None:
        """Name the higher-level OKR the highlighted draft serves."""
        objective = self._highlighted_draft()
        if objective is None:
            self._say("No draft highlighted.", warning=True)
            return
        from screens.dialogs.drafts import ask_contributes

        ask_contributes(self.okr_app, self.workshop, objective, self._told)

    def _told(self, message: str | Content, warning: bool) -> None:
        self._say(message, warning=warning)
