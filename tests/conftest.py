from __future__ import annotations

from pathlib import Path

import pytest
from harness import Hit, fixture_files, run_flake8, run_pylint


@pytest.fixture(scope="session")
def flake8_fixture_hits() -> dict[Path, list[Hit]]:
    """One flake8 process over every fixture file."""
    return run_flake8(fixture_files())


@pytest.fixture(scope="session")
def pylint_fixture_hits() -> dict[Path, list[Hit]]:
    """One pylint process over every fixture file."""
    return run_pylint(fixture_files())
