"""v0.2 agents with a model and something else to answer first: small v0.4 classes written into the file.

v0.2 tried an agent's replies in order (``ConversableAgent.__init__`` registers them, and
``check_termination_and_human_reply`` asks the person): with ``human_input_mode="ALWAYS"``
the person answered first (``exit`` ended the chat, Enter passed the turn on); then the code
blocks of the messages received since the agent's last reply ran (``last_n_messages="auto"``);
only then did the model answer. v0.4's ``CodeExecutorAgent(model_client=...)`` asks the model
first and runs the code *it* writes, and a ``UserProxyAgent`` has no model, so the codemod
writes one class per case, once per file:

- ``CodeOrModelAgent``: a ``CodeExecutorAgent`` that runs the code it gets, else lets the model
  answer;
- ``PersonOrModelAgent``: a ``UserProxyAgent`` that asks the person, and lets the model answer
  when they only press Enter;
- ``PersonOrCodeAgent``: a ``UserProxyAgent`` without a model that asks the person, and runs the
  code of the messages it got when they only press Enter (else sends its ``default_auto_reply``);
  Enter on a termination message (v0.2's default check: exactly ``"TERMINATE"``) ends the chat
  with ``exit``, as v0.2 did.

The model is an ``AssistantAgent`` on the same client that also gets the messages of the turns
it did not answer (the model saw the whole chat in v0.2).
"""

from __future__ import annotations

from dataclasses import dataclass

AGENTS = "autogen_agentchat.agents"


@dataclass(frozen=True, slots=True)
class Hybrid:
    """A class the migrated file defines: its name, the imports it needs, its code."""

    name: str
    imports: frozenset[tuple[str, str]]
    code: str


_MODEL_TURN = """
        seen, self._unseen = [*self._unseen, *messages], []
        async for event in self._model_agent.on_messages_stream(seen, cancellation_token):
            yield event

    async def on_reset(self, cancellation_token=None):
        await super().on_reset(cancellation_token)
        await self._model_agent.on_reset(cancellation_token)
        self._unseen = []"""
_PERSON_TURN = """        answer = None
        async for event in super().on_messages_stream(messages, cancellation_token):
            if isinstance(event, Response):
                answer = event
            else:
                yield event"""
_MODEL = """        self._model_agent = AssistantAgent(name, model_client=model_client, system_message=system_message)
        self._unseen = []"""

CODE_OR_MODEL = Hybrid(
    "CodeOrModelAgent",
    frozenset({(AGENTS, "AssistantAgent"), (AGENTS, "CodeExecutorAgent"), ("autogen_agentchat.base", "Response")}),
    f'''class CodeOrModelAgent(CodeExecutorAgent):
    """An AutoGen v0.2 agent with code execution and a model.

    It runs the code in the messages it gets; when they hold none, it answers with its model,
    which has seen the whole chat.
    """

    def __init__(self, name, model_client, code_executor, *, system_message=None, description=None):
        super().__init__(name, code_executor=code_executor, description=description)
{_MODEL}

    async def on_messages_stream(self, messages, cancellation_token):
        if await self.extract_code_blocks_from_messages(messages):
            async for event in super().on_messages_stream(messages, cancellation_token):
                if isinstance(event, Response):
                    self._unseen += [*messages, event.chat_message]
                yield event
            return{_MODEL_TURN}''',
)
PERSON_OR_MODEL = Hybrid(
    "PersonOrModelAgent",
    frozenset({(AGENTS, "AssistantAgent"), (AGENTS, "UserProxyAgent"), ("autogen_agentchat.base", "Response")}),
    f'''class PersonOrModelAgent(UserProxyAgent):
    """An AutoGen v0.2 agent that asked a person for every reply and had a model.

    It asks the person; when they only press Enter, its model answers, having seen the whole chat.
    """

    def __init__(self, name, model_client, *, system_message=None, description="A human user"):
        super().__init__(name, description=description)
{_MODEL}

    async def on_messages_stream(self, messages, cancellation_token):
{_PERSON_TURN}
        if answer is not None and answer.chat_message.to_text():
            self._unseen += [*messages, answer.chat_message]
            yield answer
            return{_MODEL_TURN}''',
)
PERSON_OR_CODE = Hybrid(
    "PersonOrCodeAgent",
    frozenset(
        {
            (AGENTS, "CodeExecutorAgent"),
            (AGENTS, "UserProxyAgent"),
            ("autogen_agentchat.base", "Response"),
            ("autogen_agentchat.messages", "TextMessage"),
        }
    ),
    f'''class PersonOrCodeAgent(UserProxyAgent):
    """An AutoGen v0.2 agent that asked a person for every reply and had code execution, no model.

    It asks the person; when they only press Enter, it ends the chat on a termination message,
    else runs the code in the messages it got and answers with the output, or else sends its
    default reply.
    """

    def __init__(
        self, name, code_executor, *, auto_reply="", end_text="TERMINATE", description="A human user", input_func=None
    ):
        super().__init__(name, description=description, input_func=input_func)
        self._code_agent = CodeExecutorAgent(name, code_executor=code_executor)
        self._auto_reply = auto_reply
        self._end_text = end_text

    async def on_messages_stream(self, messages, cancellation_token):
{_PERSON_TURN}
        if answer.chat_message.to_text():  # what the person typed, "exit" included
            yield answer
            return
        if messages and messages[-1].to_text() == self._end_text:  # Enter on a termination message
            yield Response(chat_message=TextMessage(content="exit", source=self.name))
            return
        if await self._code_agent.extract_code_blocks_from_messages(messages):
            async for event in self._code_agent.on_messages_stream(messages, cancellation_token):
                yield event
            return
        yield Response(chat_message=TextMessage(content=self._auto_reply, source=self.name))''',
)
