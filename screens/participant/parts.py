"""The names of a participant's two working screens, shared by the app and the screens that
switch between them (a module of its own, so no screen imports the app back)."""

from __future__ import annotations

DRAFTING = "drafting"
"""Their own drafts and key-result ideas."""
VOTING = "voting"
"""Their ballot while the room dot-votes."""
