"""Chunks of work shared between the calling process and forked copies of it."""

from __future__ import annotations

import os
import time
from functools import partial
from pathlib import Path

import pytest

from autogen_lint import forked

pytestmark = pytest.mark.skipif(not forked.available(), reason="the platform cannot fork")
CALLER = os.getpid()


def _tagged(markers: Path, chunk: list[int]) -> list[tuple[int, int]]:
    """Each item with the process that did it; no process goes on before two have started a chunk."""
    (markers / str(os.getpid())).touch()
    deadline = time.monotonic() + 30
    while len(list(markers.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.005)
    return [(item, os.getpid()) for item in chunk]


def test_every_process_works_and_results_come_in_chunk_order(tmp_path: Path) -> None:
    chunks = [[index * 10 + n for n in range(3)] for index in range(12)]
    results = forked.map_chunks(partial(_tagged, tmp_path), chunks, 2)
    assert [item for item, _ in results] == [item for chunk in chunks for item in chunk]
    workers = {pid for _, pid in results}
    assert CALLER in workers
    assert len(workers) == 2


def _dies_in_copies(chunk: list[int]) -> list[int]:
    if os.getpid() != CALLER:
        os._exit(3)
    return [item * 2 for item in chunk]


def test_chunks_of_a_copy_that_died_are_done_by_the_caller() -> None:
    chunks = [[n] for n in range(20)]
    assert forked.map_chunks(_dies_in_copies, chunks, 3) == [n * 2 for n in range(20)]


_done_here: list[int] = []  # the chunks this process has done (a copy starts with the caller's list)


def _dies_on_third_chunk_in_a_copy(markers: Path, chunk: list[int]) -> list[tuple[int, int]]:
    """Tagged as ``_tagged``; a copy sends two chunks' results, then dies in its third chunk."""
    tagged = _tagged(markers, chunk)
    if os.getpid() != CALLER:
        _done_here.append(chunk[0])
        if len(_done_here) == 3:
            os._exit(3)
    time.sleep(0.02)  # both processes take several chunks
    return tagged


def test_results_a_copy_sent_before_it_died_are_kept(tmp_path: Path) -> None:
    """Each chunk's results come back when done: a copy that dies later loses only the chunk it was in."""
    _done_here.clear()
    chunks = [[index] for index in range(40)]
    results = forked.map_chunks(partial(_dies_on_third_chunk_in_a_copy, tmp_path), chunks, 2)
    assert [item for item, _ in results] == list(range(40))
    from_copy = [item for item, pid in results if pid != CALLER]
    assert len(from_copy) == 2


def _fails_on_seven(chunk: list[int]) -> list[int]:
    if 7 in chunk:
        raise ValueError("seven")
    return chunk


def test_an_error_in_a_chunk_is_raised_here() -> None:
    """Wherever the failing chunk ran, its error comes back from the caller running it again."""
    with pytest.raises(ValueError, match="seven"):
        forked.map_chunks(_fails_on_seven, [[n] for n in range(12)], 2)


def test_one_process_forks_nothing() -> None:
    assert forked.map_chunks(_dies_in_copies, [[1], [2]], 1) == [2, 4]


def test_too_many_chunks_are_refused() -> None:
    with pytest.raises(ValueError, match="at most"):
        forked.map_chunks(_fails_on_seven, [[0]] * (forked.MAX_CHUNKS + 1), 2)


def test_a_refused_fork_leaves_the_work_to_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused() -> int:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert forked.map_chunks(_fails_on_seven, [[n] for n in range(6)], 4) == list(range(6))
