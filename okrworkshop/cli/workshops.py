"""Verbs about the workshop itself: open, create, list, show, set up the context and the people.

The plain-text renderer and grading load inside the verbs that use them, so ``list``, the verb
scripts call most, loads the model, the rules and the actions (light: the linter they call
loads only when a change asks it) and no more.
"""

from __future__ import annotations

from datetime import date

import click

from .. import actions, rules
from ..model import Lifecycle, Stage, Workshop
from ..text import plural
from .base import App, fail, pass_app, say, workshop_option


@click.command("open")
@workshop_option
@click.option(
    "--step",
    type=click.Choice([s.value for s in Stage]),
    help="Open at this step instead of where the room stopped.",
)
@pass_app
def open_(app: App, workshop_id: str | None, step: str | None) -> None:
    """Open a workshop full-screen (without -w, the only one in the file, or a list to choose)."""
    from ..store import NotFound
    from .launch import facilitator  # the UI loads only now

    if workshop_id is None and step is None:
        try:  # "the only one" as every verb reads it: a copy of the example does not count
            only: str | None = app.store.resolve(None).id
        except NotFound:
            only = None  # none or several: the welcome screen lists them
        facilitator(app.db_path, only)
    else:
        facilitator(app.db_path, app.workshop(workshop_id).id, Stage(step) if step else None)


# --- workshops ------------------------------------------------------------------------------


@click.command()
@click.option("--team", required=True, help="The product team, e.g. 'Marketplace Search'.")
@click.option("--cycle", "cycle_label", required=True, help="The cycle's label, e.g. '2027 Q1'.")
@click.option("--start", metavar="DATE", help="First day of the cycle, e.g. 2027-01-01.")
@click.option("--end", metavar="DATE", help="Last day of the cycle, e.g. 2027-03-31.")
@click.option("--facilitator", default="", metavar="NAME", help="Who runs the workshop.")
@click.option("--participant", "participants", multiple=True, metavar="NAME", help="Repeatable.")
@pass_app
def new(
    app: App,
    team: str,
    cycle_label: str,
    start: str | None,
    end: str | None,
    facilitator: str,
    participants: tuple[str, ...],
) -> None:
    """Create a workshop; prints its id alone on the last line."""
    workshop = actions.new_workshop(
        team,
        cycle_label,
        start=start,
        end=end,
        facilitator=facilitator,
        participants=participants,
    )
    workshop = app.store.create(workshop)
    say(f"Created the workshop for {workshop.team}, {workshop.cycle.label}, in {app.db_path}.")
    say(workshop.id)


@click.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include archived workshops.")
@pass_app
def list_(app: App, show_all: bool) -> None:
    """One line per workshop: id, team, cycle, step, status (and grade) and counts."""
    everything = app.store.workshops()
    workshops = rules.listed(everything, include_archived=show_all)
    if not everything:
        state = "has no workshops" if app.db_path.exists() else "does not exist"
        say(
            f"The database {app.db_path} {state} yet. Start a workshop with: "
            f"okrworkshop new --team T --cycle C"
        )
        return
    if not workshops:
        say(f"All {len(everything)} workshops are archived; 'okrworkshop list --all' shows them.")
        return
    today = date.today()
    for w in workshops:
        status = rules.lifecycle(w)
        average = None
        if status is Lifecycle.GRADED:
            from ..grading import grade_report  # only a graded workshop shows its grade

            average = grade_report(w, today).average
        grade = f" {average:.2f}" if average is not None else ""
        archived = "  (archived)" if w.archived else ""
        say(
            f"{w.id}  {w.team}  {w.cycle.label}  step: {w.stage.value}  "
            f"status: {status.value}{grade}  "
            f"{plural(len(w.participants), 'participant')}, "
            f"{plural(len(w.objectives), 'draft')}, {plural(len(w.key_results), 'key result')}"
            f"{archived}"
        )
    hidden = len(everything) - len(workshops)
    if hidden:
        say(f"({plural(hidden, 'archived workshop')} not shown; 'okrworkshop list --all')")


@click.command()
@workshop_option
@pass_app
def show(app: App, workshop_id: str | None) -> None:
    """The workshop in readable plain text."""
    from ..plain import render_plain

    say(render_plain(app.workshop(workshop_id)))


@click.command()
@workshop_option
@click.option("--mission", help="The company mission.")
@click.option("--north-star", help="The North Star: the long-term purpose set by leadership.")
@click.option("--pillar", "pillars", multiple=True, help="A strategic pillar (repeatable).")
@click.option("--vision", help="The product vision.")
@click.option("--principle", "principles", multiple=True, help="A product principle (repeatable).")
@click.option("--strategy", help="The product strategy for this cycle.")
@click.option("--parent-okr", "parent_okrs", multiple=True, help="A higher-level OKR (repeatable).")
@click.option(
    "--overlap",
    "overlaps",
    multiple=True,
    metavar="TEAM:TOPIC",
    help="Another team's overlapping work, as 'Team: topic' (repeatable).",
)
@click.option("--why-okrs", help="Why this team uses OKRs at all.")
@pass_app
def context(
    app: App,
    workshop_id: str | None,
    mission: str | None,
    north_star: str | None,
    pillars: tuple[str, ...],
    vision: str | None,
    principles: tuple[str, ...],
    strategy: str | None,
    parent_okrs: tuple[str, ...],
    overlaps: tuple[str, ...],
    why_okrs: str | None,
) -> None:
    """Set strategic-context fields. Repeatable options replace that whole list."""
    pairs = [actions.parse_overlap(raw) for raw in overlaps] or None
    given = (mission, north_star, pillars, vision, principles, strategy, parent_okrs, why_okrs)
    if pairs is None and all(value in (None, ()) for value in given):
        fail("Give at least one field to set, e.g. --north-star 'Buyers always find it'.")
    app.change(
        workshop_id,
        lambda ws: actions.set_context(
            ws,
            mission=mission,
            north_star=north_star,
            pillars=list(pillars) or None,
            vision=vision,
            principles=list(principles) or None,
            strategy=strategy,
            parent_okrs=list(parent_okrs) or None,
            overlaps=pairs,
            why_okrs=why_okrs,
        ),
    )
    say("Saved the strategic context.")


@click.group()
def participant() -> None:
    """Add, rename or remove participants."""


@participant.command("add")
@workshop_option
@click.argument("names", nargs=-1, required=True)
@pass_app
def participant_add(app: App, workshop_id: str | None, names: tuple[str, ...]) -> None:
    """Add one or more participants."""

    def add_all(ws: Workshop) -> list[str]:
        return [actions.add_participant(ws, name) for name in names]

    added = app.change(workshop_id, add_all)
    say("Added " + ", ".join(added) + ".")


@participant.command("rename")
@workshop_option
@click.argument("old")
@click.argument("new")
@pass_app
def participant_rename(app: App, workshop_id: str | None, old: str, new: str) -> None:
    """Rename a participant everywhere (drafts, votes, owners)."""
    name = app.change(workshop_id, lambda ws: actions.rename_participant(ws, old, new))
    say(f"Renamed {old.strip()} to {name}.")


@participant.command("remove")
@workshop_option
@click.argument("name")
@pass_app
def participant_remove(app: App, workshop_id: str | None, name: str) -> None:
    """Remove a participant; their drafts stay, their votes go."""
    app.change(workshop_id, lambda ws: actions.remove_participant(ws, name))
    say(f"Removed {name.strip()}.")


@click.command()
@workshop_option
@click.option("--votes", "votes", type=int, help="Dot votes per participant.")
@click.option("--open-joining/--closed-joining", default=None, help="Let unknown names join.")
@click.option(
    "--show-drafts/--hide-drafts",
    default=None,
    help="Whether participants see each other's drafts before the meeting.",
)
@click.option(
    "--drafts-due",
    metavar="DATE",
    help="When drafts are due, e.g. 2027-01-10 (the pre-read says it); '' clears it.",
)
@click.option("--meeting-date", metavar="DATE", help="The day of the workshop, e.g. 2027-01-12.")
@click.option("--meeting-time", metavar="TIME", help="When it runs, e.g. '10:00-12:00 CET'.")
@click.option("--place", metavar="WHERE", help="A room, an address or a video link.")
@pass_app
def settings(
    app: App,
    workshop_id: str | None,
    votes: int | None,
    open_joining: bool | None,
    show_drafts: bool | None,
    drafts_due: str | None,
    meeting_date: str | None,
    meeting_time: str | None,
    place: str | None,
) -> None:
    """Show or change how the workshop runs: votes, joining, draft visibility, when drafts are
    due, and the workshop's date, time and place (the pre-read says them; '' clears one)."""
    changes = (votes, open_joining, show_drafts, drafts_due, meeting_date, meeting_time, place)
    if any(value is not None for value in changes):
        app.change(
            workshop_id,
            lambda ws: actions.update_settings(
                ws,
                votes_per_participant=votes,
                open_joining=open_joining,
                show_drafts_to_participants=show_drafts,
                drafts_due=drafts_due,
                meeting_date=meeting_date,
                meeting_time=meeting_time,
                meeting_place=place,
            ),
        )
    s = app.workshop(workshop_id).settings
    say(f"Votes per participant: {s.votes_per_participant}")
    say(f"Votes revealed: {'yes' if s.votes_revealed else 'no'}")
    say(f"Open joining: {'yes' if s.open_joining else 'no'}")
    say(f"Participants see others' drafts: {'yes' if s.show_drafts_to_participants else 'no'}")
    say(f"Drafts due: {s.drafts_due.isoformat() if s.drafts_due else 'not set'}")
    say(f"Workshop date: {s.meeting_date.isoformat() if s.meeting_date else 'not set'}")
    say(f"Workshop time: {s.meeting_time or 'not set'}")
    say(f"Place: {s.meeting_place or 'not set'}")
