"""How often the SMART linter agrees with careful human labels, per check and per file.

Run: ``.venv/bin/python bench/smart_agreement.py``. Disagreements are printed for the DEV file
only; the holdout file is the unseen test, so for it only the counts are printed.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

from okrworkshop.smart import lint_key_result

DATA = Path(__file__).resolve().parent.parent / "tests" / "core" / "data"
DEV = DATA / "kr_labels_dev.tsv"
HOLDOUT = DATA / "kr_labels_holdout.tsv"
CHECKS = ("measurable", "time_bound", "outcome")


@dataclass(frozen=True)
class Agreement:
    """Per-check agreement between the linter and one labelled file."""

    rows: int
    agreed: dict[str, int]
    # (check, statement, label, linter's answer, note). Left out of repr so that no report (a
    # failing assertion, a traceback) can show the rows of the holdout file.
    disagreements: tuple[tuple[str, str, bool, bool, str], ...] = field(repr=False)

    def ratio(self, check: str) -> float:
        return self.agreed[check] / self.rows if self.rows else 0.0

    def summary(self, name: str) -> str:
        parts = [f"{c}={self.agreed[c]}/{self.rows} ({self.ratio(c):.1%})" for c in CHECKS]
        return f"{name}: " + ", ".join(parts)


def _label(value: str | None, line: int) -> bool:
    text = (value or "").strip().lower()
    if text not in {"yes", "no"}:
        # Only the line number: the holdout's rows must never be shown.
        raise ValueError(f"line {line}: a label should be yes or no")
    return text == "yes"


def agreement(path: Path) -> Agreement:
    """Lint every statement in ``path`` and compare with its yes/no labels."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = [
            (line, row)
            for line, row in enumerate(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE), 2)
            if (row.get("statement") or "").strip()
        ]
    agreed = dict.fromkeys(CHECKS, 0)
    wrong: list[tuple[str, str, bool, bool, str]] = []
    for line, row in rows:
        result = lint_key_result(row["statement"])
        for check in CHECKS:
            label = _label(row.get(check), line)
            got = bool(getattr(result, check))
            if got == label:
                agreed[check] += 1
            else:
                wrong.append((check, row["statement"], label, got, row.get("note") or ""))
    return Agreement(rows=len(rows), agreed=agreed, disagreements=tuple(wrong))


def main() -> int:
    dev = agreement(DEV)
    print(dev.summary("dev"))
    for check, statement, label, got, note in dev.disagreements:
        print(
            f"  [{check}] label={'yes' if label else 'no'} lint={'yes' if got else 'no'}: "
            f"{statement}  ({note})"
        )
    if HOLDOUT.exists():
        print(agreement(HOLDOUT).summary("holdout"))  # counts only, never rows
    else:
        print("holdout: file missing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
