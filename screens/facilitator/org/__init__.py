"""The org view on screen: many teams' OKRs side by side, read-only."""
