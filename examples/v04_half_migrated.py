"""Half-migrated to AutoGen v0.4: the model client is never closed safely."""

import asyncio

from autogen_agentchat.agents import AssistantAgent
from autogen_ext.models.openai import OpenAIChatCompletionClient


async def main() -> None:
    model_client = OpenAIChatCompletionClient(model="gpt-4o")
    assistant = AssistantAgent("assistant", model_client=model_client)
    result = await assistant.run(task="Say hello.")
    print(result.messages[-1].to_text())
    await model_client.close()


async def one_off() -> None:
    agent = AssistantAgent("once", model_client=OpenAIChatCompletionClient(model="gpt-4o-mini"))
    await agent.run(task="Count to three.")


asyncio.run(main())
