"""The command line: the composition root that wires the store, the rules and the output.

``main`` is the click group; each verb lives in a module named for what it is about
(``workshops``, ``before``, ``steps``, ``sharing``) and is imported only when it runs.
"""

from .base import main, run

__all__ = ["main", "run"]
