"""A new version checked from the previous one reports what a full check of it reports.

Every fixture is edited in ways that keep its tree (comments and blank lines typed, added,
removed, including inside multi-line strings, where they are text, not comments) and in ways
that do not; each version is checked from the previous one and in full, and both must agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import fixture_files

from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.engine import Superseded
from autogen_lint.incremental import Checked, moved_findings
from autogen_lint.runner import check_text, check_text_again
from autogen_lint.source import decode

CONFIG = Config()
SOURCES = [p for p in fixture_files() if b"autogen" in p.read_bytes()]


def versions(text: str) -> list[str]:
    """Edits of ``text``: comments typed at the end of lines, lines added and removed, code changed."""
    lines = text.split("\n")
    picks = sorted({0, len(lines) // 3, len(lines) // 2, (2 * len(lines)) // 3, max(len(lines) - 2, 0)})
    found = []
    for index in picks:
        typed = [*lines]
        typed[index] = f"{typed[index]}  # typed"
        found.append("\n".join(typed))
        found.append("\n".join([*lines[:index], "# a new line", *lines[index:]]))
        found.append("\n".join([*lines[:index], "", "    # indented", *lines[index:]]))
    found.append("# at the top\n" * 3 + text)
    found.append(text.replace("\n\n", "\n", 1))  # a blank line removed
    found.append(text + "\nextra = call(llm_config={})\n")  # code: checked in full
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_each_version_checked_from_the_previous_equals_a_full_check(path: Path) -> None:
    item = Found(path, Kind.PYTHON)
    original = decode(path.read_bytes())
    report, kept = check_text_again(item, CONFIG, original, None)
    assert report == check_text(item, CONFIG, original)
    for version in versions(original):
        # each from the previous version: edits pile up as they do in an editor
        report, kept = check_text_again(item, CONFIG, version, kept)
        assert report == check_text(item, CONFIG, version)


def _checked(text: str) -> Checked:
    _, kept = check_text_again(Found(Path("m.py"), Kind.PYTHON), CONFIG, text, None)
    assert kept is not None
    return kept


V02 = (
    'from autogen import AssistantAgent\n\n\ndef f():\n    """Docs.\n\n    # not a comment\n    """\n'
    '    return AssistantAgent(name, llm_config={"model": "m"})\n'
)


@pytest.mark.parametrize(
    ("edited", "reused"),
    [
        (V02.replace("\n\n\ndef", "\n# typed\n\ndef"), True),  # a comment line between statements
        (V02.replace("return AssistantAgent", "# above\n    return AssistantAgent"), True),
        (V02.replace("def f():", "def f():  # typed after the code"), True),
        (V02.replace("# not a comment", "# still not a comment"), False),  # inside the docstring
        (V02.replace("    # not a comment\n", ""), False),
        (V02.replace("name,", "other,"), False),  # code
        (V02.replace('"m"})', '"m"})  # typed'), False),  # a string on the line: not read here
    ],
)
def test_only_edits_that_keep_the_tree_reuse_the_previous_check(edited: str, reused: bool) -> None:
    moved = moved_findings(_checked(V02), edited.split("\n"))
    assert (moved is not None) is reused
    if moved is not None:
        full = _checked(edited).findings
        assert moved == full


def test_a_check_is_given_up_once_a_newer_version_waits() -> None:
    item = Found(Path("m.py"), Kind.PYTHON)
    asked: list[int] = []

    def newer_after_the_parse() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(Superseded):
        check_text_again(item, CONFIG, V02, None, newer_after_the_parse)
    assert len(asked) == 2  # after parsing, then before the first function
    report, _ = check_text_again(item, CONFIG, V02, None, lambda: False)
    assert report == check_text(item, CONFIG, V02) and report.findings
