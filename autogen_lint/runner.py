"""Checking files: one file to its findings, many files on all cores.

Every file kind ends in the same list of findings: selection, ``per-file-ignores``
and ``# noqa`` comments are applied here, once, whatever produced the finding.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from functools import partial
from itertools import islice
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from autogen_lint.catalog import RULES
from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.findings import Applicability, Finding
from autogen_lint.source import (
    SourceDecodeError,
    SourceError,
    decode,
    might_match,
    nothing_to_find,
    parse,
    split_lines,
    universal_newlines,
)
from autogen_lint.suppression import comment_lines, file_exemptions, file_suppresses, line_suppresses
from autogen_lint.targets import file_ag2_name

if TYPE_CHECKING:
    from autogen_lint.cache import ResultCache
    from autogen_lint.incremental import Checked

T = TypeVar("T")
_KEEP: Any = object()


class FileReport:
    """The findings of one file; ``path`` is as it is shown (relative to the working directory).

    ``key`` (the path relative to the project root) and ``digest`` (the content hash, ``None``
    when the file could not be read or no cache is in use) are what the result cache files the
    findings under. ``ag2`` is the first AG2-only name a Python file uses (what decides an AG2
    Classic project, ``targets.settle``), read with the file.

    The findings can be given as the text of their JSON records instead (``records``, as the
    result cache keeps them, or ``printed``, the records with the path in each, as the JSON
    output prints them): they are then decoded only when asked for, and the JSON output
    writes the text as it is.
    """

    __slots__ = ("_findings", "_printed", "_records", "ag2", "digest", "key", "path")

    def __init__(
        self,
        path: str,
        findings: tuple[Finding, ...] | None,
        key: str = "",
        digest: str | None = None,
        ag2: str | None = None,
        *,
        records: str | None = None,
        printed: str | None = None,
    ) -> None:
        if findings is None and records is None and printed is None:
            raise ValueError("a report needs its findings or their records")
        self.path = path
        self._findings = findings
        self._records = records
        self._printed = printed
        self.key = key
        self.digest = digest
        self.ag2 = ag2

    @property
    def findings(self) -> tuple[Finding, ...]:
        found = self._findings
        if found is None:
            from autogen_lint.finding_json import findings_of

            text = self._records if self._records is not None else self._printed
            assert text is not None
            found = self._findings = findings_of(text)
        return found

    @property
    def records(self) -> str:
        """The findings as the JSON output's records, each with an empty path (``finding_json``)."""
        text = self._records
        if text is None:
            from autogen_lint.finding_json import records_text

            text = self._records = records_text(self.findings)
        return text

    @property
    def printed(self) -> str | None:
        """The records with the report's path in each, as the JSON output prints them, if a worker wrote them so."""
        return self._printed

    @property
    def has_findings(self) -> bool:
        """Whether there is any finding (without decoding them)."""
        if self._findings is not None:
            return bool(self._findings)
        return bool(self._records if self._records is not None else self._printed)

    def replace(
        self,
        *,
        findings: tuple[Finding, ...] | None = None,
        digest: str | None = _KEEP,
        ag2: str | None = _KEEP,
    ) -> FileReport:
        """A copy with other findings (their records written anew), content hash or AG2-only name."""
        return FileReport(
            self.path,
            self._findings if findings is None else findings,
            self.key,
            self.digest if digest is _KEEP else digest,
            self.ag2 if ag2 is _KEEP else ag2,
            records=self._records if findings is None else None,
            printed=self._printed if findings is None else None,
        )

    def records_only(self) -> FileReport:
        """The report holding its records alone (their findings are decoded again when asked for)."""
        return FileReport(self.path, None, self.key, self.digest, self.ag2, records=self.records)

    def printed_only(self) -> FileReport:
        """The report holding its records as printed alone (its findings are decoded again when asked for)."""
        printed = self._printed
        if printed is None:
            from autogen_lint.finding_json import records_text

            printed = records_text(self.findings, self.path)
        return FileReport(self.path, None, self.key, self.digest, self.ag2, printed=printed)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileReport):
            return NotImplemented
        return (self.path, self.findings, self.key, self.digest, self.ag2) == (
            other.path,
            other.findings,
            other.key,
            other.digest,
            other.ag2,
        )

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Callable[[_Fields], FileReport], tuple[_Fields]]:
        """Pickled as the constructor's arguments: far cheaper than the slots' state (a worker sends every report)."""
        return _unpickled, ((self.path, self._findings, self.key, self.digest, self.ag2, self._records, self._printed),)

    def __repr__(self) -> str:
        return f"FileReport(path={self.path!r}, findings={self.findings!r}, key={self.key!r}, digest={self.digest!r})"


_Fields = tuple[str, "tuple[Finding, ...] | None", str, "str | None", "str | None", "str | None", "str | None"]


def _unpickled(fields: _Fields) -> FileReport:
    path, findings, key, digest, ag2, records, printed = fields
    return FileReport(path, findings, key, digest, ag2, records=records, printed=printed)


def relative_to(path: Path | str, base: Path | str) -> str:
    """``path`` relative to ``base`` in POSIX form, or whole when it is not below ``base``.

    Plain string work: both are absolute and resolved, and this runs for every file.
    """
    text, prefix = str(path), str(base).rstrip(os.sep)
    if text.startswith(prefix) and text[len(prefix) : len(prefix) + 1] in (os.sep, ""):
        text = text[len(prefix) + 1 :] or "."
    return text.replace(os.sep, "/") if os.sep != "/" else text


def display_path(path: Path) -> str:
    return relative_to(path, os.getcwd())


class Paths:
    """A file's shown path and cache key (``FileReport.path`` and ``key``), for many files of one run.

    The working directory and the root are read once, not once a file; where they are the
    same directory (the usual run) one path is both.
    """

    __slots__ = ("_cwd", "_root", "_same")

    def __init__(self, config: Config) -> None:
        self._root = str(config.root)
        self._cwd = os.getcwd()
        self._same = self._root == self._cwd

    def of(self, item: Found) -> tuple[str, str]:
        """``(shown path, cache key)`` of a file."""
        key = relative_to(item.text, self._root)
        return key if self._same else relative_to(item.text, self._cwd), key


def unreadable(error: SourceError, settings_link: str, cell: int | None = None) -> Finding:
    rule = RULES["AGL001"]
    return Finding(
        code=rule.code,
        line=error.line,
        col=error.col,
        end_line=error.line,
        end_col=error.col,
        message=rule.format(reason=error.reason),
        url=settings_link,
        cell=cell,
    )


def check_file(item: Found, config: Config, *, hashing: bool = True, paths: Paths | None = None) -> FileReport:
    """All findings of one file that the configuration and its comments let through.

    With ``hashing``, the report carries the content hash the result cache files it under,
    and the findings' JSON records (which the cache keeps). ``paths`` names the file (made
    for the file when not given).
    """
    names = (paths or Paths(config)).of(item)
    try:
        raw = read_file(item.text)
    except OSError as error:
        reason = f"cannot read the file: {error.strerror or error}"
        return _report(names, config, [unreadable(SourceError(reason), _link(config))], {})
    if item.kind is Kind.PYTHON and nothing_to_find(raw):
        # Most files: no finding, and no AG2-only name (each is reached through the word "autogen").
        return FileReport(names[0], (), names[1], _content_hash(raw) if hashing else None, records="")
    report = _check_raw(item, config, raw, names)
    ag2 = file_ag2_name(raw) if item.kind is Kind.PYTHON else None
    if hashing:
        report = report.replace(digest=_content_hash(raw), ag2=ag2)
    elif ag2 is not None:
        report = report.replace(ag2=ag2)
    if hashing:
        report.records  # noqa: B018  (the text is kept in the report)
    return report


def read_file(path: str) -> bytes:
    """A file's bytes, read with as few calls as the system allows (no file object, one read most often)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(descriptor).st_size
        data = os.read(descriptor, size + 1)  # one byte more: a file that grew (or a pipe) shows it
        if len(data) == size:
            return data  # a regular file, read whole
        parts = [data]
        while data and (data := os.read(descriptor, 1 << 16)):  # a short read, more than told, or a pipe
            parts.append(data)
        return b"".join(parts)
    finally:
        os.close(descriptor)


def check_bytes(item: Found, config: Config, raw: bytes) -> FileReport:
    """The findings of a file's content given as bytes (an editor's buffer, a fixed text).

    Exactly what ``check_file`` reports for a file holding ``raw``: same selection, same noqa.
    """
    names = Paths(config).of(item)
    if item.kind is Kind.PYTHON and nothing_to_find(raw):  # told from the bytes, without decoding them
        return _report(names, config, [], {})
    return _check_raw(item, config, raw, names)


def _content_hash(raw: bytes) -> str:
    from autogen_lint.cache import content_hash

    return content_hash(raw)


def _link(config: Config) -> str:
    """Where an unreadable file's finding (AGL001) points."""
    return config.settings.rule_link(RULES["AGL001"])


def _check_raw(item: Found, config: Config, raw: bytes, names: tuple[str, str]) -> FileReport:
    """The report of a file's content that ``nothing_to_find`` does not turn down."""
    settings = config.settings
    link = _link(config)
    findings: list[Finding]
    lines: dict[int | None, list[str]]
    if item.kind is Kind.NOTEBOOK:
        from autogen_lint.notebooks import check_notebook

        result = check_notebook(raw, settings)
        findings = [*result.findings, *(unreadable(error, link, cell) for error, cell in result.errors)]
        lines = {cell.index: cell.lines for cell in result.cells}
    elif item.kind is Kind.DEPENDENCIES:
        from autogen_lint.dependencies import check_dependencies

        try:
            text = decode(raw)
        except SourceDecodeError as error:
            return _report(names, config, [unreadable(error.error, link)], {})
        found, errors = check_dependencies(item.path, text, settings)
        findings = [*found, *(unreadable(error, link) for error in errors)]
        lines = {None: split_lines(text)}
    else:
        findings, lines = _check_python(raw, config, link)
    return _report(names, config, findings, lines)


def check_text(item: Found, config: Config, text: str) -> FileReport:
    """The findings of a Python file's decoded text (any line endings), as ``check_file`` reports them."""
    link = _link(config)
    findings, lines = _check_python_text(universal_newlines(text), config, link)
    return _report(Paths(config).of(item), config, findings, lines)


def check_text_again(
    item: Found,
    config: Config,
    text: str,
    previous: Checked | None,
    interrupt: Callable[[], bool] | None = None,
) -> tuple[FileReport, Checked | None]:
    """``check_text``, reusing the check of the previous version of the text where the edit allows.

    Returns what to keep for the next version (``None``: nothing worth keeping). ``previous``
    must come from a check under the same configuration. ``interrupt`` (asked between parsing
    and walking, and between functions) gives the check up: ``engine.Superseded`` is raised.
    """
    from autogen_lint.incremental import check_again

    names = Paths(config).of(item)
    text = universal_newlines(text)
    if not might_match(text, every_v04_module=config.settings.agent_framework):
        return _report(names, config, [], {}), None
    lines = split_lines(text)
    checked = check_again(text, lines, config.settings, previous, interrupt)
    if isinstance(checked, SourceError):
        return _report(names, config, [unreadable(checked, _link(config))], {}), None
    return _report(names, config, checked.findings, {None: lines}), checked


def check_notebook_again(
    item: Found,
    config: Config,
    sources: list[str | None],
    previous: Checked | None,
    interrupt: Callable[[], bool] | None = None,
) -> tuple[FileReport, Checked | None]:
    """``check_bytes`` of a notebook whose cells are ``sources`` (``None``: not a code cell).

    Reuses the check of the previous version of the notebook as ``check_text_again`` does.
    """
    from autogen_lint.notebooks import check_cells_again, code_cells

    link = _link(config)
    result, checked = check_cells_again(code_cells(sources), config.settings, previous, interrupt)
    findings = [*result.findings, *(unreadable(error, link, cell) for error, cell in result.errors)]
    lines: dict[int | None, list[str]] = {cell.index: cell.lines for cell in result.cells}
    return _report(Paths(config).of(item), config, findings, lines), checked


def _check_python(raw: bytes, config: Config, link: str) -> tuple[list[Finding], dict[int | None, list[str]]]:
    try:
        text = decode(raw)  # always: an undecodable file is reported even without AutoGen in it
    except SourceDecodeError as error:
        return [unreadable(error.error, link)], {}
    return _check_python_text(text, config, link)


def _check_python_text(text: str, config: Config, link: str) -> tuple[list[Finding], dict[int | None, list[str]]]:
    from autogen_lint.engine import check_tree

    if not might_match(text, every_v04_module=config.settings.agent_framework):
        return [], {}
    parsed = parse(text)
    if isinstance(parsed, SourceError):
        return [unreadable(parsed, link)], {}
    return check_tree(parsed.tree, config.settings, parsed.lines), {None: parsed.lines}


def _report(
    names: tuple[str, str], config: Config, findings: list[Finding], lines: dict[int | None, list[str]]
) -> FileReport:
    path, relative = names
    if not findings:
        return FileReport(path, (), relative, records="")
    turned_off = config.ignored_for(relative)
    if not config.honour_noqa:
        lines = {}
    exemptions = [codes for cell_lines in lines.values() for codes in file_exemptions(cell_lines)]
    noqa = _NoqaLines(lines)
    kept = []
    shown: dict[str, bool] = {}  # per code: selected, not turned off for the file, not exempted by it
    graded: dict[tuple[str, Applicability], Applicability] = {}
    for finding in findings:
        code = finding.code
        allowed = shown.get(code)
        if allowed is None:
            allowed = shown[code] = (
                config.enabled(code)
                and not any(code.startswith(off) for off in turned_off)
                and (code == "AGL001" or not file_suppresses(exemptions, code))
            )
        if not allowed or (code != "AGL001" and noqa.covers(finding)):
            continue
        fix = finding.fix
        if fix is not None:
            key = (code, fix.applicability)
            applicability = graded.get(key)
            if applicability is None:
                effective = config.effective_fix(code, fix)
                applicability = graded[key] = effective.applicability if effective is not None else fix.applicability
            if applicability is not fix.applicability:
                kept.append(finding._replace(fix=fix._replace(applicability=applicability)))
                continue
        kept.append(finding)
    kept.sort(key=Finding.sort_key)
    return FileReport(path, tuple(kept), relative)


class _NoqaLines:
    """Reads ``# noqa`` for a finding on its own line, or where a comment for that line can stand."""

    def __init__(self, lines: dict[int | None, list[str]]) -> None:
        self._lines = lines
        self._moved: dict[int | None, dict[int, int] | None] = {}

    def covers(self, finding: Finding) -> bool:
        lines = self._lines.get(finding.cell)
        if lines is None or not 0 < finding.line <= len(lines):
            return False
        if finding.cell not in self._moved:
            if "noqa" in "\n".join(lines).lower():
                self._moved[finding.cell] = comment_lines(lines) if _may_move(lines) else {}
            else:
                self._moved[finding.cell] = None
        moved = self._moved[finding.cell]
        if moved is None:
            return False  # no ``noqa`` anywhere in these lines
        if line_suppresses(lines[finding.line - 1], finding.code):
            return True
        target = moved.get(finding.line)
        return target is not None and line_suppresses(lines[target - 1], finding.code)


def _may_move(lines: list[str]) -> bool:
    """Whether a ``# noqa`` may stand for lines above its own (``comment_lines`` would say where).

    It can only where it ends a multi-line string (its line holds the closing quote) or
    follows a backslash continuation: tokenizing the file is needed for no other.
    """
    for number, line in enumerate(lines):
        if "noqa" in line.lower() and ('"' in line or "'" in line or (number and lines[number - 1].endswith("\\"))):
            return True
    return False


def _check_chunk(chunk: Sequence[Found], config: Config, hashing: bool, records: bool) -> list[FileReport]:
    """Reports of a chunk of files; with ``records`` each holds its records alone (only they are printed).

    A worker then sends back no ``Finding`` for the main process to rebuild, and the records
    are written here, beside the other workers: as printed (with the file's path), or, for the
    result cache (``hashing``), without the path, which the output splices in.
    """
    paths = Paths(config)
    reports = [check_file(item, config, hashing=hashing, paths=paths) for item in chunk]
    if not records:
        return reports
    alone = FileReport.records_only if hashing else FileReport.printed_only
    return [alone(report) if report.has_findings else report for report in reports]


def _paused_collector(task: Callable[[Sequence[Found]], list[T]], chunk: Sequence[Found]) -> list[T]:
    """Run a task on a chunk of files with the cyclic garbage collector paused.

    Trees have no cycles and the engine breaks its own, so collections would only spend time
    walking live objects.
    """
    with collector_paused():
        return task(chunk)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused (where many objects are made and none is in a cycle)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


CHUNK = 24  # files per task: small enough to balance the workers, large enough to amortise a task


def check_files(
    items: Iterable[Found],
    config: Config,
    jobs: int | None = None,
    cache: ResultCache | None = None,
    *,
    records: bool = False,
) -> list[FileReport]:
    """Reports for every file, in path order, using up to ``jobs`` processes.

    Without a cache to consult, files are handed to the workers in chunks as discovery
    yields them, so checking starts while the tree is still being walked. With one, each
    file is read and hashed here and only the files the cache does not know are checked.
    Fewer files than one chunk are checked in-process. A given ``cache`` is updated and saved.
    With ``records``, each report has its findings' JSON records written (``FileReport.records``).
    """
    if records:
        from autogen_lint import finding_json  # noqa: F401  (every process writes records: loaded before any fork)
    hits: list[FileReport] = []
    pending: Iterable[Found] = items
    if cache:
        with collector_paused():  # a report a file known: no cycle among them
            pending, hits = split_cached(items, config, cache)
    task = partial(_check_chunk, config=config, hashing=cache is not None, records=records)
    checked = map_files(task, pending, jobs or os.cpu_count() or 1)
    if cache is not None:
        for report in checked:
            if report.digest is not None:
                cache.put(report.key, report.digest, report.records, report.ag2)
        cache.save()
    reports = hits + checked
    reports.sort(key=attrgetter("path"))
    return reports


def split_cached(
    items: Iterable[Found],
    config: Config,
    cache: ResultCache,
    stale: Callable[[tuple[Finding, ...]], bool] | None = None,
) -> tuple[list[Found], list[FileReport]]:
    """The files the cache does not know (or whose known findings are ``stale``), and reports of the rest."""
    from autogen_lint.cache import content_hash, stamp_of

    misses: list[Found] = []
    hits: list[FileReport] = []
    paths = Paths(config)
    for item in items:
        shown, key = paths.of(item)
        try:
            stamp = stamp_of(os.stat(item.text))
        except OSError:
            misses.append(item)
            continue
        known = cache.fresh(key, stamp)
        if known is not None:
            report = FileReport(shown, None, key, known[0], known[2], records=known[1])
            if stale is None or not stale(report.findings):
                hits.append(report)
                continue
        try:
            raw = item.path.read_bytes()
        except OSError:
            misses.append(item)
            continue
        digest = content_hash(raw)
        entry = cache.get(key, digest)
        if entry is not None:
            report = FileReport(shown, None, key, digest, entry[1], records=entry[0])
            if stale is None or not stale(report.findings):
                cache.stamp(key, stamp)
                hits.append(report)
                continue
        misses.append(item)
    return misses, hits


def map_files(task: Callable[[Sequence[Found]], list[T]], items: Iterable[Found], workers: int) -> list[T]:
    """``task`` over the files in chunks, on up to ``workers`` processes; results in the order given.

    Fewer files than one chunk are done here. Where the platform forks, the files are listed
    first (discovery is a small part of a run) and this process works beside ``workers - 1``
    forked copies of itself (``autogen_lint.forked``); elsewhere a process pool gets the chunks as
    ``items`` yields them. ``task`` must be picklable (a module-level function, or a ``partial`` of one).
    """
    pending = iter(items)
    first = list(islice(pending, CHUNK))
    if workers <= 1 or len(first) < CHUNK:
        return _paused_collector(task, [*first, *pending])
    from autogen_lint import forked

    if forked.available():
        files = [*first, *pending]
        _load_for(set(map(attrgetter("kind"), files)))
        size = max(CHUNK, -(-len(files) // forked.MAX_CHUNKS))
        chunks = [files[start : start + size] for start in range(0, len(files), size)]
        return forked.map_chunks(partial(_paused_collector, task), chunks, workers)
    _load_for(set(Kind))
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_paused_collector, task, first)]
        while chunk := list(islice(pending, CHUNK)):
            futures.append(pool.submit(_paused_collector, task, chunk))
        return [result for future in futures for result in future.result()]


def _load_for(kinds: Collection[Kind]) -> None:
    """Import what checking files of these kinds needs, here and once.

    Before a fork: a module that a check imports later is imported again in every process.
    """
    from autogen_lint import engine, literals, spelled  # noqa: F401  (a Python file's check and prefilter)
    from autogen_lint.rules import plan

    if Kind.NOTEBOOK in kinds:
        import codecs

        from autogen_lint import notebooks  # noqa: F401

        codecs.lookup("utf-8-sig")  # what a notebook is decoded with
    if Kind.NOTEBOOK in kinds or Kind.DEPENDENCIES in kinds:
        from autogen_lint import dependencies  # noqa: F401  (requirement files, a notebook's pip lines)
    plan()
