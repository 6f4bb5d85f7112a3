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
