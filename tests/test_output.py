"""The output formats on findings built here: snippets, fix marks and summaries, fix data.

Few rules carry fixes yet, so the findings with fixes (safe, unsafe, display-only, in a notebook
cell) are made here; the command's own end-to-end runs are in ``test_cli_output.py``.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import jsonschema
import pytest
from harness import TESTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autogen_lint.config import Config
from autogen_lint.findings import Applicability, Edit, Finding, Fix
from autogen_lint.output import FORMATS, Terminal, pieces, render
from autogen_lint.output.common import each, fix_summary, split_message
from autogen_lint.output.full import Options, full
from autogen_lint.output.records import as_json, json_lines, record
from autogen_lint.output.sarif import sarif
from autogen_lint.runner import FileReport

URL = "https://guide.example/migration#assistant-agent"
SARIF_SCHEMA = json.loads((TESTS / "data" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))

SOURCE = """\
import asyncio
from autogen_agentchat.agents import AssistantAgent


async def main(client):
    agent = AssistantAgent("a", model_client=client)
    agent.run(task="x")
    await asyncio.sleep(0)
"""

AWAIT = Fix("Add `await`", Applicability.SAFE, (Edit(7, 4, 7, 4, "await "),))
CLOSE = Fix("Close the client in `finally`", Applicability.UNSAFE, (Edit(8, 4, 8, 26, "await client.close()"),))
IMPORT = Fix("Import `AssistantAgent` from `autogen_agentchat.agents`", Applicability.DISPLAY_ONLY, ())


def finding(code: str, line: int, col: int, end_line: int, end_col: int, fix: Fix | None = None) -> Finding:
    message = f"`thing` is wrong for {code}; write `other`"
    return Finding(code, line, col, end_line, end_col, message, URL, fix=fix)


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file to show snippets of; paths in reports are relative to the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def report(*findings: Finding, path: str = "app.py") -> FileReport:
    return FileReport(path, tuple(findings))


# full


def test_full_shows_the_lines_with_a_caret_help_and_the_guide(app: Path) -> None:
    out = full([report(finding("AGL703", 7, 4, 7, 23, AWAIT))], 1, Config())
    assert out == (
        "app.py:7:5: AGL703 [*] `thing` is wrong for AGL703\n"
        "  |\n"
        "5 | async def main(client):\n"
        '6 |     agent = AssistantAgent("a", model_client=client)\n'
        '7 |     agent.run(task="x")\n'
        "  |     ^^^^^^^^^^^^^^^^^^^ AGL703\n"
        "8 |     await asyncio.sleep(0)\n"
        "  |\n"
        "  = help: write `other`\n"
        "  = help: Add `await`\n"
        f"  = guide: {URL}\n"
        "\n"
        "Found 1 finding in 1 of 1 file checked.\n"
        "1 fixable with `--fix`\n"
    )


def test_full_context_stops_at_blank_lines_and_the_file_start(app: Path) -> None:
    out = full([report(finding("AGL101", 2, 37, 2, 51))], 1, Config())
    lines = out.splitlines()
    assert lines[1:6] == [
        "  |",
        "1 | import asyncio",
        "2 | from autogen_agentchat.agents import AssistantAgent",
        "  | " + " " * len("from autogen_agentchat.agents import ") + "^" * len("AssistantAgent") + " AGL101",
        "  |",
    ]
    assert "[*]" not in out and "fixable" not in out


def test_full_underlines_every_line_of_a_multi_line_range(app: Path) -> None:
    out = full([report(finding("AGL702", 6, 4, 8, 26))], 1, Config())
    assert (
        '6 |     agent = AssistantAgent("a", model_client=client)\n'
        "  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        '7 |     agent.run(task="x")\n'
        "  |     ^^^^^^^^^^^^^^^^^^^\n"
        "8 |     await asyncio.sleep(0)\n"
        "  |     ^^^^^^^^^^^^^^^^^^^^^^ AGL702\n"
    ) in out


def test_full_elides_the_middle_of_a_long_range(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "long.py").write_text("".join(f"x{n} = {n}\n" for n in range(1, 21)), encoding="utf-8")
    out = full([report(finding("AGL702", 3, 0, 15, 7), path="long.py")], 1, Config())
    numbers = [line.split(" |")[0].strip() for line in out.splitlines() if " | x" in line]
    assert numbers == ["1", "2", "3", "4", "5", "14", "15", "16", "17"]
    assert ".. |" in out


def test_full_lines_carets_up_under_tabs_and_wide_characters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.py").write_text("if x:\n\ts = '日本'; f(s)\n", encoding="utf-8")
    out = full([report(finding("AGL703", 2, 11, 2, 15), path="t.py")], 1, Config())
    drawn, carets = (line[4:] for line in out.splitlines()[3:5])
    assert drawn == "    s = '日本'; f(s)"
    assert carets == " " * 16 + "^^^^ AGL703"  # two columns for each wide character


def test_full_never_writes_control_characters_of_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "e.py").write_text("x = '\x1b[2J\x07'; f(x)\n", encoding="utf-8")
    out = full([report(finding("AGL703", 1, 13, 1, 17), path="e.py")], 1, Config())
    assert "\x1b" not in out and "\x07" not in out
    drawn, carets = out.splitlines()[2:4]
    assert drawn == "1 | x = '\ufffd[2J\ufffd'; f(x)"
    assert carets.index("^") == drawn.index("f(x)")


def test_full_shows_a_notebook_cell_and_survives_a_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Title"]},
        {"cell_type": "code", "metadata": {}, "source": ["%pip install x\n", "import autogen\n"], "outputs": []},
    ]
    (tmp_path / "nb.ipynb").write_text(json.dumps({"cells": cells, "nbformat": 4}), encoding="utf-8")
    notebook = Finding("AGL101", 2, 7, 2, 14, "`autogen` is v0.2", URL, cell=2)
    gone = finding("AGL201", 3, 0, 3, 4)
    out = full([report(notebook, path="nb.ipynb"), report(gone, path="gone.py")], 2, Config())
    assert (
        "nb.ipynb:cell 2:2:8: AGL101 `autogen` is v0.2\n"
        "  |\n"
        "1 | %pip install x\n"
        "2 | import autogen\n"
        "  |        ^^^^^^^ AGL101\n"
        "  |\n"
        f"  = guide: {URL}\n"
    ) in out
    assert f"gone.py:3:1: AGL201 `thing` is wrong for AGL201\n  = help: write `other`\n  = guide: {URL}\n" in out


def test_full_hyperlinks_replace_the_guide_line(app: Path) -> None:
    out = full([report(finding("AGL703", 7, 4, 7, 23))], 1, Config(), Options(colour=True, hyperlinks=True))
    assert f"\033]8;;{URL}\033\\\033[1;31mAGL703\033[0m\033]8;;\033\\" in out
    assert "guide\033[0m:" not in out
    plain = full([report(finding("AGL703", 7, 4, 7, 23))], 1, Config(), Options(colour=True))
    assert "\033]8;;" not in plain and "guide\033[0m:" in plain


def test_full_help_says_how_each_kind_of_fix_is_applied(app: Path) -> None:
    found = [finding("AGL703", 7, 4, 7, 23, AWAIT), finding("AGL702", 8, 4, 8, 26, CLOSE)]
    found.append(finding("AGL101", 2, 37, 2, 51, IMPORT))
    out = full([report(*found)], 1, Config())
    assert "  = help: Add `await`\n" in out
    assert "  = help: Close the client in `finally` (an unsafe fix; applied with `--fix --unsafe-fixes`)\n" in out
    assert "Import `AssistantAgent`" not in out  # a suggestion without an edit repeats the advice
    shown = Fix("Rename it", Applicability.DISPLAY_ONLY, (Edit(2, 37, 2, 51, "Agent"),))
    suggested = full([report(finding("AGL101", 2, 37, 2, 51, shown))], 1, Config())
    assert "  = help: Rename it (a suggestion; not applied by `--fix`)\n" in suggested
    assert out.endswith("1 fixable with `--fix` (1 more with `--unsafe-fixes`)\n")
    unsafe_on = full([report(*found)], 1, Config(unsafe_fixes=True))
    assert unsafe_on.count("[*]") == 2
    assert unsafe_on.endswith("2 fixable with `--fix`\n")


# summaries and marks


def test_fix_summary_counts() -> None:
    only_unsafe = [report(finding("AGL702", 8, 4, 8, 26, CLOSE))]
    assert fix_summary(only_unsafe, Config()) == (
        "No fixes available (1 hidden fix can be enabled with `--unsafe-fixes`)"
    )
    assert fix_summary(only_unsafe, Config(unsafe_fixes=True)) == "1 fixable with `--fix`"
    assert fix_summary([report(finding("AGL101", 2, 37, 2, 51, IMPORT))], Config()) is None
    assert fix_summary([report(finding("AGL101", 2, 37, 2, 51))], Config()) is None


@pytest.mark.parametrize("fmt", ["concise", "text"])
def test_one_line_formats_mark_fixable_findings(fmt: str) -> None:
    found = [finding("AGL703", 7, 4, 7, 23, AWAIT), finding("AGL702", 8, 4, 8, 26, CLOSE)]
    out = render(fmt, [report(*found)], 1, Config(), Terminal()).splitlines()
    link = f"; see {URL}" if fmt == "text" else ""
    assert out == [
        f"app.py:7:5: AGL703 [*] `thing` is wrong for AGL703; write `other`{link}",
        f"app.py:8:5: AGL702 `thing` is wrong for AGL702; write `other`{link}",
        "Found 2 findings in 1 of 1 file checked.",
        "1 fixable with `--fix` (1 more with `--unsafe-fixes`)",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_pieces_written_are_the_rendered_text(app: Path, fmt: str) -> None:
    reports = [
        report(finding("AGL703", 7, 4, 7, 23, AWAIT)),
        report(path="clean.py"),
        report(finding("AGL101", 2, 0, 2, 4)),
    ]
    for shown in (reports, reports[1:2], []):
        assert "".join(pieces(fmt, shown, 3, Config(), Terminal())) == render(fmt, shown, 3, Config(), Terminal())


def test_split_message_keeps_quoted_semicolons() -> None:
    assert split_message("`a; b` is v0.2; use `c; d`; then e") == ("`a; b` is v0.2", "use `c; d`; then e")
    assert split_message("file could not be read: bad") == ("file could not be read: bad", None)
    assert split_message("`a;; b`;; c") == ("`a;; b`;", "c")
    assert split_message("`unclosed; x") == ("`unclosed; x", None)
    assert split_message("; first") == ("", "first")


@given(st.text(alphabet="`; ab", max_size=30))
def test_split_message_splits_at_the_first_unquoted_semicolon(message: str) -> None:
    quoted = False
    for index, char in enumerate(message):  # the definition, a character at a time
        if char == "`":
            quoted = not quoted
        elif not quoted and message.startswith("; ", index):
            assert split_message(message) == (message[:index], message[index + 2 :])
            return
    assert split_message(message) == (message, None)


# fix data


def test_json_carries_fixes_as_ruff_does() -> None:
    cell_fix = Fix("Add `await`", Applicability.SAFE, (Edit(1, 0, 1, 0, "await ", cell=3),))
    in_cell = Finding("AGL703", 1, 0, 1, 9, "m", URL, cell=3, fix=cell_fix)
    records = json.loads(
        as_json([report(finding("AGL703", 7, 4, 7, 23, AWAIT), finding("AGL101", 2, 0, 2, 4)), report(in_cell)])
    )
    assert records[0]["fix"] == {
        "applicability": "safe",
        "message": "Add `await`",
        "edits": [{"content": "await ", "location": {"row": 7, "column": 5}, "end_location": {"row": 7, "column": 5}}],
    }
    assert records[1]["fix"] is None
    assert records[2]["fix"]["edits"][0] == {
        "content": "await ",
        "location": {"row": 1, "column": 1},
        "end_location": {"row": 1, "column": 1},
        "cell": 3,
    }
    lines = json_lines([report(finding("AGL703", 7, 4, 7, 23, AWAIT))]).splitlines()
    assert [json.loads(line) for line in lines] == records[:1]


def test_json_is_laid_out_as_json_dumps_lays_it_out() -> None:
    """The one-pass writer gives the bytes ``json.dumps(records, indent=2)`` gives."""
    edits = (Edit(1, 0, 1, 0, "await \U0001f600", cell=3), Edit(2, 4, 3, 0, "", cell=3), Edit(5, 1, 5, 2, "\\x"))
    cell_fix = Fix('Add `await` \u00e9\t"x"', Applicability.UNSAFE, edits)
    odd = Finding("AGL703", 1, 0, 1, 9, "m\u00fc\\n\x00", URL, cell=3, fix=cell_fix)
    empty = Finding("AGL701", 2, 0, 2, 1, "m", URL, fix=Fix("Nothing to edit", Applicability.DISPLAY_ONLY, ()))
    reports = [report(finding("AGL703", 7, 4, 7, 23, AWAIT), finding("AGL101", 2, 0, 2, 4)), report(odd, empty)]
    expected = json.dumps([record(path, found) for path, found in each(reports)], indent=2) + "\n"
    assert as_json(reports) == expected
    assert as_json([]) == json.dumps([], indent=2) + "\n"


def test_a_report_in_every_form_and_pickled_prints_the_same() -> None:
    """A worker sends a report as its findings, its records or its printed records; each prints alike."""
    cell_fix = Fix("Add `await`", Applicability.SAFE, (Edit(1, 0, 1, 0, "await ", cell=3),))
    findings = (finding("AGL703", 7, 4, 7, 23, AWAIT), Finding("AGL703", 1, 0, 1, 9, "m", URL, cell=3, fix=cell_fix))
    whole = FileReport('dir/"odd" \u00e9.py', findings, "key.py", "digest", "autogen.LLMConfig")
    empty = FileReport("clean.py", (), "clean.py", records="")
    expected = json.dumps([record(whole.path, found) for found in findings], indent=2) + "\n"
    for form in (whole, whole.records_only(), whole.printed_only(), whole.printed_only().records_only()):
        for report_ in (form, pickle.loads(pickle.dumps(form, pickle.HIGHEST_PROTOCOL))):
            assert report_ == whole and report_.has_findings
            assert (report_.key, report_.digest, report_.ag2) == ("key.py", "digest", "autogen.LLMConfig")
            assert as_json([empty, report_, empty]) == expected
            assert report_.records == whole.records and '"path": "",' in report_.records
    for report_ in (empty, pickle.loads(pickle.dumps(empty))):
        assert report_ == FileReport("clean.py", (), "clean.py") and not report_.has_findings
    assert as_json([empty]) == "[]\n"


def test_sarif_carries_safe_and_unsafe_fixes_and_validates() -> None:
    found = [
        finding("AGL703", 7, 4, 7, 23, AWAIT),
        finding("AGL702", 8, 4, 8, 26, CLOSE),
        finding("AGL101", 2, 37, 2, 51, IMPORT),
        finding("AGL201", 3, 0, 3, 4),
    ]
    cell = Finding(
        "AGL703", 1, 0, 1, 9, "m", URL, cell=2, fix=Fix("t", Applicability.SAFE, (Edit(1, 0, 1, 0, "await ", 2),))
    )
    document = json.loads(sarif([report(*found), report(cell, path="nb.ipynb")], Config().settings))
    jsonschema.validate(document, SARIF_SCHEMA)
    safe, unsafe, suggestion, plain, notebook = document["runs"][0]["results"]
    assert safe["fixes"] == [
        {
            "description": {"text": "Add `await`"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "app.py", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {"startLine": 7, "startColumn": 5, "endLine": 7, "endColumn": 5},
                            "insertedContent": {"text": "await "},
                        }
                    ],
                }
            ],
        }
    ]
    assert safe["properties"] == {"applicability": "safe"}
    replacement = unsafe["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["deletedRegion"] == {"startLine": 8, "startColumn": 5, "endLine": 8, "endColumn": 27}
    assert unsafe["properties"] == {"applicability": "unsafe"}
    assert "fixes" not in suggestion and suggestion["properties"] == {"applicability": "display-only"}
    assert "fixes" not in plain and "properties" not in plain
    # A cell's lines are not the notebook file's lines: the grade is given, the edit is not.
    assert "fixes" not in notebook and notebook["properties"] == {"cell": 2, "applicability": "safe"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(alphabet=st.sampled_from("ab\t\n\r日\x1b é"), max_size=40),
    line=st.integers(0, 8),
    col=st.integers(0, 50),
    end_line=st.integers(0, 8),
    end_col=st.integers(0, 50),
)
def test_full_draws_any_position_in_any_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, line: int, col: int, end_line: int, end_col: int
) -> None:
    """Positions from a file that changed since it was checked still draw (or leave the snippet out)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "any.py").write_text(text, encoding="utf-8", newline="")
    out = full([report(finding("AGL703", line, col, end_line, end_col), path="any.py")], 1, Config())
    assert out.startswith(f"any.py:{line}:{col + 1}: AGL703 ") and "\x1b" not in out
