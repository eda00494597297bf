"""v0.2's ``runtime_logging.start()``/``stop()``: v0.4's event loggers written where v0.2 logged.

v0.2 logged a session's model calls and agent events into a SQLite database (``logs.db``, or
``config["dbname"]``), or as JSON lines into ``autogen_logs/<config["filename"]>`` with
``logger_type="file"``; ``start`` returned the session id. v0.4 logs through Python's ``logging``:
the ``autogen_core.EVENT_LOGGER_NAME`` and ``autogen_agentchat.EVENT_LOGGER_NAME`` loggers. The
codemod writes ``START`` and ``STOP`` once into the file and calls them where v0.2 did, with
the same arguments: the same file gets the session's v0.4 events (in SQLite, the same two
tables ``chat_completions`` and ``events``, rows describing v0.4's events), and the session id
is a new UUID as before. A program that reads the database back (it imports ``sqlite3``)
expects v0.2's rows: its calls stay, with their TODO; so do all of them when one cannot be
replaced (a ``logger=`` of its own).
"""

from __future__ import annotations

import libcst as cst

from autogen_lint.migrate.imports import Imports, dotted, walk
from autogen_lint.migrate.literals import keywords

START = "start_runtime_log"
STOP = "stop_runtime_log"
IMPORTS = frozenset({("autogen_core", ""), ("autogen_agentchat", "")})
_NAME = "autogen runtime log"
START_HELPER = f'''def {START}(logger_type: str = "sqlite", config: dict | None = None) -> str:
    """AutoGen v0.2's `runtime_logging.start`: v0.4's events logged where v0.2 logged; the session id.

    Until `{STOP}()`, the events of the `autogen_core` and `autogen_agentchat` event loggers
    are written as v0.4 describes them: with `logger_type="sqlite"`, as rows of the SQLite database
    `config["dbname"]` ("logs.db"), model calls in its `chat_completions` table and the others in
    `events`; with "file", as lines of `autogen_logs/<config["filename"]>` ("runtime.log").
    """
    import json
    import logging
    import os
    import sqlite3
    import uuid

    {STOP}()  # as in v0.2, a new session replaces the one running
    config = config or {{}}
    session_id = str(uuid.uuid4())
    if logger_type == "file":
        os.makedirs("autogen_logs", exist_ok=True)
        handler = logging.FileHandler(os.path.join("autogen_logs", config.get("filename", "runtime.log")))
        handler.stream.write(f"Started new session with Session ID: {{session_id}}\\n")
    elif logger_type == "sqlite":
        database = sqlite3.connect(config.get("dbname", "logs.db"), check_same_thread=False)
        database.executescript(
            """CREATE TABLE IF NOT EXISTS chat_completions(id INTEGER PRIMARY KEY, invocation_id TEXT,
                client_id INTEGER, wrapper_id INTEGER, session_id TEXT, source_name TEXT, request TEXT,
                response TEXT, is_cached INEGER, cost REAL, start_time DATETIME DEFAULT CURRENT_TIMESTAMP,
                end_time DATETIME DEFAULT CURRENT_TIMESTAMP);
            CREATE TABLE IF NOT EXISTS events(event_name TEXT, source_id INTEGER, source_name TEXT,
                agent_module TEXT DEFAULT NULL, agent_class_name TEXT DEFAULT NULL, id INTEGER PRIMARY KEY,
                json_state TEXT, timestamp DATETIME DEFAULT CURRENT_TIMESTAMP);"""
        )

        class SqliteHandler(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                event = getattr(record.msg, "kwargs", None)
                if type(record.msg).__name__ == "LLMCallEvent" and isinstance(event, dict):
                    database.execute(
                        "INSERT INTO chat_completions (session_id, source_name, request, response, is_cached)"
                        " VALUES (?, ?, ?, ?, 0)",
                        (
                            session_id,
                            str(event.get("agent_id")),
                            json.dumps({{"messages": event.get("messages")}}, default=str),
                            json.dumps(event.get("response"), default=str),
                        ),
                    )
                else:
                    database.execute(
                        "INSERT INTO events (event_name, source_name, json_state) VALUES (?, ?, ?)",
                        (type(record.msg).__name__, record.name, record.getMessage()),
                    )
                database.commit()

            def close(self) -> None:
                database.close()
                super().close()

        handler = SqliteHandler()
    else:
        raise ValueError(f"[logger_factory] Unknown logger type: {{logger_type}}")
    handler.set_name("{_NAME}")
    handler.saved = {{}}
    for name in (autogen_core.EVENT_LOGGER_NAME, autogen_agentchat.EVENT_LOGGER_NAME):
        logger = logging.getLogger(name)
        handler.saved[name] = (logger.level, logger.propagate)
        logger.setLevel(logging.DEBUG)
        logger.propagate = False  # the events go to the log, not to the program's own handlers
        logger.addHandler(handler)
    return session_id
'''
STOP_HELPER = f'''def {STOP}() -> None:
    """AutoGen v0.2's `runtime_logging.stop`: the log `{START}` opened is closed."""
    import logging

    for name in (autogen_core.EVENT_LOGGER_NAME, autogen_agentchat.EVENT_LOGGER_NAME):
        logger = logging.getLogger(name)
        for handler in [h for h in logger.handlers if h.get_name() == "{_NAME}"]:
            logger.removeHandler(handler)
            handler.close()
            logger.level, logger.propagate = handler.saved[name]
'''
MODULE = "autogen.runtime_logging"
CALLS = {f"{MODULE}.start": START, f"{MODULE}.stop": STOP}


def keeps_runtime_log(module: cst.Module, imports: Imports) -> bool:
    """Whether the file's ``runtime_logging`` calls all stay v0.2 (with their TODO).

    They do when the program reads the log database back (it imports ``sqlite3``; v0.4 writes
    other rows), or when one of them cannot be replaced (a logger of its own, another function
    of ``runtime_logging``, the module passed around): a session must start and stop the same way.
    """
    for node in walk(module):
        if isinstance(node, cst.Import) and any((dotted(a) or "").partition(".")[0] == "sqlite3" for a in node.names):
            return True
        if isinstance(node, cst.ImportFrom) and node.module is not None and dotted(node.module) == "sqlite3":
            return True
    uses = _Uses(imports)
    module.visit(uses)
    return uses.kept


class _Uses(cst.CSTVisitor):
    """Finds a use of ``runtime_logging`` that no helper replaces."""

    def __init__(self, imports: Imports) -> None:
        super().__init__()
        self.imports = imports
        self.kept = False

    def _logging(self, node: cst.BaseExpression) -> bool:
        return (self.imports.qualified(node) or "").startswith(f"{MODULE}.")

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Call(self, node: cst.Call) -> bool:
        if not self._logging(node.func):
            return True
        self.kept = self.kept or runtime_log_call(node, self.imports) is None
        for arg in node.args:
            arg.value.visit(self)
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        if self._logging(node):
            self.kept = True
            return False
        node.value.visit(self)
        return False  # its ``attr`` is no name of the module

    def visit_Name(self, node: cst.Name) -> None:
        self.kept = self.kept or self._logging(node)


def runtime_log_call(call: cst.Call, imports: Imports) -> str | None:
    """The helper that replaces ``call`` (v0.2 ``runtime_logging.start``/``stop``), else ``None``.

    ``None`` too when ``call`` passes a logger of its own or gives arguments by position or unpacked.
    """
    helper = CALLS.get(imports.qualified(call.func) or "")
    if helper is None:
        return None
    if any(arg.keyword is None or arg.star for arg in call.args):
        return None
    allowed = {"logger_type", "config"} if helper == START else set()
    return helper if set(keywords(call, helper)) <= allowed else None
