"""A migrated notebook's ``%pip install pyautogen...`` lines, made to install what it now imports."""

from __future__ import annotations

import ast

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from autogen_lint.dependencies import pip_install_requirements

VERSION = "~=0.7.5"
"""The releases the codemod's output is proven on (``tox -e migrate-v04``)."""
V02_PACKAGES = frozenset({"pyautogen", "autogen", "autogen-agentchat"})
"""Requirements that installed the ``autogen`` module a v0.2 notebook imported (``autogen`` and
``autogen-agentchat`` only below 0.4: later ``autogen`` is AG2 Classic, later ``autogen-agentchat``
is v0.4)."""
_EXTRAS = {
    "autogen_ext.models.openai": "openai",
    "autogen_ext.models.anthropic": "anthropic",
    "autogen_ext.models.ollama": "ollama",
    "autogen_ext.code_executors.docker": "docker",
    "autogen_ext.code_executors.jupyter": "jupyter-executor",
}


def still_v02(code: str) -> bool:
    """Whether a migrated module still imports the v0.2 ``autogen`` (statements left with TODOs)."""
    return any(
        (isinstance(node, ast.Import) and any(alias.name.split(".")[0] == "autogen" for alias in node.names))
        or (isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] == "autogen")
        for node in ast.walk(ast.parse(code))
    )


def v04_requirements(code: str) -> list[str]:
    """The v0.4 packages (quoted pip arguments) a migrated module's imports need."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    tops = {module.split(".")[0] for module in modules}
    found = []
    if "autogen_agentchat" in tops:
        found.append(f'"autogen-agentchat{VERSION}"')
    elif "autogen_core" in tops:
        found.append(f'"autogen-core{VERSION}"')
    if "autogen_ext" in tops:
        extras = sorted({extra for prefix, extra in _EXTRAS.items() for m in modules if m.startswith(prefix)})
        found.append(f'"autogen-ext[{",".join(extras)}]{VERSION}"' if extras else f'"autogen-ext{VERSION}"')
    return found


def rewritten(line: str, packages: list[str], *, keep_v02: bool) -> str:
    """``line`` installing ``packages`` instead of its v0.2 AutoGen requirements (or beside them).

    ``keep_v02``: the notebook still runs v0.2 code (TODOs are left), so the v0.2 pin stays and
    the v0.4 packages are added after it. A line without a v0.2 requirement is returned as it is.
    """
    found = [item for item in pip_install_requirements(line) if _is_v02(item.text)]
    if not found or not packages:
        return line
    if keep_v02:
        if any(canonicalize_name(Requirement(item.text).name) == "autogen-agentchat" for item in found):
            return line  # autogen-agentchat 0.2 and 0.7 cannot be installed together
        last = found[-1]
        end = last.col + len(last.shown or last.text)
        return f"{line[:end]} {' '.join(packages)}{line[end:]}"
    new = line
    for number, item in reversed(list(enumerate(found))):
        end = item.col + len(item.shown or item.text)
        if number == 0:
            new = new[: item.col] + " ".join(packages) + new[end:]
        else:  # the argument and the space before it go
            start = item.col
            while start > 0 and new[start - 1] == " ":
                start -= 1
            new = new[:start] + new[end:]
    return new


def _is_v02(text: str) -> bool:
    try:
        requirement = Requirement(text)
    except InvalidRequirement:
        return False
    name = canonicalize_name(requirement.name)
    if name not in V02_PACKAGES:
        return False
    if name == "pyautogen":
        return True
    return not requirement.specifier or any(requirement.specifier.contains(v) for v in ("0.2.35", "0.2.40"))
