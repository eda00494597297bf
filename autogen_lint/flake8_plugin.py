"""flake8 adapter: ``AGL`` codes from the shared engine."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from autogen_lint import __version__
from autogen_lint.engine import check_tree
from autogen_lint.settings import DEFAULT_GUIDE_URL, Settings
from autogen_lint.source import mentions_a_package, might_match
from autogen_lint.targets import adapter_settings


class AutogenLintChecker:
    """flake8 tree checker. flake8 applies ``# noqa`` and ``--select``/``--ignore``."""

    name = "autogen-lint"
    version = __version__
    settings: ClassVar[Settings] = Settings()

    def __init__(self, tree: ast.AST, lines: Sequence[str]) -> None:
        self._tree = tree
        self._lines = lines

    @classmethod
    def add_options(cls, option_manager: Any) -> None:
        option_manager.add_option(
            "--autogen-guide-url",
            default=None,
            parse_from_config=True,
            help=(
                "Base URL of the AutoGen migration guide used in AGL links (default: guide-url from "
                f"[tool.autogen-lint] in pyproject.toml, else {DEFAULT_GUIDE_URL})"
            ),
        )
        option_manager.add_option(
            "--autogen-flag-compat-shims",
            action="store_true",
            default=False,
            parse_from_config=True,
            help="Also report v0.2 imports inside try/except ImportError compatibility shims",
        )
        option_manager.add_option(
            "--autogen-target",
            default=None,
            parse_from_config=True,
            choices=("autogen", "agent-framework"),
            help=(
                "The migration target (default: target from [tool.autogen-lint] in pyproject.toml, "
                "else read from the project's dependencies)"
            ),
        )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        settings, problem = adapter_settings(
            guide_url=options.autogen_guide_url,
            flag_compat_shims=bool(options.autogen_flag_compat_shims),
            target=options.autogen_target,
        )
        if problem is not None:
            print(f"autogen-lint: {problem}", file=sys.stderr)
        cls.settings = settings

    def run(self) -> Iterator[tuple[int, int, str, type[AutogenLintChecker]]]:
        if not isinstance(self._tree, ast.Module) or not any(mentions_a_package(line) for line in self._lines):
            return  # the cheap test first: most files never mention AutoGen
        if not might_match("".join(self._lines), every_v04_module=self.settings.agent_framework):
            return
        for finding in check_tree(self._tree, self.settings, self._lines):
            yield finding.line, finding.col, f"{finding.code} {finding.text}", type(self)
