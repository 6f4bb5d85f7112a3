"""Reading exported markdown as a CommonMark parser does (markdown-it-py), for the tests."""

from markdown_it import MarkdownIt
from markdown_it.token import Token

PARSER = MarkdownIt("commonmark").enable("table")


def tokens(markdown: str) -> list[Token]:
    """Block and inline tokens, flattened."""
    out = []
    for token in PARSER.parse(markdown):
        out.append(token)
        out.extend(token.children or [])
    return out
