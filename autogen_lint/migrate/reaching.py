"""Which chat's result a statement reads, when one variable holds the results of several chats."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ResultBinding:
    """``variable = <chat>`` at statement ``index``, and what its ``.summary`` reads."""

    index: int
    variable: str
    summary: bool | str
    """The last message (True), a variable holding the summary, or unknown (False)."""
    unconditional: bool
    """The chat stands at the top of its scope (no branch or loop): every later statement sees it."""


def results_at(bindings: list[ResultBinding], index: int) -> dict[str, bool | str]:
    """What each result variable's summary is for the statement at ``index``.

    The latest unconditional chat before the statement decides alone; otherwise every chat that
    may have bound the variable must agree, or the summary is unknown.
    """
    reaching: dict[str, list[ResultBinding]] = {}
    for binding in sorted(bindings, key=lambda b: b.index):
        if binding.index < index and binding.unconditional:
            reaching[binding.variable] = [binding]
        elif binding.index < index or not any(b.index < index for b in bindings if b.variable == binding.variable):
            reaching.setdefault(binding.variable, []).append(binding)
    found: dict[str, bool | str] = {}
    for variable, candidates in reaching.items():
        values = {b.summary for b in candidates}
        found[variable] = values.pop() if len(values) == 1 else False
    return found
