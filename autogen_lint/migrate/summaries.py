"""``summary_method="reflection_with_llm"``: the summary v0.2 asked the model for after the chat.

v0.2 asked the recipient's model once more when the chat ended, with the chat's messages and a
summary prompt; the migrated program does the same with the v0.4 client, so it makes the same
model calls, and ``result.summary`` reads that summary.
"""

from __future__ import annotations

from autogen_lint.migrate.literals import quote

DEFAULT_PROMPT = "Summarize the takeaway from the conversation. Do not add any introductory phrases."
"""v0.2's ``ConversableAgent.DEFAULT_SUMMARY_PROMPT``."""
MODELS = "autogen_core.models"
IMPORTS = frozenset(
    {
        (MODELS, "AssistantMessage"),
        (MODELS, "SystemMessage"),
        (MODELS, "UserMessage"),
        ("autogen_agentchat.messages", "BaseChatMessage"),
    }
)


def reflection(summary: str, result: str, client: str, recipient: str, *, prompt: str, role: str) -> str:
    """``summary = <the model's summary of result.messages>``, as v0.2's ``_reflection_with_llm`` asked it.

    The recipient's own messages are the model's (assistant), the others the user's; the prompt
    goes last, as a system message unless v0.2's ``summary_role`` said ``"user"``.
    """
    ask = f'UserMessage(content={prompt}, source="user")' if role == "user" else f"SystemMessage(content={prompt})"
    return (
        f"{summary} = (\n"
        f"    await {client}.create(\n"
        "        [\n"
        "            *(\n"
        f"                AssistantMessage(content=m.to_text(), source=m.source)\n"
        f"                if m.source == {quote(recipient)}\n"
        "                else UserMessage(content=m.to_text(), source=m.source)\n"
        f"                for m in {result}.messages\n"
        "                if isinstance(m, BaseChatMessage)\n"
        "            ),\n"
        f"            {ask},\n"
        "        ]\n"
        "    )\n"
        ").content"
    )
