"""code-server (VS Code in a browser) for the editor test: installed once into a cache, started
on 127.0.0.1 with its own profile, stopped by the PIDs it started."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

VERSION = "4.100.3"  # VS Code 1.100.3; later 4.x need Node 22 or 24
RIPGREP_CACHE = "vscode-ripgrep-cache-1.15.11"
RIPGREP_TARBALL = "ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"


def cache_dir() -> Path:
    """Where code-server is installed: ``$AUTOGEN_LINT_CODE_SERVER_CACHE`` or the user's cache."""
    configured = os.environ.get("AUTOGEN_LINT_CODE_SERVER_CACHE")
    base = Path(configured) if configured else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return (base if configured else base / "autogen-lint") / f"code-server-{VERSION}"


def scratch_env(scratch: Path, path: str | None = None, home: bool = True) -> dict[str, str]:
    """An environment whose temporary, cache, config and data folders (and ``HOME``, unless
    ``home`` is false: npm reads the machine's settings from ``~/.npmrc``) are under ``scratch``."""
    env = dict(os.environ)
    names = ["TMPDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"]
    for name in [*names, "HOME"] if home else names:
        folder = scratch / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    if path is not None:
        env["PATH"] = path
    return env


def install(scratch: Path) -> Path:
    """The ``code-server`` executable, installed with npm into the cache first if need be."""
    target = cache_dir()
    executable = target / "node_modules" / ".bin" / "code-server"
    if executable.exists():
        return executable
    npm, rg = shutil.which("npm"), shutil.which("rg")
    if npm is None or rg is None:
        raise RuntimeError("installing code-server needs npm and ripgrep (rg)")
    env = scratch_env(scratch / "install", home=False)
    if "npm_config_nodedir" not in env and Path("/usr/include/node/node.h").exists():
        env["npm_config_nodedir"] = "/usr"  # native modules build against Debian's Node headers, offline
    # @vscode/ripgrep downloads ripgrep from GitHub unless its cache holds the tarball.
    seeded = Path(env["TMPDIR"]) / RIPGREP_CACHE
    seeded.mkdir(parents=True, exist_ok=True)
    with tarfile.open(seeded / RIPGREP_TARBALL, "w:gz") as tar:
        tar.add(rg, arcname="rg")
    env.update(
        npm_config_unsafe_perm="true",
        npm_config_dangerously_allow_all_scripts="true",
        npm_config_yes="true",
        npm_config_cache=str(scratch / "install" / "npm-cache"),
    )
    partial = target.with_name(f"{target.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    done = subprocess.run(
        [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "--prefix",
            str(partial),
            f"code-server@{VERSION}",
        ],
        env=env,
        check=False,
        text=True,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=900,
    )
    if done.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        raise RuntimeError(f"npm install code-server@{VERSION} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    try:
        partial.rename(target)
    except OSError:  # installed meanwhile by another run
        shutil.rmtree(partial, ignore_errors=True)
    return executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (Linux ``/proc``)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def stop(process: subprocess.Popen[bytes]) -> set[int]:
    """Stop ``process`` and every process it started, by PID; the PIDs still alive (none, we hope)."""
    pids = {process.pid, *descendants(process.pid)}
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in pids):
        time.sleep(0.2)
    for pid in pids:
        if alive(pid):
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    if process.poll() is None:
        process.wait(timeout=10)
    time.sleep(0.2)
    return {pid for pid in pids if alive(pid)}


@dataclass
class CodeServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


@contextmanager
def serve(
    executable: Path, vsix: Path, workspace: Path, scratch: Path, path: str, trust: bool = False
) -> Iterator[CodeServer]:
    """code-server with the extension installed, on a free port, with a profile of its own.

    With ``trust``, Workspace Trust is on and the workspace opens untrusted (Restricted Mode).
    """
    env = scratch_env(scratch / "run", path)
    data, extensions = scratch / "user-data", scratch / "extensions"
    (data / "User").mkdir(parents=True, exist_ok=True)
    # The editor's own settings only (no autogen-lint or Python settings): a quiet start page.
    settings = {
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": False,
        "security.workspace.trust.enabled": trust,
        "security.workspace.trust.startupPrompt": "never",
        "update.mode": "none",
        "extensions.autoCheckUpdates": False,
        "extensions.autoUpdate": False,
        "telemetry.telemetryLevel": "off",
        "workbench.enableExperiments": False,
    }
    (data / "User" / "settings.json").write_text(json.dumps(settings, indent=1), encoding="utf-8")
    common = ["--user-data-dir", str(data), "--extensions-dir", str(extensions)]
    subprocess.run(
        [str(executable), *common, "--install-extension", str(vsix)],
        env=env,
        check=True,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=300,
    )
    port = free_port()
    log = scratch / "code-server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                str(executable), *common, "--auth", "none", "--bind-addr", f"127.0.0.1:{port}",
                "--disable-telemetry", "--disable-update-check", "--disable-getting-started-override",
                *([] if trust else ["--disable-workspace-trust"]), str(workspace),
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"code-server did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.3)
        yield CodeServer(url, process, log)
    finally:
        left = stop(process)
        if left:
            print(f"processes still alive after stopping code-server: {sorted(left)}", file=sys.stderr)
