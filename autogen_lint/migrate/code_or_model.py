"""A v0.2 agent with code execution and a model: the small v0.4 agent written once into the file.

v0.2 tried an agent's replies in order (``ConversableAgent.__init__`` registers them): run the
code blocks of the messages received since its last reply (``last_n_messages="auto"``), else
answer with the model. v0.4's ``CodeExecutorAgent`` with a model asks the model first and runs
the code *it* writes, so the codemod writes ``CodeOrModelAgent``: a ``CodeExecutorAgent`` that
runs the code it gets, and otherwise hands the messages to an ``AssistantAgent`` on the same
model, which also gets the messages of the turns where code ran (the model saw the whole chat
in v0.2).
"""

from __future__ import annotations

NAME = "CodeOrModelAgent"
IMPORTS = frozenset(
    {
        ("autogen_agentchat.agents", "AssistantAgent"),
        ("autogen_agentchat.agents", "CodeExecutorAgent"),
        ("autogen_agentchat.base", "Response"),
    }
)
HELPER = f'''class {NAME}(CodeExecutorAgent):
    """An AutoGen v0.2 agent with code execution and a model.

    It runs the code in the messages it gets; when they hold none, it answers with its model,
    which has seen the whole chat.
    """

    def __init__(self, name, model_client, code_executor, *, system_message=None, description=None):
        super().__init__(name, code_executor=code_executor, description=description)
        self._model_agent = AssistantAgent(name, model_client=model_client, system_message=system_message)
        self._unseen = []

    async def on_messages_stream(self, messages, cancellation_token):
        if await self.extract_code_blocks_from_messages(messages):
            async for event in super().on_messages_stream(messages, cancellation_token):
                if isinstance(event, Response):
                    self._unseen += [*messages, event.chat_message]
                yield event
            return
        seen, self._unseen = [*self._unseen, *messages], []
        async for event in self._model_agent.on_messages_stream(seen, cancellation_token):
            yield event

    async def on_reset(self, cancellation_token):
        await super().on_reset(cancellation_token)
        await self._model_agent.on_reset(cancellation_token)
        self._unseen = []'''
