"""``autogen-lint migrate``: before/after pairs, refusals, and the installed command end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("libcst")

from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.engine import check_source
from autogen_lint.migrate.driver import FileResult, migrate_text
from autogen_lint.migrate.refusal import Refusal
from autogen_lint.migrate.summary import closing_note, kind_of_reason

FIXTURES = Path(__file__).parent / "fixtures" / "migrate"
CASES = sorted(p for p in FIXTURES.glob("*.py") if not p.name.endswith(".migrated.py"))
REFUSED = sorted((FIXTURES / "refused").glob("*.py"))
NOTEBOOKS = sorted(p for p in FIXTURES.glob("*.ipynb") if not p.name.endswith(".migrated.ipynb"))
EXECUTABLE = Path(sys.executable).with_name("autogen-lint")
TODO = "# TODO(autogen-lint "


def migrate(path: Path, text: str | None = None) -> tuple[str, int]:
    source = path.read_text("utf-8") if text is None else text
    return migrate_text(source, Found(path, Kind.PYTHON), Config(root=path.parent))


def expected(path: Path) -> str:
    return path.with_name(path.stem + ".migrated.py").read_text("utf-8")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_rewrites_to_the_expected_program(path: Path) -> None:
    new, todos = migrate(path)
    assert new == expected(path)
    assert todos == new.count(TODO)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_a_second_run_changes_nothing(path: Path) -> None:
    with pytest.raises(
        Refusal, match=r"no `autogen` import|nothing the codemod can rewrite|already uses AutoGen v0\.4"
    ):
        migrate(path, expected(path))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_output_passes_the_v04_rules(path: Path) -> None:
    """No unclosed client or unawaited coroutine; a fully migrated file has no finding at all."""
    after = expected(path)
    findings = check_source(after).findings
    assert not [f for f in findings if f.code.startswith("AGL7")]
    if TODO not in after:
        assert findings == []
    compile(after, str(path), "exec")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_text_before_the_first_rewrite_is_kept_byte_for_byte(path: Path) -> None:
    """Every line above the first ``autogen`` import stays, in order; only ``import asyncio`` may join them."""
    before, after = path.read_text("utf-8"), expected(path)
    head = before.split("from autogen", 1)[0].split("import autogen", 1)[0].split("try:\n", 1)[0]
    added = "" if "import asyncio\n" in before else "import asyncio\n"
    kept = [line for line in after.splitlines(keepends=True) if line != added]
    assert "".join(kept).startswith(head.rstrip("\n")), head


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.stem)
def test_refuses_what_it_cannot_prove(path: Path) -> None:
    reason = path.read_text("utf-8").splitlines()[0].removeprefix("# refused: ")
    with pytest.raises(Refusal) as raised:
        migrate(path)
    assert reason in str(raised.value)


def test_partly_migrated_programs_keep_the_v02_names_they_still_use() -> None:
    after = expected(FIXTURES / "human_and_code.py")
    assert "import autogen\n" in after
    assert "        autogen.ChatCompletion.start_logging()\n" in after


def test_no_secret_is_copied() -> None:
    assert "sk-not-a-real-key" not in expected(FIXTURES / "docker_executor.py")


def test_unknown_keyword_is_refused_with_its_name() -> None:
    text = (FIXTURES / "two_agent_chat.py").read_text("utf-8").replace('name="assistant",', 'name="a", foo=1,')
    new, _ = migrate(FIXTURES / "two_agent_chat.py", text)
    assert "): `foo=` of `AssistantAgent` has no v0.4 counterpart https://" in new


def test_closing_note_counts_and_groups_reasons_in_plain_words() -> None:
    results = [
        FileResult("a.py", "migrated"),
        FileResult("b.py", "partly", todos=2),
        FileResult("c.py", "unchanged", reason="line 3: `x` is assigned more than once"),
        FileResult("d.py", "unchanged", reason="line 9: `y` is assigned more than once"),
        FileResult("e.py", "unchanged", reason="no `autogen` import"),
    ]
    assert closing_note(results) == (
        "1 file migrated, 1 partly (2 TODOs), 2 left unchanged (1 other file without AutoGen): "
        "c.py:3 `x` is assigned more than once (and 1 other file)"
    )
    assert closing_note(results[:2], write=False) == "1 file would be migrated, 1 partly (2 TODOs), 0 left unchanged"
    assert "…" not in closing_note(results)
    assert kind_of_reason("line 4: `a` and `b`") == kind_of_reason("line 7: `c` and `d`")
    many = [FileResult(f"{n}.py", "unchanged", reason=f"line 1: reason {n}") for n in range(7)]
    assert closing_note(many).endswith("; 4.py:1 reason 4; 2 other files for other reasons")


# The installed command


def command(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXECUTABLE), "migrate", *map(str, args)], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_command_migrates_then_settles(tmp_path: Path) -> None:
    target = tmp_path / "chat.py"
    target.write_bytes((FIXTURES / "two_agent_chat.py").read_bytes())
    first = command(target.name, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Migrated chat.py" in first.stdout
    assert first.stdout.endswith("1 file migrated, 0 partly (0 TODOs), 0 left unchanged\n")
    assert first.stdout.startswith("Migrated chat.py\n")
    assert target.read_text("utf-8") == expected(FIXTURES / "two_agent_chat.py")
    second = command(".", cwd=tmp_path)
    assert second.returncode == 0
    assert (
        "0 files migrated, 0 partly (0 TODOs), 1 left unchanged: chat.py the file already uses AutoGen v0.4"
        in second.stdout
    )
    assert target.read_text("utf-8") == expected(FIXTURES / "two_agent_chat.py")


def test_command_diff_and_check_write_nothing_and_exit_1_when_a_file_would_change(tmp_path: Path) -> None:
    target = tmp_path / "chat.py"
    original = (FIXTURES / "azure.py").read_bytes()
    target.write_bytes(original)
    diff = command("--diff", target.name, cwd=tmp_path)
    assert diff.returncode == 1
    assert diff.stdout.startswith("--- chat.py\n+++ chat.py\n")  # standard output is the patch alone
    assert "+from autogen_ext.models.openai import AzureOpenAIChatCompletionClient\n" in diff.stdout
    assert diff.stderr == "Would migrate chat.py\n1 file would be migrated, 0 partly (0 TODOs), 0 left unchanged\n"
    check = command("--check", target.name, cwd=tmp_path)
    assert check.returncode == 1
    assert check.stdout == "Would migrate chat.py\n1 file would be migrated, 0 partly (0 TODOs), 0 left unchanged\n"
    assert target.read_bytes() == original
    assert command(target.name, cwd=tmp_path).returncode == 0
    for option in ("--diff", "--check"):
        settled = command(option, target.name, cwd=tmp_path)
        assert settled.returncode == 0, option
        assert "0 files would be migrated, 0 partly (0 TODOs), 1 left unchanged" in settled.stdout + settled.stderr


def test_command_refuses_a_path_that_does_not_exist(tmp_path: Path) -> None:
    (tmp_path / "chat.py").write_bytes((FIXTURES / "azure.py").read_bytes())
    result = command("chat.py", "missing.py", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "autogen-lint: error: missing.py: no such file or directory\n"
    assert result.stdout == ""
    assert (tmp_path / "chat.py").read_bytes() == (FIXTURES / "azure.py").read_bytes()


def test_command_reports_refusals_and_bad_files_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("import autogen\ndef f(:\n")
    (tmp_path / "binary.py").write_bytes(b"import autogen\n\xff\xfe\x00")
    (tmp_path / "star.py").write_bytes((FIXTURES / "refused" / "star_import.py").read_bytes())
    (tmp_path / "plain.py").write_text("print('hello')\n")
    (tmp_path / "broken.ipynb").write_text('{"cells": [{"cell_type": "code", "source": "import autogen\\n"')
    result = command(".", cwd=tmp_path)
    assert result.returncode == 0
    assert "Traceback" not in result.stdout + result.stderr
    assert "broken.py: left unchanged: it cannot be read" in result.stdout
    assert "binary.py: left unchanged: cannot decode it" in result.stdout
    assert "star.py: left unchanged: `from autogen import *` hides which names come from AutoGen" in result.stdout
    assert "broken.ipynb: left unchanged: it is not a notebook that can be read (JSONDecodeError)" in result.stdout
    assert "0 files migrated, 0 partly (0 TODOs), 4 left unchanged (1 other file without AutoGen): " in result.stdout
    assert "…" not in result.stdout
    assert (tmp_path / "broken.py").read_text() == "import autogen\ndef f(:\n"


def test_command_honours_ignore(tmp_path: Path) -> None:
    target = tmp_path / "chat.py"
    target.write_bytes((FIXTURES / "two_agent_chat.py").read_bytes())
    result = command("--ignore", "AGL301", target.name, cwd=tmp_path)
    assert "Migrated chat.py" in result.stdout
    assert _without_todos(target.read_text("utf-8")) == (FIXTURES / "two_agent_chat.py").read_text("utf-8")


def test_command_select_leaves_what_other_rules_find(tmp_path: Path) -> None:
    target = tmp_path / "chat.py"
    target.write_bytes((FIXTURES / "two_agent_chat.py").read_bytes())
    result = command("--select", "AGL3", target.name, cwd=tmp_path)
    assert "Migrated chat.py (1 TODO)" in result.stdout  # the chat stays, marked; its agents stay with it
    assert _without_todos(target.read_text("utf-8")) == (FIXTURES / "two_agent_chat.py").read_text("utf-8")


def _without_todos(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.lstrip().startswith(TODO))


def test_command_keeps_bom_and_line_endings(tmp_path: Path) -> None:
    target = tmp_path / "chat.py"
    source = (FIXTURES / "group_chat_selector.py").read_text("utf-8")
    target.write_bytes(b"\xef\xbb\xbf" + source.replace("\n", "\r\n").encode())
    assert command(target.name, cwd=tmp_path).returncode == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert raw[3:].decode().replace("\r\n", "\n") == expected(FIXTURES / "group_chat_selector.py")


@pytest.mark.parametrize("missing", ["libcst", "pyflakes"])
def test_command_without_libcst_or_pyflakes_says_what_to_install(tmp_path: Path, missing: str) -> None:
    code = (
        f"import sys; sys.modules[{missing!r}] = None; from autogen_lint.cli import main; "
        "sys.exit(main(['migrate', '.']))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "autogen-lint migrate needs libcst and pyflakes: pip install 'autogen-lint[migrate]' "
        "(or: pip install libcst pyflakes)"
    )


# Notebooks


def test_command_migrates_a_notebook_cell_by_cell(tmp_path: Path) -> None:
    from autogen_lint.notebooks import check_notebook
    from autogen_lint.settings import Settings

    target = tmp_path / "tools.ipynb"
    target.write_bytes((FIXTURES / "notebook_tools.ipynb").read_bytes())
    first = command(target.name, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Migrated tools.ipynb" in first.stdout
    after = (FIXTURES / "notebook_tools.migrated.ipynb").read_bytes()
    assert target.read_bytes() == after
    second = command(target.name, cwd=tmp_path)
    assert "left unchanged: the file already uses AutoGen v0.4" in second.stdout
    assert target.read_bytes() == after
    # The `%pip install pyautogen` pin installs the v0.4 packages now: nothing is left to act on.
    assert check_notebook(after, Settings()).findings == []
    import json

    before_cells = json.loads((FIXTURES / "notebook_tools.ipynb").read_text())["cells"]
    after_cells = json.loads(after)["cells"]
    assert [c["cell_type"] for c in before_cells] == [c["cell_type"] for c in after_cells]
    assert [c.get("outputs") for c in before_cells] == [c.get("outputs") for c in after_cells]
    assert "".join(after_cells[1]["source"]) == '%pip install "autogen-agentchat~=0.7.5" "autogen-ext[openai]~=0.7.5"'
    assert "".join(after_cells[7]["source"]).startswith("!echo starting\n")
    for cell in after_cells:
        if cell["cell_type"] == "code" and not "".join(cell["source"]).startswith(("%", "!")):
            compile("".join(cell["source"]), "<cell>", "exec", flags=0x2000)  # PyCF_ALLOW_TOP_LEVEL_AWAIT


def test_a_notebook_statement_that_cannot_be_rewritten_gets_its_todo_in_its_cell(tmp_path: Path) -> None:
    """The agents' model has no v0.4 client: TODOs go above the statements, nothing else moves."""
    import json

    target = tmp_path / "dynamic.ipynb"
    source = (FIXTURES / "notebook_tools.ipynb").read_text()
    anthropic = 'config_list = [{\\"api_type\\": \\"anthropic\\", \\"model\\": '
    broken = source.replace('config_list = [{\\"model\\": ', anthropic)
    assert broken != source
    target.write_text(broken)
    result = command(target.name, cwd=tmp_path)
    assert "Migrated dynamic.ipynb (9 TODOs)" in result.stdout, result.stdout
    before = json.loads(broken)["cells"]
    after = json.loads(target.read_text())["cells"]
    assert "`api_type` 'anthropic' has no OpenAI client" in "".join(after[4]["source"])
    assert [_without_todos("".join(c["source"])) for c in after] == ["".join(c["source"]) for c in before]


def test_notebook_refusal_leaves_the_file_alone(tmp_path: Path) -> None:
    """A cell magic runs its cell outside the notebook's event loop: no `await` is written there."""
    import json

    notebook = json.loads((FIXTURES / "notebook_tools.ipynb").read_text("utf-8"))
    notebook["cells"][7]["source"] = ["%%capture output\n", *notebook["cells"][7]["source"][1:]]
    target = tmp_path / "captured.ipynb"
    target.write_text(json.dumps(notebook, indent=1), "utf-8")
    before = target.read_bytes()
    result = command(target.name, cwd=tmp_path)
    reason = "captured.ipynb: left unchanged: cell 8 would `await` under a cell magic, which runs it outside"
    assert reason in result.stdout, result.stdout
    assert target.read_bytes() == before


def test_docs_show_a_real_before_and_after() -> None:
    page = (Path(__file__).parents[1] / "docs" / "usage" / "migrate.md").read_text("utf-8")
    for name in ("two_agent_chat", "function_program"):
        for path in (FIXTURES / f"{name}.py", FIXTURES / f"{name}.migrated.py"):
            assert f"```python\n{path.read_text('utf-8')}```" in page


def test_command_over_every_fixture_gives_the_expected_files(tmp_path: Path) -> None:
    """One run of the installed command over all before files and refusals; a second changes nothing."""
    import shutil

    for path in [*CASES, *NOTEBOOKS]:
        shutil.copy(path, tmp_path / path.name)
    shutil.copytree(FIXTURES / "refused", tmp_path / "refused")
    first = command(".", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    for path in [*CASES, *NOTEBOOKS]:
        assert (tmp_path / path.name).read_bytes() == path.with_name(
            path.stem + ".migrated" + path.suffix
        ).read_bytes(), path.name
    for path in REFUSED:
        assert (tmp_path / "refused" / path.name).read_bytes() == path.read_bytes()
        assert f"refused/{path.name}: left unchanged: " in first.stdout
    everything = [*CASES, *NOTEBOOKS]
    partly = sum(TODO in path.with_name(path.stem + ".migrated" + path.suffix).read_text() for path in everything)
    assert f"{len(everything) - partly} files migrated, {partly} partly" in first.stdout
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    second = command(".", cwd=tmp_path)
    note = second.stdout.splitlines()[-1]
    assert note.startswith("0 files migrated, 0 partly (0 TODOs), ")
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_strings_and_blocks_moved_into_main_keep_their_values() -> None:
    import ast

    def strings(text: str) -> set[str]:
        return {n.value for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Constant) and isinstance(n.value, str)}

    before = (FIXTURES / "multiline_strings.py").read_text("utf-8")
    after = expected(FIXTURES / "multiline_strings.py")
    assert strings(before) - {"config_list", "model", "gpt-4o", "NEVER", "user_proxy"} <= strings(after)
    assert "            # a comment in a block\n" in after


def test_kept_statements_carry_the_engines_findings_unless_silenced() -> None:
    path = FIXTURES / "human_and_code.py"
    new, _ = migrate(path)
    assert "# TODO(autogen-lint AGL102): `autogen.ChatCompletion` has no AutoGen v0.4 equivalent" in new
    silenced = path.read_text("utf-8").replace("start_logging()\n", "start_logging()  # noqa: AGL102\n")
    new, todos = migrate(path, silenced)
    assert "AGL102" not in new.replace("# noqa: AGL102", "")
    assert todos == new.count(TODO) == 0  # a person answers for the user proxy, as in v0.2


def test_notebook_noqa_keeps_the_cell_as_it_is(tmp_path: Path) -> None:
    """The silenced chat stays; its agents stay v0.2 with a TODO saying why, the cell itself is untouched."""
    import json

    target = tmp_path / "quiet.ipynb"
    source = (FIXTURES / "notebook_tools.ipynb").read_text()
    silenced = source.replace('at 1.08?\\")"', 'at 1.08?\\")  # noqa: AGL301"')
    assert silenced != source
    target.write_text(silenced)
    result = command(target.name, cwd=tmp_path)
    assert "Migrated quiet.ipynb (7 TODOs)" in result.stdout, result.stdout
    before = json.loads(silenced)["cells"]
    after = json.loads(target.read_text())["cells"]
    assert after[7] == before[7]
    assert "`user_proxy` stays a v0.2 agent" in "".join(after[4]["source"])
    assert "TODO(autogen-lint AGL301)" not in target.read_text()
    assert [_without_todos("".join(c["source"])) for c in after] == ["".join(c["source"]) for c in before]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_comment_is_kept(path: Path) -> None:
    """Comments above, beside and below rewritten statements and arguments all stay."""
    import io
    import tokenize

    def comments(text: str) -> list[str]:
        tokens = tokenize.generate_tokens(io.StringIO(text).readline)
        return [t.string for t in tokens if t.type == tokenize.COMMENT and not t.string.startswith(TODO)]

    after = comments(expected(path))
    assert [c for c in comments(path.read_text("utf-8")) if c not in after] == []


def test_an_unforeseen_failure_is_a_reason_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from autogen_lint.migrate import functions, program
    from autogen_lint.migrate.driver import migrate_file

    def fail(self: object) -> None:
        raise RuntimeError("a shape nobody foresaw")

    monkeypatch.setattr(program.Program, "migrate", fail)
    monkeypatch.setattr(functions.ScopeRewrite, "read", fail)
    for name in ("two_agent_chat.py", "notebook_tools.ipynb"):
        target = tmp_path / name
        target.write_bytes((FIXTURES / name).read_bytes())
        kind = Kind.NOTEBOOK if name.endswith(".ipynb") else Kind.PYTHON
        result = migrate_file(Found(target, kind), Config(root=tmp_path), write=True)
        assert result.status == "unchanged"
        assert result.reason == "the codemod cannot read it (RuntimeError: a shape nobody foresaw)"
        assert target.read_bytes() == (FIXTURES / name).read_bytes()


def test_a_partly_migrated_notebook_installs_v02_and_v04(tmp_path: Path) -> None:
    """v0.2 code left with a TODO still needs pyautogen: the v0.4 packages are installed beside it."""
    import json

    notebook = json.loads((FIXTURES / "notebook_tools.ipynb").read_text("utf-8"))
    notebook["cells"][1]["source"] = ["!pip install -q pyautogen matplotlib"]
    notebook["cells"][2]["source"] += ["\n", "autogen.ChatCompletion.start_logging()\n"]
    target = tmp_path / "partly.ipynb"
    target.write_text(json.dumps(notebook, indent=1), "utf-8")
    result = command(target.name, cwd=tmp_path)
    assert "Migrated partly.ipynb (1 TODO)" in result.stdout, result.stdout
    cells = json.loads(target.read_text("utf-8"))["cells"]
    installed = '!pip install -q pyautogen "autogen-agentchat~=0.7.5" "autogen-ext[openai]~=0.7.5" matplotlib'
    assert "".join(cells[1]["source"]) == installed
    assert "autogen.ChatCompletion.start_logging()" in "".join(cells[2]["source"])


@pytest.mark.parametrize(
    ("line", "keep", "expected"),
    [
        ('%pip install "pyautogen>=0.2.3"', False, '%pip install "autogen-agentchat~=0.7.5"'),
        ("!pip install -q autogen==0.2.35 numpy -U", False, '!pip install -q "autogen-agentchat~=0.7.5" numpy -U'),
        ("!pip install pyautogen pyautogen[retrievechat]", False, '!pip install "autogen-agentchat~=0.7.5"'),
        ("!pip install pyautogen numpy", True, '!pip install pyautogen "autogen-agentchat~=0.7.5" numpy'),
        ("%pip install autogen-agentchat~=0.2", True, "%pip install autogen-agentchat~=0.2"),  # 0.2 and 0.7 clash
        ('%pip install "autogen-agentchat>=0.4"', False, '%pip install "autogen-agentchat>=0.4"'),
        ("!pip install ag2 numpy", False, "!pip install ag2 numpy"),  # AG2 is not v0.2: left alone
        ("!echo pyautogen", False, "!echo pyautogen"),
    ],
)
def test_pip_lines_install_what_the_migrated_notebook_imports(line: str, keep: bool, expected: str) -> None:
    from autogen_lint.migrate.pip_lines import rewritten, v04_requirements

    packages = v04_requirements("from autogen_agentchat.agents import AssistantAgent\n")
    assert rewritten(line, packages, keep_v02=keep) == expected


def test_the_config_list_helper_follows_the_v04_imports_in_a_notebook(tmp_path: Path) -> None:
    """Its annotations name the clients: it is defined in the cell that imports them, after them."""
    import json

    def cell(source: str) -> dict[str, object]:
        return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}

    agents = (
        'assistant = autogen.AssistantAgent("assistant", llm_config={"config_list": config_list})\n'
        'user = autogen.UserProxyAgent("user", human_input_mode="NEVER", code_execution_config=False)\n'
        'user.initiate_chat(assistant, message="Hi")\n'
    )
    cells = [
        cell("%pip install pyautogen"),
        cell('import autogen\n\nconfig_list = autogen.config_list_from_json("OAI_CONFIG_LIST")\n'),
        cell(agents),
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    target = tmp_path / "helper.ipynb"
    target.write_text(json.dumps(notebook, indent=1), "utf-8")
    assert "Migrated helper.ipynb" in command(target.name, cwd=tmp_path).stdout
    sources = ["".join(c["source"]) for c in json.loads(target.read_text("utf-8"))["cells"]]
    assert sources[0] == '%pip install "autogen-agentchat~=0.7.5" "autogen-ext[openai]~=0.7.5"'
    imports = sources[1].index("from autogen_ext.models.openai import AzureOpenAIChatCompletionClient")
    assert imports < sources[1].index("def load_config_list(") < sources[1].index("def model_client_from_config(")
    assert 'model_client = model_client_from_config(load_config_list("OAI_CONFIG_LIST"))' in sources[1]
