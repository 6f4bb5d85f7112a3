"""A participant's own screen after the drafts: the confidence vote while the room refines key
results, and check-ins on the key results they own once the OKR is final."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cycle_okr import day, room
from textual.widgets import Input, OptionList, Static

from okrworkshop import actions, tracking
from okrworkshop.model import Check, CheckReview, Review, Stage
from okrworkshop.store import Store
from screens.participant.checkin import CheckinScreen
from screens.participant.confidence import ConfidenceScreen
from screens.participant.drafting import DraftingScreen
from ui.participant_helpers import participant_app, prompts, to_work, words


def _refining(store: Store) -> str:
    ws = store.create(room(final=False))
    store.update(ws.id, lambda w: actions.go_to_stage(w, Stage.REFINE))
    return ws.id


async def test_confidence_is_given_on_ones_own_screen_and_hidden_until_revealed(
    store: Store, tmp_path: Path
) -> None:
    wid = _refining(store)
    store.update(wid, lambda w: tracking.vote_confidence(w, "kr1", 1, person="Dana"))
    app = participant_app(store, wid, "Ben", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)  # the room is refining: Enter leads to the confidence vote
        assert isinstance(app.screen, ConfidenceScreen)
        assert "1 (it will not happen) to 5 (certain)" in words(app)
        await pilot.press("4")  # kr1, highlighted first
        await app.settle()
        await pilot.press("down", "2")
        await app.settle()
        rows = prompts(app, "#krs")
        assert rows[0].startswith("●●●●○  KR1") and rows[1].startswith("●●○○○  KR2")
        assert "Dana 1" not in words(app) and "average" not in words(app)  # hidden
        await pilot.press("up", "minus")  # take back the vote on kr1
        await app.settle()
        assert rows != prompts(app, "#krs") and prompts(app, "#krs")[0].startswith("·")
        await pilot.press("3")
        await app.settle()

        store.update(wid, lambda w: tracking.reveal_confidence(w))
        app.writes.reload(wid)
        await app.settle()
        await pilot.press("home")
        await pilot.pause()
        detail = str(app.screen.query_one("#confidence-detail", Static).render())
        assert "average 2.0 of 5" in detail and "Dana 1" in detail and "Ben 3" in detail
        assert "Talk about KR1" in detail
    ws = store.get(wid)
    assert [kr.confidence_votes for kr in ws.key_results] == [{"Dana": 1, "Ben": 3}, {"Ben": 2}]


async def test_a_confidence_vote_the_core_refuses_is_said_in_a_sentence(
    store: Store, tmp_path: Path
) -> None:
    wid = _refining(store)
    app = participant_app(store, wid, "Ben", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_work(pilot)
        store.update(wid, actions.finalize)  # the room finalized meanwhile
        await pilot.press("4")
        await app.settle()
        assert any("This OKR is final" in n.message for n in app._notifications)
    assert store.get(wid).key_results[0].confidence_votes == {}


async def test_the_owner_checks_in_on_their_key_result_once_the_okr_is_final(
    store: Store, tmp_path: Path
) -> None:
    ws = room()
    ws.key_results[1].owner = "Ben"
    wid = store.create(ws).id
    store.update(
        wid, lambda w: tracking.check_in(w, "kr2", "8%", author="Chen", confidence=6, today=day(20))
    )
    app = participant_app(store, wid, "Ben", tmp_path, today=day(45))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)  # final: Enter leads to the check-ins
        assert isinstance(app.screen, CheckinScreen)
        rows = prompts(app, "#checkin-krs")
        assert rows[0].startswith("KR2") and "yours" in rows[0]  # owned first
        assert rows[1].startswith("KR1") and "yours" not in rows[1]
        detail = str(app.screen.query_one("#checkin-detail", Static).render())
        assert "9% → 8% → 3%" in detail and "Confidence 6/10" in detail
        await pilot.press("enter")  # into the form for the highlighted key result
        assert app.focused is app.screen.query_one("#value", Input)
        for value, confidence, problem in [
            ("a lot", "7", "is not one number"),
            ("6%", "11", "from 1 to 10"),
        ]:
            app.screen.query_one("#value", Input).value = value
            app.screen.query_one("#confidence", Input).value = confidence
            await pilot.press("ctrl+s")
            await app.settle()
            status = str(app.screen.query_one("#checkin-status", Static).render())
            assert problem in status, status
            assert app.screen.query_one("#value", Input).value == value  # kept to fix
        app.screen.query_one("#confidence", Input).value = "7"
        app.screen.query_one("#note", Input).value = "[b]Synonyms[/b] shipped"
        await pilot.press("ctrl+s")
        await app.settle()
        assert "Checked in KR2" in str(app.screen.query_one("#checkin-status", Static).render())
        assert app.screen.query_one("#value", Input).value == ""
        detail = str(app.screen.query_one("#checkin-detail", Static).render())
        assert "9% → 6% → 3%" in detail and "[b]Synonyms[/b] shipped" in detail
    (_first, second) = store.get(wid).key_results[1].checkins
    assert (second.date, second.value, second.author, second.confidence, second.note) == (
        day(45),
        "6%",
        "Ben",
        7,
        "[b]Synonyms[/b] shipped",
    )


async def test_check_ins_wait_for_a_final_okr_and_the_screen_says_why(
    store: Store, tmp_path: Path
) -> None:
    wid = _refining(store)
    app = participant_app(store, wid, "Ben", tmp_path, today=day(10))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_work(pilot)
        await pilot.press("escape")
        await pilot.pause()
        entries = prompts(app, "#menu")
        assert not any(e.startswith("Check in") for e in entries)
        await pilot.press("escape")
        store.update(wid, actions.finalize)
        app.writes.reload(wid)
        await app.settle()
        assert "The OKR is final" in str(app.screen.query_one("#room", Static).render())
        await pilot.press("f6")  # from the confidence vote to where the room is now
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert "you own none" in words(app)
        app.screen.query_one("#checkin-krs", OptionList).focus()
        await pilot.press("escape")
        await pilot.pause()
        entries = prompts(app, "#menu")
        await pilot.press(*["down"] * entries.index("My drafts  F6"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, DraftingScreen)


async def test_hostile_words_show_literally_on_the_confidence_and_check_in_screens(
    store: Store, tmp_path: Path
) -> None:
    from hostile import HOSTILE

    from okrworkshop.text import visible

    texts = [t for k, t in HOSTILE.items() if k not in ("long", "list-start")]
    ws = room(final=False)
    ws.key_results[0].statement = " ".join(texts[:5])
    ws.key_results[0].owner = "Ben"
    wid = store.create(ws).id
    store.update(wid, lambda w: actions.go_to_stage(w, Stage.REFINE))
    app = participant_app(store, wid, "Ben", tmp_path, today=day(30))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        assert isinstance(app.screen, ConfidenceScreen)
        detail = str(app.screen.query_one("#confidence-detail", Static).render())
        assert visible(ws.key_results[0].statement) in detail
        await pilot.press("3")
        await app.settle()
        store.update(wid, actions.finalize)
        note = " ".join(texts[5:])
        store.update(
            wid,
            lambda w: tracking.check_in(w, "kr1", "13%", author="Ben", note=note, today=day(30)),
        )
        app.writes.reload(wid)
        await app.settle()
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        detail = str(app.screen.query_one("#checkin-detail", Static).render())
        assert visible(ws.key_results[0].statement) in detail and visible(note) in detail
        assert app.is_running  # [@click=app.quit] did nothing


async def test_a_key_result_due_after_the_cycle_is_checked_in_on_for_today(
    store: Store, tmp_path: Path
) -> None:
    """Two days after the cycle: kr1 (due 2027-04-30, accepted by the room) takes today, kr2
    the cycle's last day, and the line above the form says which for the highlighted one."""
    ws = room()
    ws.key_results[0].deadline = date(2027, 4, 30)
    ws.key_results[0].smart[Check.TIME_BOUND] = CheckReview(Review.ACCEPTED, "Launch in April")
    wid = store.create(ws).id
    app = participant_app(store, wid, "Chen", tmp_path, today=date(2027, 4, 2))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        assert isinstance(app.screen, CheckinScreen)
        line = str(app.screen.query_one("#checkin-day", Static).render())
        assert "Checking in for 2027-04-02 (today)" in line
        await pilot.press("enter")
        app.screen.query_one("#value", Input).value = "14%"
        await pilot.press("ctrl+s")
        await app.settle()
        await pilot.press("shift+tab")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = 1  # kr2
        await pilot.pause()
        line = str(app.screen.query_one("#checkin-day", Static).render())
        assert "Checking in for 2027-03-31 (its last day)" in line
    kr1 = store.get(wid).key_results[0]
    assert [(c.date, c.value) for c in kr1.checkins] == [(date(2027, 4, 2), "14%")]
