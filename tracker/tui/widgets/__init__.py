"""Widgets that render what they are given: paged tables, count lines, dialogs."""
