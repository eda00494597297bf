"""An AutoGen v0.2 program: a coding assistant, a tool and a group chat.

Run ``flake8 --select AGL examples/`` to see what has to change for v0.4.
"""

import autogen
from autogen import AssistantAgent, UserProxyAgent, register_function
from autogen.coding import LocalCommandLineCodeExecutor

config_list = autogen.config_list_from_json("OAI_CONFIG_LIST")
llm_config = {"config_list": config_list, "temperature": 0}

assistant = AssistantAgent(
    name="assistant",
    system_message="You are a helpful assistant. Reply TERMINATE when done.",
    llm_config=llm_config,
)
user_proxy = UserProxyAgent(
    name="user_proxy",
    human_input_mode="NEVER",
    code_execution_config={"executor": LocalCommandLineCodeExecutor(work_dir="coding")},
    llm_config=False,
)


def get_weather(city: str) -> str:
    """Report the weather in a city."""
    return f"The weather in {city} is sunny."


register_function(get_weather, caller=assistant, executor=user_proxy, description="Get the weather.")

result = user_proxy.initiate_chat(assistant, message="What is the weather in Paris? Plot it.")
print(result.summary)
