"""One module per screen. SCREENS names the main ones the navigation keys open."""
from __future__ import annotations

from typing import Any


class _Screens(dict):  # imported lazily: opening the app loads only the home screen
    def __missing__(self, name: str) -> Any:
        import importlib

        module, cls = {
            "home": ("home", "HomeScreen"),
            "load": ("load", "LoadScreen"),
            "overdue": ("overdue", "OverdueScreen"),
            "meeting": ("meeting", "MeetingScreen"),
            "indicators": ("indicators", "IndicatorsScreen"),
        }[name]
        value = getattr(importlib.import_module(f"{__name__}.{module}"), cls)
        self[name] = value
        return value


SCREENS: dict[str, Any] = _Screens()
