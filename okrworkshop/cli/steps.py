"""The workshop's steps from the command line: drafts, votes, focus, key results, review."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from .. import actions, rules
from ..kr_names import is_key_result_ref, kr_label, stable_ref
from ..model import Check, KeyResult, KrKind, Review, Stage, Workshop, id_prefix
from ..text import plural, visible
from .base import App, as_option, fail, file_option, pass_app, say, workshop_option

# --- the steps ------------------------------------------------------------------------------


@click.command()
@workshop_option
@as_option
@file_option
@click.option("--pillar", help="The strategic pillar it serves.")
@click.option("--rationale", help="Why it matters.")
@click.option(
    "--contributes-to",
    metavar="N|TEXT",
    help="The higher-level OKR it serves: its number in the context (1 for the first) or its text.",
)
@click.argument("text")
@pass_app
def draft(
    app: App,
    workshop_id: str | None,
    person: str,
    drafts_file: Path | None,
    pillar: str | None,
    rationale: str | None,
    contributes_to: str | None,
    text: str,
) -> None:
    """Add a draft objective as a participant; prints its id.

    Put -- before a TEXT that starts with a dash: okrworkshop draft --as Ben -- "-10% churn"
    """
    if drafts_file is not None and contributes_to is not None:
        fail(
            "A drafts file does not carry --contributes-to; the facilitator can set it after "
            "the import with: okrworkshop contributes OBJECTIVE_ID N."
        )
    person = app.use_drafts_file(drafts_file, person) or person
    objective = app.change(
        workshop_id,
        lambda ws: actions.add_draft(
            ws,
            text,
            author=person,
            pillar=pillar,
            rationale=rationale,
            contributes_to=contributes_to,
        ),
    )
    from ..smart import lint_objective  # the linter loads after the save, only where it hints

    for finding in lint_objective(objective.text):
        click.echo(f"hint: {visible(finding.message)}", err=True)
    say(objective.id)


@click.command()
@workshop_option
@as_option
@click.option("--remove", is_flag=True, help="Take one vote back instead.")
@click.argument("objective_id")
@pass_app
def vote(app: App, workshop_id: str | None, person: str, remove: bool, objective_id: str) -> None:
    """Give one dot vote to a draft objective (or take it back with --remove)."""
    action = actions.unvote if remove else actions.vote
    left = app.change(workshop_id, lambda ws: action(ws, objective_id, person=person))
    say(f"{'Took back a dot' if remove else 'Voted'}; {plural(left, 'dot')} left.")


@click.command()
@workshop_option
@click.option("--reveal/--hide", default=True, help="Reveal (default) or hide the votes.")
@pass_app
def votes(app: App, workshop_id: str | None, reveal: bool) -> None:
    """Reveal the dot votes and list the drafts by votes."""
    app.change(workshop_id, lambda ws: actions.reveal_votes(ws, reveal))
    ws = app.workshop(workshop_id)
    if not reveal:
        say("Votes are hidden.")
        return
    if not ws.objectives:
        say("No drafts to vote on yet. Add one with: okrworkshop draft --as NAME 'TEXT'")
    for o in sorted(ws.objectives, key=lambda o: -o.total_votes):
        say(f"{o.total_votes:>3}  {o.id}  {visible(o.text)}")
    tie = rules.tie_words(ws)
    if tie:
        say(
            f"{tie} Talk it through, merge duplicates (okrworkshop merge KEEP OTHER) or vote "
            "again before choosing."
        )


@click.command()
@workshop_option
@click.option("--clear", is_flag=True, help="Clear the current focus instead.")
@click.argument("objective_id", required=False)
@pass_app
def focus(app: App, workshop_id: str | None, clear: bool, objective_id: str | None) -> None:
    """Choose the ONE focus objective for the cycle."""
    if clear:
        app.change(workshop_id, actions.clear_focus)
        say("Cleared the focus objective.")
        return
    if not objective_id:
        fail("Name the draft to focus on, e.g. okrworkshop focus o2 (or --clear).")
    offered = app.change(workshop_id, lambda ws: actions.choose_focus(ws, objective_id))
    say(f"Focus: {objective_id}.")
    if offered:
        say("Other drafts to deprioritize (each with a reason):")
        for o in offered:
            say(f"  {o.id}  {visible(o.text)}")
        say("e.g. okrworkshop deprioritize --from " + offered[0].id + " --reason '...'")


@click.command()
@workshop_option
@click.option("--reason", required=True, help="Why it is not done this cycle.")
@click.option(
    "--from",
    "source",
    metavar="ID",
    help="A draft objective (o2) or a key result (KR3, which leaves the key results).",
)
@click.argument("text", required=False)
@pass_app
def deprioritize(
    app: App, workshop_id: str | None, reason: str, source: str | None, text: str | None
) -> None:
    """Record something that matters but is not done this cycle, with a reason."""
    if not text and not source:
        fail(
            "Say what is deprioritized: TEXT, or --from o2 (a draft) or --from KR3 (a key result)."
        )
    if source is not None and is_key_result_ref(source):
        item = app.change(
            workshop_id,
            lambda ws: actions.deprioritize_key_result(
                ws, rules.require_named_key_result(ws, source).id, reason, text=text
            ),
        )
    else:
        item = app.change(
            workshop_id,
            lambda ws: actions.deprioritize(ws, text, reason, from_objective=source),
        )
    say(item.id)


def kr_options(f: Callable[..., Any]) -> Callable[..., Any]:
    for name, help_text in reversed(
        [
            ("--metric", "What is measured, e.g. 'search-to-purchase conversion'."),
            ("--baseline", "Where the metric is today, e.g. 12%."),
            ("--target", "Where it should be, e.g. 18%."),
            ("--unit", "Unit of baseline and target, e.g. %, ms, EUR."),
            ("--deadline", "When, as a date: 2027-03-31."),
            ("--owner", "The participant who keeps an eye on it."),
        ]
    ):
        f = click.option(name, help=help_text)(f)
    return f


@click.command()
@workshop_option
@as_option
@file_option
@kr_options
@click.option(
    "--stretch/--committed",
    "stretch",
    default=None,
    help="A stretch (0.7 is a success) or committed (1.0 expected, the default).",
)
@click.option(
    "--contributes-to",
    metavar="N|TEXT",
    help="The higher-level OKR it serves: its number in the context (1 for the first) or its text.",
)
@click.argument("statement")
@pass_app
def kr(
    app: App,
    /,
    workshop_id: str | None,
    person: str,
    drafts_file: Path | None,
    stretch: bool | None,
    contributes_to: str | None,
    statement: str,
    **fields: str | None,
) -> None:
    """Add a key result (or a key-result idea) as a participant; prints its stable id last.

    People call it by its number (KR3); the last line is the id a script keeps (id:kr3),
    which still names it after others move to the plan or are deleted."""
    if drafts_file is not None and stretch is not None:
        fail(
            "Committed or stretch is decided in the room; a drafts file carries only the idea. "
            "Leave out --stretch/--committed here."
        )
    if drafts_file is not None and contributes_to is not None:
        fail(
            "A drafts file does not carry --contributes-to; the facilitator can set it after "
            "the import with: okrworkshop contributes KR_NAME N."
        )
    person = app.use_drafts_file(drafts_file, person) or person
    kr_fields = actions.KeyResultFields(**fields)
    from ..smart import lint_key_result_record
    from ..tracking import set_kind

    def add(ws: Workshop) -> tuple[KeyResult, tuple[date | None, date | None], str]:
        added = actions.add_key_result(
            ws, statement, author=person, fields=kr_fields, contributes_to=contributes_to
        )
        if stretch is not None:
            set_kind(ws, added.id, KrKind.STRETCH if stretch else KrKind.COMMITTED)
        return added, ws.cycle.dates, kr_label(ws, added)

    result, cycle, label = app.change(workshop_id, add)
    lint = lint_key_result_record(result, cycle=cycle)
    for finding in lint.findings:
        click.echo(f"hint ({finding.check.label}): {visible(finding.message)}", err=True)
    say(f"Added {label}.")
    say(stable_ref(result.id))


@click.command()
@workshop_option
@file_option
@click.argument("item_id")
@pass_app
def remove(app: App, workshop_id: str | None, drafts_file: Path | None, item_id: str) -> None:
    """Delete a draft (o3), a key result (KR2), a deprioritized item (d1) or an initiative (i4)."""
    app.use_drafts_file(drafts_file, None)
    key = item_id.strip().lower()
    if is_key_result_ref(key):

        def delete(ws: Workshop) -> str:
            kr = rules.require_named_key_result(ws, key)
            label = kr_label(ws, kr)
            actions.delete_key_result(ws, kr.id)
            return label

        say(f"Removed {app.change(workshop_id, delete)}.")
        return
    removers: dict[str, Callable[[Workshop, str], object]] = {
        "o": actions.delete_draft,
        "d": actions.remove_deprioritized,
        "i": actions.remove_initiative,
    }
    prefix = id_prefix(key)
    if prefix is None:
        fail(f"{item_id!r} is not an item id; ids look like o3, KR2, d1 or i4.")
    remover = removers[prefix]
    app.change(workshop_id, lambda ws: remover(ws, key))
    say(f"Removed {key}.")


@click.command()
@workshop_option
@click.option("--accept", is_flag=True, help="Accept it as it is (needs --note) instead.")
@click.option("--note", default="", help="Why the team accepts it as it is.")
@click.argument("kr_id")
@click.argument(
    "checks", nargs=-1, required=True, type=click.Choice([*(c.value for c in Check), "all"])
)
@pass_app
def review(
    app: App, workshop_id: str | None, accept: bool, note: str, kr_id: str, checks: tuple[str, ...]
) -> None:
    """Confirm SMART checks of a key result in refinement, or accept them with a note.

    With "all --accept", the note goes only on the checks the linter finds a gap in; those it
    passes are confirmed, and Achievable and Relevant are left for the room to name."""
    if accept and "all" in checks:

        def accept_all(ws: Workshop) -> tuple[str, list[Check], list[Check]]:
            kr = rules.require_named_key_result(ws, kr_id)
            return (kr_label(ws, kr), *actions.accept_gaps(ws, kr.id, note))

        label, accepted, confirmed = app.change(workshop_id, accept_all)
        names = ", ".join(c.label for c in accepted)
        say(f"{label}: accepted {names}, with the note." if accepted else f"{label}: no gap.")
        if confirmed:
            passing = ", ".join(c.label for c in confirmed)
            say(f"  {passing}: they pass, so they are confirmed, without the note.")
        say("  Achievable and Relevant are the room's call: confirm or accept each by name.")
        return
    chosen = list(Check) if "all" in checks else [Check(c) for c in checks]
    verdict = Review.ACCEPTED if accept else Review.CONFIRMED

    def apply(ws: Workshop) -> str:
        kr = rules.require_named_key_result(ws, kr_id)
        for check in chosen:
            actions.review_check(ws, kr.id, check, verdict, note)
        return kr_label(ws, kr)

    label = app.change(workshop_id, apply)
    say(f"{label}: {verdict.value} " + ", ".join(c.label for c in chosen) + ".")


@click.command()
@workshop_option
@click.argument("step", required=False, type=click.Choice([s.value for s in Stage]))
@pass_app
def stage(app: App, workshop_id: str | None, step: str | None) -> None:
    """Show the current step, or move the workshop to STEP."""
    if step:
        app.change(workshop_id, lambda ws: actions.go_to_stage(ws, Stage(step)))
    ws = app.workshop(workshop_id)
    say(f"Step: {ws.stage.value} ({ws.stage.label}); status: {rules.lifecycle(ws).value}")
    for line in rules.missing_for(ws, ws.stage):
        say(f"  to do: {line}")


@click.command()
@workshop_option
@pass_app
def finalize(app: App, workshop_id: str | None) -> None:
    """Make the OKR final, when the rules allow it."""
    app.change(workshop_id, actions.finalize)
    say("The OKR is final. Share it with: okrworkshop export --format md -o okr.md")


@click.command()
@workshop_option
@pass_app
def reopen(app: App, workshop_id: str | None) -> None:
    """Reopen a final OKR for changes."""
    app.change(workshop_id, actions.reopen)
    say("The OKR is open for changes again.")
