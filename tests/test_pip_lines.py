"""``pip_install_requirements``: the requirements of a notebook's pip line, where each is written."""

from __future__ import annotations

import pytest

from autogen_lint.dependencies import pip_install_requirements


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("%pip install pyautogen==0.2.35", [("pyautogen==0.2.35", 13, "")]),
        ('!pip install "autogen-agentchat~=0.2"', [("autogen-agentchat~=0.2", 13, '"autogen-agentchat~=0.2"')]),
        ("  !pip3 install -qU numpy 'ag2[openai]'", [("numpy", 20, ""), ("ag2[openai]", 26, "'ag2[openai]'")]),
        ("!python -m pip install --index-url https://mirror/simple pyautogen", [("pyautogen", 57, "")]),
        ("!uv pip install pyautogen<0.3", [("pyautogen<0.3", 16, "")]),
        ("pip install pyautogen", [("pyautogen", 12, "")]),  # IPython's automagic
        ("%pip install -r requirements.txt -e . ./local git+https://x/y.git", []),
        ("!pip install numpy && pip install pyautogen==0.2.35", [("numpy", 13, "")]),
        ("!pip install numpy  # pyautogen==0.2.35", [("numpy", 13, "")]),
        ("!pip install {package} $extra", []),
        ("%pip list", []),
        ("!pip installer pyautogen", []),
        ("import pip", []),
        ("print('pip install pyautogen==0.2')", []),
    ],
)
def test_pip_lines(line: str, expected: list[tuple[str, int, str]]) -> None:
    found = pip_install_requirements(line, 7)
    assert [(item.text, item.col, item.shown) for item in found] == expected
    assert all(item.line == 7 for item in found)
    assert all(line[item.col :].startswith(item.shown or item.text) for item in found)
