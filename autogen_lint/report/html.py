"""The report as one self-contained HTML page: inline style and SVG charts, nothing fetched.

The only addresses in the page are the migration guide's, as plain links. Long tables are
cut (with a count of what was left out) so a tree with thousands of files stays a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from autogen_lint import __version__
from autogen_lint.report.charts import Series, stacked_bars
from autogen_lint.report.model import Change, Report, Status
from autogen_lint.report.sections import Category, section_title
from autogen_lint.report.wording import HEADLINE_CATEGORIES, STATUSES, fixable, percent, plural, rule_list, summary

ROWS = 200  # rows of a long table before it is cut
CHART_ROWS = 25  # bars of the directory chart

CATEGORY_SERIES = (
    Series("v0.2 API", "#b3261e", "solid"),
    Series("v0.4 defects", "#7a4fbf", "hatch"),
    Series("v0.2 pins", "#c77700", "dots"),
    Series("unreadable", "#555", "open"),
)
STATUS_SERIES = (
    Series("on v0.4", "#1b7f3b", "solid"),
    Series("on v0.4 with defects", "#1b7f3b", "open"),
    Series("mixed", "#c77700", "hatch"),
    Series("still v0.2", "#b3261e", "dots"),
)
CHANGE_SERIES = (Series("new", "#b3261e", "solid"), Series("fixed", "#1b7f3b", "hatch"))

STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
       margin: 0 auto; max-width: 1040px; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.2em; margin: 1.8em 0 .5em; border-bottom: 1px solid #ccc; padding-bottom: .2em; }
.summary { font-size: 1.1em; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { border: 1px solid #bbb; border-radius: 6px; padding: 10px 14px; min-width: 150px; }
.card b { display: block; font-size: 1.7em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; font-size: .92em; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f1f1f1; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font: .92em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.chart { max-width: 100%; height: auto; display: block; margin: .5em 0; }
.note { color: #555; font-style: italic; }
footer { margin-top: 2em; color: #555; font-size: .9em; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  tr, .card, .chart { break-inside: avoid; }
  a { color: inherit; }
}
"""


def _cell(text: str, *, number: bool = False) -> str:
    return f'<td class="n">{text}</td>' if number else f"<td>{text}</td>"


def _table(header: Sequence[str], numeric: str, rows: Sequence[Sequence[str]]) -> str:
    """A table; ``numeric`` has ``n`` for a right-aligned number column, ``t`` for text."""
    head = "".join(
        f'<th scope="col"{" class=n" if kind == "n" else ""}>{escape(name)}</th>'
        for name, kind in zip(header, numeric, strict=True)
    )
    body = "".join(
        "<tr>" + "".join(_cell(value, number=kind == "n") for value, kind in zip(row, numeric, strict=True)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _more(left_out: int) -> str:
    return f'<p class="note">… {left_out:,} more not shown; the JSON report has them all.</p>' if left_out else ""


def _code(text: str) -> str:
    return f"<code>{escape(text)}</code>"


def _headline(report: Report) -> str:
    whole = report.autogen_files
    cards = [
        (percent(report.statuses[Status.V04], whole), "of AutoGen files migrated"),
        *((f"{report.statuses[status]:,}", f"files {status.label}") for status in STATUSES),
        *((f"{report.tally.categories[kind]:,}", label) for kind, label in HEADLINE_CATEGORIES),
        (fixable(report.tally), "fixable (safe / unsafe)"),
    ]
    parts = [f'<p class="summary"><strong>{escape(summary(report))}</strong></p>', '<div class="cards">']
    parts += [f'<div class="card"><b>{escape(value)}</b>{escape(label)}</div>' for value, label in cards]
    parts.append("</div>")
    parts.append(
        stacked_bars(
            "progress",
            "AutoGen files by migration status",
            STATUS_SERIES,
            [("all AutoGen files", [report.statuses[status] for status in STATUSES])],
            unit="files",
            empty="No AutoGen files found.",
        )
    )
    read = plural(report.files_checked, "file") + " checked"
    if report.unreadable_files:
        read += f"; {plural(report.unreadable_files, 'file')} could not be read"
    parts.append(f"<p>{escape(read)}.</p>")
    if report.target:
        parts.append(f"<p>{escape(report.target[0].upper() + report.target[1:])}.</p>")
    return "".join(parts)


def _changes(report: Report) -> str:
    changes = report.changes
    if changes is None:
        return ""
    since = _code(changes.baseline) if changes.baseline else "the baseline"
    parts = [
        f"<h2>Since {since}</h2>",
        f"<p><strong>{escape(plural(changes.new, 'new finding'))}, "
        f"{escape(plural(changes.fixed, 'finding'))} fixed.</strong></p>",
    ]

    def rows(items: Sequence[Change], name: str) -> str:
        shown = items[:ROWS]
        cells = [
            [
                escape(section_title(item.name)) if name == "section" else _code(item.name),
                f"{item.new:,}",
                f"{item.fixed:,}",
            ]
            for item in shown
        ]
        title = "Section" if name == "section" else "File"
        return _table([title, "New", "Fixed"], "tnn", cells) + _more(len(items) - len(shown))

    parts.append(
        stacked_bars(
            "changes",
            "New and fixed findings per migration guide section",
            CHANGE_SERIES,
            [(section_title(item.name), [item.new, item.fixed]) for item in changes.sections],
            unit="findings",
            empty="No finding new or fixed.",
            totals=False,
        )
    )
    if changes.sections:
        parts.append(rows(changes.sections, "section"))
    if changes.files:
        parts.append(rows(changes.files, "file"))
    return "".join(parts)


def _sections(report: Report) -> str:
    chart = stacked_bars(
        "sections",
        "Findings per migration guide section",
        CATEGORY_SERIES,
        [(row.title, [row.tally.categories[kind] for kind in Category]) for row in report.sections],
        unit="findings",
        empty="No findings: nothing left to migrate.",
    )
    rows = [
        [
            f'<a href="{escape(row.url)}">{escape(row.title)}</a>',
            f"{row.tally.total:,}",
            f"{row.tally.left:,}",
            f"{row.tally.categories[Category.V04_DEFECT]:,}",
            f"{len(row.files):,}",
            escape(fixable(row.tally)),
            escape(rule_list(row.codes)),
        ]
        for row in report.sections
    ]
    header = ["Section", "Findings", "Left", "v0.4 defects", "Files", "Fixable (safe / unsafe)", "Rules"]
    table = _table(header, "tnnnnnt", rows) if rows else ""
    return f"<h2>By section: migration guide, or the rule's page</h2>{chart}{table}"


def _directories(report: Report) -> str:
    with_autogen = [row for row in report.directories if row.autogen_files]
    shown = with_autogen[:CHART_ROWS]
    title, caption = "AutoGen files per directory by migration status", ""
    if len(with_autogen) > CHART_ROWS:
        cut = f"the {CHART_ROWS} directories with most left of the {len(with_autogen):,} with AutoGen files"
        title += f" ({cut})"
        caption = f'<p class="note">The chart shows {cut}.</p>'
    chart = stacked_bars(
        "directories",
        title,
        STATUS_SERIES,
        [(row.path, [row.statuses[status] for status in STATUSES]) for row in shown],
        unit="files",
        empty="No AutoGen files found.",
        paths=True,
    )
    listed = report.directories[:ROWS]
    rows = [
        [
            _code(row.path),
            f"{row.tally.left:,}",
            *(f"{row.statuses[status]:,}" for status in STATUSES),
            percent(row.statuses[Status.V04], row.autogen_files),
            f"{row.tally.total:,}",
        ]
        for row in listed
    ]
    header = ["Directory", "Left", "Files on v0.4", "v0.4 with defects", "Mixed", "Still v0.2", "Migrated", "Findings"]
    table = _table(header, "tnnnnnnn", rows) if rows else ""
    return (
        f"<h2>By directory, most left first</h2>{caption}{chart}{table}{_more(len(report.directories) - len(listed))}"
    )


def _files(report: Report) -> str:
    if not report.files:
        return ""
    listed = report.files[:ROWS]
    rows = [
        [
            _code(row.path),
            f"{row.tally.left:,}",
            f"{row.tally.total:,}",
            escape(row.status.label if row.status is not None else "-"),
            escape(rule_list(row.codes, 4)),
        ]
        for row in listed
    ]
    table = _table(["File", "Left", "Findings", "Status", "Rules"], "tnntt", rows)
    return f"<h2>Files with the most left</h2>{table}{_more(len(report.files) - len(listed))}"


def render(report: Report) -> str:
    guide = escape(report.guide_url)
    body = "".join(
        [
            f"<h1>{escape(report.title)}</h1>",
            _headline(report),
            _changes(report),
            _sections(report),
            _directories(report),
            _files(report),
            f"<footer><p>Left: v0.2 API uses and v0.2 pins still to migrate. "
            f'Each section links to the <a href="{guide}">AutoGen v0.2 to v0.4 migration guide</a>, '
            "or to the rule's page where the guide has no section for it. "
            f"Made by autogen-lint {escape(__version__)}.</p></footer>",
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(report.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
