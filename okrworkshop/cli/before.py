"""Before the meeting: a participant's own screen, drafts files, the pre-read, importing.

Drafts files (filelock, HMAC), the importer and the pre-read load inside the verbs that use
them: ``okrworkshop --help`` imports this module only for the verbs' descriptions.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import rules
from ..model import Workshop
from ..text import plural, visible
from .base import (
    App,
    as_option,
    fail,
    file_option,
    pass_app,
    print_or_write,
    say,
    workshop_option,
)

if TYPE_CHECKING:
    from ..drafts_file import DraftsFileStore
    from ..store import Store

# --- before the meeting ---------------------------------------------------------------------


@click.command()
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
    from .. import actions
    from ..store import Store

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
    from .launch import participant  # the UI loads only now

    participant(store, workshop.id, person)


@click.command("invite")
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
    from ..drafts_file import default_invite_name, invite, stage_invitation
    from ..store import Staged

    name = rules.clean_name(person, "participant name (--as)")
    path = output or Path(default_invite_name(name))
    if path.exists() and not force:
        fail(f"{path} already exists and may hold drafts. Choose another -o, or add --force.")
    staged: list[Staged] = []

    def invite_and_stage(ws: Workshop) -> dict[str, Any]:
        """The file is written inside the change (if it cannot be, the database keeps no
        trace of an invitation nobody received) but put in place only once the database
        holds the invitation (if that cannot be saved, no file appears)."""
        for old in staged:  # a change may run again; only its last file counts
            old.discard()
        document = invite(ws, name)
        staged[:] = [stage_invitation(path, document, overwrite=True)]
        return document

    try:
        document = app.change(workshop_id, invite_and_stage)
    except BaseException:
        for file in staged:
            file.discard()
        raise
    staged[0].commit()
    shown = shlex.quote(path.name)
    say(f"Wrote {path.resolve()} for {document['participant']}.")
    say("Send it to them. With okrworkshop installed, they open it with:")
    say(f"  okrworkshop join --file {shown}")
    say("and send it back when done. Then merge their drafts here with:")
    say(f"  okrworkshop import {shown}")


@click.command("pre-read")
@workshop_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File.")
@pass_app
def pre_read(app: App, workshop_id: str | None, output: Path | None) -> None:
    """The pre-read to send participants before the workshop, as markdown: who, when, what to
    draft by when and how to send it, and the strategic context (never anyone's drafts)."""
    from ..preread import to_preread

    print_or_write(to_preread(app.workshop(workshop_id)), output)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--as-copy", is_flag=True, help="Import an export under a new id.")
@pass_app
def import_(app: App, file: Path, as_copy: bool) -> None:
    """Import a JSON export, or merge a participant's drafts file."""
    from ..importer import (
        drafts_from_document,
        import_drafts,
        is_drafts_file,
        read_document,
        workshop_from_export,
    )
    from ..store import NotFound

    doc = read_document(file)
    if is_drafts_file(doc):
        drafts = drafts_from_document(doc, file)
        try:
            target = app.store.get(drafts.workshop_id)
        except NotFound:
            fail(
                f"{file} holds {drafts.participant}'s drafts for workshop "
                f"{drafts.workshop_id!r}, which is not in {app.db_path}. Nothing was imported; "
                f"import it into the database that holds that workshop (--db PATH)."
            )
        report = import_drafts(app.store, target.id, drafts)
        added = len(report.added_objectives) + len(report.added_key_results)
        objectives = plural(len(report.added_objectives), "objective")
        ideas = plural(len(report.added_key_results), "key-result idea")
        left = f", {len(report.not_updated)} not updated" if report.not_updated else ""
        say(
            f"Merged {report.author}'s drafts into {target.id}: {added} added "
            f"({objectives}, {ideas}), {len(report.updated)} updated, "
            f"{report.already_there} already there{left}."
        )
        for line in [*report.notes, *report.not_updated]:
            say(f"  {visible(line)}")
        return
    workshop = workshop_from_export(doc, file)
    existing = {w.id for w in app.store.workshops()}
    if workshop.id in existing and not as_copy:
        fail(
            f"Workshop {workshop.id} is already in {app.db_path}. Import it with --as-copy to "
            f"keep both."
        )
    if as_copy:
        workshop.id = ""
    created = app.store.create(workshop)
    say(f"Imported {created.team}, {created.cycle.label} as workshop {created.id}.")
    say(created.id)
