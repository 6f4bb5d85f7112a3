"""A participant's own drafts, ideas and votes; drafts files written, edited, merged and refused."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile import HOSTILE

from okrworkshop import actions, participation
from okrworkshop.drafts_file import DraftsFileStore, default_invite_name, invite, write_invitation
from okrworkshop.importer import (
    drafts_from_document,
    invitation_signature,
    merge_drafts,
    read_document,
)
from okrworkshop.model import Origin, Stage, Workshop
from okrworkshop.rules import RuleError
from okrworkshop.store import Store, StoreError


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "db.json")


@pytest.fixture
def wid(store: Store) -> str:
    ws = actions.new_workshop("Search", "2027 Q1", facilitator="Fay", participants=["Ana", "Ben"])
    return store.create(ws).id


def _invite(store: Store, wid: str, name: str, path: Path) -> DraftsFileStore:
    document = store.update(wid, lambda ws: invite(ws, name))
    write_invitation(path, document)
    return DraftsFileStore.open(path)


def _merge(store: Store, wid: str, path: Path):
    drafts = drafts_from_document(read_document(path), path)
    return store.update(wid, lambda ws: merge_drafts(ws, drafts))


# --- own items only -------------------------------------------------------------------------


def test_a_participant_changes_only_their_own_drafts(store: Store, wid: str) -> None:
    ana = store.update(
        wid, lambda ws: participation.add_draft(ws, "Buyers find it fast", person="Ana")
    )
    ben = store.update(
        wid, lambda ws: participation.add_draft(ws, "Sellers list quickly", person="Ben")
    )
    store.update(
        wid, lambda ws: participation.edit_draft(ws, ben.id, "Sellers thrive", person="Ben")
    )
    with pytest.raises(RuleError, match="Ana's draft; you can change only your own"):
        store.update(wid, lambda ws: participation.edit_draft(ws, ana.id, "mine now", person="Ben"))
    with pytest.raises(RuleError, match="only your own"):
        store.update(wid, lambda ws: participation.delete_draft(ws, ana.id, person="Ben"))
    store.update(wid, lambda ws: participation.delete_draft(ws, ben.id, person="Ben"))
    ws = store.get(wid)
    assert [(o.author, o.text) for o in ws.objectives] == [("Ana", "Buyers find it fast")]
    assert ws.objectives[0].origin is Origin.PRE_WORKSHOP


def test_key_result_ideas_are_their_authors_own(store: Store, wid: str) -> None:
    idea = store.update(
        wid, lambda ws: participation.add_key_result_idea(ws, "Raise conversion", person="Ana")
    )
    with pytest.raises(RuleError, match="Ana's key-result idea"):
        store.update(
            wid, lambda ws: participation.delete_key_result_idea(ws, idea.id, person="Ben")
        )
    store.update(
        wid,
        lambda ws: participation.edit_key_result_idea(ws, idea.id, "Lift it to 18%", person="Ana"),
    )
    assert [k.statement for k in store.get(wid).key_results] == ["Lift it to 18%"]


def test_votes_only_while_the_room_votes_and_only_n_of_them(store: Store, wid: str) -> None:
    draft = store.update(
        wid, lambda ws: participation.add_draft(ws, "Buyers find it", person="Ana")
    )
    with pytest.raises(RuleError, match="Voting is not open"):
        store.update(wid, lambda ws: participation.vote(ws, draft.id, person="Ben"))
    store.update(wid, lambda ws: actions.go_to_stage(ws, Stage.FOCUS))
    store.update(wid, lambda ws: actions.update_settings(ws, votes_per_participant=2))
    for left in (1, 0):
        assert store.update(wid, lambda ws: participation.vote(ws, draft.id, person="Ben")) == left
    with pytest.raises(RuleError, match="used all 2 dots"):
        store.update(wid, lambda ws: participation.vote(ws, draft.id, person="Ben"))
    assert store.get(wid).objectives[0].votes == {"Ben": 2}


def test_drafts_close_once_the_focus_is_chosen(store: Store, wid: str) -> None:
    draft = store.update(
        wid, lambda ws: participation.add_draft(ws, "Buyers find it", person="Ana")
    )
    store.update(wid, lambda ws: actions.choose_focus(ws, draft.id))
    with pytest.raises(RuleError, match="drafts are closed"):
        store.update(wid, lambda ws: participation.add_draft(ws, "Too late", person="Ben"))


def test_others_drafts_hidden_unless_the_facilitator_shows_them(store: Store, wid: str) -> None:
    store.update(wid, lambda ws: participation.add_draft(ws, "Buyers find it", person="Ana"))
    assert participation.others_drafts(store.get(wid), "Ben") == []
    store.update(wid, lambda ws: actions.update_settings(ws, show_drafts_to_participants=True))
    assert [o.author for o in participation.others_drafts(store.get(wid), "Ben")] == ["Ana"]


def test_joining_refuses_strangers_with_the_list_unless_joining_is_open(
    store: Store, wid: str
) -> None:
    assert store.update(wid, lambda ws: actions.join(ws, "  ben ")) == "Ben"
    with pytest.raises(RuleError, match=r"Zoe is not a participant .*people in it: Ana, Ben, Fay"):
        store.update(wid, lambda ws: actions.join(ws, "Zoe"))
    for bad, message in [("", "empty"), ("   ", "empty"), ("x" * 200, "200 characters")]:
        with pytest.raises(RuleError, match=message):
            store.update(wid, lambda ws, name=bad: actions.join(ws, name))
    store.update(wid, lambda ws: actions.update_settings(ws, open_joining=True))
    assert store.update(wid, lambda ws: actions.join(ws, "Zoe")) == "Zoe"
    assert store.get(wid).participants == ["Ana", "Ben", "Zoe"]


# --- drafts files ---------------------------------------------------------------------------


def test_a_drafts_file_round_trip_keeps_author_origin_and_merges_once(
    store: Store, wid: str, tmp_path: Path
) -> None:
    path = tmp_path / default_invite_name("Ben")
    drafts = _invite(store, wid, "ben", path)
    assert (path.name, drafts.participant) == ("ben.okr.json", "Ben")
    first = drafts.update(
        wid, lambda ws: participation.add_draft(ws, "Sellers thrive", person="Ben")
    )
    drafts.update(wid, lambda ws: participation.add_draft(ws, "Gone soon", person="Ben"))
    drafts.update(
        wid, lambda ws: participation.add_key_result_idea(ws, "Listings +20%", person="Ben")
    )
    drafts.update(
        wid, lambda ws: participation.edit_draft(ws, first.id, "Sellers win", person="Ben")
    )
    drafts.update(wid, lambda ws: participation.delete_draft(ws, "o2", person="Ben"))
    in_file = drafts.get(wid)
    assert [o.text for o in in_file.objectives] == ["Sellers win"]
    assert in_file.team == "Search" and in_file.cycle.label == "2027 Q1"

    report = _merge(store, wid, path)
    assert (len(report.added_objectives), len(report.added_key_results)) == (1, 1)
    again = _merge(store, wid, path)
    assert (again.added_objectives, again.added_key_results, again.already_there) == ([], [], 2)
    ws = store.get(wid)
    assert [(o.author, o.origin, o.text) for o in ws.objectives] == [
        ("Ben", Origin.PRE_WORKSHOP, "Sellers win")
    ]
    assert [(k.author, k.origin) for k in ws.key_results] == [("Ben", Origin.PRE_WORKSHOP)]


def test_a_drafts_file_never_holds_others_drafts(store: Store, wid: str, tmp_path: Path) -> None:
    store.update(wid, lambda ws: participation.add_draft(ws, "Ana's secret idea", person="Ana"))
    path = tmp_path / "ben.okr.json"
    _invite(store, wid, "Ben", path)
    assert "secret" not in path.read_text(encoding="utf-8")


def test_an_existing_drafts_file_is_not_overwritten(store: Store, wid: str, tmp_path: Path) -> None:
    path = tmp_path / "ben.okr.json"
    drafts = _invite(store, wid, "Ben", path)
    drafts.update(wid, lambda ws: participation.add_draft(ws, "Keep me", person="Ben"))
    before = path.read_bytes()
    with pytest.raises(RuleError, match="already exists"):
        _invite(store, wid, "Ben", path)
    assert path.read_bytes() == before


def _tamper(path: Path, **changes: object) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    document.update(changes)
    path.write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"participant": "Ana"}, "not written by 'okrworkshop invite' for Ana"),
        ({"signature": "0" * 64}, "not written by 'okrworkshop invite'"),
        ({"signature": 7}, "not text"),
        ({"signature": "é" * 64}, "not written by 'okrworkshop invite'"),  # TypeError before
        ({"signature": "v2:" + "é" * 64}, "not written by 'okrworkshop invite'"),
        ({"invitation": "0" * 12}, "which invitation it is for was changed"),
        ({"objectives": [{"text": "ok"}, {"text": ["no"]}]}, "objectives"),
        ({"key_results": "many"}, "key_results"),
        ({"version": 99}, "newer okrworkshop"),
    ],
)
def test_a_tampered_drafts_file_is_refused_and_nothing_is_imported(
    store: Store, wid: str, tmp_path: Path, changes: dict, message: str
) -> None:
    path = tmp_path / "ben.okr.json"
    drafts = _invite(store, wid, "Ben", path)
    drafts.update(wid, lambda ws: participation.add_draft(ws, "A fine draft", person="Ben"))
    _tamper(path, **changes)
    before = store.path.read_bytes()
    with pytest.raises((RuleError, ValueError), match=message):
        _merge(store, wid, path)
    assert store.path.read_bytes() == before


def test_a_file_for_another_workshop_is_refused(store: Store, wid: str, tmp_path: Path) -> None:
    other = store.create(actions.new_workshop("Payments", "2027 Q1", participants=["Ben"])).id
    path = tmp_path / "ben.okr.json"
    _invite(store, other, "Ben", path)
    before = store.path.read_bytes()
    drafts = drafts_from_document(read_document(path), path)
    with pytest.raises(RuleError, match=f"for workshop '{other}', not '{wid}'"):
        store.update(wid, lambda ws: merge_drafts(ws, drafts))
    assert store.path.read_bytes() == before


def test_a_half_bad_file_imports_nothing(store: Store, wid: str, tmp_path: Path) -> None:
    path = tmp_path / "ben.okr.json"
    _invite(store, wid, "Ben", path)
    _tamper(path, objectives=[{"text": "Good one"}, {"text": "   "}])
    before = store.path.read_bytes()
    with pytest.raises(RuleError, match="empty"):
        _merge(store, wid, path)
    assert store.path.read_bytes() == before


def test_hostile_text_round_trips_through_a_drafts_file(
    store: Store, wid: str, tmp_path: Path
) -> None:
    path = tmp_path / "ben.okr.json"
    drafts = _invite(store, wid, "Ben", path)
    texts = list(HOSTILE.values())
    for text in texts:
        drafts.update(wid, lambda ws, t=text: participation.add_draft(ws, t, person="Ben"))
    assert "\x1b" not in path.read_text(encoding="utf-8")  # safe to cat
    _merge(store, wid, path)
    assert [o.text for o in store.get(wid).objectives] == [t.strip() for t in texts]


def test_a_broken_drafts_file_is_reported_by_name(tmp_path: Path) -> None:
    path = tmp_path / "ben.okr.json"
    path.write_text('{"format": "okrworkshop.drafts", "version": 1, ', encoding="utf-8")
    with pytest.raises(StoreError, match=str(path)):
        DraftsFileStore.open(path)


def test_invitations_close_with_the_focus(store: Store, wid: str) -> None:
    draft = store.update(
        wid, lambda ws: participation.add_draft(ws, "Buyers find it", person="Ana")
    )
    store.update(wid, lambda ws: actions.choose_focus(ws, draft.id))
    with pytest.raises(RuleError, match="already chosen its focus"):
        store.update(wid, lambda ws: invite(ws, "Ben"))


def test_invite_key_survives_a_reload(store: Store, wid: str) -> None:
    store.update(wid, lambda ws: invite(ws, "Ben"))
    key = store.get(wid).invite_key
    assert len(key) == 64
    store.update(wid, lambda ws: invite(ws, "Ana"))
    assert store.get(wid).invite_key == key
    assert isinstance(Workshop.from_dict(store.get(wid).to_dict()).invite_key, str)


# --- what one file may touch, and what a merge costs ------------------------------------------


def _set_author(kind: str, author: str) -> Callable[[Workshop], None]:
    """The facilitator gives an item to someone else (on the shared screen)."""

    def change(ws: Workshop) -> None:
        item = ws.objectives[0] if kind == "draft" else ws.key_results[0]
        item.author = author

    return change


@pytest.mark.parametrize("kind", ["draft", "key-result idea"])
def test_a_file_never_changes_an_item_now_someone_elses(
    store: Store, wid: str, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "ben.okr.json"
    drafts = _invite(store, wid, "Ben", path)
    if kind == "draft":
        item = drafts.update(
            wid, lambda ws: participation.add_draft(ws, "Sellers win", person="Ben")
        )
        edit = lambda ws: participation.edit_draft(ws, item.id, "Mine again", person="Ben")  # noqa: E731
    else:
        item = drafts.update(
            wid, lambda ws: participation.add_key_result_idea(ws, "+20%", person="Ben")
        )
        edit = lambda ws: participation.edit_key_result_idea(ws, item.id, "+30%", person="Ben")  # noqa: E731
    _merge(store, wid, path)
    store.update(wid, _set_author(kind, "Ana"))
    assert _merge(store, wid, path).already_there == 1  # unchanged in the file: nothing to do
    drafts.update(wid, edit)
    before = store.path.read_bytes()
    with pytest.raises(RuleError, match=f"which is Ana's {kind}, not Ben's.*Nothing was imported"):
        _merge(store, wid, path)
    assert store.path.read_bytes() == before


def test_a_refused_item_names_the_file(store: Store, wid: str, tmp_path: Path) -> None:
    path = tmp_path / "ben.okr.json"
    _invite(store, wid, "Ben", path)
    _tamper(path, key_results=[{"id": "kr1", "statement": "Up", "deadline": "someday"}])
    before = store.path.read_bytes()
    with pytest.raises(RuleError, match=f"{path}, item kr1: .*deadline"):
        _merge(store, wid, path)
    assert store.path.read_bytes() == before


def test_invitations_sign_the_invitation_id(store: Store, wid: str) -> None:
    document = store.update(wid, lambda ws: invite(ws, "Ben"))
    key = store.get(wid).invite_key
    assert document["signature"] == invitation_signature(key, wid, "Ben", document["invitation"])
    assert document["signature"] != invitation_signature(key, wid, "Ben", "0" * 12)


class _CountingList(list):
    """A list that counts how often it is walked."""

    walks = 0

    def __iter__(self) -> Iterator[Any]:
        self.walks += 1
        return super().__iter__()


def test_a_merge_walks_the_workshop_a_fixed_number_of_times(
    store: Store, wid: str, tmp_path: Path
) -> None:
    """Linear, not quadratic: the stored items are indexed once, whatever the file holds
    (walking them once per file item made a 10,000-item file hold the lock for 30 s)."""
    path = tmp_path / "ben.okr.json"
    _invite(store, wid, "Ben", path)
    for n in range(50):
        store.update(wid, lambda ws, n=n: participation.add_draft(ws, f"Ana's {n}", person="Ana"))
        store.update(
            wid, lambda ws, n=n: participation.add_key_result_idea(ws, f"{n}%", person="Ana")
        )
    _tamper(
        path,
        objectives=[{"id": f"o{n}", "text": f"Ben's {n}"} for n in range(100)],
        key_results=[{"id": f"kr{n}", "statement": f"Ben's {n}%"} for n in range(100)],
    )
    ws = store.get(wid)
    ws.objectives, ws.key_results = _CountingList(ws.objectives), _CountingList(ws.key_results)
    report = merge_drafts(ws, drafts_from_document(read_document(path), path))
    assert (len(report.added_objectives), len(report.added_key_results)) == (100, 100)
    assert ws.objectives.walks <= 3 and ws.key_results.walks <= 3


# --- what is open, words kept when a screen closes, confidence from one's own screen ---------


def test_openings_follow_the_room_through_the_workshop() -> None:
    from cycle_okr import room

    from okrworkshop.participation import Openings, openings

    ws = actions.new_workshop("Search", "2027 Q1", facilitator="Fay", participants=["Ana", "Ben"])
    assert openings(ws) == Openings(True, True, False, False, False)
    ws = room(final=False)
    actions.go_to_stage(ws, Stage.KEY_RESULTS)  # focus chosen, key results written
    assert openings(ws) == Openings(False, True, False, True, False)
    actions.go_to_stage(ws, Stage.REFINE)
    assert openings(ws) == Openings(False, False, False, True, False)
    actions.finalize(ws)
    assert openings(ws) == Openings(False, False, False, False, True)


def test_a_draft_kept_when_a_screen_closed_is_marked_until_its_author_edits_it(
    store: Store, wid: str
) -> None:
    from okrworkshop.model import KeyResult, Objective

    draft = store.update(
        wid, lambda ws: participation.add_draft(ws, "Half a", person="Ben", kept_on_close=True)
    )
    idea = store.update(
        wid,
        lambda ws: participation.add_key_result_idea(ws, "Lift", person="Ben", kept_on_close=True),
    )
    typed = store.update(wid, lambda ws: participation.add_draft(ws, "Whole", person="Ben"))
    ws = store.get(wid)
    assert [o.kept_on_close for o in ws.objectives] == [True, False]
    assert ws.key_results[0].kept_on_close is True
    # the marker is stored and read back as it was (and old documents read as not kept)
    for item, cls in ((ws.objectives[0], Objective), (ws.key_results[0], KeyResult)):
        data = item.to_dict()
        assert data["kept_on_close"] is True
        assert cls.from_dict(data) == item
        del data["kept_on_close"]
        assert cls.from_dict(data).kept_on_close is False
    with pytest.raises(Exception, match="'kept_on_close' should be true or false"):
        Objective.from_dict({**ws.objectives[0].to_dict(), "kept_on_close": "yes"})

    store.update(
        wid, lambda ws: participation.edit_draft(ws, draft.id, "Half a plan", person="Ben")
    )
    store.update(
        wid, lambda ws: participation.edit_key_result_idea(ws, idea.id, "Lift 5%", person="Ben")
    )
    ws = store.get(wid)
    assert [o.kept_on_close for o in ws.objectives] == [False, False]
    assert ws.key_results[0].kept_on_close is False
    assert typed.kept_on_close is False


def test_confidence_from_ones_own_screen_only_while_the_room_weighs_key_results(
    store: Store,
) -> None:
    from cycle_okr import room

    ws = store.create(room(final=False))
    with pytest.raises(RuleError, match="Confidence votes open when"):
        store.update(ws.id, lambda w: participation.vote_confidence(w, "kr1", 4, person="Ben"))
    store.update(ws.id, lambda w: actions.go_to_stage(w, Stage.REFINE))
    mine = store.update(ws.id, lambda w: participation.vote_confidence(w, "kr1", 4, person="ben"))
    assert (mine.own, mine.votes, mine.average) == (4, (), None)  # hidden until revealed
    with pytest.raises(RuleError, match="1 to 5 fingers"):
        store.update(ws.id, lambda w: participation.vote_confidence(w, "kr1", 6, person="Ben"))
    store.update(ws.id, lambda w: participation.withdraw_confidence(w, "kr1", person="Ben"))
    assert store.get(ws.id).key_results[0].confidence_votes == {}
    store.update(ws.id, actions.finalize)
    with pytest.raises(RuleError, match="This OKR is final"):
        store.update(ws.id, lambda w: participation.vote_confidence(w, "kr1", 3, person="Ben"))
