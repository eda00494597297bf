"""One line per finding: ``concise`` (without the link) and ``text`` (the older form with it)."""

from __future__ import annotations

from collections.abc import Sequence

from autogen_lint.config import Config
from autogen_lint.output.common import Style, closing, each, fix_mark, hyperlink, position
from autogen_lint.runner import FileReport


def concise(
    reports: Sequence[FileReport], checked: int, config: Config, *, colour: bool = False, hyperlinks: bool = False
) -> str:
    """``path:line:col: CODE [*] message``; the code links to the guide on a capable terminal."""
    return _lines(reports, checked, config, colour=colour, hyperlinks=hyperlinks, links=False)


def text(reports: Sequence[FileReport], checked: int, config: Config, *, colour: bool = False) -> str:
    """``path:line:col: CODE [*] message; see URL``, the form scripts read before ``full`` existed."""
    return _lines(reports, checked, config, colour=colour, hyperlinks=False, links=True)


def _lines(
    reports: Sequence[FileReport], checked: int, config: Config, *, colour: bool, hyperlinks: bool, links: bool
) -> str:
    style = Style(colour)
    lines = []
    for path, finding in each(reports):
        code = style(finding.code, style.severity(finding))
        if hyperlinks:
            code = hyperlink(code, finding.url)
        link = f"; see {style(finding.url, '2')}" if links else ""
        lines.append(
            f"{style(path, '1')}:{position(finding)}: {code} {fix_mark(finding, config)}{finding.message}{link}"
        )
    lines += closing(reports, checked, config)
    return "\n".join(lines) + "\n"
