"""The weekly meeting from the command line (``okrworkshop week ...``) and the sponsor's digest.

Every verb is one change in one transaction; bad input is one sentence on stderr and nothing
is written. The day is today (a hidden ``--today DATE`` sets it, for scripts and tests).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .. import rules, week_actions, weeks
from ..actions import parse_date
from ..digest import to_digest
from ..kr_names import kr_label, kr_labels
from ..model import Workshop
from ..text import plural
from ..week_model import Colour, WeekStep
from .base import App, fail, pass_app, print_or_write, say, workshop_option


def _day(raw: str | None, what: str = "--today") -> date:
    if raw is None:
        return date.today()
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        fail(f"{what} {raw!r} is not a date; write it as 2027-03-01.")


def _today(ctx: click.Context) -> date:
    found = ctx.find_root().meta.get("okrworkshop.today")
    return found if isinstance(found, date) else date.today()


def _vote(raw: str) -> int:
    try:
        return int(raw.strip())
    except ValueError:
        fail(f"Confidence is a whole number from 1 to 10; {raw!r} is not.")


@click.group(invoke_without_command=True)
@click.option("--today", "today", hidden=True, metavar="DATE", help="The day it is.")
@click.pass_context
def week(ctx: click.Context, today: str | None) -> None:
    """The weekly check-in as a meeting: numbers, a confidence round, what dropped and its next
    actions, commitments, health metrics and wins; notes when it closes.

    Without a verb, shows where this week's meeting stands and the team's record of meeting.
    """
    ctx.find_root().meta["okrworkshop.today"] = _day(today)
    if ctx.invoked_subcommand is None:
        ctx.invoke(status)


@week.command()
@workshop_option
@click.pass_context
def status(ctx: click.Context, workshop_id: str | None) -> None:
    """Where the open meeting stands, and the streak of weeks met."""
    app = ctx.find_object(App)
    assert app is not None
    ws = app.workshop(workshop_id)
    today = _today(ctx)
    current = weeks.open_week(ws)
    if current is None:
        say("No weekly meeting is open. Start this week's with: okrworkshop week start")
    else:
        say(f"The meeting of {current.week} ({current.date.isoformat()}) is open: "
            f"{current.step.label}.")  # fmt: skip
        for n in weeks.not_checked_in(ws, current):
            say(f"  {n.label}: no check-in since the last meeting ({n.owner or 'no owner'}).")
        for d in weeks.close_blockers(ws, current):
            say(f"  {d.label} dropped ({'; '.join(d.reasons)}) and has no next action yet.")
    _print_history(ws, today)


def _print_history(ws: Workshop, today: date) -> None:
    h = weeks.history(ws, today)
    say(f"Streak: {plural(h.streak, 'week')} met in a row; {h.kept_words}.")
    if h.missed_weeks:
        say(f"Weeks with no meeting since the first: {', '.join(h.missed_weeks)}.")
    if h.weeks_before_first:
        say(f"The cycle ran {plural(h.weeks_before_first, 'week')} before the first meeting.")


@week.command()
@workshop_option
@click.pass_context
def history(ctx: click.Context, workshop_id: str | None) -> None:
    """Every week of the cycle so far: met or not, and each key result's confidence."""
    app = ctx.find_object(App)
    assert app is not None
    ws = app.workshop(workshop_id)
    today = _today(ctx)
    h = weeks.history(ws, today)
    labels = kr_labels(ws)
    for row in h.weeks:
        state = "met" if row.met else "no meeting"
        figures = []
        for kr in ws.key_results:
            for key, value in h.confidence[kr.id]:
                if key == row.week and value is not None:
                    figures.append(f"{labels[kr.id]} {weeks.confidence_figure(value)}")
        tail = f"  confidence: {', '.join(figures)}" if figures else ""
        say(f"{row.week}  {row.monday.isoformat()}  {state}{tail}")
    _print_history(ws, today)
    for missed in weeks.repeatedly_missed(ws):
        say(f"Missed {missed.times} times: {missed.person}: {missed.text}")


@week.command()
@workshop_option
@click.option("--as", "person", required=True, metavar="NAME", help="Whose view.")
@pass_app
def mine(app: App, workshop_id: str | None, person: str) -> None:
    """What NAME has to do in this week's meeting: check-ins, votes, commitments, actions."""
    ws = app.workshop(workshop_id)
    name = rules.require_participant(ws, person)
    current = weeks.require_open_week(ws)
    view = weeks.person_week(ws, name, current)
    say(f"{view.person}, the meeting of {view.week} is at: {view.step.label}.")
    for n in view.owned:
        state = "checked in" if n.checked_in else "no check-in since the last meeting"
        say(f"  You own {n.label}: {state}.")
    labels = kr_labels(ws)
    voted = ", ".join(f"{labels.get(kr, kr)} {n}" for kr, n in view.votes.items())
    say(f"  Your confidence votes: {voted or 'none yet'}.")
    for c in view.to_close:
        say(f"  To close: {c.id} {c.text}")
    for c in view.commitments:
        say(f"  Committed this week: {c.id} {c.text}")
    for a in view.actions:
        say(f"  Next action on {labels.get(a.kr, a.kr)}: {a.text} (due {a.due.isoformat()})")


@week.command()
@workshop_option
@click.argument("step", metavar="STEP")
@pass_app
def step(app: App, workshop_id: str | None, step: str) -> None:
    """Move the meeting to a step (numbers, confidence, dropped, commitments, health, wins)."""
    moved = app.change(workshop_id, lambda ws: week_actions.go_to_step(ws, step.strip()))
    say(f"The meeting of {moved.week} is at: {moved.step.label}.")


@week.command()
@workshop_option
@click.argument("step", metavar="STEP")
@click.argument("minutes", metavar="MINUTES")
@pass_app
def timebox(app: App, workshop_id: str | None, step: str, minutes: str) -> None:
    """Change a step's timebox for this workshop's meetings, in minutes."""
    try:
        chosen = WeekStep(step.strip())
    except ValueError:
        fail(f"{step!r} is not a step of the weekly meeting ({', '.join(WeekStep)}).")
    try:
        number = int(minutes.strip())
    except ValueError:
        fail(f"A timebox is a whole number of minutes; {minutes!r} is not.")
    app.change(workshop_id, lambda ws: week_actions.set_timebox(ws, chosen, number))
    say(f"{chosen.label}: {number} min.")


@week.command()
@workshop_option
@click.pass_context
def start(ctx: click.Context, workshop_id: str | None) -> None:
    """Open this week's meeting, dated today (one meeting a week)."""
    app = ctx.find_object(App)
    assert app is not None
    today = _today(ctx)
    opened = app.change(workshop_id, lambda ws: week_actions.start_week(ws, today=today))
    say(f"Opened the weekly meeting of {opened.week} ({opened.date.isoformat()}).")
    ws = app.workshop(workshop_id)
    current = weeks.open_week(ws)
    assert current is not None
    for n in weeks.not_checked_in(ws, current):
        say(f"  {n.label}: no check-in since the last meeting ({n.owner or 'no owner'}).")


@week.command()
@workshop_option
@click.option("--as", "person", required=True, metavar="NAME", help="Whose vote it is.")
@click.argument("kr")
@click.argument("value", metavar="N")
@pass_app
def confidence(app: App, workshop_id: str | None, person: str, kr: str, value: str) -> None:
    """How sure NAME is that key result KR will be reached, 1 to 10 (hidden until revealed)."""
    number = _vote(value)
    mine = app.change(workshop_id, lambda ws: week_actions.vote(ws, kr, number, person=person))
    hidden = "" if mine.revealed else " (hidden until revealed)"
    say(f"{person.strip()}: {number} of 10 on {mine.label}{hidden}.")


@week.command()
@workshop_option
@pass_app
def reveal(app: App, workshop_id: str | None) -> None:
    """Show everyone's confidence votes: the average, the spread and what stands out."""
    app.change(workshop_id, lambda ws: week_actions.reveal(ws))
    ws = app.workshop(workshop_id)
    current = weeks.require_open_week(ws)
    for kr in ws.key_results:
        c = weeks.week_confidence(ws, current, kr.id)
        if c.average is None:
            say(f"{c.label}: no votes.")
            continue
        figure = weeks.confidence_figure(c.average)
        say(" ".join([f"{c.label}: {figure} of 10 (from {c.low} to {c.high}).", *c.flags]))


@week.command()
@workshop_option
@click.option("--owner", required=True, metavar="NAME", help="Who does it.")
@click.option("--due", metavar="DATE", help="By when (default: the next meeting).")
@click.option("--blocker", is_flag=True, help="It blocks the key result.")
@click.option("--ask", is_flag=True, help="Addressed upward, to the sponsor.")
@click.argument("kr")
@click.argument("text")
@pass_app
def action(
    app: App,
    workshop_id: str | None,
    owner: str,
    due: str | None,
    blocker: bool,
    ask: bool,
    kr: str,
    text: str,
) -> None:
    """A next action on a key result that dropped: who does what, by when."""
    done = app.change(
        workshop_id,
        lambda ws: week_actions.add_action(
            ws, kr, text, owner=owner, due=due, blocker=blocker, ask=ask
        ),
    )
    ws = app.workshop(workshop_id)
    say(f"Next action on {kr_label(ws, done.kr)}: {done.owner}, due {done.due.isoformat()}.")
    say(done.id)


@week.command("action-done")
@workshop_option
@click.option("--undo", is_flag=True, help="Open it again.")
@click.argument("action_id", metavar="ID")
@pass_app
def action_done(app: App, workshop_id: str | None, undo: bool, action_id: str) -> None:
    """Mark a next action done (or, with --undo, open again)."""
    done = app.change(workshop_id, lambda ws: week_actions.set_action_done(ws, action_id, not undo))
    say(f"Next action {done.id} is {'done' if done.done else 'open again'}.")


@week.command()
@workshop_option
@click.option("--as", "person", required=True, metavar="NAME", help="Who commits.")
@click.option("--kr", metavar="KR", help="The key result it serves.")
@click.option("--initiative", metavar="ID", help="The initiative it serves.")
@click.argument("text")
@pass_app
def commit(
    app: App,
    workshop_id: str | None,
    person: str,
    kr: str | None,
    initiative: str | None,
    text: str,
) -> None:
    """One of NAME's one to three commitments this week; prints its id last."""
    made = app.change(
        workshop_id,
        lambda ws: week_actions.commit(ws, text, person=person, kr=kr, initiative=initiative),
    )
    ws = app.workshop(workshop_id)
    tie = weeks.tied_to(ws, made)
    serves = "tied to nothing" if tie == "nothing" else f"for {tie}"
    say(f"{made.person} commits to it this week ({serves}).")
    say(made.id)


@week.command()
@workshop_option
@click.option("--not", "not_done", is_flag=True, help="It was not done.")
@click.option("--why", default="", help="In a word, why not.")
@click.option("--again", is_flag=True, help="Take it up again this week.")
@click.argument("commitment_id", metavar="ID")
@pass_app
def done(
    app: App, workshop_id: str | None, not_done: bool, why: str, again: bool, commitment_id: str
) -> None:
    """Close a commitment from an earlier meeting: done, or --not done --why TEXT."""
    if why.strip() and not not_done:
        fail("--why goes with --not: say why a commitment was not done.")
    closed, carried = app.change(
        workshop_id,
        lambda ws: week_actions.close_commitment(
            ws, commitment_id, done=not not_done, why=why, carry=again
        ),
    )
    assert closed.outcome is not None
    say(f"Commitment {closed.id} ({closed.person}): {closed.outcome.value}.")
    if carried is not None:
        say(f"Taken up again this week as {carried.id}.")
        say(carried.id)


@week.command()
@workshop_option
@click.option("--note", default="", help="What the colour means this week.")
@click.argument("name")
@click.argument("colour", metavar="green|amber|red")
@pass_app
def health(app: App, workshop_id: str | None, note: str, name: str, colour: str) -> None:
    """A health metric's colour this week; a new NAME joins the cycle's metrics (2 to 4)."""
    metric, new = app.change(
        workshop_id, lambda ws: week_actions.set_health(ws, name, colour, note)
    )
    shade = Colour(colour.strip().casefold())
    say(f"{metric}: {shade.value} ({shade.meaning}).")
    if new:
        ws = app.workshop(workshop_id)
        count = len(ws.health_metrics)
        say(f"{metric} joins the cycle's health metrics ({count} of {weeks.MAX_HEALTH_METRICS}).")


@week.command()
@workshop_option
@click.option("--as", "person", required=True, metavar="NAME", help="Who made it happen.")
@click.option("--with", "others", multiple=True, metavar="NAME", help="Someone else too.")
@click.argument("text")
@pass_app
def win(app: App, workshop_id: str | None, person: str, others: tuple[str, ...], text: str) -> None:
    """Something that went well this week, and who made it happen."""
    made = app.change(
        workshop_id, lambda ws: week_actions.add_win(ws, text, person=person, others=others)
    )
    say(f"Win noted ({', '.join(made.people)}).")


@week.command()
@workshop_option
@click.option("--anyway", is_flag=True, help="Close even if a dropped key result has no action.")
@click.pass_context
def close(ctx: click.Context, workshop_id: str | None, anyway: bool) -> None:
    """Close this week's meeting and show its notes."""
    app = ctx.find_object(App)
    assert app is not None
    closed = app.change(workshop_id, lambda ws: week_actions.close_week(ws, anyway=anyway))
    say(f"Closed the meeting of {closed.week}.")
    _print_history(app.workshop(workshop_id), _today(ctx))
    say()
    click.echo(closed.notes, nl=False)


@week.command()
@workshop_option
@click.option("--week", "week_key", metavar="WEEK", help="Which week, e.g. 2027-W09.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File.")
@pass_app
def notes(app: App, workshop_id: str | None, week_key: str | None, output: Path | None) -> None:
    """The last closed week's notes as markdown (or --week's)."""
    ws = app.workshop(workshop_id)
    if week_key is not None:
        chosen = weeks.week_of(ws, week_key)
        if chosen is None or chosen.is_open:
            fail(f"There are no notes for {week_key.strip()!r}; notes are written on close.")
    else:
        chosen = weeks.latest_closed(ws)
        if chosen is None:
            fail("No weekly meeting has been closed yet, so there are no notes.")
    print_or_write(chosen.notes, output)


@click.command()
@workshop_option
@click.option("--since", metavar="DATE", help="Report on every meeting since DATE.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File.")
@click.option("--today", "today", hidden=True, metavar="DATE", help="The day it is.")
@pass_app
def digest(
    app: App, workshop_id: str | None, since: str | None, output: Path | None, today: str | None
) -> None:
    """One short page for the sponsor: status in words, each key result's change since the
    last meeting, wins, blockers and asks, what needs attention (markdown)."""
    start = parse_date(since, "--since date")
    text = to_digest(app.workshop(workshop_id), since=start, today=_day(today))
    print_or_write(text, output)
