"""The baseline for ``check``: finding identities that survive unrelated edits, and the command's gate."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

import pytest
from test_cli import findings, notebook, run, write

from autogen_lint.engine import check_source
from autogen_lint.findings import Finding
from autogen_lint.output import FORMATS
from autogen_lint.report.fingerprint import Mark, flagged_text, marks
from autogen_lint.source import split_lines

APP = dedent("""\
    from autogen import AssistantAgent, UserProxyAgent


    def build():
        assistant = AssistantAgent("assistant", llm_config={"model": "gpt-4o"})
        return assistant


    def talk(user, assistant):
        user.initiate_chat(assistant, message="Plot a chart.")
""")


def identities(source: str, path: str = "app.py") -> list[Mark]:
    result = check_source(source)
    assert result.error is None
    return marks(path, result.findings, {None: split_lines(source)})


def test_flagged_text_is_the_span_or_else_the_line() -> None:
    lines = ["x = f(a,", "      b)", "y"]
    span = Finding("AGL301", 1, 4, 2, 8, "m", "u")
    assert flagged_text(lines, span) == "f(a,\n      b)"
    assert flagged_text(lines, Finding("AGL001", 3, 1, 3, 1, "m", "u")) == "y"
    assert flagged_text(lines, Finding("AGL001", 9, 0, 9, 0, "m", "u")) == ""


def test_identities_survive_inserted_lines_and_reformatting_elsewhere() -> None:
    before = identities(APP)
    assert len(before) == 4
    shifted = "import os\nimport sys\n\n" + APP.replace("return assistant", "return  (assistant)")
    assert identities(shifted) == before


def test_identities_survive_moved_functions() -> None:
    head, build, talk = APP.split("\n\n\n")
    moved = "\n\n\n".join([head, talk.rstrip("\n"), build]) + "\n"
    assert sorted(identities(moved)) == sorted(before := identities(APP)) and len(before) == 4


def test_identities_survive_rewrapping_the_flagged_call() -> None:
    wrapped = APP.replace(
        'user.initiate_chat(assistant, message="Plot a chart.")',
        'user.initiate_chat(\n        assistant,\n        message="Plot a chart.",\n    )'.replace(
            ",\n    )", "\n    )"
        ),
    )
    assert identities(wrapped) == identities(APP)


def test_a_copy_of_a_flagged_call_is_a_new_occurrence() -> None:
    copied = APP + '    user.initiate_chat(assistant, message="Plot a chart.")\n'
    before, after = set(identities(APP)), identities(copied)
    new = [mark for mark in after if mark not in before]
    assert [(mark.code, mark.index) for mark in new] == [("AGL301", 1)]


def test_identities_depend_on_the_path_and_code() -> None:
    assert {mark.path for mark in identities(APP, "pkg/other.py")} == {"pkg/other.py"}
    assert len({(mark.code, mark.digest) for mark in identities(APP)}) == 4


# The command


def test_write_baseline_then_only_new_findings_fail(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": APP, "clean.py": "import os\n"})
    written = run("check", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert "Wrote a baseline of 4 findings in 1 file to baseline.json" in written.stderr
    assert written.stdout == ""
    recorded = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    reported = findings(run("check", "--format", "json", cwd=tmp_path))
    assert [(r["code"], r["line"]) for r in recorded] == [(f["code"], f["line"]) for f in reported]
    clean = run("check", "--baseline", "baseline.json", cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "No findings" in clean.stdout
    assert "4 findings in the baseline not shown" in clean.stderr

    edited = "# a comment\n\n" + APP + '\n\ndef again(user, other):\n    user.initiate_chat(other, message="Hi.")\n'
    (tmp_path / "app.py").write_text(edited, encoding="utf-8")
    result = run("check", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert [(f["code"], f["line"]) for f in findings(result)] == [("AGL301", 16)]


def test_fixed_baseline_findings_are_counted(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": APP, "b.py": "import autogen\n"})
    assert run("check", "--write-baseline", "base.json", cwd=tmp_path).returncode == 0
    (tmp_path / "app.py").write_text(APP.replace("user.initiate_chat", "user.run"), encoding="utf-8")
    result = run("check", "--baseline", "base.json", cwd=tmp_path)
    assert result.returncode == 0
    assert "1 baseline finding fixed; run with --write-baseline to shrink it" in result.stderr
    (tmp_path / "app.py").write_text("import os\n", encoding="utf-8")
    result = run("check", "--baseline", "base.json", cwd=tmp_path)
    assert "4 baseline findings fixed; run with --write-baseline to shrink it" in result.stderr
    # Checking one file does not count the other files' baseline findings as fixed.
    only = run("check", "--baseline", "base.json", "b.py", cwd=tmp_path)
    assert only.returncode == 0 and "fixed" not in only.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_output_format_shows_only_new_findings(tmp_path: Path, fmt: str) -> None:
    write(tmp_path, {"old.py": "import autogen\n"})
    assert run("check", "--write-baseline", "b.json", cwd=tmp_path).returncode == 0
    write(tmp_path, {"new.py": "from autogen import GroupChat\n"})
    result = run("check", "--baseline", "b.json", "--output-format", fmt, cwd=tmp_path)
    assert result.returncode == 1
    assert "new.py" in result.stdout
    if fmt == "junit":  # every checked file is a test case; the baselined one passes
        assert '<testcase name="old.py" classname="autogen-lint" file="old.py" />' in result.stdout
        assert 'failures="1"' in result.stdout
    else:
        assert "old.py" not in result.stdout


def test_notebooks_keep_their_identity_when_cells_are_added(tmp_path: Path) -> None:
    cell = 'from autogen import AssistantAgent\nagent = AssistantAgent("a", llm_config=False)\n'
    write(tmp_path, {"nb.ipynb": notebook(cell)})
    assert run("check", "--write-baseline", "b.json", cwd=tmp_path).returncode == 0
    write(
        tmp_path, {"nb.ipynb": notebook(("markdown", "# Intro"), "import os\n", cell, "agent.initiate_chat(agent)\n")}
    )
    result = run("check", "--baseline", "b.json", "--format", "json", cwd=tmp_path)
    assert [(f["code"], f["cell"]) for f in findings(result)] == [("AGL301", 4)]


def test_the_baseline_configuration_key(tmp_path: Path) -> None:
    write(tmp_path, {"src/app.py": APP, "pyproject.toml": '[tool.autogen-lint]\nbaseline = "ci/baseline.json"\n'})
    (tmp_path / "ci").mkdir()
    assert run("check", "--write-baseline", "ci/baseline.json", cwd=tmp_path).returncode == 0
    from_subdirectory = run("check", ".", cwd=tmp_path / "src")
    assert from_subdirectory.returncode == 0, from_subdirectory.stdout + from_subdirectory.stderr


def test_a_bad_baseline_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": APP, "bad.json": "{not json", "list.json": "[1, 2]", "odd.json": '{"findings": [{}]}'})
    for name in ("missing.json", "bad.json", "list.json", "odd.json"):
        result = run("check", "--baseline", name, cwd=tmp_path)
        assert result.returncode == 2, name
        assert "baseline" in result.stderr and "Traceback" not in result.stderr
    write(tmp_path, {"pyproject.toml": "[tool.autogen-lint]\nbaseline = 3\n"})
    assert run("check", cwd=tmp_path).returncode == 2
