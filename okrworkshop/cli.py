"""The command line: the composition root that wires the store, the rules and the output.

It is the interface for scripts, CI and remote participants, so every verb prints plain text on
stdout, errors on stderr, and exits non-zero on any error without a traceback. Stored text is
printed through ``visible`` so control characters never reach the terminal raw.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from . import __version__, actions, rules
from .drafts_file import DraftsFileStore, default_invite_name, invite, write_invitation
from .export import to_json, to_markdown
from .importer import (
    ImportRefused,
    drafts_from_document,
    import_drafts,
    is_drafts_file,
    read_document,
    workshop_from_export,
)
from .model import Check, Review, Stage, Workshop
from .preread import to_preread
from .rules import RuleError
from .smart import (
    QUESTIONS,
    lint_key_result,
    lint_key_result_record,
    lint_key_result_set,
    lint_objective,
)
from .store import (
    CLI_LOCK_TIMEOUT_SECONDS,
    NotFound,
    Store,
    StoreError,
    atomic_write_text,
    resolve_db_path,
)
from .text import visible

T = TypeVar("T")

STAGE_NAMES = [s.value for s in Stage]
CHECK_NAMES = [c.value for c in Check]


class UserError(click.ClickException):
    """A mistake the user can fix: printed as 'Error: ...' on stderr, exit code 1."""

    def format_message(self) -> str:
        return visible(self.message, keep_newlines=True)


class App:
    """What every command needs: where the database is, opened only when first used."""

    def __init__(self, db: str | None) -> None:
        self.db_path = resolve_db_path(db)
        self._store: Store | None = None
        self.drafts: DraftsFileStore | None = None

    @property
    def store(self) -> Store:
        """The database, opened without writing: commands that only read create nothing, and
        the first change creates the folder and file. Writers wait for each other patiently
        (a busy room) and say so on stderr when it takes a while."""
        if self._store is None:
            self._store = Store.open(
                self.db_path,
                create=False,
                lock_timeout=CLI_LOCK_TIMEOUT_SECONDS,
                on_wait=lambda message: click.echo(visible(message), err=True),
            )
        return self._store

    def use_drafts_file(self, path: Path | None, person: str | None) -> str | None:
        """Work on a participant's drafts file instead of the database (``--file``).

        Returns the file's participant; ``--as`` must name them, so a file cannot be used to
        write in someone else's name.
        """
        if path is None:
            return person
        self.drafts = DraftsFileStore.open(path)
        owner = self.drafts.participant
        if person is not None:
            name = rules.clean_name(person, "participant name (--as)")
            if name.casefold() != owner.casefold():
                _fail(f"{path} is {owner}'s drafts file; --as {name} cannot write in it.")
        return owner

    def workshop(self, workshop_id: str | None) -> Workshop:
        return (self.drafts or self.store).resolve(workshop_id)

    def change(self, workshop_id: str | None, change: Callable[[Workshop], T]) -> T:
        """Apply one action to the chosen workshop in one transaction."""
        target = self.workshop(workshop_id)
        return (self.drafts or self.store).update(target.id, change)


pass_app = click.make_pass_decorator(App)


def _fail(message: str) -> NoReturn:
    raise UserError(message)


class Group(click.Group):
    """Lists verbs in workshop order, and turns the errors a user can cause into one clear
    line instead of a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (RuleError, StoreError, ImportRefused) as exc:
            _fail(str(exc))
        except OSError as exc:  # a file beside the database (an export, an invitation)
            where = f" {exc.filename}" if exc.filename else ""
            _fail(f"Could not use the file{where}: {exc.strerror or exc}.")


def workshop_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-w",
        "--workshop",
        "workshop_id",
        metavar="ID",
        help="Workshop id (or a unique prefix); optional when the file holds one workshop.",
    )(f)


def as_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--as", "person", required=True, metavar="NAME", help="Who is speaking (a participant)."
    )(f)


def file_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--file",
        "drafts_file",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE",
        help="Work on a drafts file from 'okrworkshop invite' instead of the database.",
    )(f)


def say(text: str = "") -> None:
    click.echo(visible(text, keep_newlines=True))


@click.group(
    cls=Group,
    invoke_without_command=True,
    context_settings={"max_content_width": 100, "help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    metavar="PATH",
    envvar="OKRWORKSHOP_DB",
    help="The database file (default: $OKRWORKSHOP_DB, else your per-user data folder).",
)
@click.version_option(__version__, prog_name="okrworkshop")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Run an OKR workshop: strategic context, drafts, ONE focus objective, key results,
    SMART refinement, and a markdown document to share.

    Every change is saved at once to one JSON file that several people can use together.
    """
    ctx.obj = App(db)
    if ctx.invoked_subcommand is None:
        _launch(ctx.obj, None, None)


def _launch(app: App, workshop_id: str | None, step: str | None) -> None:
    """Open the full-screen app on one workshop, or on the welcome list when none is given.

    The UI package is imported only here, so the other commands start fast and the core never
    depends on it. A corrupt or newer database is refused (by name) before the screen starts.
    """
    store = Store.open(app.db_path)  # the app creates the database on first use
    from screens.app import make_app

    from .prefs import default_prefs_path

    make_app(
        store,
        workshop_id,
        step=Stage(step) if step else None,
        prefs_path=default_prefs_path(),
    ).run()


@main.command("open")
@workshop_option
@click.option(
    "--step",
    type=click.Choice(STAGE_NAMES),
    help="Open at this step instead of where the room stopped.",
)
@pass_app
def open_(app: App, workshop_id: str | None, step: str | None) -> None:
    """Open a workshop full-screen (without -w, the only one in the file, or a list to choose)."""
    if workshop_id is None and step is None and len(app.store.workshops()) != 1:
        _launch(app, None, None)
    else:
        _launch(app, app.workshop(workshop_id).id, step)


# --- workshops ------------------------------------------------------------------------------


@main.command()
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


@main.command("list")
@pass_app
def list_(app: App) -> None:
    """One line per workshop: id, team, cycle, step and counts."""
    workshops = app.store.workshops()
    if not workshops:
        state = "has no workshops" if app.db_path.exists() else "does not exist"
        say(
            f"The database {app.db_path} {state} yet. Start a workshop with: "
            f"okrworkshop new --team T --cycle C"
        )
        return
    for w in workshops:
        say(
            f"{w.id}  {w.team}  {w.cycle.label}  step: {w.stage.value}  status: {w.status.value}  "
            f"{_plural(len(w.participants), 'participant')}, "
            f"{_plural(len(w.objectives), 'draft')}, {_plural(len(w.key_results), 'key result')}"
        )


@main.command()
@workshop_option
@pass_app
def show(app: App, workshop_id: str | None) -> None:
    """The workshop in readable plain text."""
    say(render_plain(app.workshop(workshop_id)))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_plain(ws: Workshop) -> str:
    """The whole workshop as plain text for a terminal or a log."""
    c = ws.context
    lines = [f"{ws.team}, {ws.cycle.label}  (workshop {ws.id})"]
    if ws.cycle.start and ws.cycle.end:
        lines.append(f"Cycle: {ws.cycle.start.isoformat()} to {ws.cycle.end.isoformat()}")
    lines.append(f"Step: {ws.stage.title}   Status: {ws.status.value}")
    lines.append(f"Facilitator: {ws.facilitator or '(none)'}")
    lines.append(f"Participants: {', '.join(ws.participants) or '(none)'}")
    lines += ["", "Strategic context"]
    context_start = len(lines)
    for label, value in (
        ("Mission", c.mission),
        ("North Star", c.north_star),
        ("Vision", c.vision),
        ("Strategy", c.strategy),
        ("Why OKRs", c.why_okrs),
    ):
        if value:
            lines.append(f"  {label}: {visible(value)}")
    for label, items in (
        ("Pillars", c.pillars),
        ("Principles", c.principles),
        ("Higher-level OKRs", c.parent_okrs),
    ):
        if items:
            lines.append(f"  {label}: " + "; ".join(visible(i) for i in items))
    for overlap in c.overlaps:
        lines.append(f"  Overlap: {visible(overlap.team)}: {visible(overlap.topic)}")
    if len(lines) == context_start:
        lines.append("  (none yet)")
    lines += ["", "Before the meeting"]
    due = ws.settings.drafts_due
    lines.append(f"  Drafts due: {due.isoformat() if due else 'not set (before the workshop)'}")
    for person in rules.drafting_progress(ws):
        lines.append(f"  {visible(person.name)}: {person.describe()}")
    if not ws.participants:
        lines.append("  (no participants yet)")
    lines += ["", "Draft objectives"]
    for o in ws.objectives:
        mark = "FOCUS " if o.id == ws.focus else ""
        votes = f", {_plural(o.total_votes, 'vote')}" if ws.settings.votes_revealed else ""
        pillar = f", pillar: {visible(o.pillar)}" if o.pillar else ""
        lines.append(
            f"  {o.id}  {mark}{visible(o.text)}  ({visible(o.author)}, {o.origin.value}"
            f"{pillar}{votes})"
        )
    if not ws.objectives:
        lines.append("  (none yet)")
    if ws.objectives and ws.participants:
        counts = {p: sum(o.author == p for o in ws.objectives) for p in ws.participants}
        lines.append("  Drafts per person: " + ", ".join(f"{p} {n}" for p, n in counts.items()))
    if ws.deprioritized:
        lines += ["", "Deprioritized"]
        for d in ws.deprioritized:
            lines.append(f"  {d.id}  {visible(d.text)}  (why: {visible(d.reason)})")
    lines += ["", "Key results"]
    for kr in ws.key_results:
        lines.append(f"  {kr.id}  {visible(kr.statement)}  ({visible(kr.author)})")
        lines.append(
            f"       metric: {visible(kr.metric) or '?'}; {visible(kr.movement) or '? → ?'}; "
            f"deadline: {kr.deadline or '?'}; owner: {visible(kr.owner) or '?'}"
        )
    if not ws.key_results:
        lines.append("  (none yet)")
    lines += ["", "Steps"]
    for stage in Stage:
        missing = rules.missing_for(ws, stage)
        lines.append(f"  {stage.value:<14} {'done' if not missing else 'to do:'}")
        lines += [f"  {'':<14}   - {visible(item)}" for item in missing]
    return "\n".join(lines)


@main.command()
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
    pillars: tuple[str, ...],
    principles: tuple[str, ...],
    parent_okrs: tuple[str, ...],
    overlaps: tuple[str, ...],
    **texts: str | None,
) -> None:
    """Set strategic-context fields. Repeatable options replace that whole list."""
    pairs = None
    if overlaps:
        pairs = []
        for raw in overlaps:
            team, sep, topic = raw.partition(":")
            if not sep or not team.strip():
                _fail(f"Write an overlap as 'Team: topic', e.g. 'Payments: checkout'; got {raw!r}.")
            pairs.append((team, topic))
    lists = {"pillars": pillars, "principles": principles, "parent_okrs": parent_okrs}
    fields: dict[str, Any] = {k: list(v) for k, v in lists.items() if v}
    fields.update(texts)
    if not any(v is not None for v in fields.values()) and pairs is None:
        _fail("Give at least one field to set, e.g. --north-star 'Buyers always find it'.")
    app.change(workshop_id, lambda ws: actions.set_context(ws, overlaps=pairs, **fields))
    say("Saved the strategic context.")


@main.group()
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


@main.command()
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
@pass_app
def settings(
    app: App,
    workshop_id: str | None,
    votes: int | None,
    open_joining: bool | None,
    show_drafts: bool | None,
    drafts_due: str | None,
) -> None:
    """Show or change how the workshop runs (votes, joining, draft visibility, drafts due)."""
    changes = (votes, open_joining, show_drafts, drafts_due)
    if any(value is not None for value in changes):
        app.change(
            workshop_id,
            lambda ws: actions.update_settings(
                ws,
                votes_per_participant=votes,
                open_joining=open_joining,
                show_drafts_to_participants=show_drafts,
                drafts_due=drafts_due,
            ),
        )
    s = app.workshop(workshop_id).settings
    say(f"Votes per participant: {s.votes_per_participant}")
    say(f"Votes revealed: {'yes' if s.votes_revealed else 'no'}")
    say(f"Open joining: {'yes' if s.open_joining else 'no'}")
    say(f"Participants see others' drafts: {'yes' if s.show_drafts_to_participants else 'no'}")
    say(f"Drafts due: {s.drafts_due.isoformat() if s.drafts_due else 'not set'}")


# --- before the meeting ---------------------------------------------------------------------


@main.command()
@workshop_option
@click.option(
    "--as",
    "person",
    metavar="NAME",
    help="Your name as the facilitator wrote it (asked on screen when left out).",
)
@file_option
@pass_app
def join(app: App, workshop_id: str | None, person: str | None, drafts_file: Path | None) -> None:
    """Open your own screen: read the strategic context, write your draft objectives and
    key-result ideas, and dot-vote when the room votes. Everything saves as you type."""
    if drafts_file is not None:
        person = app.use_drafts_file(drafts_file, person)
        assert app.drafts is not None
        store: Store | DraftsFileStore = app.drafts
        workshop = app.drafts.resolve(workshop_id)
    else:
        store = Store.open(app.db_path)  # the screen's own: background saves, no stderr
        workshop = app.workshop(workshop_id)
        if person is not None:  # a known name is only read; a newcomer is added (open joining)
            name = person
            known = rules.find_participant(workshop, rules.clean_name(name, "participant name"))
            person = known or app.change(workshop.id, lambda ws: actions.join(ws, name))
    _launch_participant(store, workshop.id, person)


def _launch_participant(
    store: Store | DraftsFileStore, workshop_id: str, person: str | None
) -> None:
    """The participant screen; like ``_launch``, the UI is imported only here."""
    from screens.participant_app import make_participant_app

    from .prefs import default_prefs_path

    make_participant_app(store, workshop_id, person, prefs_path=default_prefs_path()).run()


@main.command("invite")
@workshop_option
@as_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (default: NAME.okr.json in this folder).",
)
@click.option("--force", is_flag=True, help="Replace an existing file (it may hold drafts).")
@pass_app
def invite_(
    app: App, workshop_id: str | None, person: str, output: Path | None, force: bool
) -> None:
    """Write a drafts file for someone who cannot reach this database; they fill it in with
    'okrworkshop join --file' on their own machine and send it back for 'okrworkshop import'."""
    name = rules.clean_name(person, "participant name (--as)")
    path = output or Path(default_invite_name(name))
    if path.exists() and not force:
        _fail(f"{path} already exists and may hold drafts. Choose another -o, or add --force.")

    def invite_and_write(ws: Workshop) -> dict[str, Any]:
        """The file is written inside the change: if it cannot be, the database keeps no
        trace of an invitation nobody received."""
        document = invite(ws, name)
        write_invitation(path, document, overwrite=True)
        return document

    document = app.change(workshop_id, invite_and_write)
    shown = shlex.quote(path.name)
    say(f"Wrote {path.resolve()} for {document['participant']}.")
    say("Send it to them. With okrworkshop installed, they open it with:")
    say(f"  okrworkshop join --file {shown}")
    say("and send it back when done. Then merge their drafts here with:")
    say(f"  okrworkshop import {shown}")


# --- the steps ------------------------------------------------------------------------------


@main.command()
@workshop_option
@as_option
@file_option
@click.option("--pillar", help="The strategic pillar it serves.")
@click.option("--rationale", help="Why it matters.")
@click.argument("text")
@pass_app
def draft(
    app: App,
    workshop_id: str | None,
    person: str,
    drafts_file: Path | None,
    pillar: str | None,
    rationale: str | None,
    text: str,
) -> None:
    """Add a draft objective as a participant; prints its id.

    Put -- before a TEXT that starts with a dash: okrworkshop draft --as Ben -- "-10% churn"
    """
    person = app.use_drafts_file(drafts_file, person) or person
    objective = app.change(
        workshop_id,
        lambda ws: actions.add_draft(ws, text, person, pillar=pillar, rationale=rationale),
    )
    for finding in lint_objective(objective.text):
        click.echo(f"hint: {visible(finding.message)}", err=True)
    say(objective.id)


@main.command()
@workshop_option
@as_option
@click.option("--remove", is_flag=True, help="Take one vote back instead.")
@click.argument("objective_id")
@pass_app
def vote(app: App, workshop_id: str | None, person: str, remove: bool, objective_id: str) -> None:
    """Give one dot vote to a draft objective (or take it back with --remove)."""
    action = actions.unvote if remove else actions.vote
    left = app.change(workshop_id, lambda ws: action(ws, objective_id, person))
    say(f"{'Took back a vote' if remove else 'Voted'}; {left} vote(s) left.")


@main.command()
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


@main.command()
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
        _fail("Name the draft to focus on, e.g. okrworkshop focus o2 (or --clear).")
    offered = app.change(workshop_id, lambda ws: actions.choose_focus(ws, objective_id))
    say(f"Focus: {objective_id}.")
    if offered:
        say("Other drafts to deprioritize (each with a reason):")
        for o in offered:
            say(f"  {o.id}  {visible(o.text)}")
        say("e.g. okrworkshop deprioritize --from " + offered[0].id + " --reason '...'")


@main.command()
@workshop_option
@click.option("--reason", required=True, help="Why it is not done this cycle.")
@click.option("--from", "from_objective", metavar="OBJECTIVE_ID", help="A draft objective.")
@click.argument("text", required=False)
@pass_app
def deprioritize(
    app: App, workshop_id: str | None, reason: str, from_objective: str | None, text: str | None
) -> None:
    """Record something that matters but is not done this cycle, with a reason."""
    if not text and not from_objective:
        _fail("Say what is deprioritized: TEXT, or --from OBJECTIVE_ID for a draft.")
    item = app.change(
        workshop_id,
        lambda ws: actions.deprioritize(ws, text, reason, from_objective=from_objective),
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


@main.command()
@workshop_option
@as_option
@file_option
@kr_options
@click.argument("statement")
@pass_app
def kr(
    app: App,
    workshop_id: str | None,
    person: str,
    drafts_file: Path | None,
    statement: str,
    **fields: str | None,
) -> None:
    """Add a key result (or a key-result idea) as a participant; prints its id."""
    person = app.use_drafts_file(drafts_file, person) or person
    kr_fields = actions.KeyResultFields(**fields)
    result = app.change(
        workshop_id, lambda ws: actions.add_key_result(ws, statement, person, kr_fields)
    )
    lint = lint_key_result_record(result)
    for finding in lint.findings:
        click.echo(f"hint ({finding.check.title}): {visible(finding.message)}", err=True)
    say(result.id)


@main.command()
@workshop_option
@file_option
@click.argument("item_id")
@pass_app
def remove(app: App, workshop_id: str | None, drafts_file: Path | None, item_id: str) -> None:
    """Delete a draft (o3), a key result (kr2) or a deprioritized item (d1)."""
    app.use_drafts_file(drafts_file, None)
    key = item_id.strip().lower()
    if key.startswith("kr"):
        app.change(workshop_id, lambda ws: actions.delete_key_result(ws, key))
    elif key.startswith("o"):
        app.change(workshop_id, lambda ws: actions.delete_draft(ws, key))
    elif key.startswith("d"):
        app.change(workshop_id, lambda ws: actions.remove_deprioritized(ws, key))
    else:
        _fail(f"{item_id!r} is not an item id; ids look like o3, kr2 or d1.")
    say(f"Removed {key}.")


@main.command()
@workshop_option
@click.option("--accept", is_flag=True, help="Accept it as it is (needs --note) instead.")
@click.option("--note", default="", help="Why the team accepts it as it is.")
@click.argument("kr_id")
@click.argument("checks", nargs=-1, required=True, type=click.Choice([*CHECK_NAMES, "all"]))
@pass_app
def review(
    app: App, workshop_id: str | None, accept: bool, note: str, kr_id: str, checks: tuple[str, ...]
) -> None:
    """Confirm SMART checks of a key result in refinement, or accept them with a note."""
    chosen = list(Check) if "all" in checks else [Check(c) for c in checks]
    verdict = Review.ACCEPTED if accept else Review.CONFIRMED

    def apply(ws: Workshop) -> None:
        for check in chosen:
            actions.review_check(ws, kr_id, check, verdict, note)

    app.change(workshop_id, apply)
    say(f"{kr_id}: {verdict.value} " + ", ".join(c.title for c in chosen) + ".")


@main.command()
@workshop_option
@click.argument("step", required=False, type=click.Choice(STAGE_NAMES))
@pass_app
def stage(app: App, workshop_id: str | None, step: str | None) -> None:
    """Show the current step, or move the workshop to STEP."""
    if step:
        app.change(workshop_id, lambda ws: actions.go_to_stage(ws, Stage(step)))
    ws = app.workshop(workshop_id)
    say(f"Step: {ws.stage.value} ({ws.stage.title}); status: {ws.status.value}")
    for line in rules.missing_for(ws, ws.stage):
        say(f"  to do: {line}")


@main.command()
@workshop_option
@pass_app
def finalize(app: App, workshop_id: str | None) -> None:
    """Make the OKR final, when the rules allow it."""
    app.change(workshop_id, actions.finalize)
    say("The OKR is final. Share it with: okrworkshop export --format md -o okr.md")


@main.command()
@workshop_option
@pass_app
def reopen(app: App, workshop_id: str | None) -> None:
    """Reopen a final OKR for changes."""
    app.change(workshop_id, actions.reopen)
    say("The OKR is open for changes again.")


# --- checking and sharing -------------------------------------------------------------------


@main.command()
@workshop_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "--text",
    "texts",
    multiple=True,
    metavar="STATEMENT",
    help="Lint this statement alone, without a workshop (repeatable).",
)
@pass_app
def lint(app: App, workshop_id: str | None, as_json: bool, texts: tuple[str, ...]) -> None:
    """SMART findings for the key results, in plain words."""
    if texts:
        results = [{"statement": t, **lint_key_result(t).to_dict()} for t in texts]
        if as_json:
            click.echo(json.dumps(results, ensure_ascii=True, indent=2))
        else:
            for result in results:
                _print_lint(result)
            _print_questions()
        return
    ws = app.workshop(workshop_id)
    results = []
    for kr in ws.key_results:
        lint_result = lint_key_result_record(kr)
        results.append({"id": kr.id, "statement": kr.statement, **lint_result.to_dict()})
    focus_obj = ws.focus_objective
    objective_findings = lint_objective(focus_obj.text) if focus_obj else ()
    set_findings = lint_key_result_set(ws.key_results)
    if as_json:
        document = {
            "key_results": results,
            "objective": [
                {"check": f.check.value, "message": f.message} for f in objective_findings
            ],
            "key_result_set": [
                {"check": f.check.value, "message": f.message} for f in set_findings
            ],
        }
        click.echo(json.dumps(document, ensure_ascii=True, indent=2))
        return
    if not results:
        say("No key results yet. Add one with: okrworkshop kr --as NAME 'STATEMENT'")
    for result in results:
        _print_lint(result)
    if results:
        _print_questions()
    if focus_obj:
        say(f"Objective {focus_obj.id}: {visible(focus_obj.text)}")
        for f in objective_findings:
            say(f"  - {visible(f.message)}")
        if not objective_findings:
            say("  ok")
    for f in set_findings:
        say(f"Key results as a set: {visible(f.message)}")


def _print_lint(result: dict[str, Any]) -> None:
    label = f"{result['id']}: " if "id" in result else ""
    say(f"{label}{visible(result['statement'])}")
    by_check: dict[str, list[str]] = {}
    for finding in result["findings"]:
        by_check.setdefault(finding["check"], []).append(finding["message"])
    for check in (Check.SPECIFIC, Check.MEASURABLE, Check.TIME_BOUND, Check.OUTCOME):
        passed = result[check.value]
        say(f"  {check.title:<11} {'ok' if passed else 'needs work'}")
        for message in by_check.get(check.value, []):
            say(f"      {visible(message)}")
    say()


def _print_questions() -> None:
    """Achievable and Relevant cannot be read from text: they are questions for the room."""
    say("For the room to decide on each key result:")
    for check in (Check.ACHIEVABLE, Check.RELEVANT):
        say(f"  {check.title}: {QUESTIONS[check]}")
    say()


@main.command()
@workshop_option
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File.")
@click.option(
    "--pre-read", "pre_read_doc", is_flag=True, help="The pre-read instead (same as pre-read)."
)
@pass_app
def export(
    app: App, workshop_id: str | None, fmt: str, output: Path | None, pre_read_doc: bool
) -> None:
    """Export the workshop as a markdown document or as JSON (which import reads back)."""
    if pre_read_doc and fmt == "json":
        _fail(
            "The pre-read is a markdown document for people; drop --format json, or drop "
            "--pre-read to export the workshop as JSON."
        )
    ws = app.workshop(workshop_id)
    if pre_read_doc:
        _print_or_write(to_preread(ws), output)
        return
    _print_or_write(to_markdown(ws) if fmt == "md" else to_json(ws), output)


@main.command("pre-read")
@workshop_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File.")
@pass_app
def pre_read(app: App, workshop_id: str | None, output: Path | None) -> None:
    """The pre-read to send participants before the workshop, as markdown: who, when, what to
    draft by when and how to send it, and the strategic context (never anyone's drafts)."""
    _print_or_write(to_preread(app.workshop(workshop_id)), output)


def _print_or_write(text: str, output: Path | None) -> None:
    """Print a document, or write it atomically to ``output`` and print the full path."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        atomic_write_text(output, text)
    except OSError as exc:
        _fail(f"Cannot write {output}: {exc.strerror}.")
    say(f"Wrote {output.resolve()}")


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--as-copy", is_flag=True, help="Import an export under a new id.")
@pass_app
def import_(app: App, file: Path, as_copy: bool) -> None:
    """Import a JSON export, or merge a participant's drafts file."""
    doc = read_document(file)
    if is_drafts_file(doc):
        drafts = drafts_from_document(doc, file)
        try:
            target = app.store.get(drafts.workshop_id)
        except NotFound:
            _fail(
                f"{file} holds {drafts.participant}'s drafts for workshop "
                f"{drafts.workshop_id!r}, which is not in {app.db_path}. Nothing was imported; "
                f"import it into the database that holds that workshop (--db PATH)."
            )
        report = import_drafts(app.store, target.id, drafts)
        added = len(report.added_objectives) + len(report.added_key_results)
        objectives = _plural(len(report.added_objectives), "objective")
        ideas = _plural(len(report.added_key_results), "key-result idea")
        say(
            f"Merged {drafts.participant}'s drafts into {target.id}: {added} added "
            f"({objectives}, {ideas}), {len(report.updated)} updated, "
            f"{report.already_there} already there."
        )
        return
    workshop = workshop_from_export(doc, file)
    existing = {w.id for w in app.store.workshops()}
    if workshop.id in existing and not as_copy:
        _fail(
            f"Workshop {workshop.id} is already in {app.db_path}. Import it with --as-copy to "
            f"keep both."
        )
    if as_copy:
        workshop.id = ""
    created = app.store.create(workshop)
    say(f"Imported {created.team}, {created.cycle.label} as workshop {created.id}.")
    say(created.id)


@main.command()
@workshop_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback exposes the workshop to the network.",
)
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--max-sessions",
    type=int,
    default=20,
    show_default=True,
    help="Most browser sessions at once; past it, people are asked to try again later.",
)
@click.option(
    "--public-url",
    metavar="URL",
    help="The address people open, when it differs from http://HOST:PORT "
    "(e.g. https://okr.example.com behind a TLS proxy).",
)
@pass_app
def serve(
    app: App,
    workshop_id: str | None,
    host: str,
    port: int,
    max_sessions: int,
    public_url: str | None,
) -> None:
    """Let participants join from a web browser, with a secret link (stop with ctrl+c)."""
    ws = app.workshop(workshop_id)
    from screens.serve import Plan, ServeError
    from screens.serve import serve as run_server

    def ready(plan: Plan) -> None:
        say(f"Serving {ws.team}, {ws.cycle.label} (workshop {ws.id}) to browsers.")
        say(f"Link: {plan.link}")
        say(
            "Send this link to the participants: it opens the workshop in their browser, where "
            "they type their name and draft. Anyone with the link can join."
        )
        say("Press ctrl+c to stop (open sessions are closed).")

    def warn(message: str) -> None:
        click.echo(f"Warning: {visible(message)}", err=True)

    try:
        run_server(
            app.db_path,
            ws.id,
            host,
            port,
            max_sessions,
            public_url=public_url,
            title=f"okrworkshop: {visible(ws.team)}, {visible(ws.cycle.label)}",
            on_ready=ready,
            warn=warn,
        )
    except ServeError as exc:
        _fail(str(exc))


def run() -> None:
    """Entry point used by ``python -m okrworkshop``."""
    main(prog_name="okrworkshop")
