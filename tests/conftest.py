from __future__ import annotations

from pathlib import Path

import pytest
from harness import Hit, fixture_files, run_flake8, run_pylint

CATALOG_TESTS = Path(__file__).parent / "catalog"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--catalog",
        action="store_true",
        help="also run tests/catalog, which need the real AutoGen packages (tox -e catalog-v04, catalog-v02)",
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if CATALOG_TESTS in (collection_path, *collection_path.parents) and not config.getoption("--catalog"):
        return True
    return None


@pytest.fixture(scope="session")
def flake8_fixture_hits() -> dict[Path, list[Hit]]:
    """One flake8 process over every fixture file."""
    return run_flake8(fixture_files())


@pytest.fixture(scope="session")
def pylint_fixture_hits() -> dict[Path, list[Hit]]:
    """One pylint process over every fixture file."""
    return run_pylint(fixture_files())
