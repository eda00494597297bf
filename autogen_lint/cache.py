"""The command's result cache, as ruff keeps one.

One JSON file per tool version and effective configuration, under
``.autogen_lint_cache/`` in the project root, maps each file (by path) to the hash of its
content and its findings. A file whose content hash matches is not checked again. The cache
is written atomically (a temporary file, then a rename), so concurrent runs cannot leave a
half-written cache; one that cannot be read is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from autogen_lint import __version__
from autogen_lint.config import Config
from autogen_lint.finding_json import plausible

DIRECTORY = ".autogen_lint_cache"
_FORMAT = 4
RACY_NS = 2_000_000_000
"""A file modified this recently (nanoseconds) may change again within its timestamp's tick:
its size and time are not trusted to stand for its content."""


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:32]


def fingerprint(config: Config) -> str:
    """Everything besides a file's content that decides its findings."""
    settings = {
        "format": _FORMAT,
        "version": __version__,
        "select": config.select,
        "extend_select": config.extend_select,
        "ignore": config.ignore,
        "per_file_ignores": config.per_file_ignores,
        "guide_url": config.guide_url,
        "flag_compat_shims": config.flag_compat_shims,
        "target": config.settings.target,
        "quiet_v02": config.settings.quiet_v02,
        "honour_noqa": config.honour_noqa,
        "fixable": config.fixable,
        "unfixable": config.unfixable,
        "extend_safe_fixes": config.extend_safe_fixes,
        "extend_unsafe_fixes": config.extend_unsafe_fixes,
    }
    return hashlib.blake2b(json.dumps(settings, sort_keys=True).encode(), digest_size=8).hexdigest()


class ResultCache:
    """Findings of files by path and content hash, for one configuration.

    An entry is ``[digest, records, stamp, ag2]``: the findings as the text of their JSON records
    (``finding_json``), decoded only when a hit's findings are asked for (the JSON output writes
    the text as it is),
    the file's size and modification time (``stamp``) once its content was seen to match, so
    the next run trusts them and need not read the file, and the AG2-only name the file uses
    (``FileReport.ag2``), so the AG2 Classic project scan need not read it either.
    """

    def __init__(self, path: Path, entries: dict[str, list[Any]]) -> None:
        self.path = path
        self._entries = entries
        self._changed = False

    @classmethod
    def open(cls, config: Config) -> ResultCache:
        path = config.root / DIRECTORY / f"{__version__}-{fingerprint(config)}.json"
        entries: dict[str, list[Any]] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("format") == _FORMAT and isinstance(data.get("files"), dict):
                entries = data["files"]
        except (OSError, ValueError):
            pass  # no cache yet, or an unreadable one: start afresh
        return cls(path, entries)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def get(self, key: str, digest: str) -> tuple[str, str | None] | None:
        """The findings' records and the AG2-only name of a file whose content has the hash ``digest``."""
        entry = self._entry(key)
        if entry is None or entry[0] != digest:
            return None
        return entry[1], entry[3]

    def fresh(self, key: str, stamp: list[int]) -> tuple[str, str, str | None] | None:
        """The digest, findings' records and AG2-only name of a file whose size and time are still ``stamp``."""
        entry = self._entry(key)
        if entry is None or entry[2] != stamp:
            return None
        return entry[0], entry[1], entry[3]

    def _entry(self, key: str) -> list[Any] | None:
        """A well-formed entry (one damaged, or written by hand, counts as none: the file is checked again)."""
        entry = self._entries.get(key)
        if (
            not isinstance(entry, list)
            or len(entry) != 4
            or not isinstance(entry[3], (str, type(None)))
            or not plausible(entry[1])
        ):
            return None
        return entry

    def stamp(self, key: str, stamp: list[int]) -> None:
        """Remember ``stamp`` for a file whose content was just seen to match its entry."""
        entry = self._entry(key)
        if entry is not None and entry[2] != stamp and time.time_ns() - stamp[0] > RACY_NS:
            entry[2] = stamp
            self._changed = True

    def put(self, key: str, digest: str, records: str, ag2: str | None = None) -> None:
        """File a file's findings, as their JSON records (``FileReport.records``), under its content's hash."""
        entry = self._entries.get(key)
        if not isinstance(entry, list) or entry[:2] != [digest, records] or entry[3:] != [ag2]:
            self._entries[key] = [digest, records, None, ag2]
            self._changed = True

    def save(self) -> None:
        """Write the cache if anything changed; a failure to write is not an error."""
        if not self._changed:
            return
        directory = self.path.parent
        import tempfile

        try:
            directory.mkdir(parents=True, exist_ok=True)
            _mark(directory)
            descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".json")
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                json.dump({"format": _FORMAT, "files": self._entries}, stream, separators=(",", ":"))
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temporary)


def stamp_of(result: os.stat_result) -> list[int]:
    return [result.st_mtime_ns, result.st_size]


def _mark(directory: Path) -> None:
    """Keep the cache out of version control and backups."""
    gitignore = directory / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text("# Created by autogen-lint\n*\n", encoding="utf-8")
    tag = directory / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# autogen-lint result cache\n", encoding="utf-8")


def clean(start: Path) -> list[Path]:
    """Remove every result cache at or below ``start``; the removed directories."""
    import shutil

    removed = []
    for directory, subdirectories, _ in os.walk(start):
        if DIRECTORY in subdirectories:
            path = Path(directory, DIRECTORY)
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
            subdirectories.remove(DIRECTORY)
        subdirectories[:] = [name for name in subdirectories if name not in (".git", "node_modules", ".venv")]
    return removed
