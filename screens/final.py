"""TEMPORARY stub: replaced by the real screen."""

from textual.app import ComposeResult
from textual.widgets import Static

from okrworkshop.model import Stage

from .step import StepScreen


class FinalScreen(StepScreen):
    STAGE = Stage.FINAL

    def compose_body(self) -> ComposeResult:
        yield Static("stub")
