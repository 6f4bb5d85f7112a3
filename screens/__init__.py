"""The Textual UI: two apps (the facilitator's shared screen and a participant's own),
their dialogs and widgets, and browser join. It imports the core; the core never imports it.
"""
