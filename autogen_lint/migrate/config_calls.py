"""v0.2 helpers that build a config list, rewritten where they stand into plain Python.

``config_list_from_json(...)``, ``config_list_from_dotenv(...)``, ``get_config_list(...)``,
``config_list_openai_aoai(...)`` and ``config_list_from_models(...)`` return a list of dicts; the
migrated file gets a small function that builds the same list the same way, so the statement
keeps its value (a module of configurations others import, a method that returns the list)
without AutoGen v0.2. Where an agent's configuration reads the list, the model client is made
from it (``config_list.CLIENT``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from autogen_lint.migrate import config_list, runtime_log
from autogen_lint.migrate.imports import Imports

DOTENV = "load_config_list_from_dotenv"
DOTENV_HELPER = f'''def {DOTENV}(
    dotenv_file_path: str | None = None, model_api_key_map: dict | None = None, filter_dict: dict | None = None
) -> list:
    """An AutoGen v0.2 config list made from a `.env` file, as v0.2's `config_list_from_dotenv` made it.

    The file (or the `.env` found from here) is loaded into the environment; each model of
    `model_api_key_map` (always with "gpt-4" and "gpt-3.5-turbo", keyed by OPENAI_API_KEY) gets
    an entry when its key variable is set; `filter_dict` then keeps the entries as it did.
    """
    import os

    from dotenv import find_dotenv, load_dotenv

    if dotenv_file_path is None or os.path.exists(dotenv_file_path):
        load_dotenv(dotenv_file_path or find_dotenv())
    keys = dict(model_api_key_map or {{}})
    for model in ("gpt-4", "gpt-3.5-turbo"):
        keys.setdefault(model, "OPENAI_API_KEY")
    entries = []
    for model, setting in keys.items():
        setting = {{"api_key_env_var": setting}} if isinstance(setting, str) else dict(setting)
        api_key = os.getenv(setting.pop("api_key_env_var", "OPENAI_API_KEY"))
        if api_key and api_key.strip():
            entry = {{"api_key": api_key}}
            entry.update({{k: os.getenv(v, v) for k, v in setting.items() if v}})
            entries.append({{**entry, "model": model}})
    return [
        entry
        for entry in entries
        if all(entry.get(key) is not None and entry[key] in values for key, values in (filter_dict or {{}}).items())
    ]
'''
KEYS = "config_list_from_keys"
KEYS_HELPER = f'''def {KEYS}(
    api_keys: list, base_urls: list | None = None, api_type: str | None = None, api_version: str | None = None
) -> list:
    """An AutoGen v0.2 config list of one entry per API key, as v0.2's `get_config_list` made it."""
    if base_urls is not None and len(api_keys) != len(base_urls):
        raise ValueError("The length of api_keys must match the length of base_urls")
    settings = {{key: value for key, value in (("api_type", api_type), ("api_version", api_version)) if value}}
    return [
        {{"api_key": key, **({{"base_url": base_urls[i]}} if base_urls else {{}}), **settings}}
        for i, key in enumerate(api_keys)
        if key.strip()
    ]
'''
AOAI = "config_list_from_key_files"
AOAI_HELPER = f'''def {AOAI}(
    key_file_path: str | None = ".",
    openai_api_key_file: str | None = "key_openai.txt",
    aoai_api_key_file: str | None = "key_aoai.txt",
    openai_api_base_file: str | None = "base_openai.txt",
    aoai_api_base_file: str | None = "base_aoai.txt",
    exclude: str | None = None,
) -> list:
    """An AutoGen v0.2 config list for OpenAI and Azure OpenAI, as v0.2's `config_list_openai_aoai` made it.

    Each file found in `key_file_path` sets its environment variable (OPENAI_API_KEY,
    OPENAI_API_BASE, AZURE_OPENAI_API_KEY, AZURE_OPENAI_API_BASE); each line of a key variable
    gives an entry, with the endpoint on the same line of the base variable. `exclude` leaves
    out "openai" or "aoai".
    """
    import os

    files = {{
        "openai": (("OPENAI_API_KEY", openai_api_key_file), ("OPENAI_API_BASE", openai_api_base_file)),
        "aoai": (("AZURE_OPENAI_API_KEY", aoai_api_key_file), ("AZURE_OPENAI_API_BASE", aoai_api_base_file)),
    }}
    for kind, settings in files.items():
        for variable, name in settings:
            if exclude != kind and key_file_path is not None and name is not None:
                try:
                    with open(f"{{key_file_path}}/{{name}}") as file:
                        os.environ[variable] = file.read().strip()
                except FileNotFoundError:
                    pass
    entries = []
    for kind, prefix, extra in (
        ("openai", "OPENAI_API", {{}}),
        ("aoai", "AZURE_OPENAI_API", {{"api_type": "azure", "api_version": "2024-02-01"}}),
    ):
        if exclude == kind:
            continue
        keys = os.environ.get(f"{{prefix}}_KEY", "").split("\\n")
        bases = os.environ.get(f"{{prefix}}_BASE")
        urls = bases.split("\\n") if bases is not None else ([""] if kind == "aoai" else None)
        if urls is not None and len(urls) != len(keys):
            raise ValueError("The length of api_keys must match the length of base_urls")
        for i, key in enumerate(keys):
            if key.strip():
                entries.append({{"api_key": key, **({{"base_url": urls[i]}} if urls else {{}}), **extra}})
    return entries
'''
MODELS = "config_list_for_models"
MODELS_HELPER = f'''def {MODELS}(
    key_file_path: str | None = ".",
    openai_api_key_file: str | None = "key_openai.txt",
    aoai_api_key_file: str | None = "key_aoai.txt",
    aoai_api_base_file: str | None = "base_aoai.txt",
    exclude: str | None = None,
    model_list: list | None = None,
) -> list:
    """An AutoGen v0.2 config list, as v0.2's `config_list_from_models` made it.

    The entries `{AOAI}` finds, copied once per model of `model_list` with that
    model (as they are, without a model, when the list is empty or not given).
    """
    entries = {AOAI}(
        key_file_path=key_file_path,
        openai_api_key_file=openai_api_key_file,
        aoai_api_key_file=aoai_api_key_file,
        aoai_api_base_file=aoai_api_base_file,
        exclude=exclude,
    )
    if model_list:
        entries = [{{**entry, "model": model}} for model in model_list for entry in entries]
    return entries
'''
RUNTIME = frozenset(
    {"config_list_from_dotenv", "get_config_list", "config_list_openai_aoai", "config_list_from_models"}
)
"""v0.2 helpers whose list an agent's client reads through the variable they are assigned to."""


@dataclass(frozen=True, slots=True)
class Helper:
    """The function that replaces a v0.2 helper (it imports what it uses itself, but for ``imports``)."""

    name: str
    code: str
    needs: tuple[Helper, ...] = ()
    """Helpers it calls: they go into the file before it."""
    imports: frozenset[tuple[str, str]] = frozenset()
    """v0.4 modules it reads, imported at the top of the file."""


_KEY_FILES = Helper(AOAI, AOAI_HELPER)
HELPERS = {
    "config_list_from_json": Helper(config_list.LOAD, config_list.LOADER),
    "config_list_from_dotenv": Helper(DOTENV, DOTENV_HELPER),
    "get_config_list": Helper(KEYS, KEYS_HELPER),
    "config_list_openai_aoai": _KEY_FILES,
    "config_list_from_models": Helper(MODELS, MODELS_HELPER, (_KEY_FILES,)),
}


LOG_HELPERS = (
    Helper(runtime_log.STOP, runtime_log.STOP_HELPER, imports=runtime_log.IMPORTS),
    Helper(runtime_log.START, runtime_log.START_HELPER, imports=runtime_log.IMPORTS),
)
"""``runtime_logging.start``/``stop``'s replacements, written together (see ``runtime_log``)."""


def rewritten(
    node: cst.BaseStatement, imports: Imports, *, runtime_log_kept: bool = False
) -> tuple[cst.BaseStatement, Sequence[Helper]] | None:
    """``node`` with its v0.2 helper calls made calls of the new helpers; ``None`` when it has none.

    ``runtime_log_kept``: the program reads v0.2's log back, so ``runtime_logging`` calls stay.
    """
    replacer = _Replacer(imports, runtime_log_kept=runtime_log_kept)
    new = node.visit(replacer)
    if not replacer.used or not isinstance(new, cst.SimpleStatementLine | cst.BaseCompoundStatement):
        return None
    return new, replacer.used


class _Replacer(cst.CSTTransformer):
    def __init__(self, imports: Imports, *, runtime_log_kept: bool) -> None:
        super().__init__()
        self.imports = imports
        self.runtime_log_kept = runtime_log_kept
        self.used: list[Helper] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # a nested function is a scope of its own

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        logged = None if self.runtime_log_kept else runtime_log.runtime_log_call(original_node, self.imports)
        if logged is not None:
            self.used += [helper for helper in LOG_HELPERS if helper not in self.used]
            return updated_node.with_changes(func=cst.Name(logged))
        helper = HELPERS.get(self.imports.v02(original_node.func) or "")
        if helper is None or any(arg.star for arg in original_node.args):
            return updated_node
        for used in (*helper.needs, helper):
            if used not in self.used:
                self.used.append(used)
        return updated_node.with_changes(func=cst.Name(helper.name))
