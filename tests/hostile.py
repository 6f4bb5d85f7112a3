"""Strings people really type (or paste), shared by every test that checks bad input."""

HOSTILE: dict[str, str] = {
    "rich-markup": "[bold red]pwned[/]",
    "closing-tag": "[/]",
    "todo-brackets": "[TODO] plan",
    "click-action": "[@click=app.quit]quit[/]",
    "ansi": "\x1b[31mred\x1b[0m and \x1b]0;title\x07",
    "nul": "before\x00after",
    "emoji": "Buyers 😀 love it 👩🏽‍💻🚀",
    "combining": "Cafe\u0301 ñ Z\u0335\u0321a\u0336lgo",
    "zero-width": "zero\u200bwidth\u200djoin\ufeff",
    "rtl": "שלום عالم mixed \u202eevil\u202c text",
    "markdown": "# heading | a | b | *star* _under_ `tick` ```fence``` <script>alert(1)</script>",
    "link": "[x](javascript:alert(1)) ![img](http://e.x/a.png) <http://e.x>",
    "html-entity": "&lt;b&gt; &amp; &#60;",
    "list-start": "- item\n1. one\n> quote\n    code",
    "long": "word " * 2000,
}
