"""Chunks of work shared between this process and forked copies of it.

The calling process has discovered every file and imported everything a check needs, so a
forked copy starts working at once: no executor, no task queue, no process pool to import.
The chunks' numbers wait in a pipe, written before the fork; each process (the caller
included) reads the next number when it is free, so the work balances itself. A copy sends
its results back when it has no chunk left and leaves without tearing the interpreter down.
A chunk whose results never come back (a copy that failed or was killed) is done again here,
where its error, if any, is raised; a fork the system refuses leaves the work to the processes
already running.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import struct
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
C = TypeVar("C")

_TOKEN = struct.Struct("<I")
MAX_CHUNKS = select.PIPE_BUF // _TOKEN.size
"""As many chunk numbers as one write to an empty pipe surely holds (a pipe holds at least ``PIPE_BUF`` bytes)."""


def available() -> bool:
    """Whether this platform can fork (POSIX); elsewhere the caller uses a process pool."""
    return hasattr(os, "fork")


def map_chunks(task: Callable[[C], list[T]], chunks: Sequence[C], processes: int) -> list[T]:
    """``task`` over every chunk, on this process and ``processes - 1`` forked copies; results in chunk order.

    At most ``MAX_CHUNKS`` chunks.
    """
    if len(chunks) > MAX_CHUNKS:
        raise ValueError(f"at most {MAX_CHUNKS} chunks")
    tokens, write_tokens = os.pipe()
    os.write(write_tokens, b"".join(_TOKEN.pack(index) for index in range(len(chunks))))
    os.close(write_tokens)
    copies: list[tuple[int, int]] = []
    done: dict[int, list[T]] = {}
    finished = False
    _flush()  # a copy starts with nothing of ours to write
    try:
        for _ in range(min(processes, len(chunks)) - 1):
            results, write_results = os.pipe()
            try:
                pid = os.fork()
            except OSError:  # no more processes allowed: the ones running share the work
                os.close(results)
                os.close(write_results)
                break
            if pid == 0:  # the copy: work, send, leave
                os.close(results)
                _work_and_send(task, chunks, tokens, write_results)
            os.close(write_results)
            copies.append((pid, results))
        done = _work(task, chunks, tokens)
        for _, results in copies:
            done.update(_received(results))
        finished = True
    finally:
        os.close(tokens)
        for pid, results in copies:
            if not finished:
                os.kill(pid, signal.SIGTERM)
            os.close(results)
            os.waitpid(pid, 0)
    for index, chunk in enumerate(chunks):
        if index not in done:
            done[index] = task(chunk)
    return [result for index in range(len(chunks)) for result in done[index]]


def _work(task: Callable[[C], list[T]], chunks: Sequence[C], tokens: int) -> dict[int, list[T]]:
    done: dict[int, list[T]] = {}
    while token := os.read(tokens, _TOKEN.size):
        (index,) = _TOKEN.unpack(token)
        done[index] = task(chunks[index])
    return done


def _work_and_send(task: Callable[[C], list[T]], chunks: Sequence[C], tokens: int, results: int) -> None:
    status = 1
    try:
        data = pickle.dumps(_work(task, chunks, tokens), pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(results, view) :]
        status = 0
    finally:
        _flush()  # what the copy itself wrote, if anything
        os._exit(status)  # no interpreter teardown


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):  # closed, detached or replaced
            stream.flush()


def _received(results: int) -> dict[int, list[T]]:
    parts = []
    while part := os.read(results, 1 << 20):
        parts.append(part)
    if not parts:
        return {}  # the copy failed before sending: its chunks are done again here
    try:
        received: dict[int, list[T]] = pickle.loads(b"".join(parts))
    except Exception:  # cut short: the copy died while sending
        return {}
    return received
