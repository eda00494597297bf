"""``GroupChat(allowed_or_disallowed_speaker_transitions=...)``: who may speak after whom, as a ``candidate_func``.

v0.2 (``GroupChat._prepare_and_select_agents``) let only the agents the last speaker's entry
allows speak next: one such agent speaks without asking the model, several are the model's
choice, none at all leaves every agent to it; a last speaker outside the group (the one who
opened the chat) leaves every agent too. A v0.4 ``SelectorGroupChat`` asks its
``candidate_func`` for the names the model may choose from, and skips the model for one name,
so the lambda written here gives the same names. The opening message's source is ``"user"``:
it stands for the agent that opened the chat.

Refused: a speaker with no entry (v0.2 ended the chat after it), an agent the team leaves out
(v0.2 let it take a turn), a participant called ``"user"``, a mapping that is not a dict
literal of agent variables.
"""

from __future__ import annotations

import libcst as cst

from autogen_lint.migrate.agents import Agent, identifier
from autogen_lint.migrate.literals import quote, string
from autogen_lint.migrate.refusal import Refusal

OPTIONS = ("allowed_or_disallowed_speaker_transitions", "speaker_transitions_type")
OPENING = "user"
"""The source of a v0.4 team's task message."""


def candidate_func(
    options: dict[str, cst.BaseExpression], members: list[Agent], participants: list[Agent], sender: Agent
) -> str | None:
    """The names each speaker allows next (a dict literal, ``"user"`` for the opening), or ``None``."""
    given = options.get(OPTIONS[0])
    if given is None:
        return None
    kind = string(options.get(OPTIONS[1]))
    if kind not in ("allowed", "disallowed"):
        raise Refusal('`speaker_transitions_type` is not "allowed" or "disallowed"', code="AGL601")
    if "allow_repeat_speaker" in options:
        raise Refusal("the group chat has both speaker transitions and `allow_repeat_speaker`", code="AGL601")
    if any(agent not in participants for agent in members):
        raise Refusal("an agent the speaker transitions name has no part in the v0.4 team", code="AGL601")
    names = [identifier(agent.name) for agent in members]
    if OPENING in names:
        raise Refusal(f"an agent is called {OPENING!r}, the source of the team's task", code="AGL601")
    by_variable = {agent.variable: identifier(agent.name) for agent in members}
    entries = _entries(given, by_variable)
    if kind == "disallowed":
        entries = {name: [other for other in names if other not in entries.get(name, [])] for name in names}
    missing = [name for name in names if name not in entries]
    if missing:
        raise Refusal(f"no agent may speak after `{missing[0]}`: v0.2 ended the chat there", code="AGL601")
    after = {name: entries[name] or names for name in names}
    after[OPENING] = after.get(identifier(sender.name), names) if sender in members else names
    listed = "".join(f"\n    {quote(name)}: [{', '.join(map(quote, allowed))}]," for name, allowed in after.items())
    return f"{{{listed}\n}}"


def _entries(node: cst.BaseExpression, by_variable: dict[str, str]) -> dict[str, list[str]]:
    """``{agent: [agent, ...]}`` as names, keeping only the group's agents (as v0.2 did)."""
    if not isinstance(node, cst.Dict):
        raise Refusal("the speaker transitions are not a dict literal", code="AGL601")
    entries: dict[str, list[str]] = {}
    for element in node.elements:
        if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.Name):
            raise Refusal("a speaker transition is not keyed by an agent variable", code="AGL601")
        listed = element.value
        targets = [item.value for item in listed.elements] if isinstance(listed, cst.List | cst.Tuple) else None
        if (
            element.key.value not in by_variable
            or targets is None
            or not all(isinstance(target, cst.Name) and target.value in by_variable for target in targets)
        ):
            what = f"the transitions of `{element.key.value}` are not a list of the group's agents"
            raise Refusal(what, code="AGL601")
        entries[by_variable[element.key.value]] = [by_variable[cst.ensure_type(t, cst.Name).value] for t in targets]
    return entries
