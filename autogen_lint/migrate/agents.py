"""v0.2 agents (``AssistantAgent``, ``UserProxyAgent``, ``ConversableAgent``) into v0.4 agents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import libcst as cst

from autogen_lint.migrate.calls import call_code, rebuild
from autogen_lint.migrate.executors import DOCKER, LOCAL, executor_of, v04_executor
from autogen_lint.migrate.hybrid_agents import CODE_OR_MODEL, PERSON_OR_CODE, PERSON_OR_MODEL, Hybrid
from autogen_lint.migrate.imports import walk
from autogen_lint.migrate.literals import constant, dict_items, integer, is_none, keywords, positional, quote, string
from autogen_lint.migrate.model_clients import ClientSpec, ModelConfigs
from autogen_lint.migrate.people import DEFAULT_MODE, MODES, Role, role_of, with_reply
from autogen_lint.migrate.predicates import Predicates
from autogen_lint.migrate.refusal import Refusal, Todo
from autogen_lint.migrate.reply_functions import REPLY_FUNCTION
from autogen_lint.migrate.termination import Stop, always, stop_of
from autogen_lint.migrate.tools import Tool

AGENTS = "autogen_agentchat.agents"
V02_AGENTS = ("AssistantAgent", "UserProxyAgent", "ConversableAgent")
DEFAULT_MAX_REPLIES = 100
"""v0.2's ``MAX_CONSECUTIVE_AUTO_REPLY``."""
CONVERSABLE_SYSTEM_MESSAGE = "You are a helpful AI Assistant."

_OPTIONS = {
    "AssistantAgent": ("name", "system_message", "llm_config", "is_termination_msg", "max_consecutive_auto_reply",
                       "human_input_mode", "description", "code_execution_config", "default_auto_reply"),
    "UserProxyAgent": ("name", "is_termination_msg", "max_consecutive_auto_reply", "human_input_mode",
                       "code_execution_config", "llm_config", "system_message", "description",
                       "default_auto_reply"),
    "ConversableAgent": ("name", "system_message", "is_termination_msg", "max_consecutive_auto_reply",
                         "human_input_mode", "code_execution_config", "llm_config", "description",
                         "default_auto_reply"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Executor:
    """A code executor: class (module, name) and its arguments as code."""

    cls: tuple[str, str]
    arguments: tuple[tuple[str, str], ...]
    variable: str | None = None
    """The name the executor stays bound to, rewritten where it stands (see ``executor_names``)."""

    @property
    def needs_start(self) -> bool:
        return self.cls == DOCKER and self.variable is None

    def code(self) -> str:
        return self.variable or call_code(self.cls[1], [(k, v) for k, v in self.arguments])


@dataclass
class Agent:
    """One v0.2 agent and what it becomes."""

    variable: str
    index: int
    kind: str
    call: cst.Call
    role: Role
    name: str
    client: ClientSpec | None = None
    termination: Stop | None = None
    max_replies: int | None = DEFAULT_MAX_REPLIES
    """Consecutive automatic replies; ``None`` when a person answers (no limit)."""
    executor: Executor | None = None
    todos: list[Todo] = field(default_factory=list)
    tools: list[Tool] = field(default_factory=list)
    input_func: str | None = None
    """The ``UserProxyAgent``'s ``input_func`` (code) when it gives a ``default_auto_reply``."""
    default_reply: str | None = None
    """A ``PersonOrCodeAgent``'s ``default_auto_reply`` (code), sent on Enter when there is no code to run."""
    own_check: bool = False
    """Whether the v0.2 agent had its own ``is_termination_msg`` (not v0.2's exact ``"TERMINATE"``)."""
    reply: str | None = None
    """The reply function that answers every message (role ``"reply"``, see ``reply_functions``)."""

    def answer_with(self, function: str) -> None:
        """The agent answers with ``function`` alone: its model, person, code and limits never act."""
        self.role, self.reply, self.client, self.executor = "reply", function, None, None
        self.termination, self.max_replies, self.input_func, self.todos = None, None, None, []

    @property
    def hybrid(self) -> Hybrid | None:
        """The class written into the file for an agent with a model and code or a person, or a reply function."""
        if self.role == "reply":
            return REPLY_FUNCTION
        if self.role == "human" and self.client is None and self.executor is not None:
            return PERSON_OR_CODE
        if self.client is None or self.role not in ("executor", "human"):
            return None
        return CODE_OR_MODEL if self.role == "executor" else PERSON_OR_MODEL

    @property
    def imports(self) -> set[tuple[str, str]]:
        """What the agent's v0.4 code imports (its class, or what the hybrid class uses, and its tools)."""
        found = set(self.hybrid.imports) if self.hybrid is not None else {self.v04_class}
        return found.union(*(tool.imports for tool in self.tools))

    @property
    def helpers(self) -> tuple[str, ...]:
        """Top-level definitions the file needs once for this agent (and its tools)."""
        found = [self.hybrid.code] if self.hybrid is not None else []
        found += [helper for tool in self.tools for helper in tool.helpers]
        return tuple(dict.fromkeys(found))

    @property
    def v04_class(self) -> tuple[str, str]:
        names = {
            "assistant": "AssistantAgent",
            "executor": "CodeExecutorAgent",
            "human": "UserProxyAgent",
            "fixed": "UserProxyAgent",
        }
        return (AGENTS, names.get(self.role, ""))


def read_agent(variable: str, index: int, kind: str, call: cst.Call, configs: ModelConfigs) -> Agent:
    """What ``variable = <kind>(...)`` is in v0.4; refuse options that have no counterpart."""
    options = _options(kind, call)
    name = string(options.get("name"))
    if name is None:
        raise Refusal(f"the name of `{variable}` is not a string literal")
    human = string(options["human_input_mode"]) if "human_input_mode" in options else DEFAULT_MODE[kind]
    if human not in MODES:
        raise Refusal(f"`human_input_mode` of `{variable}` is not a literal mode")
    config = options.get("llm_config")
    client = configs.client(config) if config is not None else None
    person = human == "ALWAYS" and client is None and kind != "AssistantAgent"
    # a person answers and, on an empty reply, the code runs (PersonOrCodeAgent); only v0.2's
    # implicit Docker default is left out: such a person just answers
    settings = options.get("code_execution_config")
    executor = _executor(settings, kind, variable, configs, dropped=person)
    if person and executor is not None and (settings is None or (executor.needs_start and _shared(settings, configs))):
        executor = None
    role, todos = role_of(variable, kind, human, model=client is not None, code=executor is not None)
    reply: str | None = None
    default_reply: str | None = None
    if person and executor is not None:
        given = options.get("default_auto_reply")
        default_reply = cst.Module([]).code_for_node(given) if given is not None else None
    elif "default_auto_reply" in options:
        role, reply, more = with_reply(variable, role, options["default_auto_reply"], model=client is not None)
        todos += more
    agent = Agent(variable, index, kind, call, role, name, client, executor=executor, todos=todos, input_func=reply)
    agent.default_reply = default_reply
    agent.own_check = "is_termination_msg" in options
    at_once = always(options.get("is_termination_msg"))
    if not at_once:
        check = options.get("is_termination_msg")
        predicates = Predicates(configs.module, configs.scope)
        agent.termination = stop_of(
            check,
            variable,
            default=role != "human",
            functions=lambda name: configs.as_lambda(name) or predicates.lambda_of(name),
            called=predicates.call_code,
        )
    if at_once:
        agent.max_replies = 0  # it never answers: the chat ends when it gets a message
    elif role == "human":
        agent.max_replies = None  # a person answers: no limit
    elif "max_consecutive_auto_reply" in options:
        agent.max_replies = integer(options["max_consecutive_auto_reply"])
        if agent.max_replies is None:
            raise Refusal(f"`max_consecutive_auto_reply` of `{variable}` is not an integer literal")
    return agent


def _shared(settings: cst.BaseExpression, configs: ModelConfigs) -> bool:
    """Whether the executor given with ``{"executor": e}`` is bound or read elsewhere too.

    A Docker executor must be started where the agent is built: a person's Docker executor used
    elsewhere stays behind, and the person only answers.
    """
    given = dict_items(settings, "") if isinstance(settings, cst.Dict) else {}
    executor = given.get("executor")
    return isinstance(executor, cst.Name) and not _alone(executor.value, configs)


def _alone(name: str, configs: ModelConfigs) -> bool:
    """Whether ``name`` is bound once and read once (by the agent being read)."""
    scope = configs.scope
    inner = getattr(scope, "inner_loads", {}).get(name, 0)
    return scope.bindings[name] == 1 and scope.loads[name] == 1 and not inner


def _named_executor(node: cst.BaseExpression, configs: ModelConfigs) -> Executor | None:
    """The executor ``{"executor": name}`` gives, when it stays where it is bound: ``name`` is bound or read elsewhere.

    The agent takes the executor bound by the latest ``name = LocalCommandLineCodeExecutor(...)``
    above its statement in the same scope; that statement becomes the v0.4 executor where it
    stands (``executor_names``), and the agent is given ``code_executor=name``.
    """
    if not isinstance(node, cst.Name) or _alone(node.value, configs):
        return None
    found = configs.scope.value(node.value, configs.at)
    if found is None or found[0] < 0 or not isinstance(found[1], cst.Call):
        return None
    kind = configs.imports.v02(found[1].func)
    if kind != "LocalCommandLineCodeExecutor":
        return None
    cls, arguments = v04_executor(found[1], kind, configs.module)
    return Executor(cls, arguments, variable=node.value)


def _options(kind: str, call: cst.Call) -> dict[str, cst.BaseExpression]:
    options = keywords(call, kind)
    mapped = options.get("function_map")
    if mapped is not None and (is_none(mapped) or (isinstance(mapped, cst.Dict) and not mapped.elements)):
        del options["function_map"]  # v0.2's default: no function to run
    given = positional(call)
    if len(given) > 1:
        raise Refusal(f"`{kind}(...)` takes more than its name by position")
    if given:
        options["name"] = given[0]
    unknown = sorted(set(options) - set(_OPTIONS[kind]))
    if unknown:
        raise Refusal(f"`{unknown[0]}=` of `{kind}` has no v0.4 counterpart")
    return options


def _executor(
    node: cst.BaseExpression | None, kind: str, variable: str, configs: ModelConfigs, *, dropped: bool = False
) -> Executor | None:
    """The agent's executor; ``dropped``: it runs no code in v0.4, whatever the settings say."""
    if dropped:
        try:
            return _executor(node, kind, variable, configs)
        except Refusal:
            return None
    if node is None:
        if kind != "UserProxyAgent":
            return None
        return Executor(DOCKER, ())  # v0.2's default: run code, in Docker
    if isinstance(node, cst.Name) and constant(node) is None:
        node = configs.follow(node, "the code execution settings")
    if constant(node) is False:
        return None
    if not isinstance(node, cst.Dict):
        raise Refusal(f"`code_execution_config` of `{variable}` is not a dict literal")
    settings = dict_items(node, "`code_execution_config`")
    if "executor" in settings:  # v0.2's last_n_messages: the v0.4 agent runs the code of the last message
        if set(settings) - {"executor", "last_n_messages"}:
            raise Refusal("`code_execution_config` has an `executor` and settings for another one")
        named = _named_executor(settings["executor"], configs)
        return named or Executor(*executor_of(settings["executor"], configs))
    unknown = sorted(set(settings) - {"work_dir", "use_docker", "timeout", "last_n_messages"})
    if unknown:
        raise Refusal(f"`code_execution_config` key {unknown[0]!r} has no v0.4 counterpart")
    arguments: list[tuple[str, str]] = []
    for key in ("work_dir", "timeout"):
        if key in settings:
            value = settings[key]
            if not _plain_value(value):
                raise Refusal(f"`code_execution_config[{key!r}]` calls something to get its value")
            arguments.append((key, cst.Module([]).code_for_node(value)))
    docker = settings.get("use_docker")
    if docker is None or constant(docker) is True:
        return Executor(DOCKER, tuple(arguments))
    if constant(docker) is False:
        return Executor(LOCAL, tuple(arguments))
    image = string(docker)
    if image is None:
        raise Refusal("`use_docker` is not a literal")
    return Executor(DOCKER, (("image", quote(image)), *arguments))


_PLAIN = (
    cst.Name, cst.Attribute, cst.Subscript, cst.SubscriptElement, cst.Index, cst.BaseString, cst.FormattedStringText,
    cst.FormattedStringExpression, cst.Integer, cst.Float, cst.BinaryOperation, cst.BaseBinaryOp, cst.UnaryOperation,
    cst.BaseUnaryOp, cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket, cst.Dot,
    cst.BaseParenthesizableWhitespace, cst.Comment, cst.Newline, cst.EmptyLine, cst.TrailingWhitespace,
)  # fmt: skip


def _plain_value(node: cst.BaseExpression) -> bool:
    """Whether ``node`` only reads names and literals (no call): it gives the same value a little later."""
    return all(isinstance(part, _PLAIN) for part in walk(node))


def add_needs(agent: Agent, needed: set[tuple[str, str]], helpers: list[str]) -> None:
    """Record what the agent's v0.4 code imports, and the definitions the file needs once for it."""
    needed |= agent.imports
    helpers += [helper for helper in agent.helpers if helper not in helpers]


def identifier(name: str) -> str:
    """A v0.4 agent name (a Python identifier) for a v0.2 one."""
    fixed = re.sub(r"\W", "_", name)
    return f"_{fixed}" if not fixed or fixed[0].isdigit() else fixed


def agent_call(agent: Agent, client_variable: str | None, executor_code: str | None) -> cst.Call:
    """The v0.4 constructor call for ``agent``, keeping the arguments it shares with v0.2."""
    drop = (
        "is_termination_msg",
        "max_consecutive_auto_reply",
        "human_input_mode",
        "code_execution_config",
        "default_auto_reply",
        "function_map",
    )
    replace: dict[str, tuple[str, str] | None] = dict.fromkeys(drop)
    extra: list[tuple[str, str]] = []
    if agent.role != "assistant" and agent.client is None:
        replace["system_message"] = None
        replace["llm_config"] = None
    elif client_variable is not None:
        replace["llm_config"] = ("model_client", client_variable)
    call = agent.call
    fixed_name = identifier(agent.name)
    if fixed_name != agent.name:
        call = _renamed(call, fixed_name)
    if agent.role == "executor" and executor_code is not None:
        extra.append(("code_executor", executor_code))
    if agent.hybrid is PERSON_OR_CODE and executor_code is not None:
        extra.append(("code_executor", executor_code))
        if agent.default_reply is not None:
            extra.append(("auto_reply", agent.default_reply))
        if agent.own_check:  # the team stops on its own check's messages; Enter ends nothing more
            extra.append(("end_text", "None"))
    if agent.client is not None and agent.kind == "ConversableAgent" and "system_message" not in keywords(call, ""):
        extra.append(("system_message", quote(CONVERSABLE_SYSTEM_MESSAGE)))
    if agent.input_func is not None:
        extra.append(("input_func", agent.input_func))
    if agent.tools:
        # v0.2 answered the tool's result with another reply, unless that was past the agent's one auto-reply
        reflect = agent.max_replies != 1
        extra += [("tools", _tools_code(agent.tools)), ("reflect_on_tool_use", str(reflect))]
        if reflect and agent.max_replies is not None:
            # that reply could call a tool again, as long as the agent had automatic replies left
            extra.append(("max_tool_iterations", str(agent.max_replies)))
    callee = agent.hybrid.name if agent.hybrid is not None else agent.v04_class[1]
    return rebuild(call, callee, replace, extra)


def _tools_code(tools: list[Tool]) -> str:
    """``[tool, ...]`` for ``tools=``, one tool a line when one of them takes several lines."""
    codes = [tool.code() for tool in tools]
    if not any("\n" in code for code in codes):
        return f"[{', '.join(codes)}]"
    return "[\n" + "".join(f"        {tool.code(8)},\n" for tool in tools) + "    ]"


def reply_agent_call(agent: Agent) -> cst.Call:
    """``ReplyFunctionAgent(name, reply_func, description=...)`` for an agent that answers with a function.

    v0.2's description defaulted to the system message, which the function never saw.
    """
    given = keywords(agent.call, "")
    described = given.get("description", given.get("system_message"))
    description = f", description={cst.Module([]).code_for_node(described)}" if described is not None else ""
    code = f"{REPLY_FUNCTION.name}({quote(identifier(agent.name))}, {agent.reply}{description})"
    return cst.ensure_type(cst.parse_expression(code), cst.Call)


def _renamed(call: cst.Call, name: str) -> cst.Call:
    args = []
    for index, arg in enumerate(call.args):
        named = (arg.keyword is None and index == 0) or (arg.keyword is not None and arg.keyword.value == "name")
        args.append(arg.with_changes(value=cst.SimpleString(quote(name))) if named else arg)
    return call.with_changes(args=args)
