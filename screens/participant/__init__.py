"""A participant's own app: who they are, the briefing, their drafts, their ballot."""
