"""v0.2 configuration read at run time: the two small functions a migrated file gets for it.

A migrated program that read its model from ``OAI_CONFIG_LIST``, or whose configuration is only
known when it runs (an ``llm_config`` made by a function, a config list passed in, kept on
``self``), keeps doing so: the codemod writes ``LOADER`` (v0.2's ``config_list_from_json``) and
``CLIENT`` (the client of the first entry of a config list, with the ``llm_config``'s other
options) once into the file, after its imports, and calls them where v0.2 did. The standard
library modules they use are imported in their bodies, so that they can stand above the file's
own imports (a notebook importing ``json`` in a later cell) and never rebind its names.
"""

from __future__ import annotations

import re

LOAD = "load_config_list"
MAKE = "model_client_from_config"
CLIENT_IMPORTS = (
    ("autogen_core.models", "ModelInfo"),
    ("autogen_ext.models.openai", "AzureOpenAIChatCompletionClient"),
    ("autogen_ext.models.openai", "OpenAIChatCompletionClient"),
)
LOADER = f'''def {LOAD}(env_or_file: str, file_location: str = "", filter_dict: dict | None = None) -> list:
    """An AutoGen v0.2 config list, found and filtered as v0.2's `config_list_from_json` did.

    The JSON is in the environment variable `env_or_file`, or in the file it names, or else in
    the file `env_or_file` (in `file_location`); `filter_dict` keeps the entries whose value for
    each key is one of those given (or shares one with them).
    """
    import json
    import os

    text = os.environ.get(env_or_file)
    if not text or os.path.exists(text):
        with open(text or os.path.join(file_location or "", env_or_file)) as file:
            text = file.read()
    return [
        entry
        for entry in json.loads(text)
        if all(
            entry.get(key) is not None
            and (set(entry[key]) & set(values) if isinstance(entry[key], list) else entry[key] in values)
            for key, values in (filter_dict or {{}}).items()
        )
    ]
'''
CLIENT = f'''def {MAKE}(
    config_list: list | None = None, **llm_config: object
) -> OpenAIChatCompletionClient | AzureOpenAIChatCompletionClient:
    """The model client of an AutoGen v0.2 configuration: the first config list entry, the other options.

    As in v0.2, the entry's settings win over the `llm_config`'s. `cache_seed` and `tags` do
    nothing in v0.4; other keys without a v0.4 client option are dropped with a warning.
    """
    import warnings

    if config_list is not None and not config_list:
        raise ValueError("the config list is empty: no entry matched its filter")
    entry = {{**llm_config, **(config_list or [{{}}])[0]}}
    names = {{"api_base": "base_url", "request_timeout": "timeout"}}
    kept = ("model", "api_key", "base_url", "timeout", "max_retries", "temperature", "top_p", "max_tokens", "seed")
    kept += ("frequency_penalty", "presence_penalty", "stop", "organization", "default_headers", "user")
    kept += ("response_format", "logit_bias")
    settings = {{names.get(key, key): value for key, value in entry.items() if names.get(key, key) in kept}}
    dropped = set(entry) - set(names) - set(kept) - {{"api_type", "api_version", "cache_seed", "tags"}}
    if dropped:
        warnings.warn(f"AutoGen v0.2 options without a v0.4 client option were dropped: {{sorted(dropped)}}")
    api_type = entry.get("api_type") or "openai"
    providers = ("anthropic", "google", "mistral", "together", "groq", "cohere", "ollama", "bedrock", "cerebras")
    make = OpenAIChatCompletionClient
    if api_type.startswith("azure"):
        settings.update(
            azure_deployment=settings["model"].replace(".", ""),
            azure_endpoint=settings.pop("base_url"),
            api_version=entry["api_version"],
        )
        make = AzureOpenAIChatCompletionClient
    elif api_type.startswith(providers):  # v0.2 sent every other api_type to its OpenAI client
        raise ValueError(f"api_type {{api_type!r}}: choose its AutoGen v0.4 client by hand")
    try:
        return make(**settings)
    except ValueError:  # a model the client does not know; v0.2 did not ask what it supports
        info = ModelInfo(
            vision=False, function_calling=True, json_output=False, family="unknown", structured_output=False
        )
        return make(**settings, model_info=info)
'''
"""The helpers, as they are written into a migrated file (at the top level, after the imports)."""

_IMPORT = re.compile(r"    (?:from (\S+) )?import (.+)\n")


def without_imported(helper: str, imported: set[tuple[str, str]]) -> str:
    """``helper`` without the imports of its body that the file makes above it.

    ``imported``: ``("os", "")`` for ``import os``, ``("dotenv", "load_dotenv")`` for ``from dotenv
    import load_dotenv`` (imports without ``as``). A helper importing again a module the file
    imported and never used would redefine an unused name (pyflakes F811).
    """
    kept: list[str] = []
    dropped = False  # the lines just before were imports, all dropped
    for line in helper.splitlines(keepends=True):
        match = _IMPORT.fullmatch(line)
        if match is None:
            if not (dropped and line == "\n" and kept[-1] in ('    """\n', "\n")):
                kept.append(line)
            dropped = False
            continue
        module, names = match.groups()
        left = [name for name in names.split(", ") if (module or names, name if module else "") not in imported]
        if left:
            kept.append(line if module is None else f"    from {module} import {', '.join(left)}\n")
        dropped = not left and (dropped or kept[-1] in ('    """\n', "\n"))
    return "".join(kept)
