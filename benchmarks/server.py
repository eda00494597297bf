"""Latency and memory of ``autogen-lint server`` beside ``ruff server`` (run on demand, not in CI).

    python benchmarks/server.py                     # 1,000- and 5,000-line modules, 40 edits each
    python benchmarks/server.py --lines 1000 --runs 100 --ruff /path/to/ruff
    python benchmarks/server.py --file path/to/a/real/module.py  # a real module too

Both servers are driven the same way, by the small LSP client below over stdio: initialize (push
diagnostics only), open a generated AutoGen module (v0.2 agents and v0.4 clients, dense with
findings), then, ``--runs`` times for each kind of edit (``KINDS``: comments typed or added,
which move findings; code typed on the last line or in a function halfway down; a line of code
added in that function or at the end of the module, one more at each version, as typing does),
send a whole-document ``didChange`` and time until the ``publishDiagnostics`` of that version
arrives. Printed per server and size: min/median/max milliseconds, and for autogen-lint a full
``check_text`` of each edited text in this process right after its diagnostics arrived (same
load), with the median of the per-edit differences. Also measured: a burst of 20 changes
sent back to back (how many checks were published: only the latest version should be), and
each server's memory (proportional set size) idle after ``initialize`` and after the module
was checked. The load average is printed before and after: the machine is shared.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.runner import check_text

BURST = 20

BLOCK = '''\


def build_team_{n}(task: str) -> str:
    """A v0.2 pair of agents (block {n})."""
    config_list = [{{"model": "gpt-4", "api_key": "sk-{n}"}}]
    llm_config = {{"config_list": config_list, "cache_seed": {n}, "temperature": 0}}
    assistant = AssistantAgent("assistant_{n}", llm_config=llm_config)
    user = UserProxyAgent("user_{n}", human_input_mode="NEVER", code_execution_config=False)
    register_function(lookup_{n}, caller=assistant, executor=user, description="Look up.")
    result = user.initiate_chat(assistant, message=task, max_turns=2)
    return str(result.summary)


def lookup_{n}(query: str) -> str:
    return query.upper()


async def run_{n}(task: str) -> str:
    client = OpenAIChatCompletionClient(model="gpt-4o")
    agent = NewAssistant("agent_{n}", model_client=client)
    agent.run(task=task)
    return task
'''

HEADER = '''\
"""A generated AutoGen module: v0.2 agents beside v0.4 clients."""

from autogen import AssistantAgent, UserProxyAgent, register_function
from autogen_agentchat.agents import AssistantAgent as NewAssistant
from autogen_ext.models.openai import OpenAIChatCompletionClient
'''


def module(lines: int) -> str:
    """An AutoGen module of about ``lines`` lines."""
    parts, n = [HEADER], 0
    while sum(part.count("\n") for part in parts) < lines:
        parts.append(BLOCK.format(n=n))
        n += 1
    return "".join(parts)


def edited(text: str, version: int) -> str:
    """A comment typed at the end of the last line, every line where it was."""
    return f"{text.rstrip()}  # edit {version}\n"


def grown(text: str, version: int) -> str:
    """A comment line added at the top, one more at each version: every finding moves down a line."""
    return "# new line\n" * version + text


@cache
def _function_end(text: str, halfway: bool) -> tuple[tuple[str, ...], int, str]:
    """The lines of ``text``, where a function ends (a line index: halfway down, or the last one), and its indent."""
    lines = tuple(text.split("\n"))
    functions = [s for s in ast.parse(text).body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
    function = next((f for f in functions if f.lineno >= len(lines) // 2), functions[-1]) if halfway else functions[-1]
    first = lines[function.body[0].lineno - 1]
    return lines, function.body[-1].end_lineno or function.lineno, first[: len(first) - len(first.lstrip())]


def coded(text: str, version: int) -> str:
    """Code typed at the end of the last function: its last line reads ``print(N)``."""
    lines, end, indent = _function_end(text, halfway=False)
    return "\n".join([*lines[:end], f"{indent}print({version})", *lines[end:]])


def typed_inside(text: str, version: int) -> str:
    """Code typed in a function halfway down the module: its last line reads ``print(N)``."""
    lines, end, indent = _function_end(text, halfway=True)
    return "\n".join([*lines[:end], f"{indent}print({version})", *lines[end:]])


def line_added_inside(text: str, version: int) -> str:
    """A new line of code in a function halfway down, one more at each version (Enter, then typing)."""
    lines, end, indent = _function_end(text, halfway=True)
    return "\n".join([*lines[:end], *(f"{indent}print({n})" for n in range(version)), *lines[end:]])


def line_added_at_end(text: str, version: int) -> str:
    """A new top-level line of code at the end of the module, one more at each version."""
    return text + "".join(f"print({n})\n" for n in range(version))


KINDS = {
    "a comment typed": edited,
    "a comment line added at the top": grown,
    "code typed in the last function": coded,
    "code typed in a function": typed_inside,
    "a line added in a function": line_added_inside,
    "a line added at the end": line_added_at_end,
}


class Client:
    """A minimal LSP client over a subprocess's stdio; answers the server's requests with null."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=root)
        self.inbox: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.ids = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (header := stream.readline()) not in (b"\r\n", b""):
                if header.lower().startswith(b"content-length:"):
                    length = int(header.split(b":")[1])
            if not header:
                return
            body = stream.read(length)
            received = time.perf_counter()  # the whole message is here (decoding it is the client's work)
            message = json.loads(body)
            if "method" in message and "id" in message:
                configuration = message["method"] == "workspace/configuration"
                result = [None] * len(message["params"]["items"]) if configuration else None
                self.send({"id": message["id"], "result": result})
            self.inbox.put((received, message))

    def send(self, message: dict[str, Any]) -> float:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stream = self.process.stdin
        assert stream is not None
        sent = time.perf_counter()
        stream.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        stream.flush()
        return sent

    def request(self, method: str, params: Any) -> Any:
        self.ids += 1
        self.send({"id": self.ids, "method": method, "params": params})
        while True:
            _, message = self.inbox.get(timeout=60)
            if message.get("id") == self.ids and "method" not in message:
                return message.get("result")

    def notify(self, method: str, params: Any) -> float:
        return self.send({"method": method, "params": params})

    def published(self, uri: str, version: int, timeout: float = 60) -> float:
        """When the diagnostics of ``uri`` at ``version`` arrived."""
        deadline = time.perf_counter() + timeout
        while True:
            received, message = self.inbox.get(timeout=max(deadline - time.perf_counter(), 0.001))
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri:  # noqa: SIM102
                if params.get("version") in (version, None):
                    return received

    def drain(self, seconds: float) -> list[dict[str, Any]]:
        """The messages that arrive within ``seconds``."""
        found, deadline = [], time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            try:
                found.append(self.inbox.get(timeout=left)[1])
            except queue.Empty:
                break
        return found

    def memory_mib(self) -> float:
        """The server's proportional set size."""
        for line in Path(f"/proc/{self.process.pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=10)


def initialize(client: Client, root: Path) -> None:
    capabilities = {
        "textDocument": {"publishDiagnostics": {"versionSupport": True}, "synchronization": {"didSave": True}},
        "workspace": {"configuration": False},
    }
    client.request(
        "initialize",
        {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities, "initializationOptions": {}},
    )
    client.notify("initialized", {})


def engine_ms(text: str, runs: int) -> list[float]:
    item, config, found = Found(Path("module.py"), Kind.PYTHON), Config(), []
    for version in range(runs):
        current = edited(text, version)
        start = time.perf_counter()
        check_text(item, config, current)
        found.append((time.perf_counter() - start) * 1000)
    return found


@dataclass
class Latencies:
    """What one server did on one module.

    didChange -> publishDiagnostics milliseconds per kind of edit, the engine's own time on each
    edited text (measured here right after, under the same load), and the versions published
    after a burst.
    """

    server: dict[str, list[float]] = field(default_factory=dict)
    engine: dict[str, list[float]] = field(default_factory=dict)
    burst: list[int] = field(default_factory=list)

    def overhead(self, kind: str) -> float:
        """The median of the per-edit differences: the server's cost beyond the engine's check."""
        return statistics.median(s - e for s, e in zip(self.server[kind], self.engine[kind], strict=True))


def latencies(client: Client, root: Path, text: str, runs: int) -> Latencies:
    """Time each kind of edit, then a burst."""
    path = root / "module.py"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    document = {"uri": uri, "languageId": "python", "version": 1, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": document})
    client.published(uri, 1)
    client.drain(0.3)
    version, found = 1, Latencies()
    item, config = Found(path, Kind.PYTHON), Config()
    for kind, edit in KINDS.items():
        times, engine = found.server.setdefault(kind, []), found.engine.setdefault(kind, [])
        for step in range(1, runs + 1):
            version += 1
            current = edit(text, step)
            change = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": current}]}
            sent = client.notify("textDocument/didChange", change)
            times.append((client.published(uri, version) - sent) * 1000)
            start = time.perf_counter()
            check_text(item, config, current)
            engine.append((time.perf_counter() - start) * 1000)
            client.drain(0.05)  # keystrokes apart: no work left behind from the previous edit
    for step in range(BURST):
        version += 1
        change = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": edited(text, step)}]}
        client.notify("textDocument/didChange", change)
    found.burst = [
        int(message["params"].get("version") or 0)
        for message in client.drain(3.0)
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri
    ]
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    client.drain(0.3)
    return found


def row(name: str, values: list[float]) -> str:
    return f"{name:<40} min {min(values):7.1f}  median {statistics.median(values):7.1f}  max {max(values):7.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--file", type=Path, action="append", default=[], help="also a real module (repeatable)")
    parser.add_argument("--ruff", default=shutil.which("ruff") or str(Path(sys.executable).with_name("ruff")))
    parser.add_argument("--server", default=str(Path(sys.executable).with_name("autogen-lint")))
    args = parser.parse_args()
    servers = {"autogen-lint server": [str(Path(args.server).absolute()), "server"]}
    if Path(args.ruff).exists():
        version = subprocess.run([args.ruff, "--version"], capture_output=True, text=True, check=False).stdout.strip()
        servers[f"ruff server ({version})"] = [str(Path(args.ruff).absolute()), "server"]
    else:
        print(f"ruff not found at {args.ruff}: measuring autogen-lint only")
    cores = len(os.sched_getaffinity(0))
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"Python {sys.version.split()[0]}, {cores} cores, {args.runs} edits of each kind, load average {load}")
    modules = [(f"{module(n).count(chr(10))}-line generated module", module(n)) for n in args.lines]
    modules += [
        (f"{path.name} ({path.read_text(encoding='utf-8').count(chr(10))} lines)", path.read_text(encoding="utf-8"))
        for path in args.file
    ]
    for label, text in modules:
        print(f"\n{label}, {len(check_text(Found(Path('m.py'), Kind.PYTHON), Config(), text).findings)} findings")
        print(row("engine check_text (in process)", engine_ms(text, args.runs)))
        for name, command in servers.items():
            with tempfile.TemporaryDirectory() as folder:
                root = Path(folder)
                client = Client(command, root)
                initialize(client, root)
                time.sleep(1.0)
                idle = client.memory_mib()
                found = latencies(client, root, text, args.runs)
                busy = client.memory_mib()
                client.close()
            print(f"{name}, didChange -> publishDiagnostics:")
            for kind in KINDS:
                print(row(f"  {kind}", found.server[kind]))
                if name.startswith("autogen-lint"):
                    print(row("    full check_text, same texts", found.engine[kind]))
                    print(f"{'':<40} server minus full check: median {found.overhead(kind):6.1f} ms (paired)")
            print(f"{'':<40} burst of {BURST}: {len(found.burst)} published (versions {found.burst})")
            print(f"{'':<40} memory: idle {idle:.1f} MiB, after checking {busy:.1f} MiB")
    print(f"\nload average at the end: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
