"""Meta-tests over the rule catalog and the replacement table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from harness import FIXTURES, RULE_FIXTURES, TESTS
from hypothesis import given, settings
from hypothesis import strategies as st

from autogen_lint import rules as rules_package
from autogen_lint.catalog import CODE_RE, PYLINT_BASE_ID, RULES, SYMBOL_RE, get_rule, iter_rules, maf
from autogen_lint.guide import MAF_GUIDE_URL, MAF_SECTIONS, SECTIONS
from autogen_lint.replacements import GENERIC_ANCHOR, REPLACEMENTS
from autogen_lint.settings import DOCS_URL, Settings

GUIDE = (TESTS / "data" / "guide_sections.md").read_text(encoding="utf-8")
GUIDE_ANCHORS = set(re.findall(r"\|\s*#([a-z0-9-]+)\s*\|", GUIDE))
GUIDE_TITLES = dict(
    (anchor, title.strip()) for title, anchor in re.findall(r"^\|([^|]+)\|\s*#([a-z0-9-]+)\s*\|", GUIDE, re.M)
)
SHARED_GUIDE = Path(__file__).resolve().parents[2] / "shared" / "GUIDE_SECTIONS.md"
ROOT = TESTS.parent
RULE_IDS = [rule.code for rule in iter_rules()]
PYTHON_RULES = [rule.code for rule in iter_rules("python")]
TARGET_FIXTURES = FIXTURES / "projects" / "v04_in_agent_framework"


def test_guide_list_is_the_shared_one() -> None:
    if not SHARED_GUIDE.exists():
        pytest.skip("../shared is not beside this checkout")
    assert SHARED_GUIDE.read_text(encoding="utf-8") == GUIDE


def test_guide_list_parsed() -> None:
    assert {"whats-in-this-guide", "model-client", "code-executors"} <= GUIDE_ANCHORS
    assert len(GUIDE_ANCHORS) == 25


def test_package_guide_sections_match_the_guide_list() -> None:
    assert set(SECTIONS) == GUIDE_ANCHORS
    for anchor, title in SECTIONS.items():
        assert GUIDE_TITLES[anchor].startswith(title), anchor


def test_codes_symbols_and_ids_are_unique_and_valid() -> None:
    rules = list(iter_rules())
    assert len({r.code for r in rules}) == len({r.symbol for r in rules}) == len({r.pylint_id for r in rules})
    assert len(rules) == len(RULES)
    for rule in rules:
        assert CODE_RE.match(rule.code), rule.code
        assert SYMBOL_RE.match(rule.symbol), rule.symbol
        assert re.fullmatch(rf"[WE]{PYLINT_BASE_ID}\d\d", rule.pylint_id), rule.pylint_id
        assert rule.pylint_id[0] == ("E" if rule.severity == "error" else "W")


def test_the_mission_table() -> None:
    """Codes and symbols as the project's catalog table fixes them."""
    assert {r.code: r.symbol for r in iter_rules()} == {
        "AGL001": "autogen-unreadable-file",
        "AGL101": "autogen-v02-import",
        "AGL102": "autogen-v02-no-equivalent",
        "AGL103": "autogen-v02-dependency",
        "AGL201": "autogen-llm-config",
        "AGL202": "autogen-config-list",
        "AGL203": "autogen-cache-seed",
        "AGL301": "autogen-initiate-chat",
        "AGL302": "autogen-initiate-chats",
        "AGL303": "autogen-nested-chats",
        "AGL401": "autogen-register-function",
        "AGL402": "autogen-register-for-llm",
        "AGL501": "autogen-v02-agent-option",
        "AGL502": "autogen-register-reply",
        "AGL503": "autogen-chat-messages-state",
        "AGL504": "autogen-v02-capability",
        "AGL601": "autogen-group-chat",
        "AGL701": "autogen-unclosed-model-client",
        "AGL702": "autogen-model-client-close-not-guaranteed",
        "AGL703": "autogen-unawaited-coroutine",
        "AGL704": "autogen-model-client-context-manager",
        "AGL705": "autogen-team-without-termination",
        "AGL706": "autogen-awaited-async-generator",
        "AGL707": "autogen-invalid-agent-name",
        "AGL708": "autogen-model-info-required",
        "AGL709": "autogen-docker-executor-lifecycle",
        "AGL710": "autogen-termination-text-in-task",
        "AGL711": "autogen-asyncio-run-in-notebook",
        "AGL801": "autogen-maf-replaced-import",
        "AGL802": "autogen-maf-run-stream",
        "AGL803": "autogen-maf-console",
        "AGL804": "autogen-maf-agent-arguments",
        "AGL805": "autogen-maf-cancellation-token",
        "AGL806": "autogen-maf-agent-state",
        "AGL807": "autogen-maf-model-client-close",
        "AGL901": "autogen-maf-renamed-name",
        "AGL902": "autogen-maf-removed-name",
        "AGL903": "autogen-maf-renamed-method",
        "AGL904": "autogen-maf-renamed-argument",
    }
    assert get_rule("AGL703").pylint_id == "E7473"
    assert get_rule("AGL001").pylint_id == "E7401"
    assert get_rule("AGL711").pylint_id == "E7481"
    errors = ("AGL001", "AGL703", "AGL706", "AGL707", "AGL708", "AGL711")  # what raises at run time
    assert all(r.pylint_id.startswith("E" if r.code in errors else "W") for r in iter_rules())


@pytest.mark.parametrize("code", RULE_IDS)
def test_every_anchor_is_a_guide_section(code: str) -> None:
    """Of the guide the rule links to: the v0.2 -> v0.4 one, or the AutoGen -> Agent Framework one."""
    rule = RULES[code]
    if code == "AGL001":  # an unreadable file is no migration topic: it links its own page
        assert rule.anchors == ("",)
        return
    sections = set(MAF_SECTIONS) if rule.guide == "agent-framework" else GUIDE_ANCHORS
    assert set(rule.anchors) <= sections
    assert rule.guide == ("agent-framework" if code[3] in "89" else "autogen")


def test_the_two_guides_share_no_anchor() -> None:
    """Links pick their guide by anchor (``Settings.link``), so no anchor may be in both."""
    assert not set(MAF_SECTIONS) & GUIDE_ANCHORS
    assert Settings().link("single-agent-feature-mapping") == f"{MAF_GUIDE_URL}#single-agent-feature-mapping"


def test_agent_framework_advice_anchors_are_its_guide_sections() -> None:
    used = {entry.anchor for entry in maf.V04} | {anchor for _, anchor in maf.V02_BY_RULE.values()}
    used |= {entry.anchor for entry in maf.PRE_1_0} | {member.anchor for member in maf.PRE_1_0_METHODS}
    used |= {anchor for _, anchor in maf.V02_BY_SECTION.values()}
    assert used <= set(MAF_SECTIONS)
    assert set(maf.V02_BY_SECTION) <= GUIDE_ANCHORS
    assert {code for code in RULES if RULES[code].v02 and RULES[code].target != "files"} <= set(maf.V02_BY_RULE)


def test_rule_pages_are_on_the_documentation_site() -> None:
    """AGL001 links its own page: the site is mkdocs.yml's ``site_url`` and the page is built from docs/rules."""
    site = re.search(r"^site_url: (\S+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert site is not None and site.group(1) == DOCS_URL
    assert Settings().rule_link(RULES["AGL001"]) == f"{DOCS_URL}rules/AGL001/"
    assert (ROOT / "docs" / "rules" / "AGL001.md").is_file()
    assert Settings().rule_link(RULES["AGL201"]) == Settings().link(RULES["AGL201"].anchor)


def test_replacement_anchors_are_guide_sections() -> None:
    used = {entry.anchor for entry in REPLACEMENTS} | {GENERIC_ANCHOR}
    assert used <= GUIDE_ANCHORS
    assert used <= set(get_rule("AGL101").anchors) | set(get_rule("AGL102").anchors)


@pytest.mark.parametrize("code", RULE_IDS)
def test_every_rule_is_documented(code: str) -> None:
    rule = RULES[code]
    for text in (rule.summary, rule.what, rule.why, rule.example, rule.use_instead):
        assert text.strip(), code
    assert rule.message.count("{") == rule.message.count("}")
    assert len(rule.what.split()) >= 5 and len(rule.why.split()) >= 10


@pytest.mark.parametrize("code", PYTHON_RULES)
def test_every_python_rule_has_a_fixture(code: str) -> None:
    fixtures = FIXTURES / "notebooks" if RULES[code].notebooks_only else RULE_FIXTURES
    if code.startswith("AGL8"):  # reported under the Agent Framework target only: in a project that has it
        fixtures = TARGET_FIXTURES
    assert (fixtures / f"{code}.py").exists()


def test_fixtures_belong_to_rules() -> None:
    assert {p.stem.partition("_")[0] for p in RULE_FIXTURES.glob("*.py")} <= set(PYTHON_RULES)


def test_every_python_rule_is_reported_by_some_fixture() -> None:
    """Each rule fires somewhere in the fixtures, through the engine (see test_fixtures)."""
    from harness import engine_hits, fixture_files

    reported = {hit.code for path in fixture_files() for hit in engine_hits(path)}
    under_target = Settings(target="agent-framework")
    reported |= {hit.code for path in TARGET_FIXTURES.glob("*.py") for hit in engine_hits(path, under_target)}
    assert reported >= {code for code in PYTHON_RULES if not RULES[code].notebooks_only}


def test_lookup_by_code_or_symbol() -> None:
    assert get_rule("agl201") is get_rule("autogen-llm-config") is RULES["AGL201"]
    with pytest.raises(KeyError):
        get_rule("AGL999")


def test_rule_modules_are_discovered() -> None:
    names = {spec.family for spec in rules_package.specs()}
    modules = {p.stem for p in Path(rules_package.__file__).parent.glob("[!_]*.py")}
    assert names == modules


def test_every_rule_module_is_registered_in_file_order() -> None:
    """The engine imports the rule modules by name, not by listing the package: the list is the package."""
    import pkgutil

    import autogen_lint.rules

    found = sorted(info.name for info in pkgutil.iter_modules(autogen_lint.rules.__path__))
    assert list(autogen_lint.rules.MODULES) == found


@given(st.lists(st.sampled_from([" ", "\t", "\n", "\r", "\f", "x", "    ", "\n    ", "\n\t"]), max_size=16))
@settings(max_examples=3000, deadline=None)
def test_the_catalog_dedents_as_textwrap_does(parts: list[str]) -> None:
    """The catalog's code blocks are dedented without ``textwrap``, to the same text."""
    import textwrap

    from autogen_lint.catalog.model import dedent, prose

    text = "".join(parts)
    assert dedent(text) == textwrap.dedent(text)
    assert prose(text) == " ".join(textwrap.dedent(text).split())
