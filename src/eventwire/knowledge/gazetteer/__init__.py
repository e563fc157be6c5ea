"""The embedded GeoNames gazetteer: built once into SQLite under `data_home()`, then read in memory.

>>> gaz = get_gazetteer()                      # doctest: +SKIP
>>> [c.row.name for c in gaz.candidates("Sudzha")]  # doctest: +SKIP
['Sudzha']

Data: GeoNames (https://www.geonames.org/), licensed CC BY 4.0.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from eventwire.config import data_home
from eventwire.knowledge.gazetteer.build import BUILD_VERSION, BuildStats, Progress, build_default
from eventwire.knowledge.gazetteer.importer import ImportStats, import_geonames
from eventwire.knowledge.gazetteer.normalize import fold, is_latin
from eventwire.knowledge.gazetteer.store import Candidate, Gazetteer, PlaceRow, level_of

ATTRIBUTION = "Place data: GeoNames (https://www.geonames.org/), CC BY 4.0."
INDEX_NAME = f"gazetteer-v{BUILD_VERSION}.sqlite"

_LOCK = threading.Lock()
_CACHE: dict[Path, Gazetteer] = {}
# the default gazetteer by EVENTWIRE_HOME: resolve steps ask for it per story, and working out its
# path checks the data directory on disk each time
_DEFAULT: dict[str | None, Gazetteer] = {}


def gazetteer_path() -> Path:
    """Where the index lives: `data_home()/gazetteer-v<N>.sqlite`."""
    return data_home() / INDEX_NAME


def build_gazetteer(path: Path | None = None, *, force: bool = False, progress: Progress | None = None) -> Path:
    """Build the default index (cities 500+, countries, continents, admin1/admin2) unless it exists."""
    target = path or gazetteer_path()
    with _LOCK:
        if target.exists() and not force:
            return target
        old = _CACHE.pop(target, None)
        _DEFAULT.clear()
        if old is not None:
            old.close()
        build_default(target, progress=progress)
    return target


def get_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer for this process: built on first use, loaded once, then shared."""
    if path is None:
        home = os.environ.get("EVENTWIRE_HOME")
        known = _DEFAULT.get(home)
        if known is None:
            known = _DEFAULT[home] = get_gazetteer(gazetteer_path())
        return known
    target = path
    gaz = _CACHE.get(target)
    if gaz is not None:
        return gaz
    if not target.exists():
        build_gazetteer(target)
    with _LOCK:
        gaz = _CACHE.get(target)
        if gaz is None:
            gaz = Gazetteer(target)
            _CACHE[target] = gaz
    return gaz


def reset_cache() -> None:
    """Forget loaded gazetteers (after an import changed the index on disk)."""
    with _LOCK:
        for gaz in _CACHE.values():
            gaz.close()
        _CACHE.clear()
        _DEFAULT.clear()


__all__ = [
    "ATTRIBUTION",
    "BuildStats",
    "Candidate",
    "Gazetteer",
    "ImportStats",
    "PlaceRow",
    "build_default",
    "build_gazetteer",
    "fold",
    "gazetteer_path",
    "get_gazetteer",
    "import_geonames",
    "is_latin",
    "level_of",
    "reset_cache",
]
