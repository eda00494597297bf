"""Standard input read eagerly, so that a burst of changes is handled before any check runs.

pygls' own stdio reader hands every ``readline`` to a thread and yields to the event loop
between messages, which lets a pending check run after each keystroke of a burst. Here a thread
pours stdin into an ``asyncio.StreamReader``; messages already received are read without
yielding, so the checks they schedule are coalesced and only the latest version is checked.
"""

from __future__ import annotations

import asyncio
import os
import threading
from typing import BinaryIO

CHUNK = 1 << 16


class EagerReader:
    """pygls' asynchronous reader interface (``readline``, ``readexactly``) over a pipe."""

    def __init__(self, stream: BinaryIO, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._buffer = asyncio.StreamReader()
        self._fd = stream.fileno()
        self.changes = 0
        """Change notifications received so far (counted as they arrive, before they are read)."""
        threading.Thread(target=self._pump, name="autogen-lint-stdin", daemon=True).start()

    def _pump(self) -> None:
        while True:
            try:
                chunk = os.read(self._fd, CHUNK)
            except OSError:
                chunk = b""
            self.changes += chunk.count(b"/didChange")  # a newer version: a check under way is moot
            try:
                if chunk:
                    self._loop.call_soon_threadsafe(self._buffer.feed_data, chunk)
                else:
                    self._loop.call_soon_threadsafe(self._buffer.feed_eof)
            except RuntimeError:  # the loop is closed: the server has exited
                return
            if not chunk:
                return

    async def readline(self) -> bytes:
        return await self._buffer.readline()

    async def readexactly(self, n: int) -> bytes:
        try:
            return await self._buffer.readexactly(n)
        except asyncio.IncompleteReadError as error:  # the client went away mid-message
            return error.partial
