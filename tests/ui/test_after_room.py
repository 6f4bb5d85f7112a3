"""After the room on the shared screen: check-ins, the grade, the minutes, the next cycle.

Keys in, then what the store (or the written file) holds. The calendar day is fixed with
``app_on`` (2027-02-25 unless a test says otherwise: three days after the example's eighth
week of check-ins).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cycle_okr import day, room
from hostile import HOSTILE
from textual import events
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from okrworkshop import tracking
from okrworkshop.grading import grade_report
from okrworkshop.model import Check, CheckReview, Grade, Review, Stage, Status, Workshop
from okrworkshop.store import Store
from okrworkshop.summary import to_minutes
from okrworkshop.text import visible
from screens.dialogs.help import HelpScreen
from screens.dialogs.modals import ConfirmScreen, TextPrompt
from screens.dialogs.tracking import CheckinDialog, NextCycleDialog, ScoreDialog
from screens.facilitator.checkins import SPARK_COLUMNS, CheckinsScreen, KrCard
from screens.facilitator.grade import GradeScreen
from screens.facilitator.minutes import MinutesScreen
from screens.facilitator.step import StepScreen
from screens.facilitator.welcome import WelcomeScreen
from screens.widgets.rows_table import RowsTable

AFTER_END = date(2027, 4, 2)  # two days after the example's cycle ended


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.settle()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _dialog(pilot, cls: type):
    """The dialog of type ``cls`` once it is on top and its first field has the focus (keys
    pressed before that would reach the screen underneath)."""
    for _ in range(200):
        screen = pilot.app.screen
        if isinstance(screen, cls) and isinstance(pilot.app.focused, Input):
            return screen
        await pilot.pause(0.01)
    raise AssertionError(f"{cls.__name__} did not open")


def _text(widget) -> str:
    content = widget.content if isinstance(widget, Static) else widget
    return content.plain if isinstance(content, Content) else str(content)


def _card(app, number: int) -> KrCard:
    return list(app.screen.query(KrCard))[number - 1]


def _card_text(card: KrCard) -> str:
    return "\n".join(_text(s) for s in card.query(Static))


def _message(app, selector: str) -> str:
    return _text(app.screen.query_one(selector, Static))


async def _type(pilot, text: str) -> None:
    """Paste ``text`` into the focused field, as people do with longer words."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def _tracked(store: Store, *checkins: tuple[str, date, str, str]) -> str:
    """A final OKR (kr1 12% -> 18%, kr2 9% -> 3%, owner Chen) with the given check-ins
    (key result, day, value, note); returns its id."""
    ws = room()
    ws.id = ""
    created = store.create(ws)

    def add(w: Workshop) -> None:
        for kr_id, when, value, note in checkins:
            tracking.check_in(w, kr_id, value, note=note, when=when, today=AFTER_END)

    store.update(created.id, add)
    return created.id


# --- getting there --------------------------------------------------------------------------


async def test_k_on_the_final_step_shows_the_examples_trends(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        await pilot.press("k")
        await _settled(pilot)
        assert isinstance(app.screen, CheckinsScreen)
        kr1, kr2, kr3 = (_card_text(_card(app, n)) for n in (1, 2, 3))
        assert "52%" in kr1 and "✓ on track" in kr1
        assert "✗ behind" in kr2 and "! at risk" in kr3
        assert "2027-02-22, 3 days ago · Chen: Back on pace. Next: spelling correction." in kr1
        assert "12% → 15.1% → 18%" in kr1 and "8/10 ↑" in kr1
        # progress on 0-100% (2% ... 52%), confidence on 1-10 (6 6 7 7 7 8 7 8)
        assert _text(_card(app, 1).query_one(".kr-values", Static)) == "▁▁▂▃▃▄▄▅"
        assert _text(_card(app, 1).query_one(".kr-confidence", Static)) == "▅▅▆▆▆▇▆▇"
        assert _text(_card(app, 3).query_one(".kr-confidence", Static)) == "▅▅▄▅"  # 6 6 5 6
        assert "Tracking · today 2027-02-25: day 56 of 90" in _message(app, "#after-cycle")
        history = app.screen.query_one("#history", RowsTable)
        assert history.row_count == 8  # KR1's check-ins, the focused card's
        await pilot.press("f8")
        await pilot.pause()
        assert app.screen.name == Stage.FINAL.value


async def test_k_on_the_welcome_screen_opens_the_example_on_its_check_ins(store, app_on):
    app = app_on(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("down")  # from "new workshop" to the example
        await pilot.press("k")
        await _settled(pilot)
        assert isinstance(app.screen, CheckinsScreen)
        (ws,) = store.workshops()
        assert ws.team == "Marketplace Search (example)" and app.workshop_id == ws.id
        assert len(list(app.screen.query(KrCard))) == 3
        assert store.get(ws.id).stage is Stage.FINAL  # looking is not moving the room


async def test_the_example_seen_before_its_cycle_says_its_figures_are_as_of_then(
    example_store, app_on
):
    app = app_on(example_store, "example", Stage.FINAL, today=date(2026, 12, 20))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        assert _message(app, "#checkins-state") == (
            "Its check-ins run to 2027-02-22, after today: each key result is shown as of its "
            "latest check-in."
        )
        assert "the cycle starts on 2027-01-01, in 12 days" in _message(app, "#after-cycle")
        assert "✓ on track" in _card_text(_card(app, 1))


async def test_help_says_what_the_check_ins_are_and_their_keys(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(_text(s) for s in app.screen.query(Static))
        assert "Help: Check-ins" in shown and "'time' how much of the cycle" in shown
        for key, what in (("⏎", "Check in"), ("N", "Next cycle"), ("g", "Grade")):
            assert f"{key:>12}  {what}" in shown
        assert "KR9" not in shown  # the number keys are one idea, told in the purpose


async def test_the_palette_reaches_grade_and_minutes(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Grade the OKR")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await _settled(pilot)
        assert isinstance(app.screen, GradeScreen)
        await pilot.press("m")
        await _settled(pilot)
        assert isinstance(app.screen, MinutesScreen)
        await pilot.press("k")
        await _settled(pilot)
        assert isinstance(app.screen, CheckinsScreen)


# --- checking in ----------------------------------------------------------------------------


async def test_a_check_in_from_the_form_is_stored_for_today_by_the_owner(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        await pilot.press("2", "enter")  # KR2, owner Ben
        dialog = await _dialog(pilot, CheckinDialog)
        assert dialog.query_one("#checkin-date", Input).value == "2027-02-25"
        await pilot.press(*"6.9%", "enter", "7", "enter")
        await _type(pilot, "Spelling fix shipped early")
        await pilot.press("enter")
        await _settled(pilot)
        assert isinstance(app.screen, CheckinsScreen)
        latest = example_store.get("example").key_results[1].checkins[-1]
        assert (latest.date, latest.value, latest.confidence) == (date(2027, 2, 25), "6.9%", 7)
        assert (latest.note, latest.author) == ("Spelling fix shipped early", "Ben")
        assert "Checked in KR2 for 2027-02-25: 6.9% (Ben)." in _message(app, "#checkins-message")
        card = _card_text(_card(app, 2))
        assert "2027-02-25, today · Ben: Spelling fix shipped early" in card
        assert "5/10" not in card and "7/10 ↑" in card


async def test_a_missed_week_is_filled_in_with_its_date_and_someone_else(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        await pilot.press("3", "c")  # KR3 skipped 2027-02-15
        await _dialog(pilot, CheckinDialog)
        await pilot.press(*"46%")
        app.screen.query_one("#checkin-date", Input).value = "2027-02-15"
        app.screen.query_one("#checkin-author").value = "Ana"
        await pilot.press("ctrl+s")
        await _settled(pilot)
        kr3 = example_store.get("example").key_results[2]
        added = [c for c in kr3.checkins if c.date == date(2027, 2, 15)]
        assert [(c.value, c.author, c.confidence, c.note) for c in added] == [
            ("46%", "Ana", None, "")
        ]


async def test_refusals_are_the_cores_sentences_and_the_form_keeps_its_words(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL)
    before = example_store.get("example").to_dict()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        await pilot.press("enter")
        dialog = await _dialog(pilot, CheckinDialog)
        await pilot.press(*"lots", "ctrl+s")
        error = _message(app, "#checkin-error")
        assert error.startswith("The value 'lots' for KR1 is not one number")
        dialog.query_one("#checkin-value", Input).value = "15.5%"
        dialog.query_one("#checkin-confidence", Input).value = "11"
        await pilot.press("ctrl+s")
        assert _message(app, "#checkin-error").startswith("Confidence is a whole number from 1")
        dialog.query_one("#checkin-confidence", Input).value = "high"
        await pilot.press("ctrl+s")
        assert "'high' is not" in _message(app, "#checkin-error")
        dialog.query_one("#checkin-confidence", Input).value = "8"
        dialog.query_one("#checkin-date", Input).value = "2027-03-01"
        await pilot.press("ctrl+s")
        assert _message(app, "#checkin-error").startswith("2027-03-01 is in the future")
        dialog.query_one("#checkin-date", Input).value = "2026-12-24"
        await pilot.press("ctrl+s")
        assert "before the cycle starts (2027-01-01)" in _message(app, "#checkin-error")
        assert "--" not in _message(app, "#checkin-error")  # a form has no command-line options
        dialog.query_one("#checkin-date", Input).value = "next monday"
        await pilot.press("ctrl+s")
        assert "is not a date; write it as 2027-03-31" in _message(app, "#checkin-error")
        assert app.screen is dialog
        assert dialog.query_one("#checkin-value", Input).value == "15.5%"
        await pilot.press("escape")
        await _settled(pilot)
    assert example_store.get("example").to_dict() == before


async def test_not_final_says_why_and_opens_no_form(store, app_on):
    ws = room(final=False)
    ws.id = ""
    wid = store.create(ws).id
    app = app_on(store, wid, Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        state = _message(app, "#checkins-state")
        assert state.startswith("✗ Check-ins start once the OKR is final")
        assert state.endswith("Finalize it on the Final step (F8, then shift+F).")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinsScreen)
        assert "Check-ins start once the OKR is final" in _message(app, "#checkins-message")
        assert "no check-in yet" in _card_text(_card(app, 1))
    assert all(not kr.checkins for kr in store.get(wid).key_results)


async def test_two_weeks_without_a_check_in_is_called_out(store, app_on):
    wid = _tracked(store, ("kr1", day(30), "13%", ""), ("kr2", day(48), "8%", "fine"))
    app = app_on(store, wid, Stage.FINAL, today=day(50))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        kr1, kr2 = _card(app, 1), _card(app, 2)
        assert kr1.has_class("-stale") and not kr2.has_class("-stale")
        assert "⚑ No check-in for 20 days · 2027-01-31 · Chen, no note" in _card_text(kr1)
        assert "2 days ago · Chen: fine" in _card_text(kr2)
        assert _message(app, "#checkins-state") == ("⚑ Two weeks or more without a check-in: KR1.")


async def test_hostile_notes_and_values_show_literally_and_do_nothing(store, app_on):
    strings = [HOSTILE[k] for k in ("rich-markup", "click-action", "ansi", "todo-brackets")]
    wid = _tracked(store, *[("kr1", day(10 + i), "13%", s) for i, s in enumerate(strings)])
    store.update(
        wid,
        lambda w: tracking.check_in(
            w, "kr2", "8%", note=HOSTILE["rtl"], when=day(9), author="Dana", today=AFTER_END
        ),
    )
    app = app_on(store, wid, Stage.FINAL, today=day(20))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        card = _card_text(_card(app, 1))
        assert f"Chen: {visible(HOSTILE['todo-brackets'])}" in card  # the latest, brackets kept
        assert "\x1b" not in card
        history = app.screen.query_one("#history", RowsTable)
        notes = [history.get_row_at(r)[-1].plain for r in range(history.row_count)]
        assert notes == [visible(s) for s in reversed(strings)]
        assert visible(HOSTILE["rtl"]) in _card_text(_card(app, 2))
        await pilot.click(_card(app, 1))  # clicking where [@click=app.quit] shows quits nothing
        await pilot.pause()
        assert app.is_running


async def test_a_hostile_note_typed_in_the_form_is_stored_as_shown(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL)
    note = HOSTILE["click-action"] + " " + HOSTILE["ansi"]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        await pilot.press("enter")
        await _dialog(pilot, CheckinDialog)
        await pilot.press(*"15.4%", "enter", "enter")
        await _type(pilot, note)
        await pilot.press("enter")
        await _settled(pilot)
        stored = example_store.get("example").key_results[0].checkins[-1].note
        assert stored == visible(note)  # control characters arrive as visible escapes
        assert f"Chen: {stored}" in _card_text(_card(app, 1))
        assert app.is_running


async def test_another_terminals_check_in_appears(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        example_store.update(
            "example",
            lambda w: tracking.check_in(
                w, "kr3", "48%", note="From Dana's terminal", today=date(2027, 2, 25)
            ),
        )
        app.writes.reload("example")
        await _settled(pilot)
        assert "today · Dana: From Dana's terminal" in _card_text(_card(app, 3))


async def test_a_year_of_weekly_check_ins_is_drawn_in_full(store, app_on):
    ws = room(start=date(2027, 1, 1), end=date(2027, 12, 31))
    ws.id = ""
    wid = store.create(ws).id

    def year(w: Workshop) -> None:
        for week in range(52):
            for kr_id, value in (("kr1", 12 + week * 0.1), ("kr2", 9 - week * 0.1)):
                tracking.check_in(
                    w,
                    kr_id,
                    f"{value:.1f}%",
                    confidence=5 + week % 5,
                    note=f"week {week + 1}",
                    when=date.fromordinal(date(2027, 1, 1).toordinal() + 7 * week),
                    today=date(2028, 1, 1),
                )

    store.update(wid, year)
    app = app_on(store, wid, Stage.FINAL, today=date(2027, 12, 31))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        values = _text(_card(app, 2).query_one(".kr-values", Static))
        assert len(values) == SPARK_COLUMNS[".kr-values"] and list(values) == sorted(values)
        assert app.screen.query_one("#history", RowsTable).row_count == 52
        assert "KR1: 52 check-ins, newest first." in _message(app, "#history-title")


# --- grading --------------------------------------------------------------------------------


async def test_grade_is_a_forecast_before_the_end(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k", "g")
        await _settled(pilot)
        headline = _message(app, "#grade-headline")
        assert headline.startswith("Forecast grade 0.40 (the cycle ends on 2027-03-31)")
        scores = app.screen.query_one("#scores", RowsTable)
        assert [scores.get_row_at(r)[2].plain for r in range(3)] == ["✗ 0.52", "✗ 0.30", "✗ 0.39"]
        assert "stretch (KR1) counts from 0.6, about 0.7 is the mark" in _message(
            app, "#grade-summary"
        )


async def test_a_score_set_by_hand_needs_a_reason_and_is_stored(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k", "g")
        await _settled(pilot)
        await pilot.press("down", "s")  # KR2
        dialog = await _dialog(pilot, ScoreDialog)
        await pilot.press(*"1.5", "enter", "enter")
        assert _message(app, "#score-error").startswith("A score is a number from 0.0 to 1.0")
        dialog.query_one("#score-value", Input).value = "0.5"
        await pilot.press("ctrl+s")
        assert "needs a reason" in _message(app, "#score-error")
        assert "--" not in _message(app, "#score-error")
        dialog.query_one("#score-reason", Input).value = "[b]Half[/] the markets: " + "é"
        await pilot.press("ctrl+s")
        await _settled(pilot)
        assert example_store.get("example").key_results[1].grade == Grade(
            0.5, "[b]Half[/] the markets: é", by_hand=True
        )
        assert "Why this score: [b]Half[/] the markets: é" in _message(app, "#grade-detail")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await _settled(pilot)
        assert example_store.get("example").key_results[1].grade is None


async def test_record_and_undo_the_grade(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL, today=AFTER_END)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k", "g")
        await _settled(pilot)
        assert _message(app, "#grade-headline").startswith("Grade 0.40, not recorded yet (R")
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await _settled(pilot)
        ws = example_store.get("example")
        assert ws.graded is not None
        assert [kr.grade.score for kr in ws.key_results if kr.grade] == [0.52, 0.3, 0.39]
        assert _message(app, "#grade-headline").startswith("Grade 0.40, recorded on")
        assert _message(app, "#grade-message") == "Recorded the grade; the cycle is closed."
        await pilot.press("k", "enter")  # a graded cycle takes no check-ins
        await pilot.pause()
        assert "This cycle was graded on" in _message(app, "#checkins-message")
        assert "Undo the grade (g, then u)" in _message(app, "#checkins-message")
        await pilot.press("g", "u", "y")
        await _settled(pilot)
        ws = example_store.get("example")
        assert ws.graded is None and all(kr.grade is None for kr in ws.key_results)


async def test_recording_without_every_score_is_refused_in_words(store, app_on):
    wid = _tracked(store, ("kr1", day(80), "18%", ""))  # kr2 has no check-in: no score
    app = app_on(store, wid, Stage.FINAL, today=AFTER_END)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k", "g")
        await _settled(pilot)
        await pilot.press("R", "y")
        await _settled(pilot)
        assert _message(app, "#grade-message").startswith("KR2 has no score")
    assert store.get(wid).graded is None


async def test_the_retro_is_saved_as_it_is_typed(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL)
    retro = "Weekly check-ins kept us honest;\n[/] we started the blocker too late"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k", "g")
        await _settled(pilot)
        app.screen.query_one("#retro", TextArea).focus()
        await _type(pilot, retro)
        await _settled(pilot)
        assert example_store.get("example").retro == retro
        assert grade_report(example_store.get("example"), date(2027, 2, 25)).retro == retro


# --- the minutes and the next cycle ---------------------------------------------------------


async def test_the_minutes_are_saved_as_markdown(example_store, app_on, tmp_path: Path):
    app = app_on(example_store, "example", Stage.FINAL)
    target = tmp_path / "minutes.md"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k", "m")
        await _settled(pilot)
        await pilot.press("s")
        await _dialog(pilot, TextPrompt)
        answer = app.screen.query_one("#answer", Input)
        assert answer.value.endswith("marketplace-search-2027-q1.minutes.md")
        answer.value = str(target)
        await pilot.press("enter")
        await _settled(pilot)
        assert _message(app, "#minutes-message") == f"✓ Saved to {target}"
    expected = to_minutes(example_store.get("example"), today=date(2027, 2, 25))
    assert target.read_text(encoding="utf-8") == expected


async def test_the_next_cycle_is_created_and_opened(example_store, app_on):
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k", "N")
        await _dialog(pilot, NextCycleDialog)
        await pilot.press(*"2027 Q1", "enter", *"2027-04-01", "enter", *"2027-06-30", "enter")
        assert "needs a label of its own" in _message(app, "#next-error")
        app.screen.query_one("#next-label", Input).value = "2027 Q2"
        await pilot.press("ctrl+s")
        await _settled(pilot)
        new = next(w for w in example_store.workshops() if w.id != "example")
        assert new.follows == "example" and new.cycle.label == "2027 Q2"
        assert new.last_cycle is not None and new.last_cycle.score == 0.4
        assert app.workshop_id == new.id and isinstance(app.screen, StepScreen)
        assert example_store.get("example").status is Status.FINAL


async def test_a_key_result_due_after_the_cycle_takes_check_ins_until_its_deadline(store, app_on):
    """kr1's deadline is 2027-04-30, after the cycle's end, and the room accepted it: two days
    after the cycle it is checked in on for today; kr2 goes to the cycle's last day."""
    ws = room()
    ws.id = ""
    wid = store.create(ws).id

    def late(w: Workshop) -> None:
        w.key_results[0].deadline = date(2027, 4, 30)
        w.key_results[0].smart[Check.TIME_BOUND] = CheckReview(Review.ACCEPTED, "Launch in April")

    store.update(wid, late)
    app = app_on(store, wid, Stage.FINAL, today=AFTER_END)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        await pilot.press("1", "enter")
        dialog = await _dialog(pilot, CheckinDialog)
        assert dialog.query_one("#checkin-date", Input).value == AFTER_END.isoformat()
        await pilot.press(*"14%", "ctrl+s")
        await _settled(pilot)
        await pilot.press("2", "enter")
        dialog = await _dialog(pilot, CheckinDialog)
        assert dialog.query_one("#checkin-date", Input).value == "2027-03-31"
        await pilot.press(*"7%", "ctrl+s")
        await _settled(pilot)
    kr1, kr2 = store.get(wid).key_results
    assert [(c.date, c.value) for c in kr1.checkins] == [(AFTER_END, "14%")]
    assert [(c.date, c.value) for c in kr2.checkins] == [(date(2027, 3, 31), "7%")]


async def test_the_next_cycle_form_suggests_a_free_label_and_its_dates_and_warns_early(
    example_store, app_on
):
    """The example's 2027 Q1 runs until 2027-03-31 and today is 2027-02-25."""
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k", "N")
        dialog = await _dialog(pilot, NextCycleDialog)
        early = _message(app, "#next-early")
        assert "2027 Q1 still runs until 2027-03-31" in early
        assert dialog.query_one("#next-label", Input).placeholder == "e.g. 2027 Q2"
        assert dialog.query_one("#next-start", Input).value == "2027-04-01"
        assert dialog.query_one("#next-end", Input).value == "2027-06-30"
        await pilot.press(*"2027 Q1", "ctrl+s")
        refused = _message(app, "#next-error")
        assert "How about '2027 Q2'?" in refused
        assert "--" not in refused  # no command-line flag on a screen
        dialog.query_one("#next-label", Input).value = "2027 Q2"
        dialog.query_one("#next-start", Input).value = "2027-03-15"
        await pilot.press("ctrl+s")
        assert "inside 2027 Q1 (it runs until 2027-03-31)" in _message(app, "#next-error")
        dialog.query_one("#next-start", Input).value = "2027-04-01"
        await pilot.press("ctrl+s")
        await _settled(pilot)
    new = next(w for w in example_store.workshops() if w.id != "example")
    assert (new.cycle.start, new.cycle.end) == (date(2027, 4, 1), date(2027, 6, 30))
