"""Time of ``autogen-lint report`` against ``check`` on a real tree, and that their numbers agree.

    python benchmarks/report.py DIRECTORY                 # e.g. an extract of microsoft/autogen 0.2
    python benchmarks/report.py --git-dir PATH/TO/autogen/.git
    python benchmarks/report.py DIRECTORY --html report.html --screenshot docs/assets/report.png

Runs alternate (``check --no-cache --output-format json``, then ``report --no-cache`` in each
format) in DIRECTORY as the working directory; min/median/max wall times are printed with
the ratio of medians. The JSON report's findings must equal ``check``'s (same path, cell,
line, column and code); the script exits 1 when they do not. ``--screenshot`` takes a
picture of the HTML report with headless Chromium.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from io import BytesIO
from pathlib import Path

COMMAND = Path(sys.executable).with_name("autogen-lint")


def timed(args: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr}")
    return elapsed, result.stdout


def extract(git_dir: Path, target: Path) -> Path:
    archive = subprocess.run(
        ["git", f"--git-dir={git_dir}", "archive", "0.2", "notebook", "samples", "test"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def agree(check: list[dict], report: dict) -> list[str]:
    """What differs between ``check``'s findings and the report's (nothing, when they agree)."""
    problems = []
    if report["headline"]["findings"] != len(check):
        problems.append(f"report counts {report['headline']['findings']} findings, check {len(check)}")
    if Counter(f["code"] for f in check) != Counter(report["codes"]):
        problems.append("the counts per code differ")
    keys = ("path", "cell", "line", "column", "code")
    if sorted(tuple(f[k] for k in keys) for f in check) != sorted(
        tuple(f[k] for k in keys) for f in report["findings"]
    ):
        problems.append("the findings differ")
    return problems


def screenshot(page: Path, picture: Path, width: int, height: int) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        raise SystemExit("no Chromium on PATH for --screenshot")
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.unlink(missing_ok=True)
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={picture.resolve()}",
            f"--window-size={width},{height}",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    if not picture.is_file():
        raise SystemExit(f"Chromium wrote no screenshot to {picture}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", type=Path)
    parser.add_argument("--git-dir", type=Path, help="a microsoft/autogen clone's git directory (branch 0.2)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--title", help="the reports' title")
    parser.add_argument("--html", type=Path, help="also write the HTML report here")
    parser.add_argument("--screenshot", type=Path, help="and a PNG of it here (needs --html)")
    parser.add_argument("--window", default="1280,2000", help="the screenshot's width,height")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        if args.git_dir is not None:
            tree = extract(args.git_dir, Path(scratch))
        elif args.directory is not None:
            tree = args.directory.resolve()
        else:
            parser.error("give a DIRECTORY or --git-dir")
        title = ["--title", args.title] if args.title else []
        commands = {
            "check --output-format json": [str(COMMAND), "check", "--no-cache", "--output-format", "json", "."],
            **{
                f"report --format {fmt}": [str(COMMAND), "report", "--no-cache", "--format", fmt, ".", *title]
                for fmt in ("json", "html", "markdown")
            },
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        outputs: dict[str, str] = {}
        for _ in range(args.runs):
            for name, command in commands.items():
                elapsed, outputs[name] = timed(command, tree)
                times[name].append(elapsed)
    base = statistics.median(times["check --output-format json"])
    print(f"{tree} ({args.runs} runs each, alternating)")
    for name, seconds in times.items():
        median = statistics.median(seconds)
        print(
            f"{name:26} min {min(seconds):.2f} s  median {median:.2f} s  max {max(seconds):.2f} s  ×{median / base:.2f}"
        )
    check, report = json.loads(outputs["check --output-format json"]), json.loads(outputs["report --format json"])
    headline = report["headline"]
    print(
        f"{report['files_checked']} files checked, {headline['autogen_files']} AutoGen files "
        f"({headline['files']['v0.4']} on v0.4, {headline['files']['mixed']} mixed, {headline['files']['v0.2']} v0.2); "
        f"{headline['findings']} findings: {headline['v02_api']} v0.2 API, {headline['v04_defects']} v0.4 defects, "
        f"{headline['dependency_pins']} pins, {headline['unreadable']} unreadable"
    )
    sizes = {fmt: len(outputs[f"report --format {fmt}"].encode()) for fmt in ("markdown", "html")}
    print(f"Markdown: {sizes['markdown']:,} bytes; HTML: {sizes['html']:,} bytes")
    problems = agree(check, report)
    for problem in problems:
        print(f"MISMATCH: {problem}")
    if not problems:
        print(f"The report's {len(check)} findings are check's.")
    if args.html is not None:
        args.html.write_text(outputs["report --format html"], encoding="utf-8")
        if args.screenshot is not None:
            width, height = (int(part) for part in args.window.split(","))
            screenshot(args.html, args.screenshot, width, height)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
