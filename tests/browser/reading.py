"""The handout and the pre-read as a reader meets them: markdown rendered by markdown-it-py to
HTML with a stylesheet close to GitHub's, printed on A4 (15 mm margins) or shown on a phone."""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

PAGE_MARGIN_MM = 15
A4_MM = (210, 297)
CSS_PX_PER_MM = 96 / 25.4

GITHUB_LIKE_CSS = f"""
@page {{ size: A4; margin: {PAGE_MARGIN_MM}mm; }}
body {{
  font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  font-size: 16px; line-height: 1.5; color: #1f2328; background: #fff;
  max-width: 980px; margin: 0 auto; padding: 45px; box-sizing: border-box;
  overflow-wrap: break-word;
}}
@media (max-width: 767px) {{ body {{ padding: 15px; }} }}
@media print {{ body {{ padding: 0; max-width: none; }} }}
h1, h2, h3 {{ font-weight: 600; line-height: 1.25; margin: 24px 0 16px; }}
h1 {{ font-size: 2em; margin-top: 0; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; }}
h2 {{ font-size: 1.5em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; }}
h3 {{ font-size: 1.25em; }}
p, ul, ol, table, pre {{ margin: 0 0 16px; }}
ul, ol {{ padding-left: 2em; }}
li + li {{ margin-top: .25em; }}
code {{
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 85%; padding: .2em .4em; border-radius: 6px; background: rgba(129,139,152,.12);
}}
pre {{ padding: 16px; overflow: auto; font-size: 85%; line-height: 1.45; border-radius: 6px;
  background: #f6f8fa; }}
pre code {{ padding: 0; font-size: 100%; background: transparent; }}
table {{ display: block; width: max-content; max-width: 100%; overflow: auto;
  border-collapse: collapse; }}
th, td {{ padding: 6px 13px; border: 1px solid #d1d9e0; }}
hr {{ height: .25em; margin: 24px 0; padding: 0; border: 0; background: #d1d9e0; }}
"""

PARSER = MarkdownIt("commonmark").enable("table")


def to_html(markdown: str, title: str) -> str:
    """A whole HTML page for ``markdown``; markdown-it-py escapes raw HTML in commonmark mode
    only when told to, so the documents must never contain any (the exports escape it)."""
    body = PARSER.render(markdown)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{GITHUB_LIKE_CSS}</style></head>"
        f"<body>{body}</body></html>"
    )


def a4_printable_px() -> tuple[float, float]:
    """The width and height of an A4 page inside its margins, in CSS pixels."""
    width, height = (mm - 2 * PAGE_MARGIN_MM for mm in A4_MM)
    return width * CSS_PX_PER_MM, height * CSS_PX_PER_MM
