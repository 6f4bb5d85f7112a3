"""Verbs the room asked for: merging duplicate drafts, "contributes to", and the plan
(initiatives beside the key results, a key result moved to the plan or split in two)."""

from __future__ import annotations

import click

from .. import actions
from ..kr_names import is_key_result_ref, kr_label
from ..model import Initiative, KeyResult, Workshop
from ..rules import require_named_key_result
from ..text import plural, visible
from .base import App, fail, pass_app, say, workshop_option


@click.command()
@workshop_option
@click.option("--text", metavar="TEXT", help="New words for the kept draft (default: its own).")
@click.argument("keep_id", metavar="KEEP")
@click.argument("other_id", metavar="OTHER")
@pass_app
def merge(app: App, workshop_id: str | None, text: str | None, keep_id: str, other_id: str) -> None:
    """Merge a duplicate draft: KEEP stays, OTHER goes.

    KEEP keeps its words (or takes --text), credits both authors and gets the dots of both
    (never more than anyone's dots in all). The focus can be kept, never merged away.
    """
    kept = app.change(
        workshop_id, lambda ws: actions.merge_drafts(ws, keep_id, other_id, text=text)
    )
    say(
        f"Merged {other_id.strip().lower()} into {kept.id}: {visible(kept.text)} "
        f"({visible(kept.byline)}; {plural(kept.total_votes, 'dot')})."
    )


@click.command()
@workshop_option
@click.option("--clear", is_flag=True, help="Say it contributes to none of them.")
@click.argument("item", metavar="ITEM")
@click.argument("choice", required=False, metavar="[N|TEXT]")
@pass_app
def contributes(
    app: App, workshop_id: str | None, clear: bool, item: str, choice: str | None
) -> None:
    """Name the higher-level OKR a draft (o3) or a key result (KR2, id:kr3) serves.

    N is its number in the context's list (1 for the first), TEXT its exact words. Without
    either, list the higher-level OKRs and the current choice."""
    if clear and choice is not None:
        fail("Give a higher-level OKR or --clear, not both.")
    if not clear and choice is None:
        ws = app.workshop(workshop_id)
        _list_parent_okrs(ws, item)
        return

    def link(ws: Workshop) -> tuple[str, str | None]:
        if is_key_result_ref(item):
            kr = require_named_key_result(ws, item)
            label = kr_label(ws, kr)
            return label, actions.set_key_result_contributes_to(ws, kr.id, choice).contributes_to
        objective = actions.set_contributes_to(ws, item, choice)
        return objective.id, objective.contributes_to

    name, line = app.change(workshop_id, link)
    if line is None:
        say(f"{name} contributes to no higher-level OKR now.")
    else:
        say(f"{name} contributes to: {visible(line)}")


def _list_parent_okrs(ws: Workshop, item: str) -> None:
    from ..rules import require_objective

    if is_key_result_ref(item):
        kr = require_named_key_result(ws, item)
        name, current = kr_label(ws, kr), kr.contributes_to
    else:
        objective = require_objective(ws, item)
        name, current = objective.id, objective.contributes_to
    say(f"{name} contributes to: {visible(current) if current else '(none chosen)'}")
    if not ws.context.parent_okrs:
        say("The context lists no higher-level OKRs yet (okrworkshop context --parent-okr ...).")
        return
    say("Higher-level OKRs:")
    for number, line in enumerate(ws.context.parent_okrs, 1):
        say(f"  {number}. {visible(line)}")


@click.command()
@workshop_option
@click.option("--kr", "key_result", metavar="KR_ID", help="The key result it serves.")
@click.option("--owner", default="", metavar="NAME", help="Who drives it (a participant).")
@click.option(
    "--from",
    "from_key_result",
    metavar="KR_ID",
    help="Move this key result to the plan instead (it describes work, not a result).",
)
@click.argument("text", required=False)
@pass_app
def initiative(
    app: App,
    workshop_id: str | None,
    key_result: str | None,
    owner: str,
    from_key_result: str | None,
    text: str | None,
) -> None:
    """Add work to the plan, beside the key results; prints its id.

    Without --kr it serves the objective as a whole. --from KR3 turns key result KR3 into an
    initiative in one step (the ones after it move up a number). Put -- before a TEXT that
    starts with a dash.
    """
    if from_key_result is not None:
        if text is not None or key_result is not None or owner:
            fail("--from moves a key result as it is; drop TEXT, --kr and --owner.")

        def move(ws: Workshop) -> tuple[str, str]:
            kr = require_named_key_result(ws, from_key_result)
            label = kr_label(ws, kr)
            return label, actions.key_result_to_initiative(ws, kr.id).id

        label, moved = app.change(workshop_id, move)
        say(f"Moved {label} to the plan as {moved}.")
        say(moved)
        return
    if text is None:
        fail("Say what the work is: okrworkshop initiative 'Run five onboarding calls' (--kr KR1).")

    def add(ws: Workshop) -> Initiative:
        serves = require_named_key_result(ws, key_result).id if key_result else None
        return actions.add_initiative(ws, text, owner=owner, key_result=serves)

    added = app.change(workshop_id, add)
    say(added.id)


@click.command()
@workshop_option
@click.argument("kr_id")
@pass_app
def split(app: App, workshop_id: str | None, kr_id: str) -> None:
    """Split a mixed key result: keep the result, plan the work.

    This applies the linter's suggestion for statements such as "Launch the portal and reach
    500 active partners": the result stays the key result, the work becomes an initiative
    serving it."""

    def cut(ws: Workshop) -> tuple[KeyResult, Initiative, str]:
        kr, added = actions.split_key_result(ws, require_named_key_result(ws, kr_id).id)
        return kr, added, kr_label(ws, kr)

    kr, added, label = app.change(workshop_id, cut)
    say(f"{label} now reads: {visible(kr.statement)}")
    say(f"{added.id} (serving {label}): {visible(added.text)}")
