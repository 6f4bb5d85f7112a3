"""Reading files people send back: a full JSON export, or one participant's drafts file.

A JSON export becomes a workshop in the database. A drafts file (one participant's objectives
and key-result ideas, written away from the shared database) is merged into its workshop with
its author and origin "pre-workshop". Everything is checked before anything changes, and the
merge is one store transaction, so a bad file leaves the database exactly as it was.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import actions, rules
from .export import EXPORT_FORMAT, EXPORT_VERSION
from .model import DataError, Origin, Workshop
from .rules import RuleError

DRAFTS_FORMAT = "okrworkshop.drafts"
DRAFTS_VERSION = 1
MAX_IMPORT_BYTES = 20 * 1024 * 1024


class ImportRefused(ValueError):
    """The file cannot be imported; the message names it and says why."""


def read_document(path: Path) -> dict[str, Any]:
    """Load a JSON file we may import, refusing anything else with a message naming it."""
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportRefused(f"{path} is {size:,} bytes; an okrworkshop file is far smaller.")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ImportRefused(f"There is no file {path}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused(f"{path} is not a JSON file okrworkshop wrote ({exc}).") from None
    except OSError as exc:
        raise ImportRefused(f"Cannot read {path}: {exc.strerror}.") from None
    if not isinstance(data, dict) or data.get("format") not in (EXPORT_FORMAT, DRAFTS_FORMAT):
        raise ImportRefused(
            f"{path} is neither an okrworkshop JSON export nor a drafts file "
            f"(its 'format' field should be {EXPORT_FORMAT!r} or {DRAFTS_FORMAT!r})."
        )
    return data


def is_drafts_file(doc: dict[str, Any]) -> bool:
    return doc.get("format") == DRAFTS_FORMAT


def _check_version(doc: dict[str, Any], supported: int, path: Path) -> None:
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportRefused(f"{path} has no valid 'version' field; it may have been edited.")
    if version > supported:
        raise ImportRefused(
            f"{path} was written by a newer okrworkshop (format version {version}); "
            f"upgrade okrworkshop to import it."
        )


def workshop_from_export(doc: dict[str, Any], path: Path) -> Workshop:
    """The workshop inside a JSON export, fully validated."""
    _check_version(doc, EXPORT_VERSION, path)
    try:
        return Workshop.from_dict(doc.get("workshop"))  # type: ignore[arg-type]
    except DataError as exc:
        raise ImportRefused(f"{path} holds a workshop that cannot be read: {exc}.") from None


# --- drafts files ---------------------------------------------------------------------------


def invitation_signature(invite_key: str, workshop_id: str, participant: str) -> str:
    """What ``okrworkshop invite`` writes into a drafts file: an HMAC, keyed with the workshop's
    secret, of whom the file is for. A file edited to speak for someone else, or moved to
    another workshop, no longer matches and is refused on import."""
    message = f"{DRAFTS_FORMAT}\n{workshop_id}\n{participant}".encode()
    return hmac.new(invite_key.encode(), message, hashlib.sha256).hexdigest()


@dataclass
class DraftsFile:
    """One participant's drafts for one workshop, as read from a drafts file."""

    workshop_id: str
    participant: str
    objectives: list[dict[str, Any]] = field(default_factory=list)
    key_results: list[dict[str, Any]] = field(default_factory=list)
    signature: str = ""
    source: str = "the drafts file"
    invitation: str = ""
    """A random id per invitation: with an item's id in the file, it names where a merged
    draft came from."""

    def origin_of(self, item: dict[str, Any]) -> str | None:
        local = item.get("id")
        return f"{self.invitation}/{local}" if self.invitation and local else None


def drafts_from_document(doc: dict[str, Any], path: Path) -> DraftsFile:
    _check_version(doc, DRAFTS_VERSION, path)
    workshop_id, participant = doc.get("workshop"), doc.get("participant")
    objectives, key_results = doc.get("objectives", []), doc.get("key_results", [])
    signature, invitation = doc.get("signature", ""), doc.get("invitation", "")
    if not isinstance(workshop_id, str) or not isinstance(participant, str):
        raise ImportRefused(f"{path} does not say which workshop and participant it is for.")
    if not isinstance(signature, str) or not isinstance(invitation, str):
        raise ImportRefused(
            f"{path} has a 'signature' or 'invitation' that is not text; it may have been edited."
        )
    for name, items, required in (
        ("objectives", objectives, "text"),
        ("key_results", key_results, "statement"),
    ):
        if not isinstance(items, list) or not all(
            isinstance(i, dict)
            and isinstance(i.get(required), str)
            and all(isinstance(v, str | None) for v in i.values())
            for i in items
        ):
            raise ImportRefused(
                f"{path}: {name!r} should be a list of objects with a text field {required!r}."
            )
    return DraftsFile(
        workshop_id, participant, objectives, key_results, signature, str(path), invitation
    )


@dataclass
class MergeReport:
    """What a drafts-file merge added and what it recognised as already there."""

    added_objectives: list[str] = field(default_factory=list)
    added_key_results: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    """Items merged before whose author has changed them in the file since."""
    already_there: int = 0


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def merge_drafts(ws: Workshop, drafts: DraftsFile) -> MergeReport:
    """Add the file's drafts to ``ws`` as its author's, skipping what is already there.

    Runs inside ``Store.update``: an error anywhere raises before the store writes, so a file
    is merged whole or not at all.
    """
    if ws.id != drafts.workshop_id:
        raise RuleError(
            f"This drafts file is for workshop {drafts.workshop_id!r}, not {ws.id!r} "
            f"({ws.team}, {ws.cycle.label}); import it into the database that holds that workshop."
        )
    expected = invitation_signature(ws.invite_key, ws.id, drafts.participant)
    if not ws.invite_key or not hmac.compare_digest(expected, drafts.signature):
        raise RuleError(
            f"{drafts.source} was not written by 'okrworkshop invite' for {drafts.participant} "
            f"in this workshop, or whom it is for was changed afterwards. Nothing was imported. "
            f"Ask the facilitator for a fresh invitation: okrworkshop invite -w {ws.id} "
            f"--as NAME -o NAME.okr.json"
        )
    author = rules.require_participant(ws, drafts.participant)
    report = MergeReport()
    for item in drafts.objectives:
        text, source = item.get("text") or "", drafts.origin_of(item)
        pillar, rationale = item.get("pillar") or "", item.get("rationale") or ""
        merged = next((o for o in ws.objectives if source and o.source == source), None)
        if merged is not None:
            if (merged.text, merged.pillar or "", merged.rationale or "") != (
                text.strip(),
                pillar.strip(),
                rationale.strip(),
            ):
                actions.edit_draft(ws, merged.id, text=text, pillar=pillar, rationale=rationale)
                report.updated.append(merged.id)
            else:
                report.already_there += 1
            continue
        if any(o.author == author and _same(o.text, text) for o in ws.objectives):
            report.already_there += 1
            continue
        objective = actions.add_draft(
            ws,
            text,
            author,
            pillar=item.get("pillar"),
            rationale=item.get("rationale"),
            origin=Origin.PRE_WORKSHOP,
        )
        objective.source = source
        report.added_objectives.append(objective.id)
    for item in drafts.key_results:
        statement, source = item.get("statement") or "", drafts.origin_of(item)
        fields = actions.KeyResultFields(
            **{k: item.get(k) or "" for k in ("metric", "baseline", "target", "unit", "deadline")},
            owner=item.get("owner") or "",
        )
        merged_kr = next((k for k in ws.key_results if source and k.source == source), None)
        if merged_kr is not None:
            before = merged_kr.to_dict()
            actions.edit_key_result(ws, merged_kr.id, statement, fields)
            if merged_kr.to_dict() != before:
                report.updated.append(merged_kr.id)
            else:
                report.already_there += 1
            continue
        if any(k.author == author and _same(k.statement, statement) for k in ws.key_results):
            report.already_there += 1
            continue
        kr = actions.add_key_result(ws, statement, author, fields, origin=Origin.PRE_WORKSHOP)
        kr.source = source
        report.added_key_results.append(kr.id)
    return report
