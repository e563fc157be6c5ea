"""Event-type colours and order, read from the file the dashboard uses too (static/shared/event_types.json)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def event_types() -> dict[str, Any]:
    text = resources.files("eventwire.out").joinpath("static", "shared", "event_types.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def type_order() -> list[str]:
    """ACLED event types in display order, then the name used for unclassified events."""
    data = event_types()
    return [t["name"] for t in data["types"]] + [data["unknown"]["name"]]


def unknown_type() -> str:
    return str(event_types()["unknown"]["name"])


def type_color(name: str | None) -> str:
    data = event_types()
    for t in data["types"]:
        if name and t["name"].lower() == name.lower():
            return str(t["color"])
    return str(data["unknown"]["color"])
