"""Shared fixtures. Development data lives in ../shared/data: tests that need it skip on a user's
clone and fail under CI (CI=true), so quality gates never silently vanish."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.config import shared_data_dir


def _shared() -> Path | None:
    return shared_data_dir()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path to ../shared/data; skip (or, under CI, fail) when it is absent."""
    path = _shared()
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("../shared/data is missing under CI: the quality gates need it")
        pytest.skip("../shared/data is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def seed_text(shared_data: Path) -> str:
    return (shared_data / "seed" / "kursk-incursion.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected(shared_data: Path) -> dict:
    import yaml

    return yaml.safe_load((shared_data / "seed" / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The full pipeline, loaded once for the whole test session."""
    from eventwire.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_extraction(seed_text: str, nlp):  # type: ignore[no-untyped-def]
    """The seed story through the whole pipeline, once per session."""
    from eventwire import extract

    return extract(seed_text, published="2024-08-14", nlp=nlp)


@pytest.fixture()
def tmp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An EVENTWIRE_HOME of its own (for tests that build data there)."""
    monkeypatch.setenv("EVENTWIRE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"
