"""``okrworkshop org``: many teams' files side by side, read-only.

It reads team files and folders of them (a git checkout, a shared folder), never writes, locks
or migrates them, and names each file it cannot use in one line on stderr before showing the
rest.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..text import visible
from .base import App, fail, pass_app, print_or_write

if TYPE_CHECKING:
    from ..org_view import OrgView


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
@click.option("--open", "open_screen", is_flag=True, help="Show it on the full screen.")
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
    inputs = [*dbs, *folders] or [app.db_path]
    try:
        day = date.fromisoformat(today_text.strip()) if today_text else date.today()
    except ValueError:
        fail(f"--today should be a date such as 2027-02-22, not {today_text!r}.")

    def read() -> OrgView:
        from ..org_view import org_view

        return org_view(inputs, today=day, cycle=cycle, org_file=org_file)

    if open_screen:  # the screen reads the files after its first frame
        from .launch import org_screen

        org_screen(None, read)
        return
    view = read()
    for skipped in view.skipped:
        click.echo(f"Skipped {visible(skipped.line())}", err=True)
    if not view.files_read and view.skipped:
        fail("None of the files given could be read.")
    from .. import org_markdown

    if fmt == "md":
        text = org_markdown.to_markdown(view)
    elif fmt == "json":
        text = org_markdown.to_json(view)
    else:
        text = org_markdown.to_text(view, with_skipped=False)
    print_or_write(text, output)


@click.command("org-merge")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--driver",
    nargs=2,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="OURS THEIRS",
    help="Run as git's merge driver: FILE is the ancestor (%O), then %A and %B.",
)
def org_merge(file: Path, driver: tuple[Path, Path] | None) -> None:
    """Combine both versions of a team file that git could not merge (after a pull that
    stopped on it), keeping every check-in, draft and vote from both sides.

    If both sides changed the same thing differently, it says what and changes nothing.
    """
    from ..org_merge import merge
    from ..store import _encode, atomic_write_bytes

    if driver is not None:
        ours_path, theirs_path = driver
        versions = [_read_version(p) for p in (file, ours_path, theirs_path)]
        result = merge(*versions)
        if result.data is None:
            _fall_back_to_lines(file, ours_path, theirs_path)
            for conflict in result.conflicts:
                click.echo(f"okrworkshop: {visible(conflict)}", err=True)
            raise SystemExit(1)
        atomic_write_bytes(ours_path, _encode(result.data, ours_path))
        return
    base, ours, theirs = (_git_version(file, stage) for stage in (1, 2, 3))
    if ours is None or theirs is None:
        fail(f"{file} is not waiting for a merge in git (no two versions of it to combine).")
    result = merge(base or {}, ours, theirs)
    if result.data is None:
        fail(
            f"Cannot combine the two versions of {file}: "
            + "; ".join(result.conflicts)
            + ". It was left as it is: keep one side with 'git checkout --ours' or '--theirs', "
            "or fix those lines by hand."
        )
    atomic_write_bytes(file, _encode(result.data, file))
    say_line = (
        f"Combined both versions of {file}: every change from both sides is kept. "
        f"Check it (okrworkshop --db {file} show), then: git add {file.name} && git commit"
    )
    click.echo(visible(say_line))


def _parse_version(raw: bytes, where: Path) -> dict[str, object]:
    from ..store import StoreError, _parse_layout, _schema_version

    try:
        data = _parse_layout(raw, where)
        _schema_version(where, data)
    except StoreError as exc:
        fail(str(exc))
    return data


def _read_version(path: Path) -> dict[str, object]:
    from .. import jsonio

    try:
        return _parse_version(jsonio.read_bytes(path), path)
    except FileNotFoundError:
        return {}


def _git_version(file: Path, stage: int) -> dict[str, object] | None:
    """The file as git holds it in a merge: 1 the common ancestor, 2 ours, 3 theirs."""
    import subprocess

    folder = file.parent if str(file.parent) else Path(".")
    try:
        shown = subprocess.run(
            ["git", "-C", str(folder), "show", f":{stage}:./{file.name}"],
            capture_output=True,
            timeout=60,
        )
    except FileNotFoundError:
        fail("git is not installed here; org-merge works on a git checkout.")
    if shown.returncode != 0:
        return None
    return _parse_version(shown.stdout, file)


def _fall_back_to_lines(base: Path, ours: Path, theirs: Path) -> None:
    """As a driver that cannot combine: leave git's usual conflict markers in ``ours``."""
    import subprocess

    subprocess.run(
        [
            "git",
            "merge-file",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
            str(ours),
            str(base),
            str(theirs),
        ],
        capture_output=True,
        timeout=60,
    )


@click.command()
@click.option("-w", "--workshop", "workshop_id", metavar="ID", help="Workshop id (optional).")
@click.option(
    "--org",
    "org_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="The org file (default: org.json beside the database or in a folder above it).",
)
@click.option("--add", "adding", multiple=True, metavar="ID", help="Name this one (repeat).")
@pass_app
def parents(
    app: App, workshop_id: str | None, org_file: Path | None, adding: tuple[str, ...]
) -> None:
    """The company OKRs of the org file, with their ids: which ones this team names in its
    strategic context, and which one its focus objective serves. --add ID names one.

    Then 'okrworkshop contributes' links a draft, the focus or a key result to it.
    """
    from .. import actions
    from ..kr_names import kr_label
    from ..org import ParentIndex, org_for

    org = org_for(app.db_path, org_file)
    if org is None:
        fail(
            f"There is no org file (org.json) beside {app.db_path} or in a folder above it; "
            f"give one with --org FILE."
        )
    path = org.path
    if adding:
        result = app.change(workshop_id, lambda ws: actions.name_org_parents(ws, org, [*adding]))
        for line in result.added:
            click.echo(visible(f"Added to the strategic context: {line}"))
        if not result.added:
            click.echo("Already named in the strategic context; nothing changed.")
        return
    ws = app.workshop(workshop_id)
    index = ParentIndex(org)
    named = {p.key for p in index.named_in(ws.context.parent_okrs)}
    focus = ws.focus_objective
    served = index.match(focus.contributes_to) if focus and focus.contributes_to else None
    by_krs: dict[str, list[str]] = {}
    for kr in ws.key_results:
        kr_parent = index.match(kr.contributes_to) if kr.contributes_to else None
        if kr_parent is not None:
            by_krs.setdefault(kr_parent.key, []).append(kr_label(ws, kr))
    company = f"{org.company}: " if org.company else ""
    click.echo(visible(f"{company}company OKRs in {path}"))
    for parent in org.parents:
        marks = []
        if parent.key in named:
            marks.append("named in your context")
        if served is not None and served.key == parent.key:
            marks.append("your focus serves it")
        if parent.key in by_krs:
            marks.append(f"served by your {', '.join(by_krs[parent.key])}")
        note = f"   ({'; '.join(marks)})" if marks else ""
        indent = "" if parent.is_objective else "  "
        click.echo(visible(f"{indent}{parent.org_id}  {parent.text}{note}"))
