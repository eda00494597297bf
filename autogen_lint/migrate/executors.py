"""v0.2 code executors (``code_execution_config={"executor": ...}``) into the v0.4 ones."""

from __future__ import annotations

import libcst as cst

from autogen_lint.migrate.literals import keywords, positional
from autogen_lint.migrate.model_clients import ModelConfigs
from autogen_lint.migrate.refusal import Refusal

LOCAL = ("autogen_ext.code_executors.local", "LocalCommandLineCodeExecutor")
DOCKER = ("autogen_ext.code_executors.docker", "DockerCommandLineCodeExecutor")
_V02 = {
    "LocalCommandLineCodeExecutor": (LOCAL, ("timeout", "virtual_env_context", "work_dir")),
    "DockerCommandLineCodeExecutor": (
        DOCKER,
        ("image", "container_name", "timeout", "work_dir", "bind_dir", "auto_remove", "stop_container"),
    ),
}
"""v0.2 executors, their v0.4 class, and the v0.2 parameters (in order) the v0.4 class takes too."""
EXECUTORS = frozenset(_V02)


def executor_of(node: cst.BaseExpression, configs: ModelConfigs) -> tuple[tuple[str, str], tuple[tuple[str, str], ...]]:
    """The v0.4 class and arguments (as code) of a v0.2 executor, built here or assigned before.

    v0.2's executors wrote code files to the working directory unless told otherwise; the v0.4
    ones use a temporary directory, so ``work_dir="."`` is written when none was given.
    """
    node = configs.follow(node, "the code executor")
    kind = configs.imports.v02(node.func) if isinstance(node, cst.Call) else None
    if not isinstance(node, cst.Call) or kind not in _V02:
        raise Refusal('`code_execution_config["executor"]` is not a v0.2 executor the codemod knows')
    cls, parameters = _V02[kind]
    given = positional(node)
    options = keywords(node, kind)
    if len(given) > len(parameters):
        raise Refusal(f"`{kind}(...)` takes more by position than the codemod can read")
    values = {**dict(zip(parameters, given, strict=False)), **options}
    unknown = sorted(set(values) - set(parameters))
    if unknown:
        raise Refusal(f"`{kind}({unknown[0]}=...)` has no v0.4 counterpart")
    values.setdefault("work_dir", cst.SimpleString('"."'))
    module = configs.module
    return cls, tuple((name, module.code_for_node(value)) for name, value in values.items())
