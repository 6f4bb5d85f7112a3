"""okrworkshop: run an OKR workshop for a product team, from context to one focused OKR."""

__version__ = "0.1.0"
