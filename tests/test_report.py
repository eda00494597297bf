"""``autogen-lint report``: the installed command on fixtures and generated trees, in every format."""

from __future__ import annotations

import json
import random
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from textwrap import dedent

import pytest
from harness import TESTS
from test_cli import CLEAN, V02, V04_MISTAKE, findings, notebook, run, write

from autogen_lint.config import Config
from autogen_lint.report.command import build_report
from autogen_lint.report.markdown import SUMMARY_LIMIT
from autogen_lint.report.markdown import render as markdown
from autogen_lint.settings import DEFAULT_GUIDE_URL, DOCS_URL

MIXED = dedent("""\
    from autogen import UserProxyAgent
    from autogen_agentchat.agents import AssistantAgent
    user = UserProxyAgent("user")
""")
GROUP = dedent("""\
    import autogen
    chat = autogen.GroupChat(agents=[], messages=[])
    manager = autogen.GroupChatManager(groupchat=chat, llm_config={"model": "gpt-4o"})
    manager.initiate_chat(manager, message="hi")
""")
UNCLOSED = dedent("""\
    from autogen_ext.models.openai import OpenAIChatCompletionClient


    async def main() -> None:
        client = OpenAIChatCompletionClient(model="gpt-4o")
        print(client)
""")

TREE: dict[str, str | bytes] = {
    "pkg/legacy.py": V02,
    "pkg/mixed.py": MIXED,
    "pkg/new.py": CLEAN,
    "pkg/defect.py": V04_MISTAKE,
    "pkg/quiet.py": "import autogen  # noqa\n",
    "pkg/local.py": "from autogen_stateflow import Flow\n",  # the project's own module, not AutoGen
    "pkg/sub/group.py": GROUP,
    "nb/demo.ipynb": notebook(("markdown", "# Demo"), "import autogen\n", 'a = autogen.AssistantAgent("a")\n'),
    "nb/new.ipynb": notebook("from autogen_agentchat.agents import AssistantAgent\n"),
    "other/plain.py": "import os\n",
    "requirements.txt": "pyautogen==0.2.35\nrequests\n",
    "broken/bad.py": b"import autogen\n\xff\xfe = 1\n",
}


def report_json(root: Path, *args: str) -> dict:
    result = run("report", "--format", "json", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_same_as_check(root: Path, *args: str) -> dict:
    """The report's findings and totals are those of ``check --format json`` on the same files."""
    data = report_json(root, *args)
    checked = findings(run("check", "--format", "json", "--no-cache", *args, cwd=root))
    assert data["headline"]["findings"] == len(checked) == len(data["findings"])
    assert data["codes"] == dict(sorted(Counter(f["code"] for f in checked).items()))
    mine = [(f["path"], f["cell"], f["line"], f["column"], f["code"]) for f in data["findings"]]
    assert sorted(mine) == sorted((f["path"], f["cell"], f["line"], f["column"], f["code"]) for f in checked)
    per_file = Counter(f["path"] for f in checked)
    assert {row["path"]: row["findings"] for row in data["files"]} == per_file
    assert sum(row["findings"] for row in data["sections"]) == len(checked)
    assert sum(row["findings"] for row in data["directories"]) == len(checked)
    headline = data["headline"]
    categories = ("v02_api", "v04_defects", "dependency_pins", "unreadable")
    assert sum(headline[name] for name in categories) == len(checked)
    assert headline["dependency_pins"] == per_code(checked, "AGL103")
    assert headline["unreadable"] == per_code(checked, "AGL001")
    assert headline["v04_defects"] == sum(1 for f in checked if f["code"].startswith("AGL7"))
    return data


def per_code(found: list[dict], code: str) -> int:
    return sum(1 for f in found if f["code"] == code)


# JSON: the same numbers as check


def test_json_totals_equal_check_on_the_fixtures(tmp_path: Path) -> None:
    shutil.copytree(TESTS / "fixtures", tmp_path / "fixtures")
    data = assert_same_as_check(tmp_path)
    assert data["headline"]["unreadable_files"] >= 1
    assert data["format"] == "autogen-lint-report" and data["autogen_lint"]
    assert data["headline"]["v04_defects"] > 0 and data["headline"]["v02_api"] > 0


def test_json_on_a_mixed_tree_counts_files_by_status(tmp_path: Path) -> None:
    write(tmp_path, TREE)
    data = assert_same_as_check(tmp_path)
    statuses = {row["path"]: row["status"] for row in data["files"]}
    assert statuses["pkg/legacy.py"] == "v0.2"
    assert statuses["pkg/mixed.py"] == "mixed"
    assert statuses["pkg/defect.py"] == "v0.4-defects"  # AGL7xx defects: on v0.4, not "fully"
    assert statuses["nb/demo.ipynb"] == "v0.2"
    assert statuses["requirements.txt"] is None
    # new.py and new.ipynb are on v0.4 with no findings; quiet.py's import is suppressed but is v0.2;
    # local.py imports no AutoGen package.
    assert data["headline"]["files"] == {"v0.4": 2, "v0.4-defects": 1, "mixed": 1, "v0.2": 4}
    assert data["headline"]["autogen_files"] == 8
    assert data["headline"]["migrated_share"] == pytest.approx(2 / 8, abs=1e-4)
    assert data["headline"]["dependency_pins"] == 1 and data["headline"]["unreadable_files"] == 1
    directories = {row["path"]: row for row in data["directories"]}
    assert directories["pkg"]["files"] == {"v0.4": 1, "v0.4-defects": 1, "mixed": 1, "v0.2": 2}
    assert "other" not in directories
    assert next(row["path"] for row in data["directories"]) == "pkg/sub"  # most left first
    lefts = [row["left"] for row in data["files"]]
    assert lefts == sorted(lefts, reverse=True)


def test_json_on_a_generated_tree_equals_check(tmp_path: Path) -> None:
    snippets = [V02, MIXED, CLEAN, V04_MISTAKE, GROUP, UNCLOSED, "import os\n", "import autogen  # noqa: AGL101\n"]
    chooser = random.Random(12)
    tree: dict[str, str | bytes] = {}
    for number in range(60):
        directory = f"d{chooser.randrange(6)}/s{chooser.randrange(3)}"
        parts = chooser.sample(snippets, chooser.randrange(1, 4))
        if number % 10 == 0:
            tree[f"{directory}/n{number}.ipynb"] = notebook(*parts)
        else:
            tree[f"{directory}/m{number}.py"] = "\n".join(parts)
    write(tmp_path, tree)
    data = assert_same_as_check(tmp_path)
    assert assert_same_as_check(tmp_path, "--select", "AGL1,AGL7") != data
    statuses = data["headline"]["files"]
    assert statuses["v0.4"] and statuses["mixed"] and statuses["v0.2"]


def test_fixable_counts_are_what_fix_would_fix(tmp_path: Path) -> None:
    shutil.copytree(TESTS / "fixtures" / "fixes", tmp_path / "fixes")
    shutil.copytree(TESTS / "fixtures" / "fixes_v04", tmp_path / "fixes_v04")
    data = report_json(tmp_path)
    safe, unsafe = data["headline"]["fixable_safe"], data["headline"]["fixable_unsafe"]
    assert safe and unsafe
    assert sum(row["fixable_safe"] for row in data["sections"]) == safe
    graded = Counter(f["fixable"] for f in data["findings"])
    assert (graded["safe"], graded["unsafe"]) == (safe, unsafe)
    assert report_json(tmp_path)["headline"] == data["headline"]  # the same from the result cache
    diff = run("check", "--diff", "--no-cache", cwd=tmp_path)
    assert f"Would fix {safe} findings." in diff.stderr
    unsafe_diff = run("check", "--diff", "--unsafe-fixes", "--no-cache", cwd=tmp_path)
    assert f"Would fix {safe + unsafe} findings." in unsafe_diff.stderr


def test_noqa_configuration_and_selection_are_those_of_check(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"app.py": "import autogen  # noqa\n" + GROUP, "pyproject.toml": "[tool.autogen-lint]\nignore = ['AGL203']\n"},
    )
    plain = assert_same_as_check(tmp_path)
    assert assert_same_as_check(tmp_path, "--ignore-noqa")["headline"]["findings"] == plain["headline"]["findings"] + 1
    assert assert_same_as_check(tmp_path, "--ignore", "AGL601")["headline"]["findings"] < plain["headline"]["findings"]
    write(tmp_path, {"pyproject.toml": "[tool.autogen-lint]\nselect = 3\n"})
    broken = run("report", cwd=tmp_path)
    assert broken.returncode == 2 and "Traceback" not in broken.stderr


# Baseline: an earlier JSON report


def test_changes_since_an_earlier_report(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": V02, "b.py": GROUP})
    assert run("report", "-o", "before.json", cwd=tmp_path).returncode == 0
    write(
        tmp_path, {"a.py": CLEAN, "b.py": "# moved down\n\n" + GROUP + 'autogen.GroupChat(agents=[], messages=["x"])\n'}
    )
    data = report_json(tmp_path, "--baseline", "before.json")
    changes = data["changes"]
    assert (changes["new"], changes["fixed"]) == (1, 2)
    assert {c["path"]: (c["new"], c["fixed"]) for c in changes["files"]} == {"b.py": (1, 0), "a.py": (0, 2)}
    sections = {c["section"]: (c["new"], c["fixed"]) for c in changes["sections"]}
    assert sections == {"group-chat": (1, 0), "assistant-agent": (0, 2)}
    text = run("report", "--baseline", "before.json", cwd=tmp_path).stdout
    assert "## Since `before.json`" in text and "**1 new finding, 2 findings fixed.**" in text
    page = parse(run("report", "--format", "html", "--baseline", "before.json", cwd=tmp_path).stdout)
    assert_self_contained(page)
    words = " ".join(page.text)
    assert "1 new finding, 2 findings fixed." in words
    assert page.tags["svg"] == 4
    assert "Group Chat 1 new" in words and "Assistant Agent 2 fixed" in words
    # A check baseline serves as well; a broken one is a usage error.
    assert run("check", "--write-baseline", "check.json", cwd=tmp_path).returncode == 0
    assert report_json(tmp_path, "--baseline", "check.json")["changes"]["new"] == 0
    write(tmp_path, {"bad.json": "[]"})
    bad = run("report", "--baseline", "bad.json", cwd=tmp_path)
    assert bad.returncode == 2 and "baseline" in bad.stderr


def test_no_baseline_means_no_changes(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": V02, "sub/b.py": V02})
    assert report_json(tmp_path)["changes"] is None
    assert report_json(tmp_path)["title"] == f"AutoGen migration report: {tmp_path.name}"
    assert report_json(tmp_path, "sub")["title"] == "AutoGen migration report: sub"
    assert report_json(tmp_path, "--title", "Q3", "sub", "a.py")["title"] == "Q3"
    assert "Since" not in run("report", cwd=tmp_path).stdout


# HTML


class Page(HTMLParser):
    """The tags, links and text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.references: list[tuple[str, str, str]] = []
        self.open: list[str] = []
        self.text: list[str] = []
        self.style = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        if tag not in ("meta", "br", "rect", "path", "circle"):
            self.open.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "data", "action", "srcset", "poster", "background"):
                self.references.append((tag, name, value or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            if name in ("src", "href", "xlink:href"):
                self.references.append((tag, name, value or ""))

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "style":
            self.style += data
        else:
            self.text.append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def assert_self_contained(page: Page, guide: str = DEFAULT_GUIDE_URL) -> None:
    """Nothing loaded from elsewhere; the only references are links to the guide or a rule's page."""
    assert page.tags["script"] == page.tags["link"] == page.tags["img"] == page.tags["iframe"] == 0
    assert page.tags["object"] == page.tags["embed"] == 0
    for tag, name, value in page.references:
        assert tag == "a" and name == "href" and value.startswith((guide, f"{DOCS_URL}rules/")), (tag, name, value)
    assert "@import" not in page.style and "url(" not in page.style
    assert page.open == [], page.open  # every element closed


def test_html_is_self_contained_with_svg_charts(tmp_path: Path) -> None:
    write(tmp_path, TREE)
    result = run("report", "--format", "html", "-o", "report.html", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    page = parse(text)
    assert_self_contained(page)
    assert page.tags["svg"] == 3 and page.tags["table"] >= 3
    words = " ".join(page.text)
    # Readable without colour: every bar says its numbers in words, and the legend names each pattern.
    assert "8 files: 2 on v0.4 · 1 on v0.4 with defects · 1 mixed · 4 still v0.2" in words
    assert "5 files: 1 on v0.4 · 1 on v0.4 with defects · 1 mixed · 2 still v0.2" in words  # pkg/
    assert not re.search(r"(?<!\d)0 files:", words)  # broken/ has findings but no AutoGen file to chart
    assert "findings per migration guide section" in words.lower()
    assert re.search(r"\d+ findings: \d+ v0\.2 API", words)
    assert "@media print" in page.style
    guide_links = [value for tag, _, value in page.references if tag == "a"]
    assert f"{DEFAULT_GUIDE_URL}#group-chat" in guide_links


def test_html_with_no_findings(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": CLEAN, "plain.py": "import os\n"})
    page = parse(run("report", "--format", "html", cwd=tmp_path).stdout)
    assert_self_contained(page)
    words = " ".join(page.text)
    assert "1 of 1 AutoGen file fully on v0.4 (100% migrated)" in words
    assert "No findings: nothing left to migrate." in words
    assert page.tags["svg"] == 3
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = parse(run("report", "--format", "html", cwd=empty).stdout)
    assert_self_contained(nothing)
    assert "No AutoGen files found" in " ".join(nothing.text)


def big_tree(root: Path, files: int = 300) -> None:
    body = GROUP * 3  # 4 findings (AGL101 x2, AGL601, AGL301...) per copy
    write(root, {f"pkg{number % 40}/mod{number}.py": body for number in range(files)})


def test_thousands_of_findings(tmp_path: Path) -> None:
    big_tree(tmp_path)
    data = assert_same_as_check(tmp_path)
    total = data["headline"]["findings"]
    assert total >= 3000
    page = parse(run("report", "--format", "html", cwd=tmp_path).stdout)
    assert_self_contained(page)
    words = " ".join(page.text)
    assert "100 more not shown; the JSON report has them all." in words  # 300 files, 200 rows
    assert "The chart shows the 25 directories with most left of the 40 with AutoGen files." in words
    text = run("report", "--format", "markdown", cwd=tmp_path).stdout
    assert "270 more not shown" in text and len(text.encode()) <= SUMMARY_LIMIT < 1024 * 1024
    check_tables(text)


# Markdown


def tables(text: str) -> list[list[list[str]]]:
    """The GFM tables of a document, as rows of cells (split on unescaped pipes)."""
    found: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            assert line.endswith("|"), line
            current.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
        elif current:
            found.append(current)
            current = []
    return found


def check_tables(text: str) -> list[list[list[str]]]:
    found = tables(text)
    for rows in found:
        header, separator, *body = rows
        assert all(re.fullmatch(r":?-+:?", cell) for cell in separator), separator
        assert all(len(row) == len(header) for row in [separator, *body]), rows
        assert all(cell for cell in header)
    return found


def test_markdown_tables_and_links(tmp_path: Path) -> None:
    write(tmp_path, {**TREE, "odd|name.py": V02})
    result = run("report", cwd=tmp_path)  # Markdown is the default
    assert result.returncode == 0, result.stderr
    text = result.stdout
    found = check_tables(text)
    headers = [rows[0][0] for rows in found]
    assert headers == ["AutoGen files", "Findings", "Section", "Directory", "File"]
    statuses = {row[0]: row[1] for row in found[0][2:]}
    assert statuses == {
        "fully on v0.4": "2",
        "on v0.4 with defects": "1",
        "mixed": "1",
        "still v0.2": "5",
        "**all**": "**9**",
    }
    sections = found[2][2:]
    guide = rf"{re.escape(DEFAULT_GUIDE_URL)}#(?!whats-in-this-guide)[a-z0-9-]+"
    page = rf"{re.escape(DOCS_URL)}rules/AGL\d{{3}}/"
    assert all(re.fullmatch(rf"\[[^]]+\]\(({guide}|{page})\)", row[0]) for row in sections), sections
    assert "What's in this guide" not in text
    files = {row[0] for row in found[4][2:]}
    assert r"`odd\|name.py`" in files


class Tables(HTMLParser):
    """The cells of each table in rendered HTML, and the links."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.links: list[str] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def test_markdown_renders_as_tables_with_a_commonmark_renderer(tmp_path: Path) -> None:
    """GitHub's dialect: CommonMark with GFM tables, as markdown-it renders it."""
    from markdown_it import MarkdownIt

    write(tmp_path, {**TREE, "odd|name.py": V02})
    rendered = Tables()
    rendered.feed(MarkdownIt("commonmark").enable("table").render(run("report", cwd=tmp_path).stdout))
    assert len(rendered.tables) == 5
    for rows in rendered.tables:
        assert all(len(row) == len(rows[0]) for row in rows), rows
    assert rendered.tables[0][1:] == [
        ["fully on v0.4", "2", "22%"],
        ["on v0.4 with defects", "1", "11%"],
        ["mixed", "1", "11%"],
        ["still v0.2", "5", "56%"],
        ["all", "9", ""],
    ]
    assert ["odd|name.py", "2", "2", "still v0.2", "AGL101 ×1, AGL201 ×1"] in rendered.tables[4]
    links = [link for link in rendered.links if link.startswith((DEFAULT_GUIDE_URL + "#", DOCS_URL))]
    assert len(links) == len(rendered.tables[2]) - 1  # one link per section row


def test_markdown_is_cut_to_fit_a_job_summary(tmp_path: Path) -> None:
    big_tree(tmp_path, 120)
    write(tmp_path, {"pyproject.toml": ""})
    data = report_json(tmp_path)
    assert len(data["files"]) == 120
    # The renderer halves its long tables until the text fits the size it is given.
    report = build_report([tmp_path], Config(root=tmp_path))
    full = markdown(report)
    assert "90 more not shown" in full
    small = markdown(report, max_bytes=len(full.encode()) // 2)
    assert len(small.encode()) <= len(full.encode()) // 2
    check_tables(small)


def test_output_format_follows_the_file_suffix(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": V02})
    for name, start in (("r.html", "<!DOCTYPE html>"), ("r.json", "{"), ("r.md", "# "), ("r.txt", "# ")):
        assert run("report", "-o", name, cwd=tmp_path).returncode == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name
    assert run("report", "--format", "json", "-o", "x.md", cwd=tmp_path).returncode == 0
    assert (tmp_path / "x.md").read_text(encoding="utf-8").startswith("{")
    missing = run("report", "-o", "no/such/dir/r.md", cwd=tmp_path)
    assert missing.returncode == 2 and "cannot write" in missing.stderr


def test_a_report_of_another_checkout_serves_as_the_baseline(tmp_path: Path) -> None:
    """The pull-request recipe: the base branch's report, made in its own checkout, is the baseline."""
    base, head = tmp_path / "base", tmp_path / "head"
    write(base, {"pyproject.toml": "[tool.autogen-lint]\n", "src/app.py": GROUP, "src/old.py": V02})
    write(head, {"pyproject.toml": "[tool.autogen-lint]\n", "src/app.py": "import os\n\n" + GROUP + V02})
    assert run("report", "--no-cache", "-o", str(tmp_path / "base.json"), cwd=base).returncode == 0
    data = report_json(head / "src", "--baseline", str(tmp_path / "base.json"), ".")
    files = {c["path"]: (c["new"], c["fixed"]) for c in data["changes"]["files"]}
    assert files == {"src/app.py": (2, 0), "src/old.py": (0, 2)}


def test_imports_anywhere_in_the_code_count_and_imports_in_strings_do_not(tmp_path: Path) -> None:
    nested = dedent("""\
        class Runner:
            def start(self):
                if True:
                    try:
                        pass
                    except ValueError:
                        with open("x"):
                            from autogen_agentchat.agents import AssistantAgent
                        return AssistantAgent
    """)
    matched = dedent("""\
        def pick(command):
            match command:
                case "go":
                    import autogen_core
                    return autogen_core
    """)
    docstring = '"""Usage:\n\nfrom autogen_agentchat.agents import AssistantAgent\n"""\nimport os\n'
    write(tmp_path, {"nested.py": nested, "matched.py": matched, "docstring.py": docstring})
    assert report_json(tmp_path)["headline"]["files"] == {"v0.4": 2, "v0.4-defects": 0, "mixed": 0, "v0.2": 0}


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ('"""Docs."""\nfrom autogen_core import Image\n', True),
        ('"""Usage:\nfrom autogen_core import Image\n"""\n', False),
        ("x = '''\nimport autogen_ext\n'''\n", False),
        ('s = "a \\\nfrom autogen_core import Image"\n', False),
        ("def f():\n    from autogen_core import Image\n", False),  # indented: left to the parser
        ("import autogen_extras\n", False),
    ],
)
def test_plain_import_lines_are_taken_without_parsing(text: str, plain: bool) -> None:
    from autogen_lint.report.facts import V04_STATEMENT, plain_import

    assert plain_import(V04_STATEMENT, text) is plain


def test_one_definition_of_left_in_every_table_and_format(tmp_path: Path) -> None:
    """Headline, sections, directories and files count "left" alike (v0.2 API uses and pins), in Markdown and JSON."""
    write(tmp_path, TREE)
    data = report_json(tmp_path)
    headline = data["headline"]
    assert headline["left"] == headline["v02_api"] + headline["dependency_pins"] == 11
    for rows in ("sections", "directories", "files"):
        assert sum(row["left"] for row in data[rows]) == headline["left"], rows
        assert all(row["left"] == row["v02_api"] + row["dependency_pins"] for row in data[rows]), rows
    text = run("report", cwd=tmp_path).stdout
    assert "11 left to migrate (10 v0.2 API uses, 1 v0.2 pin), 13 findings in all." in text
    tables = check_tables(text)
    for index in (2, 3, 4):  # Section, Directory, File: the "Left" column
        column = tables[index][0].index("Left")
        assert sum(int(row[column]) for row in tables[index][2:]) == 11
    assert "2 of 8 AutoGen files fully on v0.4 (25% migrated)" in text  # pkg/defect.py has an AGL703


def test_bare_imports_and_pins_are_filed_under_a_section_to_act_on(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": "import autogen\n", "requirements.txt": "pyautogen==0.2.35\n", "bad.py": b"\xff\n"})
    data = report_json(tmp_path)
    sections = {row["anchor"]: (row["title"], row["url"], row["codes"]) for row in data["sections"]}
    assert sections == {
        "AGL101": (
            "Import from the AutoGen v0.2 `autogen` package (AGL101)",
            f"{DOCS_URL}rules/AGL101/",
            {"AGL101": 1},
        ),
        "AGL103": ("Dependency that installs the AutoGen v0.2 API (AGL103)", f"{DOCS_URL}rules/AGL103/", {"AGL103": 1}),
        "AGL001": ("File that could not be read or parsed (AGL001)", f"{DOCS_URL}rules/AGL001/", {"AGL001": 1}),
    }
    assert "What's in this guide" not in run("report", cwd=tmp_path).stdout
