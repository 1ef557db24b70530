"""Plain-text views shared by the CLI (tables) — no Textual here."""
