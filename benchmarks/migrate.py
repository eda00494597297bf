"""Run ``autogen-lint migrate`` over a copy of real v0.2 code and check what it wrote.

    python benchmarks/migrate.py [--corpus DIR] [--v04-python PYTHON] [--run N] [--json FILE]

The corpus (by default microsoft/autogen branch ``0.2``: ``notebook/``, ``samples/``, ``test/``;
any folder of Python files and notebooks will do) is copied to a temporary directory; the
original is never written. Then:

1. ``autogen-lint check`` lists the files with v0.2 findings (AGL1xx-AGL6xx);
2. ``autogen-lint migrate .`` rewrites the copy (timed). Each file with v0.2 findings is
   migrated *fully* (changed, no v0.2 finding and no ``# TODO(autogen-lint ...)`` left),
   *partly* (changed, with TODOs or findings left) or *not at all*; the remaining reasons are
   counted by construct (the refusal of an unchanged file, the TODOs of a partly migrated one);
3. every rewritten Python file and notebook cell must compile (cells with top-level ``await``);
4. no AGL1xx-AGL6xx finding may stand on a line the codemod wrote, except on statements it
   kept under a TODO comment and on v0.2 imports it cut to the names kept statements read,
   and no AGL7xx finding may stand anywhere in a rewritten file;
5. pyflakes must report no new undefined name (F821), local used before assignment (F823) or
   redefinition of an unused name (F811) in a rewritten file (compared by kind and name);
6. every ``autogen_agentchat``/``autogen_core``/``autogen_ext`` module and name a rewritten
   file imports must import in ``--v04-python`` (an interpreter with autogen-agentchat and
   autogen-ext 0.7.5; skipped, and said so, without one);
7. a second ``autogen-lint migrate .`` must change no byte;
8. with ``--run N``: N fully migrated programs (files with a ``__main__`` guard or a top-level
   ``asyncio.run``, spread over the corpus's folders) are run by ``replay_program.py`` in
   ``--v04-python`` with a ``ReplayChatCompletionClient`` in place of the OpenAI clients, an
   ``OAI_CONFIG_LIST`` written beside them (with the models their ``filter_dict`` names), stdin
   fed "exit" lines, network addresses on loopback, the variables they read with
   ``os.environ["NAME"]`` set, Docker executors run locally and a timeout; each must reach its
   chat (a team's or agent's ``run``/``run_stream``) and stop with a ``TaskResult``, its clients
   closed. A program that stops before its chat on a file it reads that the corpus does not hold
   (``FileNotFoundError`` raised by a line the codemod did not write, where the v0.2 program
   stops too), or on a module of the project it imports that is still on v0.2 (``import
   autogen`` raised in another file), cannot be replayed here: it is listed as such and is not
   a failure.

Prints the counts, the reasons and the checks; exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyflakes import checker as pyflakes_checker
from pyflakes import messages as pyflakes_messages

from autogen_lint.engine import check_source
from autogen_lint.fix.apply import python_error
from autogen_lint.fix.files import code_cells
from autogen_lint.notebooks import python_lines

COMMAND = str(Path(sys.executable).with_name("autogen-lint"))
RUNNER = Path(__file__).with_name("replay_program.py")
REWRITTEN = ("AGL1", "AGL2", "AGL3", "AGL4", "AGL5", "AGL6")
V04_MODULES = ("autogen_agentchat", "autogen_core", "autogen_ext")
TODO = re.compile(r"#\s*TODO\(autogen-lint (?P<code>AGL\d+)\):\s*(?P<what>.*?)\s*(?:https?://\S+)?\s*$")
_LEFT = re.compile(r"^(?P<path>.+?): left unchanged: (?P<reason>.+)$")
PYFLAKES = {
    pyflakes_messages.UndefinedName: "F821",
    pyflakes_messages.UndefinedLocal: "F823",
    pyflakes_messages.RedefinedWhileUnused: "F811",
}
API_WORDS = frozenset(
    [
        "AssistantAgent",
        "UserProxyAgent",
        "ConversableAgent",
        "GroupChat",
        "GroupChatManager",
        "Agent",
        "OpenAIWrapper",
        "RetrieveUserProxyAgent",
        "RetrieveAssistantAgent",
        "GPTAssistantAgent",
        "TeachableAgent",
        "WebSurferAgent",
        "CompressibleAgent",
        "MultimodalConversableAgent",
        "SocietyOfMindAgent",
        "LLaVAAgent",
        "llm_config",
        "config_list",
        "initiate_chat",
        "initiate_chats",
        "a_initiate_chat",
        "register_function",
        "register_reply",
        "register_for_llm",
        "register_for_execution",
        "register_nested_chats",
        "is_termination_msg",
        "code_execution_config",
        "human_input_mode",
        "max_consecutive_auto_reply",
        "config_list_from_json",
        "config_list_from_dotenv",
        "config_list_from_models",
        "config_list_openai_aoai",
        "filter_dict",
        "max_round",
        "speaker_selection_method",
        "summary_method",
        "function_map",
        "functions",
        "tools",
        "executor",
        "send",
        "generate_reply",
        "chat_messages",
        "last_message",
        "ChatResult",
        "summary",
        "allowed_or_disallowed_speaker_transitions",
        "cache",
        "Cache",
    ]
)
"""Backticked words kept in a reason, so that reasons are counted by construct, not by variable."""


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def sources(path: str, raw: bytes) -> dict[int, str]:
    """The Python text of a file (key 0) or of each notebook code cell (IPython lines blanked)."""
    if path.endswith(".ipynb"):
        cells = code_cells(json.loads(raw.decode("utf-8-sig")))
        return {i: "\n".join(python_lines(s.splitlines())) for i, s in cells.items()}
    return {0: raw.decode("utf-8-sig")}


def whole(path: str, raw: bytes) -> str:
    """The file's Python text; a notebook's cells joined, as they share one namespace."""
    return "\n".join(sources(path, raw).values())


def written_lines(old: str, new: str) -> set[int]:
    """1-based lines of ``new`` that are not lines of ``old`` (a line the rewrite only moved is not written)."""
    before, after = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    moved = Counter(line for _, i1, i2, _, _ in changes for line in before[i1:i2])
    written: set[int] = set()
    for _, _, _, j1, j2 in changes:
        for j in range(j1, j2):
            if moved[after[j]] > 0 and after[j].strip():
                moved[after[j]] -= 1
            else:
                written.add(j + 1)
    return written


def trimmed_import(olds: list[str], new: str, line: int) -> bool:
    """Whether ``line`` of ``new`` is an import of ``olds`` cut to fewer names (the v0.2 names kept code reads)."""
    try:
        tree = ast.parse(new)
    except (SyntaxError, ValueError):
        return False
    statement = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.lineno <= line <= (node.end_lineno or node.lineno)
    ]
    before: list[ast.AST] = []
    for old in olds:
        try:
            before += ast.walk(ast.parse(old))
        except (SyntaxError, ValueError):
            continue
    if len(statement) != 1 or not isinstance(statement[0], ast.ImportFrom):
        return False
    kept = statement[0]
    names = {(a.name, a.asname) for a in kept.names}
    return any(
        isinstance(node, ast.ImportFrom)
        and (node.module, node.level) == (kept.module, kept.level)
        and names <= {(a.name, a.asname) for a in node.names}
        for node in before
    )


def under_todo(text: str, line: int) -> bool:
    """Whether ``line`` is inside a statement the codemod kept with a TODO comment above it."""
    lines = text.splitlines()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or node.lineno):
            above = node.lineno - 2
            while above >= 0 and lines[above].lstrip().startswith("#"):
                if "# TODO(autogen-lint " in lines[above]:
                    return True
                above -= 1
    return False


def construct(reason: str) -> str:
    """A reason without its line and the program's own names, to count alike reasons together."""
    reason = re.sub(r"^(line|cell \d+,? line) \d+:\s*", "", reason.strip())
    reason = re.sub(r"\s*\(?\b(at |on )?line \d+\)?", "", reason)
    reason = re.sub(r"`([^`]*)`", lambda m: m[0] if m[1] in API_WORDS else "`…`", reason)
    return re.sub(r"'[^']*'", lambda m: m[0] if m[0].strip("'") in API_WORDS else "'…'", reason)


def todos_of(text: str) -> list[tuple[str, str]]:
    """The ``(code, what)`` of every TODO comment in ``text``."""
    return [(m["code"], m["what"]) for line in text.splitlines() if (m := TODO.search(line))]


def check_json(root: Path) -> list[dict[str, object]]:
    result = subprocess.run(
        [COMMAND, "check", "--no-cache", "--output-format", "json", "--exit-zero", "."],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    records: list[dict[str, object]] = json.loads(result.stdout or "[]")
    return records


def by_file(records: list[dict[str, object]], prefixes: tuple[str, ...]) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        code, path = str(record["code"]), str(record["path"])
        if code.startswith(prefixes) and path.endswith((".py", ".ipynb")):
            found[str(Path(path))][f"{code} {record.get('symbol', '')}".strip()] += 1
    return found


def flakes(text: str) -> Counter[tuple[str, str]]:
    """Pyflakes' F821/F823/F811 messages by code and name (nothing when the text does not parse)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return Counter()
    found: Counter[tuple[str, str]] = Counter()
    for message in pyflakes_checker.Checker(tree, filename="<migrated>").messages:
        code = PYFLAKES.get(type(message))
        if code is not None:
            found[(code, str(message.message_args[0]))] += 1
    return found


def v04_imports(text: str) -> set[tuple[str, str]]:
    """``(module, name)`` of every v0.4 import in ``text`` (name empty for ``import module``)."""
    wanted: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").startswith(V04_MODULES):
            wanted |= {(node.module or "", alias.name) for alias in node.names}
        elif isinstance(node, ast.Import):
            wanted |= {(alias.name, "") for alias in node.names if alias.name.startswith(V04_MODULES)}
    return wanted


_RESOLVE = """
import importlib, json, sys
failed = []
for module, name in json.load(sys.stdin):
    try:
        imported = importlib.import_module(module)
        if name and not hasattr(imported, name):
            importlib.import_module(module + "." + name)
    except Exception as error:
        failed.append([module, name, type(error).__name__ + ": " + str(error)[:160]])
print(json.dumps(failed))
"""


def unresolved(python: str, wanted: set[tuple[str, str]]) -> list[list[str]]:
    """The imports that fail in ``python``, with why."""
    result = subprocess.run(
        [python, "-c", _RESOLVE], input=json.dumps(sorted(wanted)), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        return [["", "", f"the v0.4 interpreter failed: {result.stderr[-500:]}"]]
    failed: list[list[str]] = json.loads(result.stdout)
    return failed


@dataclass
class Outcome:
    """What became of one file with v0.2 findings."""

    path: str
    status: str = "not"
    todos: list[tuple[str, str]] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    """v0.2 findings still in the file, as ``CODE symbol``."""
    reason: str | None = None
    failures: list[str] = field(default_factory=list)


@dataclass
class Replay:
    """One program run with the replayed model."""

    path: str
    verdict: str
    detail: dict[str, object] = field(default_factory=dict)


def is_program(text: str) -> bool:
    """A file that runs something when executed: a ``__main__`` guard or a top-level ``asyncio.run``."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    for node in tree.body:
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            return True
        if isinstance(node, ast.Expr) and ast.unparse(node.value).startswith("asyncio.run("):
            return True
    return False


def sample(paths: list[str], count: int) -> list[str]:
    """``count`` paths, one folder (repository) after another, in a stable order."""
    groups: dict[str, list[str]] = defaultdict(list)
    for path in sorted(paths):
        groups[Path(path).parts[0]].append(path)
    chosen: list[str] = []
    while len(chosen) < count and any(groups.values()):
        for group in sorted(groups):
            if groups[group] and len(chosen) < count:
                chosen.append(groups[group].pop(0))
    return chosen


CONFIG_LIST = [{"model": "gpt-4o", "api_key": "sk-test"}]
REQUIRED_VARIABLE = re.compile(r"""os\.environ\[\s*["']([A-Za-z_]\w*)["']\s*\]""")
"""An environment variable a program reads with ``os.environ["NAME"]``: set for its replay."""


FILTERED_MODELS = re.compile(r"""["']model["']\s*:\s*[\[{(]([^\]})]*)""")
"""A ``filter_dict``'s models (``"model": ["gpt-4", ...]``): the config list written has an entry for each."""
STOPPED = "reached its chat and stopped"
NO_INPUT = "cannot be replayed here: a file it reads before its chat is not in the corpus"
_RAISED_AT = re.compile(r"^FileNotFoundError: .* \(([^():]+):(\d+)\)$")
ON_V02 = "cannot be replayed here: a module of the project it imports is still on AutoGen v0.2"
_V02_IMPORTED = re.compile(r"^ModuleNotFoundError: No module named 'autogen(\.[\w.]+)?' \(([^():]+):\d+\)$")


def config_list_for(text: str) -> list[dict[str, str]]:
    """``CONFIG_LIST``, with an entry for every model the program (its ``text``) filters its config list on."""
    models = [m for found in FILTERED_MODELS.findall(text) for m in re.findall(r"""["']([^"'\n]+)["']""", found)]
    return [*CONFIG_LIST, *({"model": m, "api_key": "sk-test"} for m in dict.fromkeys(models))]


def replay(python: str, root: Path, path: str, timeout: float, original: str) -> Replay:
    """Run one program with the replayed model (see ``replay_program.py``); ``original``: its v0.2 text."""
    program = root / path
    folder = program.parent
    text = program.read_text("utf-8", errors="replace")
    config_list = json.dumps(config_list_for(text))
    for name in ("OAI_CONFIG_LIST", "OAI_CONFIG_LIST.json"):
        (folder / name).write_text(config_list, "utf-8")
    loopback = "http://127.0.0.1:9"
    env = {
        **os.environ,
        "OPENAI_API_KEY": "sk-test",
        "AZURE_OPENAI_API_KEY": "test",
        "OAI_CONFIG_LIST": config_list,
        "OPENAI_BASE_URL": loopback,
        "HTTP_PROXY": loopback,
        "HTTPS_PROXY": loopback,
        "NO_PROXY": "",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for name in REQUIRED_VARIABLE.findall(text):
        env.setdefault(name, "test")  # the v0.2 program needed it set too
    start = time.perf_counter()
    try:
        result = subprocess.run(
            [python, str(RUNNER), str(program)],
            cwd=folder,
            input="exit\n" * 20,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Replay(path, f"did not stop within {timeout:.0f} s")
    seconds = round(time.perf_counter() - start, 1)
    line = next((x for x in reversed(result.stderr.splitlines()) if x.startswith("REPLAY ")), None)
    if line is None:
        return Replay(path, "no report", {"stderr": result.stderr[-400:], "seconds": seconds})
    detail: dict[str, object] = {**json.loads(line[len("REPLAY ") :]), "seconds": seconds}
    chats, results = int(str(detail["chats"])), int(str(detail["results"]))
    raised = _RAISED_AT.match(str(detail["error"] or ""))
    kept = raised is not None and raised.group(1) == program.name
    if chats == 0 and kept and raised is not None:
        new = program.read_text("utf-8-sig")
        kept = int(raised.group(2)) not in written_lines(original, new)
    elsewhere = _V02_IMPORTED.match(str(detail["error"] or ""))
    if chats == 0 and kept:
        verdict = f"{NO_INPUT}: {detail['error']}"
    elif chats == 0 and elsewhere is not None and elsewhere.group(2) != program.name:
        verdict = f"{ON_V02}: {detail['error']}"
    elif chats == 0:
        verdict = f"did not reach its chat: {detail['error']}"
    elif results < 1 or detail["error"]:
        verdict = f"reached its chat, did not end it: {detail['error']}"
    elif detail["made"] != detail["closed"]:
        verdict = f"reached its chat and stopped; {detail['made']} clients made, {detail['closed']} closed"
    else:
        verdict = STOPPED
    return Replay(path, verdict, detail)


def percent(part: int, whole_: int) -> str:
    return f"{100 * part / whole_:.1f} %" if whole_ else "-"


def main() -> int:  # noqa: PLR0915
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a folder of v0.2 programs (read, never written)")
    parser.add_argument("--reasons", type=int, default=12, help="how many remaining reasons to list")
    parser.add_argument("--v04-python", help="an interpreter with autogen-agentchat/-ext 0.7.5 (imports, --run)")
    parser.add_argument("--run", type=int, default=0, metavar="N", help="run N fully migrated programs, replayed")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds each replayed program may take")
    parser.add_argument("--json", type=Path, help="write the per-file results here")
    parser.add_argument("--keep", type=Path, help="copy the migrated corpus here (replaced if it exists)")
    args = parser.parse_args()
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary) / "corpus"
        shutil.copytree(args.corpus, root)
        before = snapshot(root)
        v02 = by_file(check_json(root), REWRITTEN)
        start = time.perf_counter()
        first = subprocess.run([COMMAND, "migrate", "."], cwd=root, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        if first.returncode != 0 or "Traceback" in first.stdout + first.stderr:
            failures.append(f"the first run failed: {first.stderr[-2000:]}")
        after = snapshot(root)
        checked_after = check_json(root)
        left_v02, agl7 = by_file(checked_after, REWRITTEN), by_file(checked_after, ("AGL7",))
        refusals = {str(Path(m["path"])): m["reason"] for line in first.stdout.splitlines() if (m := _LEFT.match(line))}
        changed = sorted(path for path in after if after[path] != before.get(path))
        outcomes: dict[str, Outcome] = {path: Outcome(path) for path in sorted(v02)}
        wanted: dict[str, set[tuple[str, str]]] = {}
        written_outside = 0
        for path in changed:
            if not path.endswith((".py", ".ipynb")):
                failures.append(f"{path}: a file that is not Python or a notebook changed")
                continue
            outcome = outcomes.setdefault(path, Outcome(path))
            old, new = sources(path, before[path]), sources(path, after[path])
            text = "\n".join(new.values())
            outcome.todos = todos_of(text)
            outcome.left = sorted(left_v02.get(path, Counter()).elements())
            outcome.status = "partly" if outcome.todos or outcome.left else "fully"
            for cell, cell_text in new.items():
                error = python_error(cell_text, top_level_await=path.endswith(".ipynb"))
                if error is not None:
                    outcome.failures.append(f"cell {cell}: does not compile: {error}")
                    continue
                written = written_lines(old.get(cell, ""), cell_text)
                for finding in check_source(cell_text).findings:
                    wrote = finding.code.startswith(REWRITTEN) and finding.line in written
                    if (
                        wrote
                        and not under_todo(cell_text, finding.line)
                        and not trimmed_import(list(old.values()), cell_text, finding.line)
                    ):
                        written_outside += 1
                        outcome.failures.append(f"cell {cell} line {finding.line}: {finding.code} on a rewritten line")
            outcome.failures += [f"{code} after migration" for code in sorted(agl7.get(path, Counter()).elements())]
            new_flakes = flakes(text) - flakes(whole(path, before[path]))
            outcome.failures += [f"pyflakes {code} `{name}` is new" for code, name in sorted(new_flakes.elements())]
            try:
                wanted[path] = v04_imports(text)
            except SyntaxError:
                wanted[path] = set()
        for path, outcome in outcomes.items():
            if outcome.status == "not":
                outcome.reason = refusals.get(path, "no reason given")
        import_failures: list[list[str]] | None = None
        if args.v04_python:
            import_failures = unresolved(args.v04_python, set().union(*wanted.values()))
            for module, name, why in import_failures:
                for path, imports in wanted.items():
                    if (module, name) in imports:
                        outcomes[path].failures.append(f"import {module}{'.' + name if name else ''}: {why}")
        second = subprocess.run([COMMAND, "migrate", "."], cwd=root, capture_output=True, text=True, check=False)
        settled = snapshot(root) == after
        if not settled:
            moved = sorted(p for p, raw in snapshot(root).items() if raw != after.get(p))
            failures.append(f"the second run changed {len(moved)} files: {moved[:5]}")
        replays: list[Replay] = []
        if args.run:
            if not args.v04_python:
                failures.append("--run needs --v04-python")
            else:
                programs = [
                    p
                    for p, o in outcomes.items()
                    if o.status == "fully" and p.endswith(".py") and is_program(after[p].decode("utf-8-sig"))
                ]
                replays = [
                    replay(args.v04_python, root, p, args.timeout, before[p].decode("utf-8-sig"))
                    for p in sample(programs, args.run)
                ]
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(root, args.keep)
    report(
        args=args,
        before=before,
        outcomes=outcomes,
        seconds=seconds,
        first=first.stdout,
        settled=settled,
        second=second.stdout,
        written_outside=written_outside,
        import_failures=import_failures,
    )
    if replays:
        stopped = sum(r.verdict == STOPPED for r in replays)
        untestable = sum(r.verdict.startswith((NO_INPUT, ON_V02)) for r in replays)
        print(
            f"replayed programs: {stopped} of {len(replays) - untestable} reached their chat and stopped"
            + (f" ({untestable} could not be replayed here)" if untestable else "")
        )
        for item in replays:
            print(f"  {item.verdict}: {item.path}")
    failures += [f"{o.path}: {f}" for o in outcomes.values() for f in o.failures]
    failures += [
        f"{r.path}: {r.verdict}"
        for r in replays
        if r.verdict != STOPPED and not r.verdict.startswith((NO_INPUT, ON_V02))
    ]
    if args.json:
        data = {"outcomes": [asdict(o) for o in outcomes.values()], "replays": [asdict(r) for r in replays]}
        args.json.write_text(json.dumps(data, indent=1), "utf-8")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


def report(
    *,
    args: argparse.Namespace,
    before: dict[str, bytes],
    outcomes: dict[str, Outcome],
    seconds: float,
    first: str,
    settled: bool,
    second: str,
    written_outside: int,
    import_failures: list[list[str]] | None,
) -> None:
    """Print the counts, the reasons left and the checks."""
    notebooks = [p for p in before if p.endswith(".ipynb")]
    python = [p for p in before if p.endswith((".py", ".pyi"))]
    with_v02 = [o for o in outcomes.values() if o.path in before]
    status = Counter(o.status for o in with_v02)
    total = len(with_v02)
    last = first.splitlines()[-1] if first.strip() else ""
    print(f"corpus: {args.corpus} ({len(python)} Python files, {len(notebooks)} notebooks)")
    print(f"first run: {seconds:.1f} s; {last}")
    print(f"files with v0.2 findings: {total}")
    print(f"  migrated fully: {status['fully']} ({percent(status['fully'], total)})")
    print(f"  migrated partly: {status['partly']} ({sum(len(o.todos) for o in with_v02)} TODOs)")
    print(f"  not migrated: {status['not']}")
    changed = status["fully"] + status["partly"]
    print(f"  changed: {changed} ({percent(changed, total)}; target 85 %), fully: target 35 %")
    reasons: Counter[str] = Counter()
    for outcome in with_v02:
        if outcome.status == "not":
            reasons[f"[not migrated] {construct(outcome.reason or '')}"] += 1
        else:
            seen = {f"[TODO {code}] {construct(what).split('; ')[0]}" for code, what in outcome.todos}
            if outcome.left and not outcome.todos:
                seen |= {f"[left without a TODO] {finding}" for finding in outcome.left}
            reasons.update(seen)
    print(f"remaining reasons (files; top {args.reasons} of {len(reasons)}):")
    for reason, count in reasons.most_common(args.reasons):
        print(f"  {count:4d}  {reason}")
    compile_errors = sum(1 for o in outcomes.values() if any("does not compile" in f for f in o.failures))
    agl7 = sum(1 for o in outcomes.values() if any(f.startswith("AGL7") for f in o.failures))
    flaky = sum(1 for o in outcomes.values() if any(f.startswith("pyflakes") for f in o.failures))
    imports = sum(1 for o in outcomes.values() if any(f.startswith("import ") for f in o.failures))
    rewritten = sum(1 for o in outcomes.values() if o.status != "not")
    print(f"checks on the {rewritten} rewritten files:")
    print(f"  outputs that do not compile: {compile_errors}")
    print(f"  outputs with an AGL7xx finding: {agl7}")
    print(f"  outputs with a new pyflakes F821/F823/F811: {flaky}")
    if import_failures is None:
        print("  v0.4 imports: not checked (no --v04-python)")
    else:
        print(f"  outputs with an import that does not resolve on 0.7.5: {imports}")
    print(f"  AGL1xx-AGL6xx on rewritten lines (outside TODO statements): {written_outside}")
    second_last = second.splitlines()[-1] if second.strip() else ""
    print(f"  second run changes nothing: {'yes' if settled else 'no'} ({second_last})")


if __name__ == "__main__":
    sys.exit(main())
