"""Turning bytes or text into a tree, the way Python itself reads source files."""

from __future__ import annotations

import ast
import codecs
import re
import tokenize
import warnings
from io import BytesIO
from typing import TYPE_CHECKING, NamedTuple

from autogen_lint.spellings import AnyOf

if TYPE_CHECKING:
    from autogen_lint.literals import Literals

_NEWLINE = re.compile(r"\r\n|\r|\n")
TRIGGER = "autogen"
"""Every AutoGen rule needs an import of ``autogen`` or an ``autogen_*`` package."""
MAF_TRIGGER = "agent_framework"
"""The AGL9xx rules need an import of ``agent_framework``."""
TRIGGER_BYTES, MAF_TRIGGER_BYTES = TRIGGER.encode(), MAF_TRIGGER.encode()


def mentions_a_package(text: str) -> bool:
    """The cheapest test: the text names AutoGen or Agent Framework at all."""
    return TRIGGER in text or MAF_TRIGGER in text


# A source is parsed only when a rule could fire in it: it imports the v0.2 package, or it
# mentions an ``autogen_*`` package together with what some rule keys on. Tests compare
# prefiltered and unfiltered results on the fixtures; the speed benchmark does on real code.
# Substring tests come first; every regex starts with a literal, so it scans fast.
_V02_IMPORTS = (
    re.compile(r"from\s+autogen\b(?!_)"),
    re.compile(r"import\s+(?:[\w.]+(?:\s+as\s+\w+)?\s*,\s*)*autogen\b(?!_)"),
)
_V02_NAME = re.compile(r"autogen(?!\w)")
"""What each of ``_V02_IMPORTS`` ends in: one scan turns down a module that only names ``autogen_*``."""
# v0.2 keywords, keys and methods that AGL2xx-AGL5xx report in any AutoGen module
_KEYWORDS = (
    "llm_config", "config_list", "cache_seed", "initiate_chat", "register_function", "register_for_",
    "register_reply", "register_nested_chats", "human_input_mode", "max_consecutive_auto_reply",
    "code_execution_config", "is_termination_msg", "default_auto_reply", "function_map", "chat_messages",
    "add_to_agent",
)  # fmt: skip
_KEYWORD_SPELLED = AnyOf(_KEYWORDS, "_")  # each keyword has an underscore
# AGL7xx: a model client (a *ChatCompletionClient or ChatCompletionCache) called, aliased or
# loaded; not a bare annotation, not a class statement, and not the Replay test double or Base*
# classes AGL7xx ignore.
TOKEN_GAP = r"(?:\s|\\|#[^\n]*)*"
"""What may stand between two tokens of code: whitespace, line continuations, comments."""
_CLIENT_NAME = re.compile(r"ChatCompletionC(?:lient|ache)\b")
_LOADED = re.compile(rf"{TOKEN_GAP}\.{TOKEN_GAP}load_component\b")
_IDENTIFIER_TAIL = re.compile(r"\w*$")
_NOT_OWNING_PREFIXES = ("Replay", "Base")
# AGL703 on agents and teams: imported from an agents/teams module, or a parameter annotated with
# their interfaces or the model clients', and a coroutine method called: not at once under
# ``await``, on a receiver that may hold what a constructor built or an annotation names
# (two searches, each led by a literal, scan faster than one with alternatives)
_AGENTS_IMPORTS = (
    re.compile(r"autogen_(?:agentchat|ext)\.(?:agents|teams)\b"),
    re.compile(r"import[ \t][^\n]*\b(?:agents|teams)\b"),
)
_INTERFACES = ("ChatAgent", "Team", "ChatCompletionClient")
COROUTINE_METHODS = ("run", "on_messages", "save_state", "load_state", "reset", "close", "create")
_COROUTINE_METHOD = re.compile(rf"\.{TOKEN_GAP}({'|'.join(COROUTINE_METHODS)})\b")
# The agent classes whose ``name`` must be an identifier (AGL707): a call resolves to one only
# where the module spells its name.
NAMED_AGENTS = (
    "AssistantAgent", "CodeExecutorAgent", "SocietyOfMindAgent", "UserProxyAgent", "MessageFilterAgent",
    "FileSurfer", "MagenticOneCoderAgent", "OpenAIAgent", "OpenAIAssistantAgent", "MultimodalWebSurfer",
)  # fmt: skip
# The Docker executors that must be started and stopped (AGL709)
DOCKER_EXECUTORS = ("DockerCommandLineCodeExecutor", "DockerJupyterCodeExecutor")
# The teams that need a way to stop (AGL705) and the async generators that must not be awaited
# (AGL706), by the names their rules resolve; ``Console``, a coroutine until awaited (AGL703)
UNBOUNDED_TEAMS = ("RoundRobinGroupChat", "SelectorGroupChat", "Swarm")
STREAM_METHODS = ("run_stream", "on_messages_stream")
# AGL703 and AGL705-AGL710: the console, teams, agent names, Docker executors and termination
# texts called or aliased; the streams called as methods
CONSOLE, CONSOLE_MODULE = "Console", "ui"
_CALLED_CLASSES = (CONSOLE, *UNBOUNDED_TEAMS, *NAMED_AGENTS, *DOCKER_EXECUTORS, "TextMentionTermination")
_V04_NAMES = (*_CALLED_CLASSES, *STREAM_METHODS)
# Capitals and the underscore are rarer in code than small letters: these five cover every name
_V04_NAME_SPELLED = AnyOf(_V04_NAMES, "ACST_")
_INTERFACE_SPELLED = AnyOf(_INTERFACES, "CT")
NOTEBOOK_ONLY = "asyncio"
"""AGL711 (``asyncio.run`` at the top level of a cell) fires in notebooks only."""
_ASYNCIO_USE = re.compile(r"asyncio(?<!\wasyncio)\b")  # led by the word itself: the search skips to it
_PLAIN_IMPORT = re.compile(r"(?:^|;)[ \t]*import[ \t]+$", re.MULTILINE)
_ATTRIBUTE = re.compile(rf"\.{TOKEN_GAP}(\w+)")
_IMPORT_END = re.compile(r"[ \t]*(?:[;\n#]|$)")


def imports_v02(text: str) -> bool:
    """The text has an ``import`` or ``from`` of the ``autogen`` package itself (not of ``autogen_*``).

    As the prefilter reads it: an import split by a backslash continuation is not seen.
    """
    return _V02_NAME.search(text) is not None and any(pattern.search(text) for pattern in _V02_IMPORTS)


def _asyncio_run(text: str) -> bool:
    """Whether ``asyncio.run`` (AGL711) may be reached through some use of ``asyncio``.

    Each use but a plain ``import asyncio`` and ``asyncio.<another name>`` may: ``asyncio.run``,
    ``from asyncio import ...``, ``import asyncio as a``, ``a = asyncio``.
    """
    for use in _ASYNCIO_USE.finditer(text):
        attribute = _ATTRIBUTE.match(text, use.end())
        if attribute is not None:
            if attribute.group(1) == "run":
                return True
            continue
        line_start = text.rfind("\n", 0, use.start()) + 1
        if _PLAIN_IMPORT.search(text, line_start, use.start()) and _IMPORT_END.match(text, use.end()):
            continue
        return True
    return False


def _client_built(text: str, literals: Literals) -> bool:
    from autogen_lint import spelled

    for match in _CLIENT_NAME.finditer(text):
        before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        prefix = _IDENTIFIER_TAIL.search(before)
        name_start = match.start() - len(prefix.group()) if prefix else match.start()
        if text.startswith(_NOT_OWNING_PREFIXES, name_start):
            continue
        used = _LOADED.match(text, match.end()) or spelled.called_or_aliased(text, name_start, match.end())
        if used and not literals.in_literal(name_start):
            return True
    return False


def _mistake_possible(text: str, literals: Literals) -> bool:
    """A team, agent, executor or termination built or aliased, the console not awaited, a stream method called."""
    from autogen_lint import spelled

    for name in _CALLED_CLASSES:
        position = text.find(name)
        if position >= 0 and name == CONSOLE and not spelled.word_in(text, CONSOLE_MODULE):
            continue  # ``autogen_agentchat.ui.Console`` is spelled with its module's name
        while position >= 0:
            end = position + len(name)
            if (
                spelled.whole_word(text, position, end)
                and spelled.called_or_aliased(text, position, end)
                and (name != CONSOLE or not spelled.awaited_at_once(text, end))
                and not literals.in_literal(position)
            ):
                return True
            position = text.find(name, end)
    for method in STREAM_METHODS:
        position = text.find(method)
        while position >= 0:
            end = position + len(method)
            if spelled.awaited_method_call(text, position, end) and not literals.in_literal(position):
                return True
            position = text.find(method, end)
    return False


def _coroutine_left_unawaited(text: str, literals: Literals) -> bool:
    from autogen_lint import spelled

    bound: dict[str, bool] = {}
    for match in _COROUTINE_METHOD.finditer(text):
        dot, (start, end) = match.start(), match.span(1)
        if not spelled.method_called(text, start, end) or spelled.awaited_at_once(text, end):
            continue
        if spelled.receiver_may_hold_a_value(text, dot, bound) and not literals.in_literal(start):
            return True
    return False


def _agents_imported(text: str) -> bool:
    return ("agents" in text or "teams" in text) and any(pattern.search(text) for pattern in _AGENTS_IMPORTS)


def _text_might_match(text: str, every_v04_module: bool = False, notebook: bool = False) -> bool:
    if MAF_TRIGGER in text:
        return True  # AGL9xx: any module that imports Agent Framework
    if TRIGGER not in text:
        return False
    if imports_v02(text):
        return True
    if "autogen_" not in text:
        return False
    if every_v04_module:
        return True  # AGL8xx: every v0.4 import, under the Agent Framework target
    if _KEYWORD_SPELLED(text) or (notebook and NOTEBOOK_ONLY in text and _asyncio_run(text)):
        return True
    from autogen_lint.literals import Literals  # loaded for a module that imports an ``autogen_*`` package

    literals = Literals(text)  # read only where a name is found used as a rule needs it
    if "ChatCompletionC" in text and _client_built(text, literals):
        return True
    if _V04_NAME_SPELLED(text) and _mistake_possible(text, literals):
        return True
    return bool((_agents_imported(text) or _INTERFACE_SPELLED(text)) and _coroutine_left_unawaited(text, literals))


class SourceError(NamedTuple):
    """Why a source could not be decoded or parsed, and where (1-based line, 0-based column)."""

    reason: str
    line: int = 1
    col: int = 0


class ParsedSource(NamedTuple):
    """A parsed module and its source lines."""

    tree: ast.Module
    lines: list[str]


def split_lines(text: str) -> list[str]:
    """Lines as Python numbers them: only LF, CRLF and CR end a line (not form feeds)."""
    return _NEWLINE.split(text) if "\r" in text else text.split("\n")


def might_match(source: str | bytes, *, every_v04_module: bool = False, notebook: bool = False) -> bool:
    """Tell cheaply whether any rule could fire on this source at all.

    ``every_v04_module``: the project's target is Agent Framework, where AGL801 reports any
    AutoGen v0.4 import. ``notebook``: the source is a notebook's code cells joined together.
    """
    if isinstance(source, bytes):
        if TRIGGER_BYTES not in source and MAF_TRIGGER_BYTES not in source:
            return False
        try:
            source = decode(source)
        except SourceDecodeError:
            return True  # let parsing report it
    return _text_might_match(source, every_v04_module, notebook)


def nothing_to_find(source: bytes) -> bool:
    """Whether a file's bytes surely decode and hold nothing any rule looks for, told without decoding.

    Plain UTF-8 (no BOM, no PEP 263 cookie) spells an ASCII word exactly where its bytes do,
    so a file whose bytes spell neither trigger is one ``might_match`` turns down once decoded;
    it must still decode (an undecodable file is reported), which ASCII always does.
    """
    if TRIGGER_BYTES in source or MAF_TRIGGER_BYTES in source or source.startswith(codecs.BOM_UTF8):
        return False
    if b"coding" in _first_two_lines(source):
        return False
    if source.isascii():
        return True
    try:
        source.decode("utf-8")
    except UnicodeDecodeError:
        return False  # reported by ``decode``
    return True


def decode(source: bytes) -> str:
    """Decode like the interpreter: BOM, PEP 263 cookie, else UTF-8; universal newlines.

    Raises ``SourceDecodeError`` with a readable reason.
    """
    if not source.startswith(codecs.BOM_UTF8) and b"coding" not in _first_two_lines(source):
        try:  # the common case, without tokenize's encoding detection
            return _universal_newlines(source.decode("utf-8"))
        except UnicodeDecodeError:
            pass  # let the full detection below report it the way Python does
    return _universal_newlines(decode_exactly(source).text)


class DecodedSource(NamedTuple):
    """A file's text with its own line endings, and how to turn it back into the same bytes."""

    text: str
    encoding: str
    bom: bool

    def encode(self, text: str) -> bytes:
        """``text`` in this file's encoding, with its BOM if it had one (``UnicodeEncodeError``)."""
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


def decode_exactly(source: bytes) -> DecodedSource:
    """Decode like ``decode``, keeping the line endings; the BOM is taken off and remembered."""
    try:
        encoding, _ = tokenize.detect_encoding(BytesIO(source).readline)
    except SyntaxError as error:
        reason = f"SyntaxError: {error.msg}"
        if "unknown encoding" not in error.msg:  # undecodable bytes in the first two lines
            reason = f"cannot decode as utf-8 and no PEP 263 encoding is declared ({error.msg})"
        raise SourceDecodeError(SourceError(reason, error.lineno or 1, 0)) from None
    bom = encoding == "utf-8-sig"
    try:
        text = source.decode(encoding)
    except UnicodeDecodeError as error:
        line = source.count(b"\n", 0, getattr(error, "start", 0)) + 1
        raise SourceDecodeError(SourceError(f"cannot decode as {encoding}: {error}", line, 0)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
        bom = True
    return DecodedSource(text, "utf-8" if bom else encoding, bom)


def _first_two_lines(source: bytes) -> bytes:
    end = source.find(b"\n")
    if end >= 0:
        second = source.find(b"\n", end + 1)
        end = second if second >= 0 else len(source)
    return source[:end] if end >= 0 else source


def newline_of(text: str) -> str:
    """The line ending a text uses (its first); LF when it has none."""
    match = _NEWLINE.search(text)
    return match.group() if match else "\n"


def universal_newlines(text: str) -> str:
    """The text with every CRLF and CR turned into LF, as the engine reads it."""
    return _universal_newlines(text)


def _universal_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


class SourceDecodeError(Exception):
    def __init__(self, error: SourceError) -> None:
        super().__init__(error.reason)
        self.error = error


def parse(source: str | bytes, filename: str = "<unknown>") -> ParsedSource | SourceError:
    """Decode (for bytes) and parse a module, or say why it cannot be done. Never raises."""
    try:
        text = decode(source) if isinstance(source, bytes) else source
    except SourceDecodeError as error:
        return error.error
    tree = parse_module(text, filename)
    if isinstance(tree, SourceError):
        return tree
    return ParsedSource(tree, split_lines(text))


def parse_module(text: str, filename: str = "<unknown>") -> ast.Module | SourceError:
    """``ast.parse`` that returns the reason instead of raising, whatever the input."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text, filename=filename)
    except SyntaxError as error:
        line = error.lineno or 1
        col = max((error.offset or 1) - 1, 0)
        return SourceError(f"{type(error).__name__}: {error.msg}", line, col)
    except (ValueError, TypeError) as error:  # null bytes
        return SourceError(f"SyntaxError: {error}", 1, 0)
    except RecursionError:
        return SourceError("too deeply nested to parse", 1, 0)
    except MemoryError:
        return SourceError("too deeply nested to parse (out of memory)", 1, 0)
