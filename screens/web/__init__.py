"""Browser join: the participant app served to web browsers (textual-serve with a token, an
Origin check, a session cap, warm starts and its own page)."""
