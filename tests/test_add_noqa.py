"""``autogen-lint check --add-noqa`` through the installed command, and the noqa edits it makes."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from test_cli import run, write

from autogen_lint.fix.noqa import noqa_edit
from autogen_lint.suppression import comment_lines

V02_LINES = 'from autogen import AssistantAgent\nagent = AssistantAgent("a", llm_config={"model": "gpt-4o"})\n'


def add_noqa(root: Path, *paths: str) -> str:
    result = run("check", "--add-noqa", "--no-cache", *paths, cwd=root)
    assert result.returncode == 0, result.stderr
    return result.stdout


def assert_clean_and_stable(root: Path, before: dict[str, bytes]) -> None:
    """Nothing is reported any more, and a second run adds nothing."""
    checked = run("check", "--no-cache", cwd=root)
    assert checked.returncode == 0, checked.stdout
    assert add_noqa(root) == "Added 0 noqa directives.\n"
    assert {name: (root / name).read_bytes() for name in before} == before


def test_comments_are_added_and_merged(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "plain.py": V02_LINES,
            "merged.py": 'import autogen  # noqa: E402\nautogen.AssistantAgent("a", llm_config=None)  # noqa\n',
        },
    )
    assert add_noqa(tmp_path) == "Added 3 noqa directives.\n"
    assert (tmp_path / "plain.py").read_text() == (
        "from autogen import AssistantAgent  # noqa: AGL101\n"
        'agent = AssistantAgent("a", llm_config={"model": "gpt-4o"})  # noqa: AGL201\n'
    )
    assert (tmp_path / "merged.py").read_text() == (
        "import autogen  # noqa: E402, AGL101\n"
        'autogen.AssistantAgent("a", llm_config=None)  # noqa\n'  # a bare noqa covers everything
    )
    assert_clean_and_stable(tmp_path, {name: (tmp_path / name).read_bytes() for name in ("plain.py", "merged.py")})


def test_encoding_bom_and_line_endings_are_kept(tmp_path: Path) -> None:
    latin = '# -*- coding: latin-1 -*-\r\nimport autogen\r\nx = "caf\xe9"\r\n'.encode("latin-1")
    bom = codecs.BOM_UTF8 + "import autogen\n# ünïcode\n".encode()
    write(tmp_path, {"latin.py": latin, "bom.py": bom})
    assert add_noqa(tmp_path) == "Added 2 noqa directives.\n"
    assert (tmp_path / "latin.py").read_bytes() == (
        '# -*- coding: latin-1 -*-\r\nimport autogen  # noqa: AGL101\r\nx = "caf\xe9"\r\n'.encode("latin-1")
    )
    assert (
        tmp_path / "bom.py"
    ).read_bytes() == codecs.BOM_UTF8 + "import autogen  # noqa: AGL101\n# ünïcode\n".encode()
    assert_clean_and_stable(
        tmp_path, {"latin.py": (tmp_path / "latin.py").read_bytes(), "bom.py": (tmp_path / "bom.py").read_bytes()}
    )


def test_a_line_ending_inside_a_string_is_covered_from_where_the_string_ends(tmp_path: Path) -> None:
    source = (
        "from autogen import UserProxyAgent  # noqa: AGL101\n"
        "def go(a, b):\n"
        '    a.initiate_chat(b, message="""first\n'
        "second\n"
        '""")\n'
        "    total = 1 + \\\n"
        '        a.initiate_chat(b, message="x")\n'
    )
    write(tmp_path, {"strings.py": source})
    add_noqa(tmp_path)
    text = (tmp_path / "strings.py").read_text()
    assert 'message="""first\nsecond\n""")  # noqa: AGL301\n' in text  # the string's content is unchanged
    assert '        a.initiate_chat(b, message="x")  # noqa: AGL301\n' in text
    assert_clean_and_stable(tmp_path, {"strings.py": text.encode()})


def test_notebook_cells_get_comments_but_magic_lines_do_not(tmp_path: Path) -> None:
    notebook = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Title"]},
            {
                "cell_type": "code",
                "execution_count": 1,
                "id": "c1",
                "metadata": {"tags": ["x"]},
                "outputs": [{"output_type": "stream", "name": "stdout", "text": ["ok\n"]}],
                "source": ["%pip install pyautogen\n", "import autogen\n", "print('é')"],
            },
        ],
        "metadata": {"kernelspec": {"name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    original = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    write(tmp_path, {"book.ipynb": original})
    assert add_noqa(tmp_path) == "Added 1 noqa directive.\n"
    changed = (tmp_path / "book.ipynb").read_text(encoding="utf-8")
    expected = original.replace('"import autogen\\n"', '"import autogen  # noqa: AGL101\\n"')
    assert changed == expected
    assert_clean_and_stable(tmp_path, {"book.ipynb": changed.encode()})


def test_dependency_pins(tmp_path: Path) -> None:
    write(tmp_path, {"requirements.txt": "numpy\npyautogen==0.2.35\n"})
    assert add_noqa(tmp_path) == "Added 1 noqa directive.\n"
    assert (tmp_path / "requirements.txt").read_text() == "numpy\npyautogen==0.2.35  # noqa: AGL103\n"
    assert_clean_and_stable(tmp_path, {"requirements.txt": (tmp_path / "requirements.txt").read_bytes()})


def test_add_noqa_cannot_be_combined_with_diff(tmp_path: Path) -> None:
    write(tmp_path, {"plain.py": V02_LINES})
    result = run("check", "--add-noqa", "--diff", cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot be combined" in result.stderr
    assert (tmp_path / "plain.py").read_text() == V02_LINES


def test_noqa_edit() -> None:
    assert noqa_edit("x = 1", 3, ["AGL101"]).content == "  # noqa: AGL101"  # type: ignore[union-attr]
    edit = noqa_edit("x = 1  # noqa:AGL1 ", 3, ["AGL101", "AGL201"])
    assert edit is not None and edit.content == "# noqa: AGL1, AGL201" and (edit.col, edit.end_col) == (7, 18)
    assert noqa_edit("x = 1  # NOQA", 1, ["AGL101"]) is None
    assert comment_lines(["a = '''", "b", "'''", "c = 1 + \\", "  2"]) == {1: 3, 2: 3, 4: 5}
