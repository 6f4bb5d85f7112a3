"""What every verb shares: the database opened on first use, one-line errors, the options,
and the group that loads each verb's module only when that verb runs.

Every verb prints plain text on stdout, errors on stderr, and exits non-zero on any error
without a traceback. Stored text is printed through ``visible`` so control characters never
reach the terminal raw.

Importing this module costs click and little else: the store (and the model it reads into) loads
when a verb first asks for the database, so ``--help`` and a mistyped verb answer at once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from .. import __version__
from ..errors import Refused
from ..text import visible

if TYPE_CHECKING:
    from ..drafts_file import DraftsFileStore
    from ..model import Workshop
    from ..store import Store

T = TypeVar("T")

VERBS: dict[str, str] = {
    # name: "module:function", in the order people meet them (``okrworkshop --help``)
    "open": "workshops:open_",
    "new": "workshops:new",
    "list": "workshops:list_",
    "show": "workshops:show",
    "context": "workshops:context",
    "participant": "workshops:participant",
    "settings": "workshops:settings",
    "join": "before:join",
    "invite": "before:invite_",
    "pre-read": "before:pre_read",
    "import": "before:import_",
    "draft": "steps:draft",
    "contributes": "room:contributes",
    "merge": "room:merge",
    "vote": "steps:vote",
    "votes": "steps:votes",
    "focus": "steps:focus",
    "deprioritize": "steps:deprioritize",
    "kr": "steps:kr",
    "initiative": "room:initiative",
    "split": "room:split",
    "remove": "steps:remove",
    "review": "steps:review",
    "kind": "cycle:kind",
    "confidence": "cycle:confidence",
    "stage": "steps:stage",
    "finalize": "steps:finalize",
    "reopen": "steps:reopen",
    "checkin": "cycle:checkin",
    "progress": "cycle:progress",
    "week": "week:week",
    "digest": "week:digest",
    "grade": "cycle:grade",
    "summary": "cycle:summary",
    "next-cycle": "cycle:next_cycle",
    "archive": "cycle:archive",
    "lint": "sharing:lint",
    "export": "sharing:export",
    "serve": "sharing:serve",
    "parents": "org:parents",
    "org": "org:org",
    "org-merge": "org:org_merge",
}


class UserError(click.ClickException):
    """A mistake the user can fix: printed as 'Error: ...' on stderr, exit code 1."""

    def format_message(self) -> str:
        return visible(self.message, keep_newlines=True)


class App:
    """What every command needs: where the database is, opened only when first used."""

    def __init__(self, db: str | None) -> None:
        from ..store import resolve_db_path  # the store loads with the first verb that runs

        self.db_path = resolve_db_path(db)
        self._store: Store | None = None
        self.drafts: DraftsFileStore | None = None

    @property
    def store(self) -> Store:
        """The database, opened without writing: commands that only read create nothing, and
        the first change creates the folder and file. Writers wait for each other patiently
        (a busy room) and say so on stderr when it takes a while."""
        if self._store is None:
            from ..store import CLI_LOCK_TIMEOUT_SECONDS, Store

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
        from ..drafts_file import DraftsFileStore
        from ..rules import clean_name

        self.drafts = DraftsFileStore.open(path)
        owner = self.drafts.participant
        if person is not None:
            name = clean_name(person, "participant name (--as)")
            if name.casefold() != owner.casefold():
                fail(f"{path} is {owner}'s drafts file; --as {name} cannot write in it.")
        return owner

    def workshop(self, workshop_id: str | None) -> Workshop:
        return (self.drafts or self.store).resolve(workshop_id)

    def change(self, workshop_id: str | None, change: Callable[[Workshop], T]) -> T:
        """Apply one action to the chosen workshop in one transaction."""
        target = self.workshop(workshop_id)
        return (self.drafts or self.store).update(target.id, change)


pass_app = click.make_pass_decorator(App)


def fail(message: str) -> NoReturn:
    raise UserError(message)


class Group(click.Group):
    """Lists verbs in workshop order, imports a verb's module only when that verb runs (a
    command pays for the linter, the exporter or the importer only if it uses them), and turns
    the errors a user can cause into one clear line instead of a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(VERBS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = VERBS.get(cmd_name)
        if target is None:
            return None
        module, name = target.split(":")
        command = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Refused as exc:
            fail(str(exc))
        except OSError as exc:  # a file beside the database (an export, an invitation)
            where = f" {exc.filename}" if exc.filename else ""
            fail(f"Could not use the file{where}: {exc.strerror or exc}.")


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
        from .launch import facilitator  # the UI loads only now

        facilitator(ctx.obj.db_path, None)


def print_or_write(text: str, output: Path | None) -> None:
    """Print a document, or write it atomically to ``output`` and print the full path."""
    if output is None:
        click.echo(text, nl=False)
        return
    from ..store import atomic_write_text

    try:
        atomic_write_text(output, text)
    except OSError as exc:
        fail(f"Cannot write {output}: {exc.strerror}.")
    say(f"Wrote {output.resolve()}")


def run() -> None:
    """Entry point used by ``python -m okrworkshop``."""
    main(prog_name="okrworkshop")
