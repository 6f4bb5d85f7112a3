"""A step where the room speaks one person at a time: the drafts (who is writing) and the
vote (who is voting). The strip of names is an ``AuthorBar``; F2 and F3 move along it and, on a
list, a digit picks a person (the screens declare F2/F3 with their own words in the Footer).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

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
