"""The AG2 Classic scan of a project, folded into ``check``'s own reading of its files.

``autogen_lint.targets`` decides a project with no AutoGen dependency declared to be on AG2
Classic when its code uses AG2-only API. ``check`` does not read the project for that before
checking: the workers note what each file uses as they read it, and the decision is settled
when the reports are in.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autogen_lint.cache import ResultCache
    from autogen_lint.config import Config
    from autogen_lint.discovery import Found
    from autogen_lint.runner import FileReport


class Scan:
    """The AG2 Classic scan of the project, done with the check's own reads of its files.

    A project that declares neither AG2 nor Microsoft AutoGen is AG2 Classic when one of its
    Python files uses AG2-only API (``autogen_lint.targets``). Each checked file's report
    records that (``FileReport.ag2``, kept in the result cache), so the files are read once;
    only project files the check did not cover are read for the scan, unless the result cache
    knows them unchanged. Until it is settled the decision's line, and the warnings that
    follow it, wait in ``notes``.
    """

    def __init__(self, walks_as_scan: bool) -> None:
        self.notes: list[str] = []
        self.order: list[Found] | None = [] if walks_as_scan else None

    @classmethod
    def of(cls, args: argparse.Namespace, config: Config) -> Scan | None:
        """The scan to fold into this check, if the decision waits on one."""
        project = config.decision.scan if config.decision is not None else None
        if project is None:
            return None
        from autogen_lint.config import DEFAULT_EXCLUDE

        paths = args.paths or [Path(".")]
        walks_as_scan = (
            len(paths) == 1
            and Path(paths[0]).resolve() == project
            and config.root == project
            and config.exclusions == DEFAULT_EXCLUDE
            and not args.force_exclude
            and not args.no_respect_gitignore
        )
        return cls(walks_as_scan)

    def recorded(self, items: Iterable[Found]) -> Iterator[Found]:
        """``items``, noting the Python files' order when the check walks the project as the scan does."""
        from autogen_lint.discovery import Kind

        order = self.order
        for item in items:
            if order is not None and item.kind is Kind.PYTHON:
                order.append(item)
            yield item

    def settle(
        self, config: Config, reports: list[FileReport], cache: ResultCache | None = None
    ) -> tuple[Config, list[FileReport]]:
        """The final configuration, the reports as it has them (v0.2 findings dropped in an AG2 project)."""
        from dataclasses import replace

        from autogen_lint.targets import settle

        assert config.decision is not None
        root = config.root
        order = None
        known: Mapping[Path, str | None]
        if self.order is None:  # the project is walked again: every file read here is known
            known = _Known({root / report.key: report.ag2 for report in reports}, config, cache)
        else:  # the files in ``order`` are the reports' files: only their AG2-only names matter
            known = {root / report.key: report.ag2 for report in reports if report.ag2 is not None}
            order = [item.path for item in self.order] if known else []
        decision = settle(config.decision, known, order)
        print(f"autogen-lint: {decision.reason}", file=sys.stderr)
        for note in self.notes:
            print(note, file=sys.stderr)
        if decision.quiet_v02:
            reports = [_quieted(report) for report in reports]
        return replace(config, decision=decision), reports


class _Known(Mapping[Path, "str | None"]):
    """The AG2-only names of files: those just checked, else those the result cache knows unchanged."""

    def __init__(self, checked: dict[Path, str | None], config: Config, cache: ResultCache | None) -> None:
        self._checked = checked
        self._config = config
        self._cache = cache

    def __getitem__(self, path: Path) -> str | None:
        if path in self._checked:
            return self._checked[path]
        if self._cache is not None:
            from autogen_lint.cache import stamp_of
            from autogen_lint.runner import relative_to

            try:
                stamp = stamp_of(os.stat(path))
            except OSError:
                raise KeyError(path) from None
            known = self._cache.fresh(relative_to(path, self._config.root), stamp)
            if known is not None:
                return known[2]
        raise KeyError(path)

    def __iter__(self) -> Iterator[Path]:
        return iter(self._checked)

    def __len__(self) -> int:
        return len(self._checked)


def _quieted(report: FileReport) -> FileReport:
    """``report`` without v0.2 findings, as the checks of an AG2 Classic project make it."""
    from autogen_lint.catalog import RULES

    if not report.has_findings:
        return report
    findings = tuple(finding for finding in report.findings if not RULES[finding.code].v02)
    return report if len(findings) == len(report.findings) else report.replace(findings=findings)
