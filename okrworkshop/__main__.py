"""``python -m okrworkshop``: the same CLI, independent of PATH and of which venv is active."""

from .cli import run

run()
