"""The fix loop and the edit primitives, on documents checked by small stand-in rules.

The stand-in rules are real checks of the text they are given (they search it), so the loop's
behaviour (passes, overlaps, identical edits, a broken result, no convergence) is observed on
the texts it produces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pytest

from autogen_lint.findings import Applicability, Edit, Finding, Fix
from autogen_lint.fix.apply import MAX_PASSES, fix_text, python_error
from autogen_lint.fix.diff import unified_diff
from autogen_lint.fix.edits import Overlap, apply_edits, line_offsets, overlaps


def finding(code: str, line: int, col: int, fix: Fix | None) -> Finding:
    return Finding(code, line, col, line, col, "message", "https://example.invalid", fix=fix)


def safe(title: str, *edits: Edit) -> Fix:
    return Fix(title, Applicability.SAFE, edits)


def only_safe(fix: Fix | None) -> bool:
    return fix is not None and fix.applicable and fix.applicability is Applicability.SAFE


Make = Callable[[int, re.Match[str]], Finding]


def each_line(pattern: str, make: Make) -> Callable[[str], Sequence[Finding]]:
    """A stand-in rule: a finding (with the fix ``make`` builds) for every match of ``pattern``."""

    def check(text: str) -> Sequence[Finding]:
        found = []
        for number, line in enumerate(text.split("\n"), start=1):
            for match in re.finditer(pattern, line):
                found.append(make(number, match))
        return found

    return check


def replacing(code: str, content: Callable[[re.Match[str]], str], *, at_end: bool = False) -> Make:
    """Findings whose safe fix replaces the match (or inserts at its end) with ``content``."""

    def make(number: int, match: re.Match[str]) -> Finding:
        start = match.end() if at_end else match.start()
        edit = Edit(number, start, number, match.end(), content(match))
        return finding(code, number, match.start(), safe(code, edit))

    return make


# Edits


def test_edits_apply_on_any_line_ending_and_write_that_ending() -> None:
    text = "a = 1\r\nb = c(2)\r\n"
    edits = [Edit(2, 4, 2, 4, "await "), Edit(1, 0, 1, 0, "import x\n")]
    assert apply_edits(text, edits, "\r\n") == "import x\r\na = 1\r\nb = await c(2)\r\n"
    assert line_offsets("a\rb\r\nc\nd") == [0, 2, 5, 7]


def test_identical_edits_are_made_once_and_insertions_keep_their_order() -> None:
    text = "x\n"
    one = Edit(1, 0, 1, 0, "import a\n")
    assert apply_edits(text, [one, one]) == "import a\nx\n"
    assert apply_edits(text, [one, Edit(1, 0, 1, 0, "import b\n")]) == "import a\nimport b\nx\n"


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(Overlap):
        apply_edits("abcdef", [Edit(1, 0, 1, 3, "X"), Edit(1, 2, 1, 4, "Y")])
    assert overlaps(Edit(1, 0, 1, 3), Edit(1, 2, 1, 4))
    assert not overlaps(Edit(1, 0, 1, 0, "a"), Edit(1, 0, 1, 0, "b"))
    assert not overlaps(Edit(1, 0, 1, 2), Edit(1, 2, 1, 4))
    assert not overlaps(Edit(1, 0, 1, 2, cell=1), Edit(1, 0, 1, 2, cell=2))


# The loop


def test_fixes_repeat_until_nothing_is_left() -> None:
    # Each pass turns one level of "((x))" into "(x)": it takes several passes to reach "x".
    check = each_line(
        r"\(([^()]*)\)",
        lambda n, m: finding("AGL703", n, m.start(), safe("unwrap", Edit(n, m.start(), n, m.end(), m.group(1)))),
    )
    outcome = fix_text("y = (((1)))\n", check, only_safe)
    assert outcome.document == "y = 1\n"
    assert outcome.applied == {"AGL703": 3}
    assert outcome.findings == ()
    assert outcome.error is None and outcome.unconverged == ()


def test_overlapping_fixes_wait_for_the_next_pass() -> None:
    # Two fixes over the same text: the first is taken, the other is retried on the new text.
    def check(text: str) -> Sequence[Finding]:
        found = []
        if "ab" in text:
            at = text.index("ab")
            found.append(finding("AGL101", 1, at, safe("ab", Edit(1, at, 1, at + 2, "AB"))))
        if "bc" in text.lower() and "BC" not in text:
            at = text.lower().index("bc")
            found.append(finding("AGL102", 1, at, safe("bc", Edit(1, at, 1, at + 2, "BC"))))
        return found

    outcome = fix_text("abc\n", check, only_safe)
    assert outcome.document == "ABC\n"
    assert outcome.applied == {"AGL101": 1, "AGL102": 1}
    assert outcome.passes == 2


def test_two_fixes_adding_the_same_import_add_it_once() -> None:
    def check(text: str) -> Sequence[Finding]:
        found = []
        for number, line in enumerate(text.split("\n"), start=1):
            if line.startswith("run("):
                edits = (Edit(1, 0, 1, 0, "import asyncio\n"), Edit(number, 0, number, 0, "asyncio."))
                found.append(finding("AGL711", number, 0, safe("qualify", *edits)))
        return found

    outcome = fix_text("run(a)\nrun(b)\n", check, only_safe)
    assert outcome.document == "import asyncio\nasyncio.run(a)\nasyncio.run(b)\n"
    assert outcome.applied == {"AGL711": 2}


def test_a_fix_that_breaks_the_code_leaves_the_text_as_it_was() -> None:
    check = each_line(
        r"good", lambda n, m: finding("AGL704", n, m.start(), safe("break", Edit(n, m.start(), n, m.end(), "(")))
    )
    outcome = fix_text("x = good\n", check, only_safe)
    assert outcome.document == "x = good\n"
    assert not outcome.changed
    assert outcome.error is not None and "AGL704" in outcome.error and "syntax error" in outcome.error
    assert [f.code for f in outcome.findings] == ["AGL704"]


def test_fixes_that_never_settle_stop_after_the_last_pass() -> None:
    check = each_line(
        r"^x+", lambda n, m: finding("AGL702", n, m.start(), safe("grow", Edit(n, m.end(), n, m.end(), "x")))
    )
    outcome = fix_text("x\n", check, only_safe)
    assert outcome.unconverged == ("AGL702",)
    assert outcome.passes == MAX_PASSES
    assert outcome.document == "x" * (1 + MAX_PASSES) + "\n"
    assert python_error(outcome.document) is None


def test_only_the_fixes_the_caller_accepts_are_applied() -> None:
    def make(n: int, m: re.Match[str]) -> Finding:
        grade = Applicability.UNSAFE if m.group() == "u" else Applicability.DISPLAY_ONLY
        return finding("AGL701", n, m.start(), Fix("t", grade, (Edit(n, m.start(), n, m.end(), "z"),)))

    check = each_line(r"[ud]", make)
    assert fix_text("u = d\n", check, only_safe).document == "u = d\n"

    def unsafe_too(fix: Fix | None) -> bool:
        return fix is not None and fix.applicable

    assert fix_text("u = d\n", check, unsafe_too).document == "z = d\n"


def test_diff_names_the_file_and_marks_a_missing_final_newline() -> None:
    diff = unified_diff("a\nb", "a\nB\n", "m.py")
    assert diff.splitlines()[:2] == ["--- m.py", "+++ m.py"]
    assert "-b\n\\ No newline at end of file\n+B\n" in diff
    assert unified_diff("same\n", "same\n", "m.py") == ""


# Notebook JSON


def test_notebook_sources_are_replaced_in_place_in_their_own_style() -> None:
    import json

    from autogen_lint.fix.notebook_json import replace_sources, source_spans

    document = {
        "cells": [
            {"cell_type": "code", "source": "import autogen\nx = 'é'", "outputs": []},
            {"cell_type": "markdown", "source": []},
            {"cell_type": "code", "source": ["a\n", "b\n", "c"], "metadata": {"id": "k"}},
        ],
        "nbformat": 4,
    }
    escaped = json.dumps(document, indent=2)  # ASCII with \u escapes, two-space indentation
    assert set(source_spans(escaped)) == {1, 2, 3}
    changed = replace_sources(escaped, {1: "import autogen  # ok\nx = 'é'", 3: "a\nB\nc"})
    assert json.loads(changed)["cells"][0]["source"] == "import autogen  # ok\nx = 'é'"
    assert json.loads(changed)["cells"][2]["source"] == ["a\n", "B\n", "c"]
    assert changed.isascii()
    assert changed == escaped.replace("import autogen\\n", "import autogen  # ok\\n").replace('"b\\n"', '"B\\n"')
    assert replace_sources(escaped, {}) == escaped


def test_a_fixed_text_must_compile_when_the_original_did() -> None:
    from autogen_lint.fix.apply import still_valid

    # `await` outside `async def` parses, but does not compile: a fix must not produce it.
    assert python_error("def f():\n    await x\n") == "line 2: SyntaxError: 'await' outside async function"
    assert still_valid("def f():\n    x\n")("def f():\n    await x\n") is not None
    # A notebook cell may await at its top level.
    assert python_error("await x\n", top_level_await=True) is None
    # Code that never compiled (a script-level `return`) is only asked to keep parsing.
    assert still_valid("return 1\n")("return 2  # noqa\n") is None
    assert still_valid("return 1\n")("return (\n") is not None
