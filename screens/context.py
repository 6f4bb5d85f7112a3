"""TEMPORARY stub: replaced by the real screen."""

from textual.app import ComposeResult
from textual.widgets import Static

from okrworkshop.model import Stage

from .step import StepScreen


class ContextScreen(StepScreen):
    STAGE = Stage.CONTEXT

    def compose_body(self) -> ComposeResult:
        yield Static("stub")
