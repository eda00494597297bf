"""The installed ``autogen-lint`` command, run as a subprocess: formats, exit codes, configuration,
suppression, notebooks, dependency files, discovery and parallel runs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from textwrap import dedent
from typing import Any

import jsonschema
import pytest
from harness import TESTS

from autogen_lint.catalog import RULES, iter_rules
from autogen_lint.docs import render_rule
from autogen_lint.settings import DEFAULT_GUIDE_URL

EXECUTABLE = Path(sys.executable).with_name("autogen-lint")
SARIF_SCHEMA = json.loads((TESTS / "data" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))

V02 = dedent("""\
    from autogen import AssistantAgent
    assistant = AssistantAgent("assistant", llm_config={"model": "gpt-4o"})
""")
V04_MISTAKE = dedent("""\
    from autogen_agentchat.agents import AssistantAgent
    async def main(client):
        agent = AssistantAgent("a", model_client=client)
        agent.run(task="x")
""")
CLEAN = "from autogen_agentchat.agents import AssistantAgent\n"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    environment.update(env or {})
    return subprocess.run(
        [str(EXECUTABLE), *args], cwd=cwd, capture_output=True, text=True, check=False, env=environment
    )


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def findings(result: subprocess.CompletedProcess[str]) -> list[dict]:
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def codes_at(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["code"]) for f in findings(result)]


def notebook(*cells: str | tuple[str, str]) -> str:
    """A notebook JSON: strings are code cells, ("markdown", text) other cells."""
    out = []
    for cell in cells:
        kind, text = cell if isinstance(cell, tuple) else ("code", cell)
        out.append({"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True), "outputs": []})
    return json.dumps({"cells": out, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


# Output formats


def test_text_format(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": V02})
    result = run("check", "--output-format", "text", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "app.py:1:21: AGL101 `autogen.AssistantAgent` is AutoGen v0.2 API; use "
        "`from autogen_agentchat.agents import AssistantAgent` (it takes `model_client=` instead of "
        f"`llm_config=`); see {DEFAULT_GUIDE_URL}#assistant-agent"
    )
    assert lines[1].startswith("app.py:2:41: AGL201 `llm_config=` is AutoGen v0.2 configuration;")
    assert lines[-1] == "Found 2 findings in 1 of 1 file checked."
    assert "\033[" not in result.stdout


def test_text_colour_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": V02})
    assert "\033[1;33mAGL101\033[0m" in run("check", cwd=tmp_path, env={"FORCE_COLOR": "1"}).stdout
    assert "\033[" not in run("check", cwd=tmp_path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_clean_summary(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": CLEAN, "other.py": "x = 1\n"})
    result = run("check", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "No findings (2 files checked).\n")


def test_json_format(tmp_path: Path) -> None:
    write(tmp_path, {"pkg/app.py": V02, "pkg/v04.py": V04_MISTAKE})
    records = findings(run("check", "--format", "json", cwd=tmp_path))
    assert records[0] == {
        "path": "pkg/app.py",
        "line": 1,
        "column": 21,
        "end_line": 1,
        "end_column": 35,
        "code": "AGL101",
        "symbol": "autogen-v02-import",
        "message": records[0]["message"],
        "url": f"{DEFAULT_GUIDE_URL}#assistant-agent",
        "severity": "warning",
        "cell": None,
        "fix": {
            "applicability": "display-only",
            "message": "v0.4: use `from autogen_agentchat.agents import AssistantAgent` (it takes `model_client=` "
            "instead of `llm_config=`)",
            "edits": [],
        },
    }
    assert not records[0]["message"].endswith(records[0]["url"])  # the link is its own field
    error = next(r for r in records if r["code"] == "AGL703")
    assert (error["path"], error["line"], error["column"], error["severity"]) == ("pkg/v04.py", 4, 5, "error")


def test_sarif_validates_and_carries_the_links(tmp_path: Path) -> None:
    write(
        tmp_path, {"app.py": V02, "nb.ipynb": notebook("import autogen\n"), "requirements.txt": "pyautogen==0.2.35\n"}
    )
    result = run("check", "--format", "sarif", cwd=tmp_path)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    jsonschema.validate(document, SARIF_SCHEMA)
    run_ = document["runs"][0]
    rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    assert set(rules) == set(RULES)
    llm = rules["AGL201"]
    assert llm["name"] == "autogen-llm-config"
    assert llm["helpUri"] == f"{DEFAULT_GUIDE_URL}#assistant-agent"
    assert llm["helpUri"] in llm["help"]["text"] and llm["helpUri"] in llm["help"]["markdown"]
    assert llm["help"]["markdown"] == render_rule(RULES["AGL201"])
    assert llm["shortDescription"]["text"] and llm["fullDescription"]["text"]
    results = run_["results"]
    by_rule = {r["ruleId"]: r for r in results}
    location = by_rule["AGL201"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "app.py"
    # SARIF columns are 1-based and the end column is the one after the region.
    assert location["region"] == {"startLine": 2, "startColumn": 41, "endLine": 2, "endColumn": 71}
    assert by_rule["AGL201"]["level"] == "warning"
    assert by_rule["AGL201"]["message"]["text"].endswith(f"see {DEFAULT_GUIDE_URL}#assistant-agent")
    notebook_result = next(
        r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "nb.ipynb"
    )
    assert notebook_result["properties"] == {"cell": 1, "applicability": "display-only"}
    assert "AGL103" in by_rule


def test_github_annotations(tmp_path: Path) -> None:
    write(
        tmp_path, {"app.py": V02, "v04.py": V04_MISTAKE, "nb.ipynb": notebook(("markdown", "# t"), "import autogen\n")}
    )
    result = run("check", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::warning file=app.py,line=1,col=21,endLine=1,endColumn=35,title=AGL101::`autogen.")
    assert lines[0].endswith(f"see {DEFAULT_GUIDE_URL}#assistant-agent".replace("%", "%25"))
    assert any(line.startswith("::error file=v04.py,line=4,col=5,") and "title=AGL703" in line for line in lines)
    assert any(line.startswith("::warning file=nb.ipynb,title=AGL101::cell 2, line 1, column 8: ") for line in lines)


def test_statistics(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": V02 + V02, "b.py": V02, "c.py": CLEAN})
    result = run("check", "--statistics", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "3  AGL101  autogen-v02-import",
        "3  AGL201  autogen-llm-config",
        "",
        "4  a.py",
        "2  b.py",
        "Found 6 findings in 2 of 3 files checked.",
    ]
    data = json.loads(run("check", "--statistics", "--format", "json", cwd=tmp_path).stdout)
    assert data["rules"][0] == {"code": "AGL101", "symbol": "autogen-v02-import", "count": 3}
    assert data["files"] == [{"path": "a.py", "count": 4}, {"path": "b.py", "count": 2}]
    assert (data["total"], data["files_checked"]) == (6, 3)


# Exit codes


def test_exit_codes(tmp_path: Path) -> None:
    write(tmp_path, {"clean/app.py": CLEAN, "dirty/app.py": V02})
    assert run("check", "clean", cwd=tmp_path).returncode == 0
    assert run("check", "dirty", cwd=tmp_path).returncode == 1
    assert run("check", "dirty", "--exit-zero", cwd=tmp_path).returncode == 0
    assert run("check", "--select", "AGL999", cwd=tmp_path).returncode == 2
    assert run("check", "--format", "xml", cwd=tmp_path).returncode == 2
    assert run("check", "--statistics", "--format", "sarif", cwd=tmp_path).returncode == 2
    assert run("frobnicate", cwd=tmp_path).returncode == 2


# Configuration


def test_pyproject_configuration(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": dedent("""\
                [tool.autogen-lint]
                select = ["AGL1", "AGL2"]
                ignore = ["AGL101"]
                extend-exclude = ["generated"]
                per-file-ignores = { "tests/*" = ["AGL201"] }
                guide-url = "https://intranet.example/migrate.html"
            """),
            "app.py": V02 + "user.initiate_chat(assistant)\n",
            "tests/test_app.py": V02,
            "generated/out.py": V02,
        },
    )
    result = run("check", "--format", "json", cwd=tmp_path)
    assert codes_at(result) == [("app.py", 2, "AGL201")]
    assert findings(result)[0]["url"] == "https://intranet.example/migrate.html#assistant-agent"
    # The nearest pyproject.toml applies from a subdirectory too (paths outside it are shown whole).
    from_below = codes_at(run("check", "--format", "json", "..", cwd=tmp_path / "tests"))
    assert from_below == [(str((tmp_path / "app.py").resolve()), 2, "AGL201")]


def test_command_line_overrides_and_isolated(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": '[tool.autogen-lint]\nselect = ["AGL2"]\n', "app.py": V02})
    assert [c for _, _, c in codes_at(run("check", "--format=json", cwd=tmp_path))] == ["AGL201"]
    assert [c for _, _, c in codes_at(run("check", "--format=json", "--select=AGL1", cwd=tmp_path))] == ["AGL101"]
    both = codes_at(run("check", "--format=json", "--extend-select", "AGL101", cwd=tmp_path))
    assert [c for _, _, c in both] == ["AGL101", "AGL201"]
    assert len(codes_at(run("check", "--format=json", "--isolated", cwd=tmp_path))) == 2
    other = tmp_path / "other.toml"
    other.write_text('[tool.autogen-lint]\nignore = ["AGL2"]\n')
    assert [c for _, _, c in codes_at(run("check", "--format=json", "--config", str(other), cwd=tmp_path))] == [
        "AGL101"
    ]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('selekt = ["AGL1"]', "unknown option 'selekt'"),
        ('select = ["E501"]', "unknown rule selector 'E501'"),
        ("select = 3", "select must be a list of strings"),
        ('guide-url = "ftp://x"', "guide-url must be an http(s) URL"),
        ("flag-compat-shims = 1", "flag-compat-shims must be true or false"),
    ],
)
def test_configuration_errors_exit_2(tmp_path: Path, table: str, message: str) -> None:
    write(tmp_path, {"pyproject.toml": f"[tool.autogen-lint]\n{table}\n", "app.py": V02})
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and result.stdout == ""


@pytest.mark.parametrize("command", ["check", "report", "migrate"])
def test_broken_pyproject_is_a_configuration_error(tmp_path: Path, command: str) -> None:
    """Found or named, a pyproject.toml that is not TOML stops every command: no findings on defaults."""
    write(tmp_path, {"pyproject.toml": '[tool.autogen-lint]\nselect = ["AGL7"\nignore = []\n', "app.py": V02})
    expected = "autogen-lint: error: pyproject.toml:3:1: invalid TOML: Unclosed array\n"
    for options in ((), ("--config", "pyproject.toml")):
        result = run(command, *options, cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", expected)
    write(tmp_path, {"pyproject.toml": "[project\n"})  # may hold the table: not read past
    result = run(command, cwd=tmp_path / ".")
    assert result.returncode == 2 and result.stderr.startswith("autogen-lint: error: pyproject.toml:1:9: invalid TOML")
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == V02


# Suppression


def test_noqa_comments(tmp_path: Path) -> None:
    source = dedent("""\
        from autogen import AssistantAgent  # noqa
        a = AssistantAgent("a", llm_config={})  # noqa: AGL201
        b = AssistantAgent("b", llm_config={})  # noqa: AGL101
        c = AssistantAgent("c", llm_config={})  # noqa:AGL2
        d = AssistantAgent("d", llm_config={})  # NOQA: AGL301, AGL201
        a.initiate_chat(b)  # noqa: AGL201,AGL301
        a.initiate_chat(c)
    """)
    write(tmp_path, {"app.py": source})
    assert codes_at(run("check", "--format=json", cwd=tmp_path)) == [("app.py", 3, "AGL201"), ("app.py", 7, "AGL301")]
    assert len(codes_at(run("check", "--format=json", "--ignore-noqa", cwd=tmp_path))) == 7


def test_file_level_noqa(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "all.py": "# autogen-lint: noqa\n" + V02,
            "some.py": V02 + "# autogen-lint: noqa: AGL101\n",
            "not_a_directive.py": V02 + "x = 1  # autogen-lint: noqa\n",
        },
    )
    assert codes_at(run("check", "--format=json", cwd=tmp_path)) == [
        ("not_a_directive.py", 1, "AGL101"),
        ("not_a_directive.py", 2, "AGL201"),
        ("some.py", 2, "AGL201"),
    ]


# Notebooks


def test_notebook_cells_form_one_module(tmp_path: Path) -> None:
    nb = notebook(
        ("markdown", "# Demo"),
        "%pip install pyautogen\n!ls\nfiles = !ls\nimport autogen\nfrom autogen import AssistantAgent as A\n",
        "%%capture\nassistant = A('a', llm_config=cfg)\n",
        "%%bash\necho llm_config=\n",
        "autogen.GroupChat?\nif True:\n    !pip install x\n    assistant.initiate_chat(assistant)  # noqa: AGL201\n",
    )
    write(tmp_path, {"demo.ipynb": nb})
    records = findings(run("check", "--format=json", cwd=tmp_path))
    assert [(r["cell"], r["line"], r["column"], r["code"]) for r in records] == [
        (2, 4, 8, "AGL101"),
        (2, 5, 21, "AGL101"),
        (3, 2, 20, "AGL201"),
        (5, 1, 1, "AGL101"),  # `autogen.GroupChat?`: IPython help, still a v0.2 name
        (5, 4, 5, "AGL301"),
    ]
    text = run("check", cwd=tmp_path).stdout
    assert text.startswith("demo.ipynb:cell 2:4:8: AGL101 ")


def test_broken_notebooks_are_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "a_invalid.ipynb": '{"cells": [',
            "b_broken_cell.ipynb": notebook("import autogen\n", "def broken(:\n    pass\n", "x.initiate_chat(y)\n"),
            "c_not_a_notebook.ipynb": '{"metadata": {}}',
            "d_app.py": V02,
        },
    )
    records = findings(run("check", "--format=json", cwd=tmp_path))
    assert [(r["path"], r["cell"], r["line"], r["code"]) for r in records] == [
        ("a_invalid.ipynb", None, 1, "AGL001"),
        ("b_broken_cell.ipynb", 1, 1, "AGL101"),
        ("b_broken_cell.ipynb", 2, 1, "AGL001"),
        ("b_broken_cell.ipynb", 3, 1, "AGL301"),
        ("c_not_a_notebook.ipynb", None, 1, "AGL001"),
        ("d_app.py", None, 1, "AGL101"),
        ("d_app.py", None, 2, "AGL201"),
    ]
    assert records[0]["message"].startswith("file could not be read or parsed: invalid notebook JSON")


# Dependency files (AGL103)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("requirements.txt", "numpy\npyautogen==0.2.35  # pinned\nautogen-agentchat>=0.4\n", [(2, 1)]),
        ("requirements-dev.txt", "-r requirements.txt\nautogen-agentchat~=0.2\n", [(2, 1)]),
        ("requirements/base.txt", "ag2[openai]==0.3.2\n", [(1, 1)]),
        (
            "pyproject.toml",
            '[project]\nname = "x"\ndependencies = [\n  "pyautogen>=0.2,<0.3",\n  "numpy",\n]\n'
            '[project.optional-dependencies]\nold = ["autogen-agentchat==0.2.*"]\nnew = ["autogen-agentchat>=0.4"]\n',
            [(4, 4), (8, 9)],
        ),
        (
            "pyproject.toml",
            '[tool.poetry.dependencies]\npython = "^3.10"\npyautogen = "^0.2.35"\n'
            '[tool.poetry.group.dev.dependencies]\nautogen = { version = "*" }\nautogen-agentchat = ">=0.4"\n',
            [(3, 1), (5, 1)],
        ),
        ("setup.cfg", "[options]\ninstall_requires =\n    pyautogen<0.3\n    numpy\n", [(3, 5)]),
        ("requirements.txt", "pyautogen>=0.10\nautogen-agentchat\n", []),
    ],
)
def test_dependency_pins(tmp_path: Path, name: str, content: str, expected: list[tuple[int, int]]) -> None:
    """With the AutoGen target set; without it, AG2 Classic pins (`ag2`, `autogen`) quiet the v0.2 rules."""
    write(tmp_path, {name: content})
    records = findings(run("check", "--format=json", "--target", "autogen", cwd=tmp_path))
    assert [(r["line"], r["column"]) for r in records] == expected
    assert all(r["code"] == "AGL103" and r["path"] == name for r in records)
    assert all("autogen-agentchat>=0.4" in r["message"] for r in records)
    inferred = findings(run("check", "--format=json", cwd=tmp_path))
    ag2_classic = "ag2" in content or "autogen = " in content
    assert inferred == ([] if ag2_classic else records)


def test_notebook_pip_pins_are_found_in_their_cells_and_fixed(tmp_path: Path) -> None:
    before = notebook(
        ("markdown", "# Setup"),
        "%pip install pyautogen==0.2.35\nimport os\n",
        '!pip install -q "autogen-agentchat~=0.2" numpy  # pinned\n',
        "!pip install pyautogen[retrievechat]==0.2.35 && echo done\n",
        "%pip install autogen-agentchat>=0.4 pyautogen\n",
    )
    write(tmp_path, {"nb.ipynb": before})
    records = findings(run("check", "--isolated", "--format=json", cwd=tmp_path))
    assert [(r["code"], r["cell"], r["line"], r["column"], r["end_column"]) for r in records] == [
        ("AGL103", 2, 1, 14, 31),
        ("AGL103", 3, 1, 17, 41),
        ("AGL103", 4, 1, 14, 45),
    ]
    assert all("`autogen-agentchat>=0.4` and `autogen-ext[openai]>=0.4`" in r["message"] for r in records)
    assert [r["fix"]["applicability"] for r in records] == ["unsafe", "unsafe", "display-only"]  # extras: advice only
    assert run("check", "--isolated", "--fix", cwd=tmp_path).returncode == 1  # unsafe: not applied by --fix alone
    assert (tmp_path / "nb.ipynb").read_text(encoding="utf-8") == before
    run("check", "--isolated", "--fix", "--unsafe-fixes", cwd=tmp_path)
    v04 = '"autogen-agentchat>=0.4" "autogen-ext[openai]>=0.4"'
    after = notebook(
        ("markdown", "# Setup"),
        f"%pip install {v04}\nimport os\n",
        f"!pip install -q {v04} numpy  # pinned\n",
        "!pip install pyautogen[retrievechat]==0.2.35 && echo done\n",
        "%pip install autogen-agentchat>=0.4 pyautogen\n",
    )
    fixed = (tmp_path / "nb.ipynb").read_text(encoding="utf-8")
    assert json.loads(fixed) == json.loads(after)
    again = run("check", "--isolated", "--fix", "--unsafe-fixes", "--format=json", cwd=tmp_path)
    assert [r["cell"] for r in findings(again)] == [4] and (tmp_path / "nb.ipynb").read_text(encoding="utf-8") == fixed


def test_dependency_noqa_and_invalid_toml(tmp_path: Path) -> None:
    """A broken pyproject.toml that is not the configuration (below the working directory) is a finding."""
    write(tmp_path, {"requirements.txt": "pyautogen==0.2.35  # noqa: AGL103\n", "sub/pyproject.toml": "[project\n"})
    assert codes_at(run("check", "--format=json", cwd=tmp_path)) == [("sub/pyproject.toml", 1, "AGL001")]


# Discovery


def test_directories_skipped_and_gitignore(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            ".gitignore": "ignored.py\nout/\n*_generated.py\n",
            "app.py": V02,
            "ignored.py": V02,
            "out/gen.py": V02,
            "sub/.gitignore": "local_*.py\n!keep_generated.py\n",
            "sub/local_x.py": V02,
            "sub/kept.py": V02,
            "sub/keep_generated.py": V02,
            "sub/drop_generated.py": V02,
            "node_modules/pkg/x.py": V02,
            "build/lib/x.py": V02,
            "__pycache__/x.py": V02,
            "myenv/pyvenv.cfg": "home = /usr\n",
            "myenv/lib/x.py": V02,
            ".venv/lib/x.py": V02,
            "notes.txt": "import autogen\n",
        },
    )
    paths = sorted({path for path, _, _ in codes_at(run("check", "--format=json", cwd=tmp_path))})
    assert paths == ["app.py", "sub/keep_generated.py", "sub/kept.py"]
    everything = {p for p, _, _ in codes_at(run("check", "--format=json", "--no-respect-gitignore", cwd=tmp_path))}
    assert {"ignored.py", "out/gen.py", "sub/local_x.py"} <= everything
    # Running inside the repository's subdirectory still honours the root .gitignore.
    assert {p for p, _, _ in codes_at(run("check", "--format=json", ".", cwd=tmp_path / "sub"))} == {
        "keep_generated.py",
        "kept.py",
    }


def test_files_are_found_depth_first_in_name_order(tmp_path: Path) -> None:
    """A directory's files come where its name sorts (the AG2 Classic scan names the first such file it meets)."""
    import fnmatch

    from autogen_lint.config import DEFAULT_EXCLUDE
    from autogen_lint.discovery import iter_files

    write(
        tmp_path,
        {
            name: "x = 1\n"
            for name in (
                "a.py", "a/z.py", "a/b/c.py", "a/b/c.ipynb", "a/b.py", "a0.py", "a_/m.pyi", "b/requirements.txt",
                "b/notes.txt", "b/requirements/dev.txt", "b/pyproject.toml", "b/setup.cfg", "b/x.toml", "c/gen/x.py",
                "c/y_gen.py", "c/z.py", "build/x.py", "d/env/pyvenv.cfg", "d/env/lib/x.py", "d/README", "Z.py", "_.py",
            )
        },
    )  # fmt: skip
    exclude = (*DEFAULT_EXCLUDE, "c/gen", "*_gen.py")

    def reference(directory: Path, nested: bool) -> list[str]:
        names = sorted(os.listdir(directory))
        if nested and "pyvenv.cfg" in names:
            return []
        found = []
        for name in names:
            path = directory / name
            relative = path.relative_to(tmp_path).as_posix()
            if any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p) for p in exclude):
                continue
            if path.is_dir():
                found += reference(path, True)
            elif path.suffix in (".py", ".pyi", ".ipynb") or dependency_file(path):
                found.append(relative)
        return found

    def dependency_file(path: Path) -> bool:
        name = path.name
        return name in ("pyproject.toml", "setup.cfg", "requirements.txt") or (
            name.endswith(".txt") and path.parent.name == "requirements"
        )

    walked = [Path(item.text).relative_to(tmp_path).as_posix() for item in iter_files([tmp_path], exclude, tmp_path)]
    assert walked == reference(tmp_path, False)
    assert walked[:4] == ["Z.py", "_.py", "a/b/c.ipynb", "a/b/c.py"]


def test_exclude_options_and_explicit_files(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": V02, "legacy/old.py": V02, "build/gen.py": V02})
    assert {p for p, _, _ in codes_at(run("check", "--format=json", "--extend-exclude", "legacy", cwd=tmp_path))} == {
        "app.py"
    }
    replaced = {p for p, _, _ in codes_at(run("check", "--format=json", "--exclude", "legacy", cwd=tmp_path))}
    assert replaced == {"app.py", "build/gen.py"}
    explicit = run("check", "--format=json", "--extend-exclude", "legacy", "legacy/old.py", cwd=tmp_path)
    assert {p for p, _, _ in codes_at(explicit)} == {"legacy/old.py"}
    forced = run(
        "check", "--format=json", "--extend-exclude", "legacy", "--force-exclude", "legacy/old.py", cwd=tmp_path
    )
    assert codes_at(forced) == []


# Unreadable and exotic files (AGL001)


def test_unreadable_files_are_reported_once_and_the_run_goes_on(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "a_undecodable.py": b"x = '\xff\xfe'\n",
            "b_syntax.py": "import autogen\ndef f(:\n",
            "c_syntax_without_autogen.py": "def f(:\n",
            "d_nulls.py": b"import autogen\x00\n",
            "e_koi8r.py": '# -*- coding: koi8-r -*-\nGREETING = "привет"; import autogen\n'.encode("koi8-r"),
            "f_bom.py": b"\xef\xbb\xbfimport autogen\n",
            "g_app.py": V02,
        },
    )
    records = findings(run("check", "--format=json", cwd=tmp_path))
    assert [(r["path"], r["line"], r["column"], r["code"]) for r in records] == [
        ("a_undecodable.py", 1, 1, "AGL001"),
        ("b_syntax.py", 2, 7, "AGL001"),
        ("d_nulls.py", 1, 1, "AGL001"),
        ("e_koi8r.py", 2, 29, "AGL101"),
        ("f_bom.py", 1, 8, "AGL101"),
        ("g_app.py", 1, 21, "AGL101"),
        ("g_app.py", 2, 41, "AGL201"),
    ]
    assert records[0]["message"].startswith("file could not be read or parsed: cannot decode as utf-8")
    assert records[1]["message"] == "file could not be read or parsed: SyntaxError: invalid syntax"


@pytest.mark.parametrize("command", ["check", "report", "migrate"])
def test_nothing_to_check_is_a_warning(tmp_path: Path, command: str) -> None:
    warning = "autogen-lint: warning: No Python files or notebooks found under the given path(s)\n"
    write(tmp_path, {"empty/.keep": "", "deps/requirements.txt": "pyautogen==0.2.35\n", "code/app.py": CLEAN})
    for path in ("empty", "deps"):
        result = run(command, path, cwd=tmp_path)
        # `check` says first which migration target applies (docs/targets.md).
        said = [
            line for line in result.stderr.splitlines(keepends=True) if not line.startswith("autogen-lint: target:")
        ]
        assert "".join(said) == warning, (path, result.stderr)
        assert len(said) == len(result.stderr.splitlines()) - (command == "check"), result.stderr
        assert result.returncode == (1 if (command, path) == ("check", "deps") else 0)
    result = run(command, "code", cwd=tmp_path)
    assert result.returncode == 0 and warning not in result.stderr


def test_an_unreadable_file_links_its_rule_page_not_the_guide(tmp_path: Path) -> None:
    write(tmp_path, {"broken.py": "import autogen\ndef f(:\n", "app.py": V02})
    records = findings(run("check", "--format=json", cwd=tmp_path))
    urls = {record["code"]: record["url"] for record in records}
    assert urls["AGL001"] == "https://autogen-lint.github.io/autogen-lint/rules/AGL001/"
    assert urls["AGL101"].startswith(DEFAULT_GUIDE_URL + "#")
    full = run("check", "--output-format=full", "broken.py", cwd=tmp_path).stdout
    assert "AGL001" in full and "= guide:" not in full
    assert "= guide:" in run("check", "--output-format=full", "app.py", cwd=tmp_path).stdout


def test_missing_path_is_reported(tmp_path: Path) -> None:
    records = findings(run("check", "--format=json", "nope.py", cwd=tmp_path))
    assert [(r["path"], r["code"]) for r in records] == [("nope.py", "AGL001")]
    assert "cannot read the file" in records[0]["message"]


# Parallel runs


def test_one_job_and_many_give_identical_output(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {}
    for index in range(60):
        files[f"pkg{index % 7}/mod{index}.py"] = V02 if index % 3 else V04_MISTAKE
        files[f"nb/n{index}.ipynb"] = notebook(
            f"import autogen\nautogen.GroupChat(agents=[], messages=[], max_round={index})\n"
        )
    write(tmp_path, files)
    single = run("check", "--format=json", "--jobs=1", cwd=tmp_path)
    many = run("check", "--format=json", "--jobs=4", cwd=tmp_path)
    default = run("check", "--format=json", cwd=tmp_path)
    assert single.stdout == many.stdout == default.stdout
    assert len(json.loads(single.stdout)) == 40 * 2 + 20 * 1 + 60 * 2


def test_two_jobs_print_what_one_prints_over_files_with_and_without_findings(tmp_path: Path) -> None:
    """Most files have nothing to find (a worker reports them from their bytes alone); the output is the same."""
    files: dict[str, str | bytes] = {}
    for index in range(70):
        files[f"lib/plain{index}.py"] = f"import os\nVALUE = {index}\n"
    files.update(
        {
            "lib/accents.py": "NAME = 'café'\n",
            "lib/cookie.py": b"# -*- coding: latin-1 -*-\nNAME = '\xe9'\n",
            "lib/bom.py": b"\xef\xbb\xbfx = 1\n",
            "lib/undecodable.py": b"NAME = '\xff'\n",
            "lib/comment.py": "# ported from autogen long ago\nx = 1\n",
            "app/v02.py": V02,
            "app/mistake.py": V04_MISTAKE,
            "app/clean.py": CLEAN,
            "app/nb.ipynb": notebook("import autogen\nautogen.GroupChat(agents=[], messages=[], max_round=3)\n"),
            "requirements.txt": "pyautogen==0.2.35\n",
        }
    )
    write(tmp_path, files)
    checked = len(files)
    for options in (["--format=json"], ["--format=full"], ["--format=concise"], ["--statistics"]):
        single = run("check", "--no-cache", "--jobs=1", *options, cwd=tmp_path)
        double = run("check", "--no-cache", "--jobs=2", *options, cwd=tmp_path)
        cold = run("check", "--jobs=2", *options, cwd=tmp_path)  # fills the result cache
        warm = run("check", "--jobs=2", *options, cwd=tmp_path)
        assert single.returncode == 1 and single.stderr == double.stderr
        assert single.stdout == double.stdout == cold.stdout == warm.stdout
    records = json.loads(run("check", "--no-cache", "--jobs=2", "--format=json", cwd=tmp_path).stdout)
    assert {record["path"] for record in records} == {
        "app/mistake.py",
        "app/nb.ipynb",
        "app/v02.py",
        "lib/undecodable.py",
        "requirements.txt",
    }
    assert single.stdout.endswith(f"of {checked} files checked.\n")


# Catalog commands


def test_rules_json_has_the_mapping() -> None:
    result = run("rules", "--format", "json", cwd=TESTS)
    records = {record["code"]: record for record in json.loads(result.stdout)}
    assert set(records) == set(RULES)
    agl101 = records["AGL101"]
    assert (agl101["symbol"], agl101["pylint_id"]) == ("autogen-v02-import", "W7411")
    assert agl101["url"] == f"{DEFAULT_GUIDE_URL}#whats-in-this-guide"
    assert agl101["mapping"]["autogen.AssistantAgent"] == "autogen_agentchat.agents.AssistantAgent"
    assert agl101["mapping"]["autogen.agentchat.AssistantAgent"] == "autogen_agentchat.agents.AssistantAgent"
    assert agl101["mapping"]["autogen.register_function"] is None
    assert records["AGL102"]["mapping"]["autogen.gather_usage_summary"] is None
    assert "mapping" not in records["AGL201"]


def test_rules_text() -> None:
    lines = run("rules", cwd=TESTS).stdout.splitlines()
    assert len(lines) == len(RULES)
    assert lines[0].startswith("AGL001  E7401  autogen-unreadable-file")
    assert re.match(r"AGL201  W7421  autogen-llm-config\s+`llm_config=` passed to an agent", lines[4])


def test_explain_prints_the_rule_page() -> None:
    pages = TESTS.parent / "docs" / "rules"
    for rule in iter_rules():
        result = run("explain", rule.code, cwd=TESTS)
        assert (result.returncode, result.stdout) == (0, render_rule(rule))
        assert (pages / f"{rule.code}.md").read_text(encoding="utf-8").endswith(result.stdout)
    unknown = run("explain", "AGL999", cwd=TESTS)
    assert unknown.returncode == 2 and "unknown rule" in unknown.stderr


@pytest.mark.parametrize("name", ["AGL201", "agl201", "W7421", "autogen-llm-config", "llm-config", "LLM-Config"])
def test_explain_knows_every_name_a_rule_is_shown_under(name: str) -> None:
    """The code, the pylint id pylint prints, the pylint symbol, and the symbol without ``autogen-``."""
    result = run("explain", name, cwd=TESTS)
    assert (result.returncode, result.stdout) == (0, render_rule(RULES["AGL201"]))


def test_every_name_of_every_rule_is_its_own() -> None:
    names: dict[str, str] = {}
    for rule in iter_rules():
        for name in {rule.code, rule.pylint_id, rule.symbol, rule.symbol.removeprefix("autogen-")}:
            assert names.setdefault(name.lower(), rule.code) == rule.code, name
    for name in (RULES["AGL703"].pylint_id, RULES["AGL703"].symbol.removeprefix("autogen-")):
        assert run("explain", name, cwd=TESTS).stdout == render_rule(RULES["AGL703"])


def test_bare_command_prints_the_commands_one_line_each() -> None:
    result = run(cwd=TESTS, env={"COLUMNS": "80"})
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("usage: autogen-lint")
    listed = result.stderr.split("\ncommands:\n", 1)[1].splitlines()[1:]
    assert [line.split()[0] for line in listed] == ["check", "rules", "explain", "clean", "migrate", "report", "server"]
    assert all(re.match(r"^    [a-z]+ +\S", line) for line in listed), listed
    assert "required" not in result.stderr


SHARED_GROUPS = ("rule selection", "file selection", "configuration")


def _options_by_group(help_text: str) -> dict[str, list[str]]:
    """The long options listed under each titled group of ``--help``."""
    groups: dict[str, list[str]] = {}
    current = None
    for line in help_text.splitlines():
        if line and not line.startswith(" ") and line.endswith(":"):
            current = line[:-1]
            groups[current] = []
        elif current is not None and line.startswith("  -"):
            groups[current].extend(re.findall(r"--[a-z-]+", line.split("  ")[1]))
    return groups


def test_check_report_and_migrate_share_their_selection_and_configuration_options() -> None:
    helps = {name: _options_by_group(run(name, "--help", cwd=TESTS).stdout) for name in ("check", "report", "migrate")}
    for group in SHARED_GROUPS:
        assert helps["check"][group], group
        assert helps["report"][group] == helps["migrate"][group] == helps["check"][group], group


def test_migrate_reads_the_shared_file_selection(tmp_path: Path) -> None:
    write(tmp_path, {"kept/app.py": "import autogen\n", "vendored/app.py": "import autogen\n"})
    result = run("migrate", "--diff", "--extend-exclude", "vendored", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "kept/app.py" in result.stderr and "vendored" not in result.stdout + result.stderr  # --diff: notes on stderr


def test_version() -> None:
    from autogen_lint import __version__

    assert run("--version", cwd=TESTS).stdout.strip() == f"autogen-lint {__version__}"


def test_start_up_imports_nothing_heavy() -> None:
    """The command module loads without the engine, the parsers or the process pool."""
    code = "import sys, autogen_lint.cli; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    )
    heavy = {"ast", "packaging", "pathspec", "multiprocessing", "concurrent", "json", "tomllib", "autogen_lint.engine"}
    assert not loaded & heavy


def test_few_files_are_checked_without_a_process_pool(tmp_path: Path) -> None:
    """A pre-commit or editor run on a handful of files pays for no worker processes."""
    write(tmp_path, {"a.py": V02, "b.py": CLEAN})
    code = (
        "import sys\n"
        "from autogen_lint.cli import main\n"
        "status = main(['check', '--no-cache', '--format=json', 'a.py', 'b.py'])\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    process = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert process.returncode == 1
    assert len(json.loads(process.stdout)) == 2
    loaded = set(process.stderr.split())
    assert "autogen_lint.engine" in loaded
    assert not loaded & {"multiprocessing", "concurrent.futures.process"}


def test_dependencies_naming_no_autogen_project_are_read_without_packaging(tmp_path: Path) -> None:
    """``packaging`` loads for a requirement on an AutoGen, AG2 or Agent Framework project, and only then."""
    write(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "app"\ndependencies = ["requests>=2", "numpy"]\n',
            "requirements.txt": "flask==3.0\n",
            "app.py": V02,
        },
    )
    code = (
        "import sys\n"
        "from autogen_lint.cli import main\n"
        "status = main(['check', '--no-cache', '--format=json', '.'])\n"
        "print('packaging' in sys.modules, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )

    def packaging_loaded() -> bool:
        process = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
        )
        assert process.returncode == 1, process.stderr
        return process.stderr.strip().splitlines()[-1] == "True"

    assert not packaging_loaded()
    (tmp_path / "requirements.txt").write_text("flask==3.0\npyautogen==0.2.35\n", encoding="utf-8")
    assert packaging_loaded()


def test_pre_commit_hooks() -> None:
    text = (TESTS.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: autogen-lint\n" in text
    assert "entry: autogen-lint check --force-exclude\n" in text
    assert "types_or: [python, jupyter]" in text


def test_a_check_pauses_the_collector_and_gives_it_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Collections would only walk the command's own objects; an in-process caller gets its collector back."""
    import gc

    from autogen_lint import cli, runner

    write(tmp_path, {"a.py": V02})
    seen: list[bool] = []
    check_files = runner.check_files

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return check_files(*args, **kwargs)

    monkeypatch.setattr(runner, "check_files", recording)
    monkeypatch.chdir(tmp_path)
    assert gc.isenabled()
    assert cli.main(["check", "--no-cache", "--output-format", "concise", "a.py"]) == 1
    assert seen == [False]
    assert gc.isenabled()


def test_a_command_defines_only_its_own_options() -> None:
    """`check` loads no other command's module (nor ``shutil`` for argparse's help width); `--help` lists them all."""
    code = (
        "import sys\n"
        "from autogen_lint import cli\n"
        "cli._parser('check').parse_args(['check', '--no-cache', '.'])\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    loaded = set(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    )
    assert not loaded & {"autogen_lint.migrate.command", "autogen_lint.report.command", "autogen_lint.server.command"}
    assert "shutil" not in loaded
    listing = run("--help", cwd=TESTS).stdout
    for command in ("check", "rules", "explain", "clean", "migrate", "report", "server"):
        assert re.search(rf"^\s+{command}\s+\S", listing, re.MULTILINE), command
    for command, option in (("migrate", "--diff"), ("report", "--title"), ("server", "--stdio"), ("check", "--fix")):
        assert option in run(command, "--help", cwd=TESTS).stdout, command


@pytest.mark.parametrize(
    "arguments",
    [
        ["check", "--help"],
        ["check", "--bogus"],
        ["check", "--format", "nope", "."],
        ["check", "--version"],
        ["check", "a.py", "--select", "AGL1", "-j", "2"],
        ["rules", "--help"],
        ["explain"],
    ],
)
def test_a_command_alone_is_parsed_and_explained_as_among_all(
    arguments: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Arguments that start with a command are parsed, helped and refused the same without the other commands."""
    import argparse

    from autogen_lint import cli

    monkeypatch.setenv("COLUMNS", "100")

    def outcome(parser: argparse.ArgumentParser) -> tuple[object, str, str]:
        try:
            result: object = vars(parser.parse_args(arguments))
        except SystemExit as exit:
            result = exit.code
        captured = capsys.readouterr()
        return result, captured.out, captured.err

    alone = outcome(cli._parser(arguments[0], alone=True))
    assert alone == outcome(cli._parser(arguments[0]))
    assert alone[1] or alone[2] or isinstance(alone[0], dict)


def test_help_before_the_command_lists_every_command() -> None:
    from autogen_lint.cli import COMMANDS

    listing = run("-h", "check", cwd=TESTS).stdout
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s+\S", listing, re.MULTILINE), command


@pytest.mark.parametrize("columns", ["50", "160", "", "junk"])
def test_help_is_laid_out_as_argparse_lays_it_out(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The formatter that spares ``shutil`` gives argparse's own layout for the terminal's width."""
    import argparse

    from autogen_lint import cli

    monkeypatch.setenv("COLUMNS", columns)
    ours = cli._parser("check")._subparsers._group_actions[0].choices["check"]  # type: ignore[union-attr]
    argparse_own = argparse.ArgumentParser(prog=ours.prog, formatter_class=argparse.HelpFormatter)
    cli._check_arguments(argparse_own)
    assert ours.format_help() == argparse_own.format_help()
