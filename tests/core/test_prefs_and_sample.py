"""The per-user preferences file and the example workshop shipped inside the package."""

from __future__ import annotations

import json
from pathlib import Path

from okrworkshop.model import Status, Workshop
from okrworkshop.prefs import DARK_THEME, LIGHT_THEME, Prefs, load_prefs, save_prefs
from okrworkshop.sample import example_workshop

REPO = Path(__file__).resolve().parents[2]


def test_prefs_round_trip(tmp_path):
    path = tmp_path / "deep" / "prefs.json"
    save_prefs(path, Prefs(theme=LIGHT_THEME))
    assert load_prefs(path).theme == LIGHT_THEME


def test_missing_corrupt_or_foreign_prefs_fall_back_to_dark(tmp_path):
    path = tmp_path / "prefs.json"
    assert load_prefs(path).theme == DARK_THEME
    path.write_text("{broken", encoding="utf-8")
    assert load_prefs(path).theme == DARK_THEME
    path.write_text(json.dumps({"theme": "[b]evil[/b]"}), encoding="utf-8")
    assert load_prefs(path).theme == DARK_THEME
    for hostile in ("[" * 100_000 + "]" * 100_000, '{"theme": ' + "1" * 5000 + "}"):
        path.write_text(hostile, encoding="utf-8")  # RecursionError / ValueError in json.loads
        assert load_prefs(path).theme == DARK_THEME


def test_an_unwritable_prefs_path_is_not_fatal(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the config folder should be", encoding="utf-8")
    save_prefs(blocker / "prefs.json", Prefs(theme=LIGHT_THEME))  # must not raise
    assert load_prefs(blocker / "prefs.json").theme == DARK_THEME


def test_the_packaged_example_is_the_example_database():
    packaged = example_workshop()
    data = json.loads((REPO / "data" / "example.json").read_text(encoding="utf-8"))
    (doc,) = data["workshops"].values()
    expected = Workshop.from_dict(doc)
    assert packaged.id == ""  # the store gives each copy its own id
    packaged.id = expected.id
    assert packaged == expected
    assert packaged.status is Status.FINAL


# --- the copy the welcome screen opens ------------------------------------------------------


def test_the_example_opened_today_sits_in_a_cycle_around_today():
    """Opened on 2026-12-08, the example (written for the week of 2027-02-22) reads as it does
    in that week: inside its cycle, its latest check-ins this week, the same verdicts."""
    from datetime import date, timedelta

    from okrworkshop.progress import workshop_progress
    from okrworkshop.sample import SEEN_FROM, example_copy

    today = date(2026, 12, 8)  # a Tuesday
    copy = example_copy(today)
    original = example_workshop()
    assert copy.example and not original.example
    assert copy.team == "Marketplace Search (example)"
    start, end = copy.cycle.start, copy.cycle.end
    assert start is not None and end is not None and start <= today <= end
    moved = today - timedelta(days=1) - SEEN_FROM  # whole weeks: Mondays stay Mondays
    assert (start, end) == (original.cycle.start + moved, original.cycle.end + moved)
    assert copy.cycle.label == "2026 Q4"
    latest = max(c.date for kr in copy.key_results for c in kr.checkins)
    assert latest == date(2026, 12, 7) and latest.weekday() == 0
    assert copy.settings.meeting_date == date(2026, 9, 28)  # before the cycle, as in the original
    for kr in copy.key_results:
        assert kr.deadline == end
        assert "2027-03-31" not in kr.statement and "Q1" not in kr.statement
        assert end.isoformat() in kr.statement
    assert [c.date for c in copy.key_results[0].checkins] == [
        c.date + moved for c in original.key_results[0].checkins
    ]
    assert all(
        c.created.startswith(c.date.isoformat()) for kr in copy.key_results for c in kr.checkins
    )
    seen = workshop_progress(original, SEEN_FROM + timedelta(days=1))
    now = workshop_progress(copy, today)
    assert [p.standing for p in now.key_results] == [p.standing for p in seen.key_results]
    assert now.clock.describe() == seen.clock.describe()  # "day 53 of 90 (..."


def test_the_example_opened_in_its_own_week_is_the_example_as_written():
    from datetime import date

    from okrworkshop.sample import example_copy

    copy = example_copy(date(2027, 2, 25))
    original = example_workshop()
    assert copy.cycle == original.cycle
    assert [k.statement for k in copy.key_results] == [k.statement for k in original.key_results]
