"""v0.2 code executors (``autogen.coding``) into the v0.4 ones (``autogen_ext.code_executors``)."""

from __future__ import annotations

import libcst as cst

from autogen_lint.migrate.imports import Imports
from autogen_lint.migrate.literals import keywords, positional
from autogen_lint.migrate.model_clients import ModelConfigs
from autogen_lint.migrate.refusal import Refusal

LOCAL = ("autogen_ext.code_executors.local", "LocalCommandLineCodeExecutor")
DOCKER = ("autogen_ext.code_executors.docker", "DockerCommandLineCodeExecutor")
_V02 = {
    "LocalCommandLineCodeExecutor": (
        LOCAL,
        ("timeout", "virtual_env_context", "work_dir", "functions", "functions_module"),
    ),
    "DockerCommandLineCodeExecutor": (
        DOCKER,
        ("image", "container_name", "timeout", "work_dir", "bind_dir", "auto_remove", "stop_container"),
    ),
}
"""v0.2 executors, their v0.4 class, and the v0.2 parameters (in order) the v0.4 class takes too."""
EXECUTORS = frozenset(_V02)
SHARED_READS = frozenset({"format_functions_for_prompt", "work_dir", "timeout", "functions_module"})
"""What v0.2's ``LocalCommandLineCodeExecutor`` answers that v0.4's answers the same way (no ``await``)."""

Arguments = tuple[tuple[str, str], ...]


def executor_of(node: cst.BaseExpression, configs: ModelConfigs) -> tuple[tuple[str, str], Arguments]:
    """The v0.4 class and arguments (as code) of a v0.2 executor, built here or assigned before."""
    node = configs.follow(node, "the code executor")
    kind = configs.imports.v02(node.func) if isinstance(node, cst.Call) else None
    if not isinstance(node, cst.Call) or kind not in _V02:
        raise Refusal('`code_execution_config["executor"]` is not a v0.2 executor the codemod knows')
    return v04_executor(node, kind, configs.module)


def v04_executor(call: cst.Call, kind: str, module: cst.Module) -> tuple[tuple[str, str], Arguments]:
    """The v0.4 class and keyword arguments (as code) of the v0.2 executor ``kind(...)``.

    v0.2's executors wrote code files to the working directory unless told otherwise; the v0.4
    ones use a temporary directory, so ``work_dir="."`` is written when none was given.
    """
    cls, parameters = _V02[kind]
    given = positional(call)
    options = keywords(call, kind)
    if len(given) > len(parameters):
        raise Refusal(f"`{kind}(...)` takes more by position than the codemod can read")
    values = {**dict(zip(parameters, given, strict=False)), **options}
    unknown = sorted(set(values) - set(parameters))
    if unknown:
        raise Refusal(f"`{kind}({unknown[0]}=...)` has no v0.4 counterpart")
    values.setdefault("work_dir", cst.SimpleString('"."'))
    return cls, tuple((name, module.code_for_node(value)) for name, value in values.items())


def bound_executor(node: cst.BaseStatement, imports: Imports) -> tuple[str, str, cst.Call] | None:
    """``name = <v0.2 executor>(...)``: the name, the v0.2 class and the call."""
    if not isinstance(node, cst.SimpleStatementLine) or len(node.body) != 1:
        return None
    small = node.body[0]
    if not isinstance(small, cst.Assign) or len(small.targets) != 1 or not isinstance(small.value, cst.Call):
        return None
    target = small.targets[0].target
    kind = imports.v02(small.value.func)
    if not isinstance(target, cst.Name) or kind not in _V02:
        return None
    return target.value, kind, small.value
