"""``config_list_from_json(...)``: the v0.2 config list read at run time, as v0.2 read it.

A migrated program that read its model from ``OAI_CONFIG_LIST`` keeps doing so: the codemod
writes ``HELPER`` once into the file and builds the client with it, so the program runs
wherever the v0.2 program ran (the same file or environment variable, the same filter, the
same first entry, its key and endpoint).
"""

from __future__ import annotations

NAME = "model_client_from_config_list"
IMPORTS = (
    ("json", ""),
    ("os", ""),
    ("autogen_core.models", "ModelInfo"),
    ("autogen_ext.models.openai", "AzureOpenAIChatCompletionClient"),
    ("autogen_ext.models.openai", "OpenAIChatCompletionClient"),
)
HELPER = f'''def {NAME}(
    env_or_file: str, file_location: str = "", filter_dict: dict[str, list[str]] | None = None, **options: object
) -> OpenAIChatCompletionClient | AzureOpenAIChatCompletionClient:
    """The model client of the first entry of an AutoGen v0.2 config list, found as v0.2 found it.

    The list is the JSON in the environment variable `env_or_file`, or in the file it names, or
    else in the file `env_or_file` (in `file_location`); `filter_dict` keeps the entries whose
    value for each key is one of those given. `options` (temperature, ...) go to the client.
    """
    text = os.environ.get(env_or_file)
    if not text or os.path.exists(text):
        with open(text or os.path.join(file_location, env_or_file)) as file:
            text = file.read()
    entries = [
        entry
        for entry in json.loads(text)
        if all(
            entry.get(key) is not None
            and (set(entry[key]) & set(values) if isinstance(entry[key], list) else entry[key] in values)
            for key, values in (filter_dict or {{}}).items()
        )
    ]
    if not entries:
        raise ValueError(f"no entry of {{env_or_file}} matches {{filter_dict}}")
    entry = entries[0]
    settings = {{key: entry[key] for key in ("api_key", "base_url", "timeout", "max_retries") if key in entry}}
    settings.update(options, model=entry["model"])
    api_type = entry.get("api_type", "openai")
    if api_type.startswith("azure"):
        settings.update(
            azure_deployment=entry["model"].replace(".", ""),
            azure_endpoint=settings.pop("base_url"),
            api_version=entry["api_version"],
        )
        make = AzureOpenAIChatCompletionClient
    elif api_type == "openai":
        make = OpenAIChatCompletionClient
    else:
        raise ValueError(f"api_type {{api_type!r}} has no OpenAI client: choose its AutoGen v0.4 client by hand")
    try:
        return make(**settings)
    except ValueError:  # a model the client does not know; v0.2 did not ask what it supports
        info = ModelInfo(
            vision=False, function_calling=True, json_output=False, family="unknown", structured_output=False
        )
        return make(**settings, model_info=info)
'''
"""The helper, as it is written into a migrated file (at the top level, after the imports)."""
