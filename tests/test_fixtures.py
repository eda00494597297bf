"""Every fixture through the engine, a flake8 process and a pylint process.

The fixtures' marker comments are the spec; all three adapters must report
exactly those findings, at the same positions and with the same text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import NOOP_FIXTURES, RULE_FIXTURES, Hit, compare, engine_hits, expectations, fixture_files

FIXTURES = fixture_files()
IDS = [f"{path.parent.name}/{path.name}" for path in FIXTURES]


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_engine(path: Path) -> None:
    assert compare(path, engine_hits(path)) == []


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_flake8(path: Path, flake8_fixture_hits: dict[Path, list[Hit]]) -> None:
    hits = flake8_fixture_hits.get(path.resolve(), [])
    assert compare(path, hits) == []
    assert sorted(hits) == sorted(engine_hits(path))


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_pylint(path: Path, pylint_fixture_hits: dict[Path, list[Hit]]) -> None:
    hits = pylint_fixture_hits.get(path.resolve(), [])
    assert compare(path, hits) == []
    assert sorted(hits) == sorted(engine_hits(path))


@pytest.mark.parametrize("path", sorted(RULE_FIXTURES.glob("*.py")), ids=lambda p: p.name)
def test_rule_fixture_expects_its_rule(path: Path) -> None:
    """A rule's fixture (``AGL201.py``) has positive cases for that rule; ``AGL201_noop.py`` has none."""
    code, _, variant = path.stem.partition("_")
    found = {found_code for _, found_code, _ in expectations(path)}
    assert (code not in found) if variant == "noop" else (code in found)


@pytest.mark.parametrize("path", sorted(NOOP_FIXTURES.glob("*.py")), ids=lambda p: p.name)
def test_noop_fixture_expects_nothing(path: Path) -> None:
    assert expectations(path) == []


def test_compare_reports_missing_and_unexpected(tmp_path: Path) -> None:
    """The harness itself: a wrong column, a missing and an extra finding are all caught."""
    fixture = tmp_path / "f.py"
    fixture.write_text("import autogen  # AGL101:8\nx = 1  # AGL201\n")
    assert compare(fixture, [Hit(1, 8, "AGL101")]) == ["missing AGL201 at 2:*"]
    assert compare(fixture, [Hit(1, 9, "AGL101"), Hit(2, 1, "AGL201")]) == [
        "unexpected AGL101 at 1:9",
        "missing AGL101 at 1:8",
    ]
    assert compare(fixture, [Hit(1, 8, "AGL101"), Hit(2, 5, "AGL201"), Hit(3, 1, "AGL301")]) == [
        "unexpected AGL301 at 3:1"
    ]
