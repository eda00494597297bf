"""Chunks of work shared between this process and forked copies of it.

The calling process has discovered every file and imported everything a check needs, so a
forked copy starts working at once: no executor, no task queue, no process pool to import.
The chunks' numbers wait in a pipe, written before the fork; each process (the caller
included) reads the next number when it is free, so the work balances itself. A copy sends
each chunk's results back as soon as it has them, and the caller reads what has come between
its own chunks, so that little is left to receive once the work is done; a copy with no chunk
left leaves without tearing the interpreter down. A chunk whose results never come back (a copy
that failed or was killed) is done again here, where its error, if any, is raised; a fork the
system refuses leaves the work to the processes already running.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import struct
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
C = TypeVar("C")

_TOKEN = struct.Struct("<I")
_FRAME = struct.Struct("<II")  # a chunk's number and the length of its pickled results, before them
_PIPE_SIZE = 1 << 20  # room for the results a copy sends while the caller is busy (Linux; elsewhere the default)
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
    copies: list[_Copy] = []
    done: dict[int, list[T]] = {}
    finished = False
    _flush()  # a copy starts with nothing of ours to write
    try:
        for _ in range(min(processes, len(chunks)) - 1):
            results, write_results = os.pipe()
            _enlarge(write_results)
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
            os.set_blocking(results, False)
            copies.append(_Copy(pid, results))
        while token := os.read(tokens, _TOKEN.size):
            (index,) = _TOKEN.unpack(token)
            done[index] = task(chunks[index])
            for copy in copies:
                copy.receive(done)  # what has come meanwhile
        for copy in copies:
            os.set_blocking(copy.results, True)
            copy.receive(done)  # the rest, up to the copy's end
        finished = True
    finally:
        os.close(tokens)
        for copy in copies:
            if not finished:
                import signal  # only when the work was given up (``signal`` makes its enums at import)

                os.kill(copy.pid, signal.SIGTERM)
            os.close(copy.results)
            os.waitpid(copy.pid, 0)
    for index, chunk in enumerate(chunks):
        if index not in done:
            done[index] = task(chunk)
    return [result for index in range(len(chunks)) for result in done[index]]


def _enlarge(pipe: int) -> None:
    import fcntl  # POSIX only, as forking is

    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setting is not None:
        with contextlib.suppress(OSError):  # over the system's limit: the default size
            fcntl.fcntl(pipe, setting, _PIPE_SIZE)


def _work_and_send(task: Callable[[C], list[T]], chunks: Sequence[C], tokens: int, results: int) -> None:
    status = 1
    try:
        while token := os.read(tokens, _TOKEN.size):
            (index,) = _TOKEN.unpack(token)
            data = pickle.dumps(task(chunks[index]), pickle.HIGHEST_PROTOCOL)
            view = memoryview(_FRAME.pack(index, len(data)) + data)
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


class _Copy:
    """A forked copy, and the chunks' results it has sent that are not whole yet."""

    def __init__(self, pid: int, results: int) -> None:
        self.pid = pid
        self.results = results
        self._pending = bytearray()

    def receive(self, done: dict[int, list[T]]) -> None:
        """Add the chunks whose results have come whole to ``done``.

        Reads until nothing more has come (the pipe set non-blocking) or until the copy has
        gone. Results cut short (a copy that died while sending) never count.
        """
        while True:
            try:
                part = os.read(self.results, _PIPE_SIZE)
            except BlockingIOError:
                return
            if not part:
                return
            self._pending += part
            self._take(done)

    def _take(self, done: dict[int, list[T]]) -> None:
        pending = self._pending
        start = 0
        while len(pending) - start >= _FRAME.size:
            index, size = _FRAME.unpack_from(pending, start)
            end = start + _FRAME.size + size
            if len(pending) < end:
                break
            with contextlib.suppress(Exception):  # not what a copy sends: the chunk is done again here
                done[index] = pickle.loads(pending[start + _FRAME.size : end])
            start = end
        del pending[:start]
