"""What a cold check spends on a tree before parsing, phase by phase, on one core (run on demand).

    python benchmarks/reading.py DIR [--rounds N]

Each phase runs over every file of ``DIR`` as ``autogen-lint check`` reaches it, in one process
with the garbage collector paused (as the check's workers run): reading the Python files,
``source.nothing_to_find`` on their bytes, decoding the rest, the text prefilter
(``source.might_match``) on what decodes, and ``source.split_lines`` of the modules it lets
through; for notebooks, ``notebooks.read_cells`` (the JSON and the cells' IPython lines), the
cells joined into one module, and the prefilter on it. Prints the minimum and the median of
``--rounds`` rounds per phase, in milliseconds, and how many files each phase is given.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from autogen_lint import notebooks, runner, source

T = TypeVar("T")
U = TypeVar("U")


def _files(root: Path) -> tuple[list[str], list[str]]:
    python, notebook = [], []
    for directory, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith((".py", ".pyi")):
                python.append(os.path.join(directory, name))
            elif name.endswith(".ipynb"):
                notebook.append(os.path.join(directory, name))
    return sorted(python), sorted(notebook)


def _decoded(raw: bytes) -> str | None:
    try:
        return source.decode(raw)
    except source.SourceDecodeError:
        return None


def _joined(cells: list[notebooks.Cell] | source.SourceError) -> str | None:
    return None if isinstance(cells, source.SourceError) else "\n".join(line for cell in cells for line in cell.lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("root", type=Path, help="the tree to read")
    parser.add_argument("--rounds", type=int, default=7, help="rounds per phase (minimum and median shown)")
    args = parser.parse_args(argv)
    python, notebook = _files(args.root)
    times: dict[str, list[float]] = {}

    def phase(name: str, task: Callable[[T], U], items: Sequence[T]) -> list[U]:
        for _ in range(args.rounds):
            start = time.perf_counter()
            out = [task(item) for item in items]
            times.setdefault(name, []).append(time.perf_counter() - start)
        least, median = min(times[name]) * 1e3, statistics.median(times[name]) * 1e3
        print(f"{name:<28} {len(items):>6} files  min {least:8.2f} ms  median {median:8.2f} ms")
        return out

    gc.disable()
    raws = phase("read (Python)", runner.read_file, python)
    kept = [
        raw
        for raw, nothing in zip(raws, phase("nothing_to_find", source.nothing_to_find, raws), strict=True)
        if not nothing
    ]
    texts = [text for text in phase("decode", _decoded, kept) if isinstance(text, str)]
    matched = [text for text, hit in zip(texts, phase("might_match", source.might_match, texts), strict=True) if hit]
    phase("split_lines (let through)", source.split_lines, matched)
    cells = phase("read_cells (notebooks)", notebooks.read_cells, [runner.read_file(path) for path in notebook])
    joined = [text for text in phase("cells joined", _joined, cells) if isinstance(text, str)]
    phase("might_match (notebooks)", lambda text: source.might_match(text, notebook=True), joined)
    total = sum(min(rounds) for rounds in times.values())
    print(f"{'sum of the minimums':<28} {len(python) + len(notebook):>6} files  min {total * 1e3:8.2f} ms")


if __name__ == "__main__":
    main()
