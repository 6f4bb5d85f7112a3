"""Checking and sharing: the linter's findings, the exports, and browser join.

The linter and the renderers load inside the verbs that use them (``--help`` imports this
module only for the verbs' descriptions).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..kr_names import kr_labels
from ..model import Check
from ..text import visible
from .base import App, fail, pass_app, print_or_write, say, workshop_option

# --- checking and sharing -------------------------------------------------------------------


@click.command()
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
    from .. import rules
    from ..smart import lint_key_result_record, lint_key_result_set, lint_objective, lint_sentence

    if texts:
        results = [{"statement": t, **lint_sentence(t).to_dict()} for t in texts]
        if as_json:
            click.echo(json.dumps(results, ensure_ascii=True, indent=2))
        else:
            for result in results:
                _print_lint(result)
            _print_questions()
        return
    ws = app.workshop(workshop_id)
    results = []
    labels = kr_labels(ws)
    for kr in ws.key_results:
        lint_result = lint_key_result_record(kr, cycle=ws.cycle.dates)
        accepted = {c.value: kr.smart[c].note for c in rules.accepted_gaps(kr, lint_result)}
        results.append(
            {
                "id": kr.id,
                "label": labels[kr.id],
                "statement": kr.statement,
                **lint_result.to_dict(),
                "accepted": accepted,
            }
        )
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
    label = f"{result['label']}: " if "label" in result else ""
    say(f"{label}{visible(result['statement'])}")
    by_check: dict[str, list[str]] = {}
    for finding in result["findings"]:
        by_check.setdefault(finding["check"], []).append(finding["message"])
    accepted = result.get("accepted", {})
    for check in (Check.SPECIFIC, Check.MEASURABLE, Check.TIME_BOUND, Check.OUTCOME):
        passed = result[check.value]
        verdict = "ok" if passed else "needs work"
        if not passed and check.value in accepted:  # the room knows, and said why
            verdict = f"accepted by the room: {visible(accepted[check.value])}"
        say(f"  {check.label:<11} {verdict}")
        for message in by_check.get(check.value, []):
            say(f"      {visible(message)}")
    if "label" in result:
        _print_one_step_fixes(result)
    say()


def _print_one_step_fixes(result: dict[str, Any]) -> None:
    """The verbs that apply the linter's advice to a stored key result in one step."""
    if any("suggested_split" in f for f in result["findings"]):
        say(f"  In one step: okrworkshop split {result['label']}")
    elif not result[Check.OUTCOME.value]:
        say(f"  To move it to the plan: okrworkshop initiative --from {result['label']}")


def _print_questions() -> None:
    """Achievable and Relevant cannot be read from text: they are questions for the room."""
    from ..smart import QUESTIONS

    say("For the room to decide on each key result:")
    for check in (Check.ACHIEVABLE, Check.RELEVANT):
        say(f"  {check.label}: {QUESTIONS[check]}")
    say()


@click.command()
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
        fail(
            "The pre-read is a markdown document for people; drop --format json, or drop "
            "--pre-read to export the workshop as JSON."
        )
    ws = app.workshop(workshop_id)
    if pre_read_doc:
        from ..preread import to_preread

        print_or_write(to_preread(ws), output)
        return
    from ..export import to_json, to_markdown

    print_or_write(to_markdown(ws) if fmt == "md" else to_json(ws), output)


@click.command()
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
    from screens.web.serve import Plan, ServeError
    from screens.web.serve import serve as run_server

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
        fail(str(exc))
