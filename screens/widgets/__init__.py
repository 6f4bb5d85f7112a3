"""Reusable pieces of the workshop screens."""
