"""Rule documentation rendered from the catalog: docs pages and ``explain`` share it.

``python -m autogen_lint.docs DIR`` writes one Markdown page per rule and an
index into ``DIR`` (the project's ``docs/rules``).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from autogen_lint.catalog import Rule, iter_rules
from autogen_lint.findings import Applicability
from autogen_lint.guide import MAF_SECTIONS, SECTIONS, section_title
from autogen_lint.replacements import iter_names
from autogen_lint.settings import Settings

_GENERATED = "<!-- Generated from autogen_lint/catalog/ by `python -m autogen_lint.docs`; do not edit. -->"


def _fence(code: str, rule: Rule) -> str:
    language = "text" if rule.target == "dependencies" else "python"
    return f"```{language}\n{code.rstrip()}\n```"


def _section_link(anchor: str, settings: Settings) -> str:
    return f"[{section_title(anchor)}]({settings.link(anchor)})"


def render_rule(rule: Rule, settings: Settings | None = None) -> str:
    """A rule's page: identity, What it does / Why is this bad? / Example / Use instead, links."""
    settings = settings or Settings()
    example_label = "Example" if rule.code.startswith("AGL7") else f"Example ({rule.family})"
    destination = "Agent Framework" if rule.guide == "agent-framework" else "v0.4"
    parts = [
        f"# {rule.code}: `{rule.symbol}`",
        f"{rule.summary}.",
        (
            f"- pylint: `{rule.pylint_id}` / `{rule.symbol}`\n"
            f"- severity: {rule.severity}\n"
            f"- applies to: {_applies_to(rule)}"
            + (f"\n- guide: {_section_link(rule.anchor, settings)}" if rule.anchor else "")
        ),
        f"## What it does\n\n{rule.what}",
        f"## Why is this bad?\n\n{rule.why}",
        f"## {example_label}\n\n{_fence(rule.example, rule)}",
        f"## Use instead ({destination})\n\n{_fence(rule.use_instead, rule)}",
    ]
    parts.append(_fix_section(rule))
    if rule.code == "AGL101":
        parts.append(_mapping_table(settings))
    links = "\n".join(f"- {_section_link(anchor, settings)}" for anchor in rule.anchors if anchor)
    if links:
        parts.append(f"## Migration guide\n\n{links}")
    return "\n\n".join(parts) + "\n"


_GRADES = {
    Applicability.SAFE: "safe: `--fix` applies it",
    Applicability.UNSAFE: "unsafe: applied with `--fix --unsafe-fixes`",
    Applicability.DISPLAY_ONLY: "display-only: shown as a suggestion, never applied",
}


_PLACEHOLDERS = {
    "instead": "the v0.4 replacement the message names",
    "name": "client",
    "statement": "async with",
    "identifier": "Narrative_Designer",
    "old": "the name from before 1.0",
    "new": "its 1.x name",
}


def _fix_section(rule: Rule) -> str:
    """The page's Fix section, from the catalog's fix entry."""
    if rule.fix is None:
        return "## Fix\n\nNo automatic fix: the change depends on what the code is for."
    placeholders = dict(_PLACEHOLDERS)
    if rule.guide == "agent-framework":
        placeholders["instead"] = "the Agent Framework replacement the message names"
    title = re.sub(r"\{(\w+)\}", lambda field: placeholders[field[1]], rule.fix.title)
    return f"## Fix\n\n{title} ({_GRADES[rule.fix.applicability]}).\n\n### Fix safety\n\n{rule.fix.safety}"


def _applies_to(rule: Rule) -> str:
    if rule.target == "dependencies":
        return "dependency files"
    if rule.target == "files":
        return "every file the command reads"
    return "notebook cells" if rule.notebooks_only else "Python code"


def _mapping_table(settings: Settings) -> str:
    rows = ["| v0.2 name | v0.4 replacement | rule | guide section |", "|---|---|---|---|"]
    for name, entry in sorted(iter_names()):
        target = f"`{entry.v04}`" if entry.v04 else "(no import)"
        scope = " and everything in it" if entry.tree else ""
        advice = f" ({entry.advice})" if entry.advice else ""
        rows.append(f"| `{name}`{scope} | {target}{advice} | {entry.code} | {_section_link(entry.anchor, settings)} |")
    note = "Any other name from the `autogen` package gets a general message and a link to the guide's index."
    return "## v0.2 to v0.4 names\n\n" + "\n".join(rows) + f"\n\n{note}"


def render_index(settings: Settings | None = None) -> str:
    """The rules grouped by the guide section they link to."""
    settings = settings or Settings()
    by_section: defaultdict[str, list[Rule]] = defaultdict(list)
    for rule in iter_rules():
        by_section[rule.anchor].append(rule)
    lines = [
        "# Rules",
        "",
        "Grouped by the migration guide section each rule links to: the AutoGen v0.2 to v0.4 guide's,",
        "then the AutoGen to Agent Framework guide's ([choosing a target](../targets.md)).",
        "",
    ]
    for anchor in ("", *SECTIONS, *MAF_SECTIONS):
        rules = by_section.get(anchor)
        if not rules:
            continue
        lines += [
            f"## {_section_link(anchor, settings) if anchor else 'Files that cannot be checked'}",
            "",
            "| code | symbol | pylint | summary |",
            "|---|---|---|---|",
        ]
        lines += [f"| [{r.code}]({r.code}.md) | `{r.symbol}` | `{r.pylint_id}` | {r.summary} |" for r in rules]
        lines.append("")
    return "\n".join(lines)


def render_all() -> dict[str, str]:
    """File name -> content for the whole ``docs/rules`` directory."""
    pages = {f"{rule.code}.md": f"{_GENERATED}\n\n{render_rule(rule)}" for rule in iter_rules()}
    pages["index.md"] = f"{_GENERATED}\n\n{render_index()}"
    return pages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0] if args else "docs/rules")
    target.mkdir(parents=True, exist_ok=True)
    for name, content in render_all().items():
        (target / name).write_text(content, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
