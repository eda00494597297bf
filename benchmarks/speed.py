"""Speed and memory of autogen-lint at monorepo scale, against ruff (run on demand, not in CI).

    python benchmarks/speed.py --autogen-git-dir PATH/TO/autogen/.git
    python benchmarks/speed.py --corpus DIR [DIR ...]    # these trees (copied) beside the stdlib
    python benchmarks/speed.py                       # with a generated AutoGen corpus instead
    python benchmarks/speed.py --corpus DIR --profile --only-profile   # cost per rule family

The corpus is the running interpreter's standard library plus microsoft/autogen's branch
``0.2`` (without its ``website`` and ``dotnet`` trees) and HEAD ``python/``: about 1.04
million lines and 130 notebooks. Without a clone, generated v0.2 and v0.4 modules and
notebooks stand in for AutoGen's code. It measures, printing min/median/max and ratios:

- ``autogen-lint check --no-cache --output-format json`` cold against ``ruff check --isolated
  --select AIR --no-cache`` (alternating runs; the ratio of medians, wall clock and CPU);
- ``autogen-lint check --output-format json`` warm (every file a cache hit) against ruff's cold run;
- one small file (``examples/v02_two_agent_chat.py``) end to end, cold and cached, with ruff's
  time on it beside;
- flake8 with and without the plugin (the "without" side runs in a fresh virtual
  environment with this environment's flake8, pyflakes, pycodestyle and mccabe, where
  autogen-lint is not installed: installed, the plugin is always on), and pylint with the
  plugin loaded and not, on a corpus sized for pylint;
- the command's peak memory (the sum of the proportional set sizes of its processes);
- how time grows: on one 10k-line mix of the corpus (its share of AutoGen code) copied 1, 10
  and 100 times, microseconds per line and per line added since the previous size (the
  first row's "added" figure still carries the fixed costs of a run beyond bare start-up);
- that the prefilter and every skip change nothing: the findings equal those of a run that
  parses every file that mentions AutoGen and walks every module and function with every rule
  (``relevance.disabled()``), and, with ``--reference REV``, those of the engine at git revision
  ``REV`` (for the rules both know);
- with ``--profile``: in one process, per rule family (a module of ``autogen_lint/rules``), the
  time its rules took and the nodes they were called on, beside the walk's own cost (nodes
  walked, functions skipped), parsing, and the modules where no rule was relevant.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from io import BytesIO
from pathlib import Path

SOURCE_SUFFIXES = (".py", ".pyi", ".ipynb")
TARGET_RATIO = 1.5
TARGET_WARM_RATIO = 0.35
TARGET_SMALL_FILE_S = 0.10
TARGET_OVERHEAD = 0.03
TARGET_MEMORY_MIB = 100
TARGET: list[str] = []
"""``--target ...`` for every ``autogen-lint check`` run (``--target agent-framework``: AGL8xx on too)."""


@dataclass
class Timing:
    name: str
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """User + system time of the command and its children, per run (what load on a shared machine affects least)."""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    def row(self) -> str:
        values = sorted(self.seconds)
        return (
            f"| {self.name} | {values[0]:.3f} | {self.median:.3f} | {values[-1]:.3f} | {self.cpu_median:.3f} "
            f"| {len(values)} |"
        )


TIMING_HEADER = "| run | min s | median s | max s | CPU median s | runs |\n|---|---:|---:|---:|---:|---:|"


# Corpus


def _copy_sources(source: Path, target: Path, skip: tuple[str, ...] = ()) -> None:
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        if any(part in skip for part in relative.parts) or not path.is_file():
            continue
        if (
            path.suffix in SOURCE_SUFFIXES
            or path.name in ("pyproject.toml", "setup.cfg")
            or path.name.startswith("requirements")
        ):
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


def _extract(git_dir: Path, ref: str, paths: list[str], target: Path) -> None:
    archive = subprocess.run(
        ["git", f"--git-dir={git_dir}", "archive", "--format=tar", ref, "--", *paths],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        members = [m for m in tar.getmembers() if m.isdir() or Path(m.name).suffix in SOURCE_SUFFIXES]
        tar.extractall(target, members=members, filter="data")


_V02_MODULE = '''"""Generated v0.2 program {n}."""
import autogen
from autogen import AssistantAgent, GroupChat, GroupChatManager, UserProxyAgent

config_list = autogen.config_list_from_json("OAI_CONFIG_LIST")
llm_config = {{"config_list": config_list, "cache_seed": {n}, "temperature": 0}}


def build_{n}(task: str) -> str:
    writer = AssistantAgent("writer_{n}", llm_config=llm_config, system_message="Write.")
    critic = AssistantAgent("critic_{n}", llm_config=llm_config, system_message="Criticise.")
    user = UserProxyAgent("user_{n}", human_input_mode="NEVER", code_execution_config=False)
    group = GroupChat(agents=[user, writer, critic], messages=[], max_round={n} % 9 + 2)
    manager = GroupChatManager(groupchat=group, llm_config=llm_config)
    result = user.initiate_chat(manager, message=task)
    return result.summary


class Pipeline{n}:
    def __init__(self) -> None:
        self.steps = [build_{n}] * 3

    def run(self, tasks: list[str]) -> list[str]:
        return [step(task) for step, task in zip(self.steps, tasks)]
'''

_V04_MODULE = '''"""Generated v0.4 program {n}."""
import asyncio

from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.conditions import TextMentionTermination
from autogen_agentchat.teams import RoundRobinGroupChat
from autogen_ext.models.openai import OpenAIChatCompletionClient


async def run_{n}(task: str) -> str:
    model_client = OpenAIChatCompletionClient(model="gpt-4o")
    try:
        writer = AssistantAgent("writer", model_client=model_client)
        critic = AssistantAgent("critic", model_client=model_client)
        team = RoundRobinGroupChat([writer, critic], termination_condition=TextMentionTermination("OK"))
        result = await team.run(task=task)
        return result.messages[-1].to_text()
    finally:
        await model_client.close()


def main() -> None:
    print(asyncio.run(run_{n}("Write a poem about the number {n}.")))
'''


def _notebook(n: int) -> str:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [f"# Generated notebook {n}"]},
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": "%pip install pyautogen\n",
        },
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": _V02_MODULE.format(n=n),
        },
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def build_corpus(target: Path, git_dir: Path | None, trees: list[Path] | None = None) -> str:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    _copy_sources(stdlib, target / "stdlib", skip=("site-packages", "__pycache__"))
    if trees:
        for index, tree in enumerate(trees):
            _copy_sources(tree, target / f"{index}-{tree.name}")
        return "standard library + " + " + ".join(str(tree) for tree in trees)
    if git_dir is not None:
        _extract(git_dir, "0.2", [".", ":(exclude)website", ":(exclude)dotnet"], target / "autogen-0.2")
        _extract(git_dir, "HEAD", ["python"], target / "autogen-head")
        return f"standard library + microsoft/autogen ({git_dir})"
    generated = target / "generated"
    for n in range(1200):
        module = (_V02_MODULE if n % 2 else _V04_MODULE).format(n=n)
        path = generated / f"package_{n % 40}" / f"module_{n}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(module, encoding="utf-8")
    for n in range(130):
        (generated / f"notebook_{n}.ipynb").write_text(_notebook(n), encoding="utf-8")
    return "standard library + generated AutoGen code"


def count_lines(root: Path) -> tuple[int, int, int]:
    files = [p for p in root.rglob("*") if p.suffix in SOURCE_SUFFIXES]
    lines = sum(p.read_bytes().count(b"\n") for p in files if p.suffix != ".ipynb")
    return len(files), lines, sum(1 for p in files if p.suffix == ".ipynb")


def slice_corpus(corpus: Path, target: Path, lines: int, seed: int = 7) -> int:
    """A copy of files drawn at random from ``corpus`` until they hold about ``lines`` lines."""
    files = sorted(p for p in corpus.rglob("*.py"))
    random.Random(seed).shuffle(files)
    total = 0
    for path in files:
        if total >= lines:
            break
        destination = target / path.relative_to(corpus)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        total += path.read_bytes().count(b"\n")
    return total


# Measuring


def run_once(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall-clock and CPU (user + system, children included) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def alternate(
    commands: dict[str, list[str]], cwd: Path, rounds: int, env: dict[str, str] | None = None
) -> dict[str, Timing]:
    """Run the commands in turn, ``rounds`` times, after one unmeasured warm-up each."""
    timings = {name: Timing(name) for name in commands}
    for command in commands.values():
        run_once(command, cwd, env)
    for _ in range(rounds):
        for name, command in commands.items():
            wall, cpu = run_once(command, cwd, env)
            timings[name].seconds.append(wall)
            timings[name].cpu.append(cpu)
    return timings


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as stream:
            for line in stream:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def _tree(pid: int) -> list[int]:
    pids = [pid]
    for current in pids:
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as stream:
                    pids.extend(int(child) for child in stream.read().split())
        except OSError:
            continue
    return pids


def peak_memory_mib(command: list[str], cwd: Path) -> float:
    """Peak of the summed proportional set size of a command and its children, sampled every 5 ms."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_pss_kib(pid) for pid in _tree(process.pid)))
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()
    return peak / 1024


def baseline_environment(directory: Path) -> Path:
    """A virtual environment with this environment's flake8 and its checkers, without autogen-lint."""
    subprocess.run([sys.executable, "-m", "venv", str(directory)], check=True)
    python = directory / "bin" / "python"
    pins = [f"{name}=={metadata.version(name)}" for name in ("flake8", "pyflakes", "pycodestyle", "mccabe")]
    subprocess.run([str(python), "-m", "pip", "install", "-q", *pins], check=True, capture_output=True)
    return python


def same_findings_without_prefilter(corpus: Path) -> bool:
    """Findings equal those of parsing every file that mentions AutoGen (or Agent Framework), walking it all."""
    code = (
        "import json, sys\n"
        "from autogen_lint import relevance, source\n"
        "source._text_might_match = lambda text, *_: source.TRIGGER in text or source.MAF_TRIGGER in text\n"
        "from autogen_lint import cli\n"
        "with relevance.disabled():\n"
        "    sys.exit(cli.main(sys.argv[1:]))\n"
    )
    args = ["check", "--format=json", "--no-cache", "--isolated", *TARGET, "."]
    filtered = subprocess.run(
        [sys.executable, "-m", "autogen_lint.cli", *args], cwd=corpus, capture_output=True, check=False
    )
    unfiltered = subprocess.run([sys.executable, "-c", code, *args], cwd=corpus, capture_output=True, check=False)
    return filtered.stdout == unfiltered.stdout and bool(json.loads(filtered.stdout))


def _findings_of(stdout: bytes, codes: set[str] | None = None) -> list[tuple[object, ...]]:
    keys = ("path", "cell", "line", "column", "end_line", "end_column", "code", "message")
    records = json.loads(stdout)
    return sorted(tuple(r[k] for k in keys) for r in records if codes is None or r["code"] in codes)


def same_findings_as(corpus: Path, scratch: Path, revision: str) -> tuple[bool, str]:
    """Findings equal to those of the engine at git ``revision``, on the codes that engine reports."""
    source = scratch / f"reference-{revision}"
    repository = Path(__file__).resolve().parents[1]
    archive = subprocess.run(
        ["git", "-C", str(repository), "archive", "--format=tar", revision, "autogen_lint"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(source, filter="data")
    args = ["check", "--format=json", "--no-cache", "--isolated", *TARGET, "."]
    environment = {**os.environ, "PYTHONPATH": str(source)}
    old = subprocess.run(
        [sys.executable, "-m", "autogen_lint.cli", *args], cwd=corpus, capture_output=True, env=environment, check=False
    )
    new = subprocess.run(
        [sys.executable, "-m", "autogen_lint.cli", *args], cwd=corpus, capture_output=True, check=False
    )
    old_codes = {r["code"] for r in json.loads(old.stdout)}
    new_codes = {r["code"] for r in json.loads(new.stdout)}
    shared = old_codes & new_codes | (old_codes - new_codes)  # a code the new engine lost is a difference
    before, after = _findings_of(old.stdout, shared), _findings_of(new.stdout, shared)
    extra = sorted(new_codes - old_codes)
    note = f"{len(after)} findings of {len(shared)} codes" + (f"; new codes not compared: {extra}" if extra else "")
    return before == after, note


# The report


@dataclass
class Run:
    """What the measurements share: the corpus, the commands, the results."""

    corpus: Path
    scratch: Path
    lines: int
    rounds: int
    bin_dir: Path
    checks: dict[str, bool] = field(default_factory=dict)
    figures: dict[str, object] = field(default_factory=dict)

    @property
    def autogen_lint(self) -> str:
        return str(self.bin_dir / "autogen-lint")

    def check_command(self, *options: str, path: str = ".") -> list[str]:
        return [self.autogen_lint, "check", "--isolated", *TARGET, "--output-format", "json", *options, path]


def compare_with_ruff(run: Run) -> None:
    ruff = shutil.which("ruff", path=str(run.bin_dir)) or "ruff"
    ruff_name, cold_name, warm_name = (
        "ruff check --isolated --select AIR --no-cache",
        "autogen-lint check --no-cache (cold)",
        "autogen-lint check (warm cache)",
    )
    ruff_command = [ruff, "check", "--isolated", "--select", "AIR", "--no-cache", "."]
    # warm: the cache is filled by the unmeasured first run of the warm command
    timings = alternate(
        {ruff_name: ruff_command, cold_name: run.check_command("--no-cache"), warm_name: run.check_command()},
        run.corpus,
        run.rounds,
    )
    ruff_timing, cold, warm = timings[ruff_name], timings[cold_name], timings[warm_name]
    cold_ratio, warm_ratio = cold.median / ruff_timing.median, warm.median / ruff_timing.median
    cold_cpu, warm_cpu = cold.cpu_median / ruff_timing.cpu_median, warm.cpu_median / ruff_timing.cpu_median
    print(TIMING_HEADER)
    for timing in timings.values():
        print(timing.row())
    print(f"\ncold / ruff (ratio of medians): {cold_ratio:.2f}, CPU {cold_cpu:.2f} (target <= {TARGET_RATIO})")
    print(f"warm / ruff cold: {warm_ratio:.2f}, CPU {warm_cpu:.2f} (target <= {TARGET_WARM_RATIO})")
    run.checks[f"cold <= {TARGET_RATIO} x ruff"] = cold_ratio <= TARGET_RATIO
    run.checks[f"warm <= {TARGET_WARM_RATIO} x ruff cold"] = warm_ratio <= TARGET_WARM_RATIO
    run.figures.update(
        cold_ratio=cold_ratio,
        warm_ratio=warm_ratio,
        cold_cpu_ratio=cold_cpu,
        warm_cpu_ratio=warm_cpu,
        medians={name: timing.median for name, timing in timings.items()},
        cpu_medians={name: timing.cpu_median for name, timing in timings.items()},
    )


def measure_small_file(run: Run) -> None:
    """One small file end to end (what pre-commit and an editor on save pay), ruff's beside it."""
    example = Path(__file__).resolve().parents[1] / "examples" / "v02_two_agent_chat.py"
    directory = run.scratch / "small"
    directory.mkdir()
    shutil.copyfile(example, directory / example.name)
    ruff = shutil.which("ruff", path=str(run.bin_dir)) or "ruff"
    names = ("ruff on the file", "autogen-lint check --no-cache on the file", "autogen-lint check on the file")
    timings = alternate(
        {
            names[0]: [ruff, "check", "--isolated", "--select", "AIR", "--no-cache", example.name],
            names[1]: run.check_command("--no-cache", path=example.name),
            names[2]: run.check_command(path=example.name),
        },
        directory,
        run.rounds,
    )
    print(f"\nOne small file ({example.name}, {len(example.read_text().splitlines())} lines):\n")
    print(TIMING_HEADER)
    for timing in timings.values():
        print(timing.row())
    cold = timings[names[1]]
    print(f"\none small file: {cold.median:.3f} s, CPU {cold.cpu_median:.3f} s (target <= {TARGET_SMALL_FILE_S} s)")
    run.checks[f"one small file <= {TARGET_SMALL_FILE_S} s"] = cold.median <= TARGET_SMALL_FILE_S
    run.figures["small_file"] = {name: {"median": t.median, "cpu": t.cpu_median} for name, t in timings.items()}


def measure_memory(run: Run) -> None:
    memory = peak_memory_mib(run.check_command("--no-cache"), run.corpus)
    print(f"\npeak memory of autogen-lint check --no-cache: {memory:.1f} MiB (target <= {TARGET_MEMORY_MIB})")
    run.checks["peak memory <= 100 MiB"] = memory <= TARGET_MEMORY_MIB
    run.figures["peak_memory_mib"] = memory


def mixed_unit(corpus: Path, target: Path, lines: int, seed: int = 3) -> int:
    """About ``lines`` lines of Python files with the corpus's share of AutoGen code."""
    files = sorted(corpus.rglob("*.py"))
    random.Random(seed).shuffle(files)
    sizes = {path: path.read_bytes().count(b"\n") for path in files}
    autogen = [path for path in files if b"autogen" in path.read_bytes()]
    share = sum(sizes[path] for path in autogen) / sum(sizes.values())
    total = {"autogen": 0, "other": 0}
    budget = {"autogen": lines * share, "other": lines * (1 - share)}
    for path in files:
        kind = "autogen" if path in autogen else "other"
        if total[kind] >= budget[kind]:
            continue
        destination = target / path.relative_to(corpus)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        total[kind] += sizes[path]
    return sum(total.values())


def measure_scaling(run: Run) -> None:
    """The same 10k-line mix, once, 10 times and 100 times: cost per line should not grow."""
    empty = run.scratch / "empty"
    empty.mkdir()
    command = run.check_command("--no-cache")
    start_up = alternate({"x": command}, empty, run.rounds)["x"].median
    unit = run.scratch / "unit"
    unit_lines = mixed_unit(run.corpus, unit, 10_000)
    print(f"\nstart-up (an empty directory): {start_up:.3f} s; unit: {unit_lines:,} lines, the corpus's mix")
    print("\n| copies | lines | median s | us per line | us per added line |\n|---:|---:|---:|---:|---:|")
    scaling = {}
    previous = (0, start_up)
    for copies in (1, 10, 100):
        tree = run.scratch / f"copies-{copies}"
        for index in range(copies):
            shutil.copytree(unit, tree / f"copy-{index}")
        lines = unit_lines * copies
        median = alternate({"x": command}, tree, run.rounds)["x"].median
        per_line, marginal = median / lines * 1e6, (median - previous[1]) / (lines - previous[0]) * 1e6
        scaling[lines] = {"median": median, "us_per_line": per_line, "us_per_added_line": marginal}
        print(f"| {copies} | {lines:,} | {median:.3f} | {per_line:.2f} | {marginal:.2f} |")
        previous = (lines, median)
    run.figures.update(start_up=start_up, scaling=scaling)


def check_prefilter(run: Run, reference: str | None) -> None:
    sound = same_findings_without_prefilter(run.corpus)
    print(f"\nfindings unchanged when every AutoGen file is parsed and every node walked: {sound}")
    run.checks["prefilter and skips change no finding"] = sound
    if reference is not None:
        same, note = same_findings_as(run.corpus, run.scratch, reference)
        print(f"findings identical to the engine at {reference}: {same} ({note})")
        run.checks[f"findings identical to {reference}"] = same


def _parsed_modules(corpus: Path) -> tuple[list[tuple[ast.Module, list[str], bool]], float]:
    """The corpus's modules that pass the prefilter, parsed (notebooks' cells joined), and the parse time."""
    from autogen_lint.notebooks import read_cells
    from autogen_lint.source import ParsedSource, SourceDecodeError, decode, might_match, parse, parse_module

    modules: list[tuple[ast.Module, list[str], bool]] = []
    parse_seconds = 0.0
    for path in sorted(corpus.rglob("*")):
        if path.suffix in (".py", ".pyi"):
            try:
                text = decode(path.read_bytes())
            except SourceDecodeError:
                continue
            if not might_match(text, every_v04_module=TARGET[1:] == ["agent-framework"]):
                continue
            start = time.perf_counter()
            parsed = parse(text)
            parse_seconds += time.perf_counter() - start
            if isinstance(parsed, ParsedSource):
                modules.append((parsed.tree, parsed.lines, False))
        elif path.suffix == ".ipynb":
            cells = read_cells(path.read_bytes())
            if isinstance(cells, list):
                module = "\n".join(line for cell in cells for line in cell.lines)
                if might_match(module, every_v04_module=TARGET[1:] == ["agent-framework"], notebook=True):
                    start = time.perf_counter()
                    tree = parse_module(module)
                    parse_seconds += time.perf_counter() - start
                    if isinstance(tree, ast.Module):
                        modules.append((tree, module.split("\n"), True))
    return modules, parse_seconds


def profile(corpus: Path) -> dict[str, object]:
    """Cost per rule family in one process: time in its rules, nodes they were called on; the walk beside."""
    import gc

    from autogen_lint import checker, engine, rules
    from autogen_lint.settings import Settings

    spent: dict[str, list[float]] = {}

    def wrap(spec: rules.RuleSpec) -> object:
        function, cost = spec.function, spent.setdefault(spec.family, [0.0, 0])
        clock = time.perf_counter

        def timed(*args: object) -> None:
            start = clock()
            function(*args)
            cost[0] += clock() - start
            cost[1] += 1

        return timed

    plan = rules.Plan(rules.specs(), wrap=wrap)  # type: ignore[arg-type]
    settings = Settings(target=TARGET[1]) if TARGET else Settings()  # type: ignore[arg-type]
    walked = {"nodes": 0, "skipped": 0, "modules": 0}
    run_checker = checker.Checker.run

    def counting(self: checker.Checker) -> list[object]:
        found = run_checker(self)
        walked["nodes"] += len(self.parents)
        walked["skipped"] += self.skipped
        walked["modules"] += 1
        return found  # type: ignore[return-value]

    gc.disable()  # as the command's workers run: the collector paused
    try:
        modules, parse_seconds = _parsed_modules(corpus)
    finally:
        gc.enable()
    parsed_lines = sum(len(lines) for _, lines, _ in modules)
    checker.Checker.run = counting  # type: ignore[assignment]
    gc.disable()
    try:
        start = time.perf_counter()
        findings = sum(len(engine.check_tree(t, settings, ls, notebook=nb, rules=plan)) for t, ls, nb in modules)
        total = time.perf_counter() - start
    finally:
        checker.Checker.run = run_checker  # type: ignore[method-assign]
        gc.enable()
    in_rules = sum(cost[0] for cost in spent.values())
    print(
        f"\nProfile (one process, collector paused): {len(modules)} modules ({parsed_lines:,} lines) parsed "
        f"in {parse_seconds:.3f} s, checked in {total:.3f} s"
    )
    print(f"walked {walked['modules']} modules ({len(modules) - walked['modules']} relevant to no rule),")
    print(f"{walked['nodes']:,} nodes; {walked['skipped']:,} functions not walked; {findings:,} findings")
    print("\n| rule family | s | share of checking | nodes called on |\n|---|---:|---:|---:|")
    for family, (seconds, calls) in sorted(spent.items(), key=lambda item: -item[1][0]):
        print(f"| {family} | {seconds:.3f} | {seconds / total:.1%} | {calls:,} |")
    print(f"| (walk, semantic model, dispatch) | {total - in_rules:.3f} | {(total - in_rules) / total:.1%} | |")
    return {
        "parse_s": parse_seconds,
        "parsed_lines": parsed_lines,
        "check_s": total,
        "walk": walked,
        "families": {family: {"s": cost[0], "calls": cost[1]} for family, cost in spent.items()},
    }


def measure_plugins(run: Run, rounds: int) -> None:
    baseline = baseline_environment(run.scratch / "baseline")
    python = str(run.bin_dir / "python")
    flake8 = ["-m", "flake8", "--isolated", "--exit-zero", "--output-file", os.devnull, "."]
    flake8_timings, flake8_overhead = _overhead(
        "flake8", [python, *flake8], [str(baseline), *flake8], run.corpus, rounds
    )
    # pylint on a slice it can finish in reasonable time, mixing AutoGen and standard-library code
    pylint_corpus = run.scratch / "pylint-corpus"
    pylint_lines = slice_corpus(run.corpus, pylint_corpus, 40_000, seed=11)
    pylint = [python, "-m", "pylint", "--exit-zero", "--output", os.devnull, "--persistent=n", "--jobs=2"]
    pylint += ["--recursive=y", "."]
    with_plugin = [*pylint[:3], "--load-plugins=autogen_lint.pylint_plugin", *pylint[3:]]
    pylint_timings, pylint_overhead = _overhead("pylint", with_plugin, pylint, pylint_corpus, rounds)
    print("\n" + TIMING_HEADER)
    for timing in [*flake8_timings.values(), *pylint_timings.values()]:
        print(timing.row())
    print(f"\nflake8 overhead (whole corpus): {flake8_overhead:+.1%} (target <= {TARGET_OVERHEAD:.0%})")
    print(f"pylint overhead ({pylint_lines:,}-line slice): {pylint_overhead:+.1%} (target <= {TARGET_OVERHEAD:.0%})")
    run.checks["flake8 overhead <= 3 %"] = flake8_overhead <= TARGET_OVERHEAD
    run.checks["pylint overhead <= 3 %"] = pylint_overhead <= TARGET_OVERHEAD
    run.figures.update(flake8_overhead=flake8_overhead, pylint_overhead=pylint_overhead, pylint_lines=pylint_lines)


def _overhead(
    name: str, with_plugin: list[str], without: list[str], cwd: Path, rounds: int
) -> tuple[dict[str, Timing], float]:
    timings = alternate({f"{name} with autogen-lint": with_plugin, f"{name} without": without}, cwd, rounds)
    first, second = timings.values()
    return timings, first.median / second.median - 1


def compile_package() -> None:
    """Write autogen-lint's bytecode, as installing it does: start-up is measured as users meet it.

    Without it, where ``PYTHONDONTWRITEBYTECODE`` is set, every run compiles the package again.
    """
    import compileall

    import autogen_lint

    compileall.compile_dir(str(Path(autogen_lint.__file__).parent), quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Speed and memory of autogen-lint against ruff.")
    parser.add_argument("--autogen-git-dir", type=Path, help="a clone of microsoft/autogen (else: generated code)")
    parser.add_argument("--corpus", type=Path, nargs="+", help="directories to copy beside the stdlib (else: a clone)")
    parser.add_argument("--reference", help="a git revision whose engine must report the same findings")
    parser.add_argument("--profile", action="store_true", help="cost per rule family, in one process")
    parser.add_argument("--target", help="the migration target of every check (autogen, agent-framework)")
    parser.add_argument("--only-profile", action="store_true", help="the profile (and the identity checks) only")
    parser.add_argument("--only-plugins", action="store_true", help="the flake8 and pylint overhead only")
    parser.add_argument("--rounds", type=int, default=7, help="alternating runs per comparison")
    parser.add_argument("--plugin-rounds", type=int, default=5, help="alternating flake8/pylint runs")
    parser.add_argument("--skip-plugins", action="store_true", help="skip the flake8 and pylint overhead")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    TARGET[:] = ["--target", args.target] if args.target else []
    compile_package()
    with tempfile.TemporaryDirectory(prefix="autogen-lint-speed-") as scratch_dir:
        scratch = Path(scratch_dir)
        corpus = scratch / "corpus"
        description = build_corpus(corpus, args.autogen_git_dir, args.corpus)
        files, lines, notebooks = count_lines(corpus)
        print(f"Corpus: {description}: {files} files, {lines:,} lines of Python, {notebooks} notebooks")
        print(f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print("Load average (1, 5, 15 min) at the start: {:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg()))
        versions = {name: metadata.version(name) for name in ("autogen-lint", "ruff", "flake8", "pylint")}
        print("Versions:", ", ".join(f"{name} {version}" for name, version in versions.items()), "\n")
        run = Run(corpus, scratch, lines, args.rounds, Path(sys.executable).parent)
        if args.only_plugins:
            measure_plugins(run, args.plugin_rounds)
        else:
            if args.profile or args.only_profile:
                run.figures["profile"] = profile(corpus)
            if not args.only_profile:
                compare_with_ruff(run)
                measure_small_file(run)
                measure_memory(run)
                measure_scaling(run)
            check_prefilter(run, args.reference)
            if not args.skip_plugins and not args.only_profile:
                measure_plugins(run, args.plugin_rounds)
    print("\nLoad average (1, 5, 15 min) at the end: {:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg()))
    run.figures["checks"] = run.checks
    if args.json is not None:
        args.json.write_text(json.dumps(run.figures, indent=2), encoding="utf-8")
    print("\n" + "\n".join(f"{'PASS' if ok else 'FAIL'}: {name}" for name, ok in run.checks.items()))
    return 0 if all(run.checks.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
