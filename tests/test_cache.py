"""The result cache: keyed by content, version and configuration; safe against races and damage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from test_cli import CLEAN, V02, findings, run, write

from autogen_lint.cache import DIRECTORY, ResultCache, content_hash, fingerprint
from autogen_lint.config import Config
from autogen_lint.finding_json import array, findings_of, records_text, with_path
from autogen_lint.findings import Applicability, Edit, Finding, Fix
from autogen_lint.output.records import record


def cache_files(root: Path) -> list[Path]:
    return sorted((root / DIRECTORY).glob("*.json"))


def test_warm_run_reuses_results_and_sees_changes(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": V02, "b.py": CLEAN})
    cold = run("check", "--format=json", cwd=tmp_path)
    [store] = cache_files(tmp_path)
    assert (tmp_path / DIRECTORY / ".gitignore").read_text().endswith("*\n")
    assert (tmp_path / DIRECTORY / "CACHEDIR.TAG").exists()
    entries = json.loads(store.read_text())["files"]
    assert set(entries) == {"a.py", "b.py"}
    assert entries["a.py"][0] == content_hash((tmp_path / "a.py").read_bytes())

    # A cached result is used as it is: doctor it to prove the file is not checked again.
    doctored = json.loads(store.read_text())
    doctored["files"]["b.py"][1] = records_text([Finding("AGL301", 1, 0, 1, 1, "from the cache", "u")])
    store.write_text(json.dumps(doctored))
    from_cache = [r for r in findings(run("check", "--format=json", cwd=tmp_path)) if r["path"] == "b.py"]
    assert [(r["code"], r["message"]) for r in from_cache] == [("AGL301", "from the cache")]
    # An entry naming no known rule is damage: the file is checked again.
    doctored["files"]["b.py"][1] = records_text([Finding("AGL301", 1, 0, 1, 1, "bogus", "u")]).replace(
        "AGL301", "AGL999"
    )
    store.write_text(json.dumps(doctored))
    assert [r for r in findings(run("check", "--format=json", cwd=tmp_path)) if r["path"] == "b.py"] == []
    assert run("check", "--format=json", "--no-cache", cwd=tmp_path).stdout == cold.stdout

    # New content misses the cache.
    (tmp_path / "b.py").write_text(V02)
    assert [r["path"] for r in findings(run("check", "--format=json", cwd=tmp_path))].count("b.py") == 2


def test_files_seen_unchanged_are_known_by_size_and_time(tmp_path: Path) -> None:
    """A file whose content matched once is not read again while its size and time stay the same."""
    path = tmp_path / "a.py"
    clean = CLEAN.rstrip("\n").ljust(len(V02) - 1) + "\n"  # as long as V02
    assert len(clean) == len(V02)
    write(tmp_path, {"a.py": V02})
    then = time.time_ns() - 60 * 10**9
    os.utime(path, ns=(then, then))
    cold = findings(run("check", "--format=json", cwd=tmp_path))
    [store] = cache_files(tmp_path)
    assert json.loads(store.read_text())["files"]["a.py"][2] is None  # new entry: content only
    assert findings(run("check", "--format=json", cwd=tmp_path)) == cold
    assert json.loads(store.read_text())["files"]["a.py"][2] == [then, len(V02)]
    # Other content under the same size and time is not read (as ruff and git trust them) ...
    path.write_text(clean)
    os.utime(path, ns=(then, then))
    assert findings(run("check", "--format=json", cwd=tmp_path)) == cold
    # ... any other time is: the file is read, checked again, and known by its content only.
    os.utime(path, None)
    assert findings(run("check", "--format=json", cwd=tmp_path)) == []
    assert json.loads(store.read_text())["files"]["a.py"][2] is None
    # A file modified within the last two seconds is never known by its time.
    cache = ResultCache(store, json.loads(store.read_text())["files"])
    recent, older = [time.time_ns(), len(clean)], [then, len(clean)]
    cache.stamp("a.py", recent)
    assert cache.fresh("a.py", recent) is None
    cache.stamp("a.py", older)
    assert cache.fresh("a.py", older) == (content_hash(clean.encode()), "", None)


def test_configuration_and_version_pick_another_cache(tmp_path: Path) -> None:
    config = Config(root=tmp_path)
    assert fingerprint(config) != fingerprint(Config(root=tmp_path, ignore=("AGL201",)))
    assert fingerprint(config) != fingerprint(Config(root=tmp_path, guide_url="https://mirror.example/g"))
    assert fingerprint(config) == fingerprint(Config(root=tmp_path, extend_exclude=("x",)))  # file choice only
    write(tmp_path, {"a.py": V02})
    assert len(findings(run("check", "--format=json", cwd=tmp_path))) == 2
    assert len(findings(run("check", "--format=json", "--ignore=AGL201", cwd=tmp_path))) == 1
    assert len(cache_files(tmp_path)) == 2


def test_no_cache_reads_and_writes_nothing(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": V02})
    run("check", "--no-cache", cwd=tmp_path)
    assert not (tmp_path / DIRECTORY).exists()


def test_corrupted_cache_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": V02})
    expected = run("check", "--format=json", "--no-cache", cwd=tmp_path).stdout
    run("check", cwd=tmp_path)
    [store] = cache_files(tmp_path)
    for damage in ("{not json", '{"format": 1, "files": []}', '{"format": 1, "files": {"a.py": [1, 2, 3]}}', ""):
        store.write_text(damage)
        assert run("check", "--format=json", cwd=tmp_path).stdout == expected
        assert json.loads(store.read_text())["files"]["a.py"][0] == content_hash((tmp_path / "a.py").read_bytes())
    store.write_bytes(b"\xff\xfe\x00")
    assert run("check", "--format=json", cwd=tmp_path).stdout == expected


def test_racing_runs_leave_a_valid_cache(tmp_path: Path) -> None:
    write(tmp_path, {f"m{i}.py": V02 if i % 2 else CLEAN for i in range(40)})
    expected = run("check", "--format=json", "--no-cache", cwd=tmp_path).stdout
    outputs: list[str] = []

    def lint() -> None:
        outputs.append(run("check", "--format=json", cwd=tmp_path).stdout)

    threads = [threading.Thread(target=lint) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outputs == [expected] * 4
    [store] = cache_files(tmp_path)
    assert len(json.loads(store.read_text())["files"]) == 40
    assert not list((tmp_path / DIRECTORY).glob(".tmp-*"))
    assert run("check", "--format=json", cwd=tmp_path).stdout == expected


def test_clean_removes_caches_below(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": V02, "sub/pyproject.toml": "[tool.autogen-lint]\n", "sub/b.py": V02})
    run("check", cwd=tmp_path)
    run("check", cwd=tmp_path / "sub")
    assert (tmp_path / DIRECTORY).is_dir() and (tmp_path / "sub" / DIRECTORY).is_dir()
    result = run("clean", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.count("Removed ") == 2
    assert not (tmp_path / DIRECTORY).exists() and not (tmp_path / "sub" / DIRECTORY).exists()


def test_unwritable_cache_directory_is_not_an_error(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": V02, DIRECTORY: "a file where the cache directory should be"})
    result = run("check", "--format=json", cwd=tmp_path)
    assert result.returncode == 1 and len(json.loads(result.stdout)) == 2


def test_round_trip_of_findings(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / DIRECTORY / "x.json", {})
    edits = (Edit(1, 0, 1, 4, 'x = "\\n\n    \\"path\\": \\"\\",é"', cell=5), Edit(2, 3, 4, 5))
    fixed = Finding("AGL101", 1, 2, 3, 4, 'message "quoted"\n    "path": "",', "url", cell=5)
    fixed = fixed._replace(fix=Fix("title ✓", Applicability.UNSAFE, edits))
    findings = (fixed, Finding("AGL201", 7, 0, 8, 1, "plain", "url"))
    cache.put("nb.ipynb", "abc", records_text(findings), "autogen.LLMConfig")
    cache.put("empty.py", "def", records_text(()))
    cache.save()
    reopened = ResultCache(cache.path, json.loads(cache.path.read_text())["files"])
    entry = reopened.get("nb.ipynb", "abc")
    assert entry is not None and findings_of(entry[0]) == findings and entry[1] == "autogen.LLMConfig"
    assert json.loads(array([with_path(entry[0], "nb.ipynb")])) == [record("nb.ipynb", f) for f in findings]
    assert reopened.get("empty.py", "def") == ("", None) and array([with_path("", "empty.py")]) == "[]\n"
    assert reopened.get("nb.ipynb", "other") is None and reopened.get("other", "abc") is None


def test_module_entry_point(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": V02})
    result = subprocess.run(
        [sys.executable, "-m", "autogen_lint.cli", "check", "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "AGL101" in result.stdout
