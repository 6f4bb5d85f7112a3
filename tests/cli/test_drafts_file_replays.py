"""A drafts file sent again after the room moved on, in real processes (issue 19).

Each test runs the way a workshop does: the facilitator's `invite`, the participant's own tool
writing the drafts file (``join --file`` / ``draft --file``: the participant code path over
``DraftsFileStore``), the room's decisions through the CLI, then `import`. A file adds what is
new and updates a draft only while it is still its author's alone; anything else is one line
in the import's output, and the room's words, dots and choices stay as they were.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okrworkshop.model import Workshop
from okrworkshop.store import Store

TODAY = datetime.datetime.now(datetime.UTC).date().isoformat()

# What the participant's screen does when Ben rewords a draft or an idea in his file
# (screens/participant/drafting.py calls these through the file's store).
PARTICIPANT_EDITS = """
import sys
from okrworkshop import participation
from okrworkshop.drafts_file import DraftsFileStore

path, item, text = sys.argv[1:4]
store = DraftsFileStore(path)
edit = participation.edit_key_result_idea if item.startswith("kr") else participation.edit_draft
store.update(store.workshop_id, lambda ws: edit(ws, item, text, person=store.participant))
"""

# What the shared screen does when the facilitator edits a draft's text (the drafts step's
# "e", screens/facilitator/drafts.py), on the database.
SHARED_SCREEN_EDITS = """
import sys
from okrworkshop import actions
from okrworkshop.store import Store

db, item, text = sys.argv[1:4]
store = Store.open(db)
ws = store.workshops()[0]
store.update(ws.id, lambda w: actions.edit_draft(w, item, text=text))
"""


def cli(db: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "okrworkshop", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "OKRWORKSHOP_DB": ""},
    )
    assert "Traceback" not in result.stderr, result.stderr
    if ok:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode != 0, result.stdout
    return result


def participant_edits(path: Path, item: str, text: str) -> None:
    """Ben rewords his draft (or idea) ``item`` in his own file, with his own tool."""
    result = subprocess.run(
        [sys.executable, "-c", PARTICIPANT_EDITS, str(path), item, text],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def workshop(db: Path) -> Workshop:
    return Store.open(db, create=False).workshops()[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "okr.json"
    cli(path, "new", "--team", "Marketplace", "--cycle", "2027 Q1", "--facilitator", "Ana",
        "--participant", "Ben", "--participant", "Chen", "--participant", "Dana")  # fmt: skip
    return path


@pytest.fixture
def ben(db: Path, tmp_path: Path) -> Path:
    """Ben's drafts file with one draft, imported once: it is o1 in the database."""
    path = tmp_path / "ben.okr.json"
    cli(db, "invite", "--as", "Ben", "-o", str(path))
    cli(db, "draft", "--file", str(path), "--as", "Ben", "Sellers list in minutes")
    assert "1 added" in cli(db, "import", str(path)).stdout
    assert [(o.id, o.author) for o in workshop(db).objectives] == [("o1", "Ben")]
    return path


def import_lines(db: Path, path: Path) -> list[str]:
    return cli(db, "import", str(path)).stdout.strip().splitlines()


def test_an_untouched_draft_is_updated_from_its_authors_file(db: Path, ben: Path) -> None:
    participant_edits(ben, "o1", "Sellers list a product in two minutes")
    lines = import_lines(db, ben)
    assert "0 added (0 objectives, 0 key-result ideas), 1 updated, 0 already there." in lines[0]
    assert [o.text for o in workshop(db).objectives] == ["Sellers list a product in two minutes"]


def test_a_merged_draft_is_never_rewritten_by_the_file(db: Path, ben: Path, tmp_path) -> None:
    chen = tmp_path / "chen.okr.json"
    cli(db, "invite", "--as", "Chen", "-o", str(chen))
    cli(db, "draft", "--file", str(chen), "--as", "Chen", "Buyers find what they need")
    cli(db, "import", str(chen))
    merged_words = "Buyers and sellers both find what they need"
    cli(db, "merge", "o1", "o2", "--text", merged_words)
    cli(db, "stage", "focus")
    cli(db, "vote", "--as", "Chen", "o1")
    cli(db, "vote", "--as", "Dana", "o1")
    before = db.read_bytes()

    # Sent again exactly as first imported: nothing to do, and the database is left as it was.
    lines = import_lines(db, ben)
    assert "0 added (0 objectives, 0 key-result ideas), 0 updated, 1 already there." in lines[0]
    assert len(lines) == 1
    assert db.read_bytes() == before

    # Ben rewords it in his file after the merge: the room's words stay, and the line says why.
    participant_edits(ben, "o1", "Completely different idea: sellers get paid faster")
    lines = import_lines(db, ben)
    assert "0 updated" in lines[0] and "1 not updated" in lines[0]
    assert f"o1 was merged by the room on {TODAY}: not updated." in lines[1]
    (o1,) = workshop(db).objectives
    assert (o1.text, o1.author, o1.coauthors) == (merged_words, "Ben", ["Chen"])
    assert o1.votes == {"Chen": 1, "Dana": 1}
    assert db.read_bytes() == before
    # Chen's file sent again adds nothing back: her draft lives on in o1.
    assert "0 added" in import_lines(db, chen)[0]


def test_the_focus_objective_is_never_rewritten_by_the_file(db: Path, ben: Path) -> None:
    cli(db, "focus", "o1")
    before = db.read_bytes()
    participant_edits(ben, "o1", "Completely different idea: sellers get paid faster")
    lines = import_lines(db, ben)
    assert "o1 was chosen as the focus objective: not updated." in lines[1]
    assert workshop(db).focus_objective.text == "Sellers list in minutes"
    assert db.read_bytes() == before
    assert "Sellers list in minutes" in cli(db, "export").stdout


def test_a_draft_with_other_peoples_dots_is_not_rewritten(db: Path, ben: Path) -> None:
    cli(db, "stage", "focus")
    cli(db, "vote", "--as", "Chen", "o1")
    cli(db, "vote", "--as", "Dana", "o1")
    before = db.read_bytes()
    participant_edits(ben, "o1", "Sellers get paid faster")
    lines = import_lines(db, ben)
    assert "o1 has dots from Chen, Dana: not updated." in lines[1]
    (o1,) = workshop(db).objectives
    assert (o1.text, o1.votes) == ("Sellers list in minutes", {"Chen": 1, "Dana": 1})
    assert db.read_bytes() == before


def test_a_deprioritized_draft_is_not_rewritten(db: Path, ben: Path) -> None:
    cli(db, "draft", "--as", "Chen", "Buyers find what they need")
    cli(db, "focus", "o2")
    cli(db, "deprioritize", "--from", "o1", "--reason", "Next quarter")
    before = db.read_bytes()
    participant_edits(ben, "o1", "Sellers get paid faster")
    lines = import_lines(db, ben)
    assert "o1 was moved to deprioritized: not updated." in lines[1]
    ws = workshop(db)
    assert ws.objective("o1").text == "Sellers list in minutes"
    assert [d.text for d in ws.deprioritized] == ["Sellers list in minutes"]
    assert db.read_bytes() == before


def test_a_draft_the_room_changed_since_the_import_is_not_rewritten(db: Path, ben: Path) -> None:
    subprocess.run(
        [sys.executable, "-c", SHARED_SCREEN_EDITS, str(db), "o1", "Sellers list in one minute"],
        check=True,
        timeout=60,
    )
    before = db.read_bytes()
    participant_edits(ben, "o1", "Sellers get paid faster")
    lines = import_lines(db, ben)
    assert "o1 was changed since it was imported: not updated." in lines[1]
    assert workshop(db).objective("o1").text == "Sellers list in one minute"
    assert db.read_bytes() == before


def test_an_older_file_than_one_imported_changes_nothing_and_says_so(
    db: Path, ben: Path, tmp_path: Path
) -> None:
    first = tmp_path / "ben-first.okr.json"
    shutil.copy(ben, first)  # the copy Ben sent first (revision 1)
    participant_edits(ben, "o1", "Sellers list a product in two minutes")
    cli(db, "draft", "--file", str(ben), "--as", "Ben", "Sellers get paid the same day")
    assert "1 added" in import_lines(db, ben)[0]
    before = db.read_bytes()

    lines = import_lines(db, first)
    assert "0 added (0 objectives, 0 key-result ideas), 0 updated" in lines[0]
    assert (
        f"{first} is revision 1, older than revision 3 imported on {TODAY}: nothing was changed."
        in lines[1]
    )
    assert [o.text for o in workshop(db).objectives] == [
        "Sellers list a product in two minutes",
        "Sellers get paid the same day",
    ]
    assert db.read_bytes() == before


def test_a_revision_edited_by_hand_only_adds(db: Path, ben: Path) -> None:
    participant_edits(ben, "o1", "Sellers list a product in two minutes")
    document = json.loads(ben.read_text(encoding="utf-8"))
    document["revision"] = 99  # a hand edit: the seal no longer matches
    ben.write_text(json.dumps(document), encoding="utf-8")
    lines = import_lines(db, ben)
    assert "changed outside okrworkshop since its last save" in lines[1]
    assert "o1 changed in the file, but this file only adds: not updated." in lines[2]
    assert [o.text for o in workshop(db).objectives] == ["Sellers list in minutes"]


def test_a_version_1_file_still_imports_and_only_adds(db: Path, tmp_path: Path) -> None:
    """A file written before files kept a revision: its drafts come in, nothing is updated."""
    path = tmp_path / "ben.okr.json"
    cli(db, "invite", "--as", "Ben", "-o", str(path))
    cli(db, "draft", "--file", str(path), "--as", "Ben", "Sellers list in minutes")

    def as_version_1() -> None:
        document = json.loads(path.read_text(encoding="utf-8"))
        document["version"] = 1
        del document["revision"], document["seal"]
        path.write_text(json.dumps(document), encoding="utf-8")

    as_version_1()
    assert "1 added" in import_lines(db, path)[0]
    participant_edits(path, "o1", "Sellers list a product in two minutes")
    cli(db, "draft", "--file", str(path), "--as", "Ben", "Sellers get paid the same day")
    as_version_1()
    lines = import_lines(db, path)
    assert "1 added" in lines[0] and "0 updated" in lines[0]
    assert "written before files kept a revision" in lines[1]
    assert "o1 changed in the file, but this file only adds: not updated." in lines[2]
    assert [o.text for o in workshop(db).objectives] == [
        "Sellers list in minutes",
        "Sellers get paid the same day",
    ]


def test_an_idea_the_room_reviewed_is_not_rewritten(db: Path, ben: Path) -> None:
    cli(db, "kr", "--file", str(ben), "--as", "Ben", "Listings up from 100 to 120 a day")
    assert "1 added" in import_lines(db, ben)[0]
    cli(db, "review", "kr1", "achievable")
    before = db.read_bytes()
    participant_edits(ben, "kr1", "Listings up from 100 to 500 a day")
    lines = import_lines(db, ben)
    assert "kr1 was reviewed by the room: not updated." in lines[1]
    assert workshop(db).key_result("kr1").statement == "Listings up from 100 to 120 a day"
    assert db.read_bytes() == before


# --- an invitation belongs to its person, through renames --------------------------------------


def test_a_renamed_persons_file_stays_theirs(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "ben.okr.json"
    cli(db, "invite", "--as", "Ben", "-o", str(path))
    cli(db, "draft", "--file", str(path), "--as", "Ben", "Sellers list in minutes")
    cli(db, "participant", "rename", "Ben", "Benjamin")
    cli(db, "participant", "add", "Ben")  # someone else, who took the name
    lines = import_lines(db, path)
    assert "Merged Benjamin's drafts" in lines[0] and "1 added" in lines[0]
    assert f"{path} was written for Ben, who is Benjamin now" in lines[1]
    assert [(o.author, o.text) for o in workshop(db).objectives] == [
        ("Benjamin", "Sellers list in minutes")
    ]


def test_a_removed_persons_file_speaks_for_nobody(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "ben.okr.json"
    cli(db, "invite", "--as", "Ben", "-o", str(path))
    cli(db, "draft", "--file", str(path), "--as", "Ben", "Sellers list in minutes")
    cli(db, "participant", "remove", "Ben")
    cli(db, "participant", "add", "Ben")
    before = db.read_bytes()
    refused = cli(db, "import", str(path), ok=False).stderr
    assert str(path) in refused and "no longer a participant" in refused
    assert db.read_bytes() == before


def test_an_import_that_adds_nothing_leaves_the_database_byte_for_byte(db: Path, ben: Path) -> None:
    before = db.read_bytes()
    lines = import_lines(db, ben)
    assert lines == [
        f"Merged Ben's drafts into {workshop(db).id}: 0 added (0 objectives, 0 key-result "
        f"ideas), 0 updated, 1 already there."
    ]
    assert db.read_bytes() == before  # not even the 'updated' time


def test_a_draft_the_room_deleted_does_not_come_back(db: Path, ben: Path) -> None:
    cli(db, "remove", "o1")
    before = db.read_bytes()
    assert "0 added" in import_lines(db, ben)[0]
    assert workshop(db).objectives == []
    assert db.read_bytes() == before
