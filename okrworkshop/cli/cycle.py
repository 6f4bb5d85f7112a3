"""After the room, from the command line: committed or stretch, confidence votes, check-ins,
progress, grading, the minutes, the next cycle and archiving."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import click

from .. import rules, tracking
from ..actions import parse_date
from ..confidence import confidence_summary
from ..grading import grade_report
from ..kr_names import kr_label, kr_labels
from ..model import CheckIn, KrKind, Status, Workshop
from ..next_cycle import next_cycle as make_next_cycle
from ..plain import confidence_line, grade_lines, progress_lines
from ..progress import implausible, kr_progress, workshop_progress
from ..summary import to_minutes
from ..text import plural, visible
from .base import App, fail, pass_app, print_or_write, say, workshop_option

# --- in the room ----------------------------------------------------------------------------


@click.command()
@workshop_option
@click.argument("kr_id")
@click.argument("kind", type=click.Choice([k.value for k in KrKind]))
@pass_app
def kind(app: App, workshop_id: str | None, kr_id: str, kind: str) -> None:
    """Mark a key result committed (expected to reach 1.0) or stretch (0.7 is a success).

    KR_ID is the number people read (KR2, or 2), or a script's stable id (id:kr3)."""

    def mark(ws: Workshop) -> tuple[str, KrKind]:
        kr = tracking.set_kind(ws, rules.require_named_key_result(ws, kr_id).id, kind)
        return kr_label(ws, kr), kr.kind

    label, marked = app.change(workshop_id, mark)
    say(f"{label} is {marked.value}.")


@click.command()
@workshop_option
@click.option("--as", "person", metavar="NAME", help="Whose vote it is (a participant).")
@click.option("--reveal", "reveal", flag_value=True, default=None, help="Show everyone's votes.")
@click.option("--hide", "reveal", flag_value=False, help="Hide the votes again.")
@click.option("--remove", is_flag=True, help="Take back NAME's vote on KR_ID.")
@click.argument("kr_id", required=False)
@click.argument("fingers", required=False, type=int, metavar="[1-5]")
@pass_app
def confidence(
    app: App,
    workshop_id: str | None,
    person: str | None,
    reveal: bool | None,
    remove: bool,
    kr_id: str | None,
    fingers: int | None,
) -> None:
    """Fist of five: how sure each person is that a key result will be reached (1 to 5).

    Votes stay hidden until --reveal, like dot votes. Without arguments, shows where the
    votes stand; a low average or a wide spread is a prompt to talk before finalizing.
    """
    if kr_id is not None:
        if person is None:
            fail("Say whose vote it is with --as NAME, e.g. okrworkshop confidence KR1 4 --as Ben.")
        if remove:

            def withdraw(ws: Workshop) -> str:
                kr = rules.require_named_key_result(ws, kr_id)
                tracking.withdraw_confidence(ws, kr.id, person=person)
                return kr_label(ws, kr)

            label = app.change(workshop_id, withdraw)
            say(f"Took back {person.strip()}'s confidence vote on {label}.")
        elif fingers is None:
            fail(f"Give the vote from 1 to 5, e.g. okrworkshop confidence {kr_id} 4 --as NAME.")
        else:

            def vote(ws: Workshop) -> tuple[str, str]:
                kr = rules.require_named_key_result(ws, kr_id)
                mine = tracking.vote_confidence(ws, kr.id, fingers, person=person)
                return rules.require_participant(ws, person), mine.kr_id

            voter, voted_on = app.change(workshop_id, vote)
            say(f"{voter}: {fingers} of 5 on {kr_label(app.workshop(workshop_id), voted_on)}.")
            if reveal is None:
                _print_confidence(app.workshop(workshop_id), only=voted_on)
                return
    elif remove or fingers is not None or person is not None:
        fail("Name the key result: okrworkshop confidence KR_ID N --as NAME.")
    if reveal is not None:
        app.change(workshop_id, lambda ws: tracking.reveal_confidence(ws, reveal))
    ws = app.workshop(workshop_id)
    _print_confidence(ws)


def _print_confidence(ws: Workshop, only: str | None = None) -> None:
    if not ws.key_results:
        say("No key results yet to vote on.")
        return
    revealed = ws.settings.confidence_revealed
    labels = kr_labels(ws)
    say(f"Confidence votes ({'revealed' if revealed else 'hidden until revealed'}):")
    for kr in ws.key_results:
        if only is not None and kr.id != only:
            continue
        c = confidence_summary(ws, kr)
        line = confidence_line(ws, kr.id) or "confidence: no votes yet"
        waiting = f" (waiting for {', '.join(c.waiting)})" if c.waiting and not c.revealed else ""
        say(f"  {labels[kr.id]}  {line}{waiting}")
    if not revealed and any(kr.confidence_votes for kr in ws.key_results):
        say("Reveal them with: okrworkshop confidence --reveal")


# --- after "final" --------------------------------------------------------------------------


@click.command()
@workshop_option
@click.option("--as", "person", metavar="NAME", help="Who checks in (default: the KR's owner).")
@click.option("--confidence", type=int, metavar="1-10", help="How sure the team is, 1 to 10.")
@click.option("--note", default="", help="What we learned, what we do next.")
@click.option("--date", "when", metavar="DATE", help="The day it is about (default: today).")
@click.argument("kr_id")
@click.argument("value")
@pass_app
def checkin(
    app: App,
    workshop_id: str | None,
    person: str | None,
    confidence: int | None,
    note: str,
    when: str | None,
    kr_id: str,
    value: str,
) -> None:
    """Record where a key result stands on a final OKR: VALUE in its unit (15% or 15).

    KR_ID is the number people read (KR2, or 2), or a script's stable id (id:kr3).
    A value that starts with a dash goes after --: okrworkshop checkin KR2 -- -5
    """
    today = date.today()

    def record(ws: Workshop) -> tuple[str, CheckIn, str | None]:
        stored = rules.require_named_key_result(ws, kr_id).id
        added = tracking.check_in(
            ws,
            stored,
            value,
            author=person,
            confidence=confidence,
            note=note,
            when=when,
            today=today,
        )
        kr = rules.require_key_result(ws, stored)
        earlier = replace(kr, checkins=[c for c in kr.checkins if c is not added])
        return stored, added, implausible(earlier, added.value, on=added.date)

    stored, done, odd = app.change(workshop_id, record)
    ws = app.workshop(workshop_id)
    kr = rules.require_key_result(ws, stored)
    say(f"Checked in {kr_label(ws, kr)} for {done.date.isoformat()}: {done.value} ({done.author}).")
    if odd is not None:  # a script has nobody to ask: saved, and said
        click.echo(f"Looks odd: {visible(odd)} Check in again if it was a typo.", err=True)
    for line in progress_lines(kr_progress(ws, kr, today))[1:]:
        say(line)


@click.command()
@workshop_option
@pass_app
def progress(app: App, workshop_id: str | None) -> None:
    """Per key result: baseline → latest → target, progress against the time gone by, the
    last confidence and its trend, and how long since the last check-in."""
    ws = app.workshop(workshop_id)
    if ws.status is not Status.FINAL:
        fail(
            "The OKR is not final yet, so there is no progress to track: check-ins start once "
            "it is final (okrworkshop finalize)."
        )
    today = date.today()
    report = workshop_progress(ws, today)
    say(f"{ws.team}, {ws.cycle.label}. Today, {today.isoformat()}: {report.clock.describe()}.")
    for p in report.key_results:
        say()
        for line in progress_lines(p):
            say(line)
    if report.stale:
        say()
        ids = ", ".join(p.label for p in report.stale)
        say(f"Two weeks or more without a check-in: {ids}.")
    if not report.checkin_count:
        say()
        say("No check-ins yet. Record one with: okrworkshop checkin KR1 VALUE --note '...'")


def _parse_set(raw: str) -> tuple[str, float]:
    kr_id, sep, number = raw.partition("=")
    try:
        score = float(number)
    except ValueError:
        score = math.nan
    if not sep or not kr_id.strip() or math.isnan(score):
        fail(f"Write a score as KR_ID=SCORE, e.g. --set KR2=0.6; got {raw!r}.")
    return kr_id.strip(), score


@click.command()
@workshop_option
@click.option("--set", "sets", multiple=True, metavar="KR_ID=SCORE", help="A score by hand.")
@click.option("--reason", "reasons", multiple=True, help="Why (one per --set, or one for all).")
@click.option("--clear", "clears", multiple=True, metavar="KR_ID", help="Drop a hand score.")
@click.option("--retro", help="What the team learned this cycle ('' clears it).")
@click.option("--record", is_flag=True, help="Keep the scores and close the cycle.")
@click.option("--undo", is_flag=True, help="Reopen a graded cycle.")
@pass_app
def grade(
    app: App,
    workshop_id: str | None,
    sets: tuple[str, ...],
    reasons: tuple[str, ...],
    clears: tuple[str, ...],
    retro: str | None,
    record: bool,
    undo: bool,
) -> None:
    """Score each key result from 0.0 to 1.0 and the objective on average, read against
    committed (1.0 expected) or stretch (0.7 is a success). Before the cycle ends it is a
    forecast. --record keeps the grade and closes the cycle; --undo reopens it."""
    scores = [_parse_set(raw) for raw in sets]
    if scores and reasons and len(reasons) not in (1, len(scores)):
        fail(
            f"Give one --reason for each --set ({len(scores)}), or one reason for all of them; "
            f"got {len(reasons)}."
        )
    if reasons and not scores:
        fail("--reason goes with --set KR_ID=SCORE.")
    today = date.today()

    def apply(ws: Workshop) -> None:
        if undo:
            tracking.undo_grade(ws)
        for kr_id in clears:
            tracking.clear_score(ws, rules.require_named_key_result(ws, kr_id).id)
        for index, (kr_id, score) in enumerate(scores):
            reason = reasons[index] if len(reasons) > 1 else (reasons[0] if reasons else "")
            tracking.set_score(ws, rules.require_named_key_result(ws, kr_id).id, score, reason)
        if retro is not None:
            tracking.set_retro(ws, retro)
        if record:
            tracking.record_grade(ws, today)

    if undo or clears or scores or retro is not None or record:
        app.change(workshop_id, apply)
    ws = app.workshop(workshop_id)
    if ws.status is not Status.FINAL:
        fail("The OKR is not final yet; grade it once it is (okrworkshop finalize).")
    for line in grade_lines(grade_report(ws, today)):
        say(line)
    if record:
        say("Recorded. Start the next cycle with: okrworkshop next-cycle --cycle LABEL ...")


# --- the minutes, the next cycle, archiving -------------------------------------------------


@click.command()
@workshop_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File.")
@pass_app
def summary(app: App, workshop_id: str | None, output: Path | None) -> None:
    """The minutes as markdown: time per step against its timebox, who contributed what, the
    decisions and their reasons, and the gaps the room accepted."""
    print_or_write(to_minutes(app.workshop(workshop_id)), output)


@click.command("next-cycle")
@workshop_option
@click.option("--cycle", "label", required=True, help="The new cycle's label, e.g. '2027 Q2'.")
@click.option(
    "--start", metavar="DATE", help="Its first day (default: the day after this cycle ends)."
)
@click.option(
    "--end", metavar="DATE", help="Its last day (default: as long as this cycle, from --start)."
)
@pass_app
def next_cycle(
    app: App, workshop_id: str | None, label: str, start: str | None, end: str | None
) -> None:
    """Start the next cycle from this one; prints the new workshop's id last.

    Keeps the team, people and strategic context; offers last cycle's deprioritized items as
    drafts and its unfinished key results as ideas (their latest values as baselines); shows
    last cycle's grade and retro. The old workshop is not changed.
    """
    from ..next_cycle import early_start_note, suggested_dates

    old = app.workshop(workshop_id)
    first, final_day = suggested_dates(old, parse_date(start, "cycle start"))
    new = app.store.create(
        make_next_cycle(old, label, start=first, end=end if end is not None else final_day)
    )
    early = early_start_note(old, date.today())
    if early:
        say(f"Note: {early}")
    say(
        f"Created the workshop for {new.team}, {new.cycle.label}, following {old.cycle.label} "
        f"({old.id}), in {app.db_path}."
    )
    last = new.last_cycle
    if last is not None:
        figure = f"{last.score:.2f}" if last.score is not None else "no score"
        kind = "progress so far, not recorded" if last.forecast else "recorded"
        say(f"Last cycle's grade: {figure} ({kind}).")
    say(
        f"Carried over as starting drafts: {plural(len(new.objectives), 'deprioritized item')}, "
        f"{plural(len(new.key_results), 'unfinished key result')}."
    )
    say(new.id)


@click.command()
@workshop_option
@click.option("--undo", is_flag=True, help="Bring an archived workshop back into lists.")
@pass_app
def archive(app: App, workshop_id: str | None, undo: bool) -> None:
    """Hide a finished workshop from lists ('list --all' still shows it)."""
    if undo and workshop_id is None:
        archived = [w for w in app.store.workshops() if w.archived]
        if len(archived) == 1:
            workshop_id = archived[0].id
    ws = app.change(workshop_id, lambda ws: _archive(ws, not undo))
    if undo:
        say(f"Workshop {ws.id} ({ws.team}, {ws.cycle.label}) is listed again.")
    else:
        say(
            f"Archived workshop {ws.id} ({ws.team}, {ws.cycle.label}); "
            f"'okrworkshop list --all' still shows it."
        )


def _archive(ws: Workshop, archived: bool) -> Workshop:
    tracking.archive(ws, archived)
    return ws
