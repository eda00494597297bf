"""Plain pins read without ``packaging`` mean what ``packaging`` says they mean."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from autogen_lint import pins
from autogen_lint.dependencies import v02_advice
from autogen_lint.pins import requirement_name

_NAMES = st.sampled_from(
    [
        "pyautogen",
        "PyAutoGen",
        "autogen-agentchat",
        "autogen_agentchat",
        "Autogen.AgentChat",
        "ag2",
        "autogen",
        "requests",
    ]
)
_RELEASES = st.lists(st.integers(0, 12), min_size=1, max_size=4).map(lambda parts: ".".join(map(str, parts)))
_OPERATORS = st.sampled_from(["==", "!=", "~=", ">=", "<=", ">", "<"])
_SPACE = st.sampled_from(["", " ", "  "])


@st.composite
def _clause(draw: st.DrawFn) -> str:
    operator = draw(_OPERATORS)
    wildcard = ".*" if operator in ("==", "!=") and draw(st.booleans()) else ""
    return f"{draw(_SPACE)}{operator}{draw(_SPACE)}{draw(_RELEASES)}{wildcard}{draw(_SPACE)}"


@st.composite
def _requirement(draw: st.DrawFn) -> str:
    extras = draw(st.sampled_from(["", "[openai]", "[ openai , gemini ]"]))
    clauses = ",".join(draw(st.lists(_clause(), max_size=3)))
    return f"{draw(_SPACE)}{draw(_NAMES)}{draw(_SPACE)}{extras}{clauses}{draw(_SPACE)}"


@settings(max_examples=400, deadline=None)
@given(_requirement(), st.lists(_RELEASES, min_size=1, max_size=8))
def test_a_plain_pin_reads_and_decides_as_packaging_does(text: str, releases: list[str]) -> None:
    try:
        requirement = Requirement(text)
    except InvalidRequirement:
        assert pins.read(text) is None
        return
    pin = pins.read(text)
    assert pin is not None, text
    assert pin.name == canonicalize_name(requirement.name)
    assert pin.extras == bool(requirement.extras)
    for release in releases:
        version = Version(release)
        assert pin.contains(version.release) == requirement.specifier.contains(version, prereleases=True), (
            text,
            release,
        )
    assert v02_advice(pin) == v02_advice(requirement), text


@settings(max_examples=200, deadline=None)
@given(_requirement(), st.sampled_from([" openai", "  flaml[automl]", " 1.0", " and x", "\topenai==1"]))
def test_a_pin_followed_by_a_word_is_rejected_as_packaging_rejects_it(text: str, tail: str) -> None:
    assert pins.rejected(text + tail)
    with pytest.raises(InvalidRequirement):
        Requirement(text + tail)


@pytest.mark.parametrize("text", ["pyautogen==0.2 ; python_version > '3'", "pyautogen @ https://x/y.whl", "pyautogen"])
def test_what_may_follow_a_pin_is_not_rejected(text: str) -> None:
    assert not pins.rejected(text)


@pytest.mark.parametrize(
    "text",
    [
        "pyautogen==0.2.0rc1",  # not a plain release
        "pyautogen>=0.2 ; python_version >= '3.10'",  # a marker
        "pyautogen @ https://example.com/pyautogen.whl",  # a URL
        "pyautogen (>=0.2)",  # parentheses
        "pyautogen===0.2",  # arbitrary equality
        "pyautogen~=1",  # invalid: ``~=`` needs two parts
        "pyautogen>=0.2.*",  # invalid: a wildcard after ``>=``
    ],
)
def test_anything_else_is_left_to_packaging(text: str) -> None:
    assert pins.read(text) is None


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("pyautogen==0.2.35", True),
        ("pyautogen>=0.10", False),
        ("autogen-agentchat~=0.2", True),
        ("autogen-agentchat>=0.4", False),
        ("autogen_agentchat[openai]==0.2.*", True),
        ("ag2", True),
        ("requests==0.2", False),
    ],
)
def test_advice_on_plain_pins(text: str, advice: bool) -> None:
    pin = pins.read(text)
    assert pin is not None
    assert (v02_advice(pin) is not None) == advice
    assert v02_advice(pin) == v02_advice(Requirement(text))


@pytest.mark.parametrize(
    "text",
    [
        "pyautogen==0.2.35",
        "  Autogen.AgentChat~=0.2",
        "autogen_agentchat[openai]>=0.4 ; python_version >= '3.10'",
        "ag2",
        "agent_framework_core>=1.0",
        "pyautogen_",
        "requests @ https://example.com/requests.whl",
        "Flask-SQLAlchemy>=3",
    ],
)
def test_requirement_names_are_read_as_packaging_reads_them(text: str) -> None:
    """The name test that spares ``packaging`` agrees with it wherever the name decides something."""
    name = requirement_name(text)
    assert name is not None
    packaged = str(canonicalize_name(Requirement(text).name))
    assert name == packaged or (packaged.rstrip("-") == name and packaged.endswith("-"))


@pytest.mark.parametrize("text", ["", "  ", "==1.0", "[extra]", "-e ."])
def test_a_requirement_without_a_name_has_none(text: str) -> None:
    assert requirement_name(text) is None
