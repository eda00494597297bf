"""The report's numbers, computed once for every format: headline, sections, directories, files, changes."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from autogen_lint.config import Config
from autogen_lint.discovery import Kind
from autogen_lint.findings import Applicability, Finding
from autogen_lint.report.baseline import Entry
from autogen_lint.report.facts import FileFacts
from autogen_lint.report.sections import Category, category, section, section_title, section_url


class Status(str, Enum):
    """Where an AutoGen file (Python or notebook) stands."""

    V04 = "v0.4"
    V04_DEFECTS = "v0.4-defects"
    MIXED = "mixed"
    V02 = "v0.2"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.V04: "fully on v0.4",
    Status.V04_DEFECTS: "on v0.4 with defects",
    Status.MIXED: "mixed",
    Status.V02: "still v0.2",
}


def status(facts: FileFacts) -> Status | None:
    """``None`` for a file that is not AutoGen code (or a dependency file, or unreadable)."""
    if facts.kind is Kind.DEPENDENCIES:
        return None
    categories = {category(finding.code) for finding in facts.report.findings}
    if Category.V02_API in categories:
        return Status.MIXED if facts.imports_v04 else Status.V02
    if facts.imports_v04:
        return Status.V04_DEFECTS if Category.V04_DEFECT in categories else Status.V04
    return Status.V02 if facts.imports_v02 else None


@dataclass(slots=True)
class Tally:
    """Findings counted by category, and how many of them ``--fix`` can remove."""

    categories: Counter[Category] = field(default_factory=Counter)
    fixable_safe: int = 0
    fixable_unsafe: int = 0

    @property
    def total(self) -> int:
        return sum(self.categories.values())

    @property
    def left(self) -> int:
        """What still blocks the move to v0.4: v0.2 API in use and v0.2 pins."""
        return self.categories[Category.V02_API] + self.categories[Category.DEPENDENCY]

    def add(self, finding: Finding, grade: Applicability | None) -> None:
        self.categories[category(finding.code)] += 1
        if grade is Applicability.SAFE:
            self.fixable_safe += 1
        elif grade is Applicability.UNSAFE:
            self.fixable_unsafe += 1


def fixability(finding: Finding, config: Config) -> Applicability | None:
    """``SAFE`` when ``--fix`` removes the finding, ``UNSAFE`` when only ``--unsafe-fixes`` does."""
    fix = finding.fix
    if fix is None or not fix.applicable:
        return None
    if fix.applicability is Applicability.SAFE and config.applies(fix):
        return Applicability.SAFE
    return Applicability.UNSAFE if replace(config, unsafe_fixes=True).applies(fix) else None


@dataclass(slots=True)
class FileRow:
    path: str
    directory: str
    kind: Kind
    status: Status | None
    tally: Tally = field(default_factory=Tally)
    codes: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class SectionRow:
    anchor: str
    title: str
    url: str
    files: set[str] = field(default_factory=set)
    tally: Tally = field(default_factory=Tally)
    codes: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class DirectoryRow:
    path: str
    statuses: Counter[Status] = field(default_factory=Counter)
    files: int = 0
    tally: Tally = field(default_factory=Tally)

    @property
    def autogen_files(self) -> int:
        return sum(self.statuses.values())


@dataclass(frozen=True, slots=True)
class Item:
    """One finding in the report: its file, its identity and what ``--fix`` can do about it."""

    row: FileRow
    finding: Finding
    entry: Entry
    fixable: Applicability | None


@dataclass(frozen=True, slots=True)
class Change:
    """New and fixed findings of one section or file since an earlier report."""

    name: str
    new: int
    fixed: int


@dataclass(frozen=True, slots=True)
class Changes:
    baseline: str
    new: int
    fixed: int
    sections: tuple[Change, ...]
    files: tuple[Change, ...]


@dataclass(slots=True)
class Report:
    """Everything a report shows; ``items`` are the findings, in file order."""

    title: str
    files_checked: int
    guide_url: str
    statuses: Counter[Status]
    tally: Tally
    codes: Counter[str]
    sections: list[SectionRow]
    directories: list[DirectoryRow]
    files: list[FileRow]
    items: list[Item]
    unreadable_files: int
    changes: Changes | None = None
    target: str = ""
    """Which migration target applies and why, in one line."""

    @property
    def autogen_files(self) -> int:
        return sum(self.statuses.values())

    @property
    def migrated_share(self) -> float:
        """Files fully on v0.4 out of all AutoGen files (1.0 when there are none)."""
        return self.statuses[Status.V04] / self.autogen_files if self.autogen_files else 1.0


def directory_of(path: str) -> str:
    head, _, _ = path.rpartition("/")
    return head or "."


def build(
    title: str,
    files: Sequence[FileFacts],
    config: Config,
    previous: Sequence[Entry] | None = None,
    previous_name: str = "",
) -> Report:
    """The report of the checked files (``previous``: an earlier report's findings to compare with)."""
    statuses: Counter[Status] = Counter()
    tally, codes = Tally(), Counter[str]()
    sections: dict[str, SectionRow] = {}
    directories: dict[str, DirectoryRow] = {}
    rows: list[FileRow] = []
    found: list[Item] = []
    unreadable = 0
    for facts in files:
        row = FileRow(facts.path, directory_of(facts.path), facts.kind, status(facts))
        directory = directories.setdefault(row.directory, DirectoryRow(row.directory))
        directory.files += 1
        if row.status is not None:
            statuses[row.status] += 1
            directory.statuses[row.status] += 1
        unreadable += any(finding.code == "AGL001" for finding in facts.report.findings)
        for finding, entry in zip(facts.report.findings, facts.entries, strict=True):
            anchor = section(finding)
            if anchor not in sections:
                sections[anchor] = SectionRow(anchor, section_title(anchor), section_url(anchor, config.settings))
            part = sections[anchor]
            part.files.add(row.path)
            grade = fixability(finding, config)
            for counter in (tally, row.tally, part.tally, directory.tally):
                counter.add(finding, grade)
            for names in (codes, row.codes, part.codes):
                names[finding.code] += 1
            found.append(Item(row, finding, entry, grade))
        rows.append(row)
    report = Report(
        title=title,
        files_checked=len(files),
        guide_url=config.guide_url,
        statuses=statuses,
        tally=tally,
        codes=codes,
        sections=sorted(sections.values(), key=lambda s: (-s.tally.total, s.title)),
        directories=sorted(
            (d for d in directories.values() if d.autogen_files or d.tally.total),
            key=lambda d: (-d.tally.left, -(d.autogen_files - d.statuses[Status.V04]), -d.tally.total, d.path),
        ),
        files=sorted(
            (row for row in rows if row.tally.total),
            key=lambda row: (-row.tally.left, -row.tally.total, row.path),
        ),
        items=found,
        unreadable_files=unreadable,
        target=config.decision.reason if config.decision is not None else "",
    )
    if previous is not None:
        report.changes = compare(previous_name, [item.entry for item in found], previous)
    return report


def compare(name: str, current: Iterable[Entry], previous: Iterable[Entry]) -> Changes:
    """New and fixed findings per section and per file, from the findings' identities."""
    now = {entry.mark: entry for entry in current}
    before = {entry.mark: entry for entry in previous}
    new = [entry for mark, entry in now.items() if mark not in before]
    fixed = [entry for mark, entry in before.items() if mark not in now]
    return Changes(name, len(new), len(fixed), _changes(new, fixed, _section_of), _changes(new, fixed, _path_of))


def _section_of(entry: Entry) -> str:
    return entry.section


def _path_of(entry: Entry) -> str:
    return entry.mark.path


def _changes(new: list[Entry], fixed: list[Entry], key: Callable[[Entry], str]) -> tuple[Change, ...]:
    added: defaultdict[str, int] = defaultdict(int)
    gone: defaultdict[str, int] = defaultdict(int)
    for entry in new:
        added[key(entry)] += 1
    for entry in fixed:
        gone[key(entry)] += 1
    names = sorted(set(added) | set(gone), key=lambda name: (-added[name], -gone[name], name))
    return tuple(Change(name, added[name], gone[name]) for name in names)
