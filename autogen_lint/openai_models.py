"""The model names autogen-ext 0.7.5's OpenAI clients know without ``model_info`` (AGL708).

The keys of ``autogen_ext.models.openai._model_info``'s ``_MODEL_INFO`` and ``_MODEL_POINTERS``;
``tox -e catalog-v04`` proves the list equal to the installed table.
"""

from __future__ import annotations

import re

KNOWN_MODELS = frozenset(
    {
        "Llama-3.3-70B-Instruct",
        "Llama-3.3-8B-Instruct",
        "Llama-4-Maverick-17B-128E-Instruct-FP8",
        "Llama-4-Scout-17B-16E-Instruct-FP8",
        "claude-3-5-haiku",
        "claude-3-5-haiku-20241022",
        "claude-3-5-sonnet",
        "claude-3-5-sonnet-20241022",
        "claude-3-7-sonnet",
        "claude-3-7-sonnet-20250219",
        "claude-3-haiku",
        "claude-3-haiku-20240307",
        "claude-3-opus",
        "claude-3-opus-20240229",
        "claude-3-sonnet",
        "claude-3-sonnet-20240229",
        "claude-4-opus",
        "claude-4-sonnet",
        "claude-opus-4-20250514",
        "claude-sonnet-4-20250514",
        "gemini-1.5-flash",
        "gemini-1.5-flash-8b",
        "gemini-1.5-pro",
        "gemini-2.0-flash",
        "gemini-2.0-flash-lite-preview-02-05",
        "gemini-2.5-flash",
        "gemini-2.5-pro-preview-03-25",
        "gpt-3.5-turbo",
        "gpt-3.5-turbo-0125",
        "gpt-3.5-turbo-0613",
        "gpt-3.5-turbo-1106",
        "gpt-3.5-turbo-16k",
        "gpt-3.5-turbo-16k-0613",
        "gpt-3.5-turbo-instruct",
        "gpt-4",
        "gpt-4-0125-preview",
        "gpt-4-0613",
        "gpt-4-1106-preview",
        "gpt-4-1106-vision-preview",
        "gpt-4-32k",
        "gpt-4-32k-0613",
        "gpt-4-turbo",
        "gpt-4-turbo-2024-04-09",
        "gpt-4-turbo-preview",
        "gpt-4.1",
        "gpt-4.1-2025-04-14",
        "gpt-4.1-mini",
        "gpt-4.1-mini-2025-04-14",
        "gpt-4.1-nano",
        "gpt-4.1-nano-2025-04-14",
        "gpt-4.5-preview",
        "gpt-4.5-preview-2025-02-27",
        "gpt-4o",
        "gpt-4o-2024-05-13",
        "gpt-4o-2024-08-06",
        "gpt-4o-2024-11-20",
        "gpt-4o-mini",
        "gpt-4o-mini-2024-07-18",
        "gpt-4o-mini-search-preview-2025-03-11",
        "gpt-4o-search-preview-2025-03-11",
        "gpt-5",
        "gpt-5-2025-08-07",
        "gpt-5-mini",
        "gpt-5-mini-2025-08-07",
        "gpt-5-nano",
        "gpt-5-nano-2025-08-07",
        "llama-3.3-70b",
        "llama-3.3-8b",
        "llama-4-maverick",
        "llama-4-scout",
        "o1",
        "o1-2024-12-17",
        "o1-mini",
        "o1-mini-2024-09-12",
        "o1-preview",
        "o1-preview-2024-09-12",
        "o3",
        "o3-2025-04-16",
        "o3-mini",
        "o3-mini-2025-01-31",
        "o4-mini",
        "o4-mini-2025-04-16",
    }
)
# Families later versions keep adding to the table: never reported, whatever the version installed.
NEWER_FAMILIES = re.compile(r"gpt-|chatgpt-|o[0-9]")


def needs_model_info(model: str) -> bool:
    """``model`` is unknown to the 0.7.5 table and not of a family newer versions add."""
    return model not in KNOWN_MODELS and NEWER_FAMILIES.match(model) is None
