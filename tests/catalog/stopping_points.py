"""Replayed model replies for v0.2 programs of ``tests/fixtures/migrate``, and where v0.2 stopped.

``tox -e migrate-v02`` plays each script to the v0.2 program and ``tox -e migrate-v04`` to the
program ``autogen-lint migrate`` writes from it: both must ask the model exactly ``calls`` times.
"""

from __future__ import annotations

CODE = "```python\nprint(6 * 7)\n```"
STOPS: dict[str, tuple[list[str], int]] = {
    # v0.2's default is_termination_msg: the content is exactly "TERMINATE".
    "default_terminate": (["Let me think.", "Still thinking.", "TERMINATE", "Too far."], 3),
    # "Done. TERMINATE" is not exactly "TERMINATE": max_consecutive_auto_reply=3 ends it.
    "auto_reply_limit": (["Done. TERMINATE"] * 6, 4),
    # max_round=4 counts the opening message; the silent user's turn is one of the rounds.
    "group_chat_max_round": (["A river runs.", "A river sings.", "A river sleeps."], 2),
    "group_chat_round_robin": (["Plan: a list and a button.", "Built it. TERMINATE", "More."], 2),
    "group_chat_options": (["A linter once said...", "DONE", "More."], 2),
    "oai_config_list": (["Red, yellow, blue.", "TERMINATE", "More."], 2),
    "two_agent_chat": ([CODE, "The answer is 42. TERMINATE", "More."], 2),
    "config_list_from_json": (["Yes, it will rain.", "More."], 1),
}
"""Program: (what the model says, in order; how many times v0.2 asked it)."""
OAI_CONFIG_LIST = [{"model": "gpt-4o-mini", "api_key": "sk-from-the-file"}, {"model": "gpt-4o", "api_key": "sk-2"}]
"""The ``OAI_CONFIG_LIST`` file both runs read."""
