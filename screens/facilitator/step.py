"""What every step screen shares: the step bar, the clock and timebox, next/back, autosaving fields.

A step screen composes its body in ``compose_body`` and redraws from a workshop in ``show``;
it is redrawn whenever the file changes (its own edits or another process's). Time the room
spends on a step is wall time while the step is on screen, dialogs opened from it included; it
is added to the workshop when the step is left, and every minute, so a killed terminal loses at
most a minute of timing, and a restart carries on from what was saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.content import Content
from textual.widgets import Footer, Input, TextArea
from textual.worker import Worker

from okrworkshop import actions, rules
from okrworkshop.model import Stage, Status, Workshop
from screens.dialogs.modals import confirm
from screens.keys_shown import KeysWhereFocus
from screens.user_text import labelled, shown, try_again_note
from screens.widgets.fields import FieldArea, FieldInput, FieldLeft, SafeInput
from screens.widgets.status_line import StatusLine
from screens.widgets.step_bar import StepBar

if TYPE_CHECKING:
    from screens.facilitator.app import OkrApp
    from screens.writes import Outcome

TIME_FLUSH_SECONDS = 60.0


def clock_text(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


class WorkshopScreen(KeysWhereFocus[None]):
    """A screen of the shared terminal that shows the open workshop (a step, or a screen
    after the room)."""

    @property
    def okr_app(self) -> OkrApp:
        return cast("OkrApp", self.app)

    @property
    def workshop(self) -> Workshop:
        ws = self.okr_app.workshop
        assert ws is not None
        return ws


class StepScreen(WorkshopScreen):
    """One workshop step on the shared screen."""

    STAGE: ClassVar[Stage]
    PURPOSE: ClassVar[str] = ""
    """What the step is for, shown by Help (our own words)."""
    HELP_TITLE: ClassVar[str] = ""
    """The step's name, set from ``STAGE`` for every step screen."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        stage = cls.__dict__.get("STAGE")
        if stage is not None:
            cls.HELP_TITLE = stage.label

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "previous_step", "Back"),
        Binding("f9", "next_step", "Next"),
        Binding("f5", "timebox", "Timebox"),
    ]

    def __init__(self) -> None:
        super().__init__(name=self.STAGE.value)
        self._entered: float | None = None
        """When time on this step was last added to the workshop (None: not on screen)."""
        self._since = 0.0
        """When the room arrived at this step."""
        self._base = 0.0
        """The time stored for this step when the room arrived."""
        self._shown_seconds = 0.0
        """The most the clock has shown: it never shows less."""
        self._warned = False
        # The field edits this screen saves: field key -> how a value becomes a change.
        self.savers: dict[str, Callable[[str], Callable[[Workshop], Any]]] = {}

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StepBar(self.STAGE)
        with Container(id="body"):
            yield from self.compose_body()
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def show(self, ws: Workshop) -> None:
        """Redraw the body from ``ws`` (called on resume and whenever the file changed)."""

    def unsent_text(self) -> list[str]:
        """Text typed into this step's "add" boxes but not added yet (asked about on quit).

        Fields that save as they are typed (``FieldInput``/``FieldArea``) never count.
        """
        if not self.is_mounted:
            return []
        return [
            box.value
            for box in self.query(SafeInput)
            if not isinstance(box, FieldInput) and box.value.strip()
        ]

    # --- life cycle ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.watch(self.okr_app, "workshop", self._workshop_changed, init=False)
        self.set_interval(1.0, self.tick_clock, name="clock")
        self.set_interval(TIME_FLUSH_SECONDS, self.record_time, name="time flush")

    @property
    def on_screen(self) -> bool:
        """Whether the room sees this step: on top, or under a dialog opened from it."""
        return self.is_attached and self in self.app.screen_stack

    def on_screen_resume(self) -> None:
        if self._entered is None:  # the room arrives (not back from a dialog on top of it)
            self._arrive()
        self._workshop_changed(self.okr_app.workshop)
        self.tick_clock()

    def on_screen_suspend(self) -> None:
        if self.on_screen:
            return  # a dialog opened on top: the room is still on this step, the clock runs
        self.record_time()
        self._entered = None

    def _arrive(self) -> None:
        """The room comes to this step: start its clock, and forget news said on an earlier
        visit ("Added o6 by Sam" is stale once the room has been elsewhere)."""
        now = self.okr_app.clock()
        self._entered = self._since = now
        ws = self.okr_app.workshop
        stored = ws.stage_seconds.get(self.STAGE, 0.0) if ws is not None else 0.0
        # What was shown when the room left may still be on its way to the file.
        self._base = max(stored, self._shown_seconds)
        for line in self.query(StatusLine):
            line.forget_news()

    def _workshop_changed(self, ws: Workshop | None) -> None:
        if ws is None or not self.is_current:
            return
        self.query_one(StepBar).show(ws)
        self.show(ws)

    # --- time ---------------------------------------------------------------------------------

    def spent_seconds(self) -> float:
        """Time the room has spent on this step: what was stored when it arrived plus the wall
        time since, dialogs included. It never reads the file again while the step is on
        screen, so a periodic save still on its way cannot make it run backwards."""
        if self._entered is None:
            ws = self.okr_app.workshop
            stored = ws.stage_seconds.get(self.STAGE, 0.0) if ws is not None else 0.0
            return max(stored, self._shown_seconds)
        return self._base + max(self.okr_app.clock() - self._since, 0.0)

    def record_time(self) -> None:
        """Add the time since the step was entered (or last recorded) to the workshop."""
        if self._entered is None or self.okr_app.workshop_id is None:
            return
        now = self.okr_app.clock()
        seconds, self._entered = now - self._entered, now
        self._shown_seconds = max(self._shown_seconds, self.spent_seconds())
        if seconds >= 1:
            self.okr_app.record(actions.add_stage_time, self.STAGE, seconds)

    def tick_clock(self) -> None:
        """Show the step's clock (every second, and whenever the step is shown again)."""
        ws = self.okr_app.workshop
        if ws is None or not self.on_screen or self._entered is None:
            return
        spent = self.spent_seconds()
        self._shown_seconds = max(self._shown_seconds, spent)
        box = ws.timebox_minutes.get(self.STAGE)
        if not box:
            text = f"{clock_text(spent)} on this step"
        elif spent <= box * 60:
            text = f"{clock_text(box * 60 - spent)} left of {box} min"
        else:
            text = f"⚑ {clock_text(spent - box * 60)} over {box} min"
            if not self._warned and ws.status is not Status.FINAL:
                self._warned = True
                self.notify(
                    f"The {box} minutes for {self.STAGE.label} are up. Finish the thought in "
                    "hand, then move on when the room is ready (F9).",
                    title="Timebox",
                    timeout=10,
                )
        self.query_one(StepBar).show_clock(Content(text))

    # --- moving between steps -----------------------------------------------------------------

    def action_next_step(self) -> None:
        order = list(Stage)
        index = order.index(self.STAGE)
        if index + 1 < len(order):
            self.okr_app.go_to_step(order[index + 1])

    def action_previous_step(self) -> None:
        order = list(Stage)
        index = order.index(self.STAGE)
        if index > 0:
            self.okr_app.go_to_step(order[index - 1])

    def action_timebox(self) -> None:
        from screens.dialogs.modals import TextPrompt

        current = self.workshop.timebox_minutes.get(self.STAGE, 0)
        app = self.okr_app

        def ask(
            typed: str | None, problem: str | None, reply: Callable[[str | None], None]
        ) -> None:
            app.push_screen(
                TextPrompt(
                    f"Timebox for {self.STAGE.label}",
                    "Minutes for this step (0 removes the timebox). The clock only reminds; "
                    "it never moves the room on by itself.",
                    value=str(current or "") if typed is None else typed,
                    placeholder="e.g. 15",
                    problem=try_again_note(problem) if problem else "",
                ),
                reply,
            )

        def save(answer: str) -> Worker[Outcome[Any]] | None:
            try:
                minutes = int(answer.strip() or "0")
            except ValueError:
                self.notify(
                    f"{answer.strip()!r} is not a number of minutes.",
                    severity="warning",
                    markup=False,
                )
                return None
            self._warned = False
            return app.change(actions.set_timebox, self.STAGE, minutes)

        app.ask_and_save(ask, save)

    # --- autosaving fields --------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FieldInput):
            self._field_changed(event.input.field_key, event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if isinstance(event.text_area, FieldArea):
            self._field_changed(event.text_area.field_key, event.text_area.text)

    def _field_changed(self, key: str, value: str) -> None:
        saver = self.savers.get(key)
        if saver is not None:
            self.okr_app.edit_later(key, saver(value), value)

    def on_field_left(self, event: FieldLeft) -> None:
        """Save at once; with nothing to save, show what the file holds now (another terminal
        may have changed this field while it had focus)."""
        writes = self.okr_app.writes
        writes.flush(event.field_key)
        if not writes.busy and self.okr_app.workshop is not None:
            self.call_after_refresh(self._workshop_changed, self.okr_app.workshop)

    # --- finalizing (the Refine and Final steps, and the palette) ---------------------------------

    def action_finalize(self) -> None:
        """The one way the shared screen makes the OKR final: say what still blocks it, or ask,
        save, and show the Final step."""
        ws = self.workshop
        if ws.status is Status.FINAL:
            self.notify("The OKR is already final.", markup=False)
            return
        blockers = rules.finalize_blockers(ws)
        if blockers:
            self.show_finalize_blockers(blockers)
            return
        focus = ws.focus_objective
        confirm(
            self.app,
            "Finalize the OKR?",
            labelled(
                "The focus objective and its $count key results become the team's OKR for "
                "$cycle: the record of this workshop, unchanged until someone reopens it.",
                count=str(len(ws.key_results)),
                cycle=ws.cycle.label,
            )
            + (Content("\n\n★ ") + shown(focus.text) if focus else Content("")),
            yes="Finalize",
            then=self._finalize_now,
        )

    def show_finalize_blockers(self, blockers: list[str]) -> None:
        """Say what stops the OKR from being final (the Refine step shows it in its panel)."""
        self.notify(
            "\n".join(f"• {b}" for b in blockers),
            title="The OKR cannot be final yet",
            severity="warning",
            markup=False,
        )

    @work(group="finalize")
    async def _finalize_now(self) -> None:
        outcome = await self.okr_app.change(actions.finalize).wait()
        if outcome.ok and self.STAGE is not Stage.FINAL:
            self.okr_app.go_to_step(Stage.FINAL)
