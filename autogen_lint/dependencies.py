"""AGL103: dependency declarations that install the AutoGen v0.2 API.

Reads ``requirements*.txt``, ``pyproject.toml`` (PEP 621 dependencies and optional
dependencies, PEP 735 dependency groups, Poetry dependencies and groups) and
``setup.cfg`` (``install_requires``, ``extras_require``). Requirement strings that name
a package the rules care about are parsed with ``packaging`` (imported then, and only then:
most projects' files name none); a finding points at the requirement's line.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import cache, partial
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

from autogen_lint import pins, toml_documents
from autogen_lint.catalog import RULES, target_advice
from autogen_lint.findings import Applicability, Edit, Finding, Fix
from autogen_lint.pins import Pin
from autogen_lint.settings import Settings
from autogen_lint.source import SourceError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

V04_REQUIREMENTS = "`autogen-agentchat>=0.4` and `autogen-ext[openai]>=0.4`"
FORKS = frozenset({"ag2", "autogen"})
V02_NAMES = frozenset({*FORKS, "pyautogen", "autogen-agentchat"})
"""The projects a v0.2-API requirement names (canonical names): AGL103 reads no other."""
_PYAUTOGEN_V02 = [(0, minor, patch) for minor in range(10) for patch in range(100)]
_AGENTCHAT_V02 = [(0, 2, patch) for patch in range(100)]
"""A pin "admits" v0.2 when one of these releases satisfies it (or one it names itself)."""
_PYAUTOGEN_CUTOFF = (0, 10)
"""pyautogen 0.10 and later only proxy the v0.4 packages."""
_BELOW_CUTOFF = pins.Clause("<", _PYAUTOGEN_CUTOFF)


@cache
def _v02_versions() -> tuple[list[Version], list[Version], Version]:
    """The same releases as ``packaging`` versions: pyautogen's, autogen-agentchat's, and pyautogen's cut-off."""
    from packaging.version import Version

    def version(release: tuple[int, ...]) -> Version:
        return Version(".".join(map(str, release)))

    return [*map(version, _PYAUTOGEN_V02)], [*map(version, _AGENTCHAT_V02)], version(_PYAUTOGEN_CUTOFF)


class Declared(NamedTuple):
    """One requirement as written, with its position in the file."""

    text: str
    line: int
    col: int
    shown: str = ""  # as written, when ``text`` was translated (Poetry constraints)


def check_dependencies(path: PurePath, text: str, settings: Settings) -> tuple[list[Finding], list[SourceError]]:
    """AGL103 findings for one dependency file, and the parts that could not be read."""
    if path.name == "pyproject.toml":
        declared, errors = _pyproject(text)
    elif path.name == "setup.cfg":
        declared, errors = list(_setup_cfg(text)), []
    else:
        declared, errors = list(_requirements_txt(text)), []
    findings = [finding for item in declared if (finding := _check(item, settings)) is not None]
    return findings, errors


def declared_requirements(path: PurePath, text: str, wanted: Callable[[str], bool]) -> list[Requirement]:
    """The requirements a dependency file declares whose canonical name is ``wanted`` (those ``packaging`` can read)."""
    if path.name == "pyproject.toml":
        declared, _ = _pyproject(text)
    elif path.name == "setup.cfg":
        declared = list(_setup_cfg(text))
    else:
        declared = list(_requirements_txt(text))
    named = [item for item in declared if (name := pins.requirement_name(item.text)) is not None and wanted(name)]
    if not named:
        return []
    from packaging.requirements import InvalidRequirement, Requirement

    requirements = []
    for item in named:
        try:
            requirements.append(Requirement(item.text))
        except InvalidRequirement:
            continue
    return requirements


def admits(requirement: Requirement, *, at_least: str | None = None, below: str | None = None) -> bool:
    """Whether the requirement admits a release in [``at_least``, ``below``) (or names one there)."""
    from packaging.version import Version

    low = Version(at_least) if at_least else None
    high = Version(below) if below else None
    specifier = requirement.specifier
    candidates = [Version(f"{major}.{minor}.{patch}") for major in range(3) for minor in range(20) for patch in (0, 5)]
    for clause in specifier:
        try:
            candidates.append(Version(clause.version.rstrip(".*")))
        except ValueError:
            continue
    return any(
        (low is None or version >= low) and (high is None or version < high) and specifier.contains(version, True)
        for version in candidates
    )


def v02_advice(requirement: Requirement | Pin) -> str | None:
    """What to write instead, when ``requirement`` admits a v0.2-API release; else ``None``."""
    if isinstance(requirement, Pin):
        name, pinned = requirement.name, bool(requirement.clauses)
        admits_v02 = partial(_pin_admits, requirement)
    else:
        from packaging.utils import canonicalize_name

        name, specifier = canonicalize_name(requirement.name), requirement.specifier
        pinned = bool(str(specifier))
        admits_v02 = partial(_specifier_admits, specifier)
    if name in FORKS:
        return f"`{name}` is a fork that keeps the v0.2 API: depend on {V04_REQUIREMENTS} instead"
    if name == "pyautogen" and pinned and admits_v02(pyautogen=True):
        return f"depend on {V04_REQUIREMENTS} instead (pyautogen 0.10 and later only proxy them)"
    if name == "autogen-agentchat" and pinned and admits_v02(pyautogen=False):
        return f"require {V04_REQUIREMENTS}"
    return None


def _specifier_admits(specifier: SpecifierSet, *, pyautogen: bool) -> bool:
    pyautogen_v02, agentchat_v02, cutoff = _v02_versions()
    if pyautogen:
        return _admits(specifier, pyautogen_v02, below=cutoff)
    return _admits(specifier, agentchat_v02)


def _pin_admits(pin: Pin, *, pyautogen: bool) -> bool:
    """``_specifier_admits`` for a plain pin: the same candidates, as release tuples."""
    named = pin.named()
    if pyautogen:
        pool = [*_PYAUTOGEN_V02, *(release for release in named if _BELOW_CUTOFF.contains(release))]
    else:
        pool = [release for release in [*_AGENTCHAT_V02, *named] if release[:2] == (0, 2)]
    return any(pin.contains(release) for release in pool)


def _admits(specifier: SpecifierSet, candidates: list[Version], below: Version | None = None) -> bool:
    """Some candidate (or a version the specifier itself names) satisfies ``specifier``."""
    from packaging.version import Version

    named = []
    for clause in specifier:
        version = clause.version.rstrip(".*")
        try:
            named.append(Version(version))
        except ValueError:
            continue
    pool = [*candidates, *(v for v in named if below is None or v < below)]
    if below is None:
        pool = [v for v in pool if v.release[:2] == (0, 2)]
    return any(specifier.contains(version, prereleases=True) for version in pool)


def _check(item: Declared, settings: Settings) -> Finding | None:
    if pins.requirement_name(item.text) not in V02_NAMES:
        return None  # no v0.2 advice for it, whatever its version: ``packaging`` is not needed
    requirement = _requirement(item.text)
    if requirement is None:
        return None
    advice = v02_advice(requirement)
    if advice is None or settings.quiet_v02:
        return None
    rule = RULES["AGL103"]
    end_col = item.col + len(item.shown or item.text)
    fields, suggestion = target_advice(rule, {"requirement": item.shown or item.text, "instead": advice}, settings)
    return Finding(
        code=rule.code,
        line=item.line,
        col=item.col,
        end_line=item.line,
        end_col=end_col,
        message=rule.format(**fields),
        url=settings.link(rule.anchor),
        fix=suggestion,
    )


def _requirement(text: str) -> Requirement | Pin | None:
    """The requirement ``text`` writes: a plain pin read here, else ``packaging``'s reading (``None``: invalid)."""
    pin = pins.read(text)
    if pin is not None:
        return pin
    if pins.rejected(text):
        return None
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        return Requirement(text)
    except InvalidRequirement:
        return None


def _plain_name(requirement: Requirement | Pin) -> str | None:
    """The canonical name of a requirement with no extras, marker or URL; ``None`` for any other."""
    if isinstance(requirement, Pin):
        return None if requirement.extras else requirement.name
    if requirement.extras or requirement.marker is not None or requirement.url:
        return None
    from packaging.utils import canonicalize_name

    return str(canonicalize_name(requirement.name))


# requirements.txt


def _requirements_txt(text: str) -> Iterator[Declared]:
    logical = ""
    start = (1, 0)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw)
        if not logical:
            start = (number, len(line) - len(line.lstrip()))
        if line.rstrip().endswith("\\"):
            logical += line.rstrip()[:-1] + " "
            continue
        logical += line
        requirement = logical.strip()
        logical = ""
        if not requirement or requirement.startswith("-"):
            continue  # options: -r, -e, --index-url, ...
        requirement = re.split(r"\s+--?\w", requirement, maxsplit=1)[0].strip()  # per-requirement options
        yield Declared(requirement, *start)


# Notebook cells: `%pip install ...`, `!pip install ...`


_PIP_INSTALL = re.compile(
    r"^(?P<indent>\s*)(?:[%!]\s*)?(?:python3?\s+-m\s+)?(?:uv\s+)?pip3?\s+install(?=\s|$)(?P<rest>.*)$"
)
_TOKEN = re.compile(r"""\S*"[^"]*"\S*|\S*'[^']*'\S*|\S+""")
# pip install options that take a value (`-r FILE`, `--index-url URL`); `--opt=value` is one token.
_VALUED = frozenset(
    {"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url",
     "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--src", "--upgrade-strategy", "--platform",
     "--python-version", "--implementation", "--abi", "--progress-bar", "--log", "--cache-dir", "--proxy",
     "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert", "--client-cert", "--config-settings",
     "-C", "--global-option", "--no-binary", "--only-binary", "--report", "--python"}
)  # fmt: skip
_SHELL = ("&&", "||", ";", "|", ">", "<", "&", "#", "2>")


def pip_install_requirements(line: str, number: int = 1) -> list[Declared]:
    """The requirements a notebook's pip line installs, where each is written; ``[]`` for any other line.

    Reads ``%pip install``, ``!pip install``, ``!python -m pip install``, ``!uv pip install`` and
    IPython's automagic ``pip install``. Each ``Declared`` has the requirement without its quotes
    (``text``), the 0-based column of the argument and the argument as written, quotes included
    (``shown``); options, their values, files (``-r``) and anything after a shell operator are
    skipped, and so is an argument with a ``$``/``{}`` expansion.
    """
    match = _PIP_INSTALL.match(line)
    if match is None:
        return []
    found: list[Declared] = []
    skip_value = False
    offset = match.start("rest")
    for token in _TOKEN.finditer(match.group("rest")):
        word = token.group()
        if word.startswith(_SHELL):
            break
        if skip_value:
            skip_value = False
            continue
        if word.startswith("-"):
            skip_value = word in _VALUED
            continue
        text = word.replace('"', "").replace("'", "")
        if not text or any(mark in text for mark in "${}") or "/" in text or text.startswith("."):
            continue  # an expansion, a path or a URL
        found.append(Declared(text, number, offset + token.start(), word if word != text else ""))
    return found


def check_pip_line(line: str, number: int, settings: Settings) -> list[Finding]:
    """AGL103 for each v0.2-API requirement a notebook's pip line installs (with its fix when one-to-one)."""
    findings = []
    for item in pip_install_requirements(line, number):
        finding = _check(item._replace(shown=""), settings)  # named without its quotes
        if finding is None:
            continue
        finding = finding._replace(end_col=item.col + len(item.shown or item.text))  # the quotes included
        fix = None if settings.agent_framework else _pip_fix(item, finding)  # it installs the v0.4 packages
        findings.append(finding if fix is None else finding._replace(fix=fix))
    return findings


_V04_ARGUMENTS = '"autogen-agentchat>=0.4" "autogen-ext[openai]>=0.4"'


def _pip_fix(item: Declared, finding: Finding) -> Fix | None:
    """``pyautogen==0.2.35`` or ``autogen-agentchat~=0.2`` (no extras, no markers) -> the v0.4 packages.

    Unsafe: the notebook's v0.2 code stops importing once the v0.4 packages replace the v0.2 ones.
    Forks (``ag2``, ``autogen``) are a choice of their own and get advice only.
    """
    requirement = _requirement(item.text)
    if requirement is None or _plain_name(requirement) not in ("pyautogen", "autogen-agentchat"):
        return None
    edit = Edit(finding.line, finding.col, finding.end_line, finding.end_col, _V04_ARGUMENTS)
    return Fix(f"install {V04_REQUIREMENTS} instead", Applicability.UNSAFE, (edit,))


# setup.cfg


def _setup_cfg(text: str) -> Iterator[Declared]:
    section = key = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped[0] in "#;":
            continue
        header = re.match(r"^\[(.+)\]\s*$", stripped)
        if header:
            section, key = header.group(1).strip(), ""
            continue
        continuation = raw[:1].isspace()
        value = stripped
        if not continuation:
            name, sep, value = stripped.partition("=")
            if not sep:
                continue
            key, value = name.strip(), value.strip()
        wanted = (section == "options" and key in ("install_requires", "setup_requires", "tests_require")) or (
            section == "options.extras_require"
        )
        value = re.split(r"\s[#;]", value, maxsplit=1)[0].strip()
        if wanted and value:  # one requirement per line, as setuptools lists them
            yield Declared(value, number, raw.index(value))


# pyproject.toml


def _pyproject(text: str) -> tuple[list[Declared], list[SourceError]]:
    try:
        data = _toml_loads(text)
    except ValueError as error:
        return [], [SourceError(f"invalid TOML: {error}", _toml_error_line(error))]
    lines = text.splitlines()
    found: list[Declared] = []
    project = data.get("project", {})
    strings = [*_strings(project.get("dependencies"))]
    for extra in _dict(project.get("optional-dependencies")).values():
        strings += _strings(extra)
    for group in _dict(data.get("dependency-groups")).values():
        strings += _strings(group)
    seen: dict[str, int] = {}
    for requirement in strings:
        seen[requirement] = seen.get(requirement, 0) + 1
        found.append(_locate_string(lines, requirement, seen[requirement]))
    poetry = _dict(_dict(data.get("tool")).get("poetry"))
    tables = [
        ("tool.poetry.dependencies", poetry.get("dependencies")),
        ("tool.poetry.dev-dependencies", poetry.get("dev-dependencies")),
    ]
    for name, group in _dict(poetry.get("group")).items():
        tables.append((f"tool.poetry.group.{name}.dependencies", _dict(group).get("dependencies")))
    for table, dependencies in tables:
        for name, constraint in _dict(dependencies).items():
            translated = _poetry_requirement(name, constraint)
            if translated is not None:
                line, col = _locate_key(lines, table, name)
                shown = lines[line - 1].strip() if line <= len(lines) else name
                found.append(Declared(translated, line, col, shown))
    return found, []


def _toml_loads(text: str) -> dict[str, Any]:
    try:
        return toml_documents.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(str(error)) from None


def _toml_error_line(error: ValueError) -> int:
    match = re.search(r"line (\d+)", str(error))
    return int(match.group(1)) if match else 1


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _strings(value: object) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _locate_string(lines: list[str], requirement: str, occurrence: int) -> Declared:
    """The ``occurrence``-th quoted appearance of ``requirement`` in the file."""
    found = 0
    for number, line in enumerate(lines, start=1):
        for quote in ('"', "'"):
            col = line.find(f"{quote}{requirement}{quote}")
            if col >= 0:
                found += 1
                if found == occurrence:
                    return Declared(requirement, number, col + 1)
    return Declared(requirement, 1, 0)


def _locate_key(lines: list[str], table: str, key: str) -> tuple[int, int]:
    current = ""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(lines, start=1):
        header = re.match(r"^\s*\[([^\[\]]+)\]\s*(#.*)?$", line)
        if header:
            current = header.group(1).strip().replace('"', "").replace("'", "")
            continue
        if current == table and pattern.match(line):
            return number, len(line) - len(line.lstrip())
    return 1, 0


def _poetry_requirement(name: str, constraint: object) -> str | None:
    """A PEP 508 string for a Poetry dependency (``^0.2``, ``~0.2.1``, ``{version = ...}``)."""
    if name == "python":
        return None
    if isinstance(constraint, dict):
        constraint = constraint.get("version", "*")
    if isinstance(constraint, list):  # multiple-constraint dependencies
        return name
    if not isinstance(constraint, str):
        return None
    from packaging.specifiers import InvalidSpecifier

    try:
        return f"{name}{_poetry_specifier(constraint)}"
    except (InvalidSpecifier, ValueError):
        return None


def _poetry_specifier(constraint: str) -> str:
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    clauses = []
    for raw_part in re.split(r"\s*,\s*|\s+(?=[<>=!~^])", constraint.strip()):
        part = raw_part.strip()
        if not part or part == "*":
            continue
        if part[0] in "^~" and not part.startswith("~="):
            base = Version(part[1:].strip())
            release = list(base.release) + [0] * (3 - len(base.release))
            if part[0] == "^":
                index = next((i for i, value in enumerate(release) if value != 0), len(release) - 1)
            else:
                index = 1 if len(base.release) > 1 else 0
            upper = release[: index + 1]
            upper[-1] += 1
            clauses += [f">={base}", f"<{'.'.join(map(str, upper))}"]
        elif part[0].isdigit():
            clauses.append(f"=={part}")
        else:
            clauses.append(part)
    specifier = ",".join(clauses)
    SpecifierSet(specifier)
    return specifier
