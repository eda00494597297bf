"""Fixing many files on all cores, with the result cache kept right."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import partial

from autogen_lint.cache import ResultCache
from autogen_lint.config import Config
from autogen_lint.discovery import Found
from autogen_lint.fix.files import FileFix, fix_file
from autogen_lint.fix.noqa import NoqaResult, add_noqa_file
from autogen_lint.runner import display_path, map_files, split_cached


def fix_files(
    items: Iterable[Found], config: Config, jobs: int | None, cache: ResultCache | None, *, write: bool
) -> list[FileFix]:
    """Fix every file (writing it back when ``write``), in path order.

    A file the cache knows, whose findings have no fix to apply, is not read again. The cache
    learns each fixed file's new findings under the new content's hash.
    """
    done: list[FileFix] = []
    pending: Iterable[Found] = items
    if cache:
        pending, hits = split_cached(items, config, cache, lambda found: any(config.applies(f.fix) for f in found))
        done = [FileFix(report) for report in hits]
    task = partial(_fix_chunk, config=config, write=write, hashing=cache is not None)
    fixed = map_files(task, pending, jobs or os.cpu_count() or 1)
    if cache is not None:
        for result in fixed:
            report = result.report
            if report.digest is not None:
                cache.put(report.key, report.digest, report.records, report.ag2)
        cache.save()
    results = done + fixed
    results.sort(key=lambda result: result.report.path)
    return results


def add_noqa_files(items: Iterable[Found], config: Config, jobs: int | None) -> list[tuple[str, NoqaResult]]:
    """Add ``# noqa`` comments for every finding, file by file; (shown path, result) in path order."""
    results = map_files(partial(_noqa_chunk, config=config), items, jobs or os.cpu_count() or 1)
    return sorted(results)


def _fix_chunk(chunk: Sequence[Found], config: Config, write: bool, hashing: bool) -> list[FileFix]:
    return [fix_file(item, config, write=write, hashing=hashing) for item in chunk]


def _noqa_chunk(chunk: Sequence[Found], config: Config) -> list[tuple[str, NoqaResult]]:
    return [(display_path(item.path), add_noqa_file(item, config)) for item in chunk]
