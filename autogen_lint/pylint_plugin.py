"""pylint adapter: ``--load-plugins=autogen_lint.pylint_plugin``.

The module's source goes through the shared engine; findings become pylint
messages under the catalog's ids and symbols, so ``# pylint: disable=<symbol>``
and ``--disable`` work as usual.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from pylint.checkers import BaseRawFileChecker

from autogen_lint.catalog import RULES, iter_rules
from autogen_lint.engine import check_source
from autogen_lint.settings import DEFAULT_GUIDE_URL, Settings
from autogen_lint.targets import adapter_settings

if TYPE_CHECKING:
    from astroid import nodes
    from pylint.lint import PyLinter
    from pylint.typing import MessageDefinitionTuple


def _messages() -> dict[str, MessageDefinitionTuple]:
    settings = Settings()
    return {
        rule.pylint_id: (
            "%s",
            rule.symbol,
            f"{rule.code}: {rule.summary}. {rule.why} ({settings.rule_link(rule)})",
        )
        for rule in iter_rules()
    }


class AutogenLintChecker(BaseRawFileChecker):
    """Reports AutoGen v0.2 usage and v0.4 migration mistakes."""

    name = "autogen-lint"
    msgs = _messages()
    _settings = Settings()
    options = (
        (
            "autogen-guide-url",
            {
                "default": "",
                "type": "string",
                "metavar": "<url>",
                "help": (
                    "Base URL of the AutoGen migration guide used in links (default: guide-url from "
                    f"[tool.autogen-lint] in pyproject.toml, else {DEFAULT_GUIDE_URL})."
                ),
            },
        ),
        (
            "autogen-flag-compat-shims",
            {
                "default": False,
                "type": "yn",
                "metavar": "<y or n>",
                "help": "Also report v0.2 imports inside try/except ImportError compatibility shims.",
            },
        ),
        (
            "autogen-target",
            {
                "default": "",
                "type": "string",
                "metavar": "<autogen or agent-framework>",
                "help": (
                    "The migration target (default: target from [tool.autogen-lint] in pyproject.toml, "
                    "else read from the project's dependencies)."
                ),
            },
        ),
    )

    def open(self) -> None:
        config = self.linter.config
        settings, problem = adapter_settings(
            guide_url=config.autogen_guide_url or None,
            flag_compat_shims=bool(config.autogen_flag_compat_shims),
            target=config.autogen_target or None,
        )
        if problem is not None:
            print(f"autogen-lint: {problem}", file=sys.stderr)
        self._settings = settings

    def process_module(self, node: nodes.Module) -> None:
        with node.stream() as stream:
            source = stream.read()
        settings = self._settings
        result = check_source(source, settings, filename=node.file or "<unknown>")
        for finding in result.findings:
            self.add_message(
                RULES[finding.code].symbol,
                line=finding.line,
                col_offset=finding.col,
                end_lineno=finding.end_line,
                end_col_offset=finding.end_col,
                args=(f"{finding.code} {finding.text}",),
            )


def register(linter: PyLinter) -> None:
    linter.register_checker(AutogenLintChecker(linter))
