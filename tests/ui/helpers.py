"""What the shared screen's tests share: a fixed calendar day and the notes the app gives."""

from __future__ import annotations

from datetime import date
from typing import Any

EXAMPLE_TODAY = date(2027, 2, 25)
"""The example seen three days after its eighth week of check-ins (its last is 2027-02-22)."""


def record_notes(app: Any) -> list[str]:
    """Record what the app tells people: a list filled as notifications are raised."""
    seen: list[str] = []
    original = app.notify

    def notify(message: object, *args: Any, **kwargs: Any) -> Any:
        seen.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return seen
