"""``okrworkshop org``: many teams' files side by side, read-only.

It reads team files and folders of them (a git checkout, a shared folder), never writes, locks
or migrates them, and names each file it cannot use in one line on stderr before showing the
rest.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..text import visible
from .base import App, fail, pass_app, print_or_write


@click.command()
@click.option(
    "--db",
    "dbs",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="A team's database file (repeat for more).",
)
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--org",
    "org_file",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The org file that defines the company OKRs (default: an org.json found among the files).",
)
@click.option("--cycle", metavar="LABEL", help="The cycle to show (default: most teams' cycle).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "json"]),
    default="text",
    show_default=True,
    help="Plain text, markdown for a leadership review, or JSON.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write it to FILE instead of printing it.",
)
@click.option("--today", "today_text", metavar="DATE", help="The day to compute it for.")
@click.option("--open", "open_screen", is_flag=True, hidden=True)
@pass_app
def org(
    app: App,
    dbs: tuple[Path, ...],
    folders: tuple[Path, ...],
    org_file: Path | None,
    cycle: str | None,
    fmt: str,
    output: Path | None,
    today_text: str | None,
    open_screen: bool,
) -> None:
    """The OKRs of many teams side by side: who serves which company key result, which one
    nobody serves, teams without a final OKR, overlaps, quiet teams and falling confidence.

    Give team files with --db and folders as arguments (a folder means every .json file in
    it, e.g. a git checkout). Nothing is written to them.
    """
    from ..actions import parse_date
    from ..org_view import org_view

    inputs = [*dbs, *folders] or [app.db_path]
    today = parse_date(today_text, "--today") if today_text else None
    view = org_view(inputs, today=today or date.today(), cycle=cycle, org_file=org_file)
    for skipped in view.skipped:
        click.echo(f"Skipped {visible(skipped.line())}", err=True)
    if not view.files_read and view.skipped:
        fail("None of the files given could be read.")
    if open_screen:
        fail("The org screen is not available in this version; use --format md.")
    from .. import org_markdown

    if fmt == "md":
        text = org_markdown.to_markdown(view)
    elif fmt == "json":
        text = org_markdown.to_json(view)
    else:
        text = org_markdown.to_text(view, with_skipped=False)
    print_or_write(text, output)
