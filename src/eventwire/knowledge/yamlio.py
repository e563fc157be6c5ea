"""Read the knowledge data files: YAML through libyaml's C loader when it is there (about ten
times faster than the pure-Python one, which matters at every process start)."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML text safely (no arbitrary objects)."""
    return yaml.load(text, Loader=_LOADER)
