"""The VS Code extension's manifest and files, as the Marketplace, Open VSX and `vsce` read them."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EXTENSION = Path(__file__).parents[1] / "editors" / "vscode"
PACKAGE = json.loads((EXTENSION / "package.json").read_text("utf-8"))
SOURCES = "\n".join(path.read_text("utf-8") for path in (EXTENSION / "src").glob("*.ts"))


def test_every_command_is_registered_and_every_registration_declared() -> None:
    declared = {command["command"] for command in PACKAGE["contributes"]["commands"]}
    registered = {f"autogen-lint.{name}" for name in re.findall(r"registerCommand\(`\$\{SECTION\}\.(\w+)`", SOURCES)}
    assert 'OPEN_LINK = "autogen-lint.openLink"' in SOURCES and "registerCommand(OPEN_LINK" in SOURCES
    assert declared == registered | {"autogen-lint.openLink"}


def test_settings_that_override_the_project_are_unset_by_default() -> None:
    properties = PACKAGE["contributes"]["configuration"]["properties"]
    for name in ("select", "ignore", "unsafeFixes", "guideUrl"):
        assert properties[f"autogen-lint.{name}"]["default"] is None, name
    assert all(item.get("markdownDescription") for item in properties.values())
    assert properties["autogen-lint.importStrategy"]["enum"] == ["useBundled", "fromEnvironment"]


def test_an_untrusted_workspace_cannot_choose_what_runs() -> None:
    trust = PACKAGE["capabilities"]["untrustedWorkspaces"]
    assert trust["supported"] == "limited"
    assert set(trust["restrictedConfigurations"]) == {
        "autogen-lint.path",
        "autogen-lint.interpreter",
        "autogen-lint.importStrategy",
    }


def test_ready_to_publish() -> None:
    for key in ("name", "publisher", "version", "license", "repository", "icon", "categories", "keywords"):
        assert PACKAGE.get(key), key
    assert (EXTENSION / PACKAGE["icon"]).read_bytes().startswith(b"\x89PNG")
    assert "extensionDependencies" not in PACKAGE  # installs on Open VSX editors without Microsoft's Python
    assert (EXTENSION / "LICENSE").read_text("utf-8") == (EXTENSION.parents[1] / "LICENSE").read_text("utf-8")
    assert f"## {PACKAGE['version']}" in (EXTENSION / "CHANGELOG.md").read_text("utf-8")
    readme = (EXTENSION / "README.md").read_text("utf-8")
    for picture in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme):
        assert (EXTENSION / picture).is_file(), picture
    ignored = (EXTENSION / ".gitignore").read_text("utf-8").split()
    assert "bundled/libs/" in ignored
    assert "cp ../../" not in PACKAGE["scripts"]["package"]  # packs from the folder alone


def test_bundled_requirements_are_what_the_server_imports() -> None:
    pins = dict(
        line.split("==")
        for line in (EXTENSION / "bundled" / "requirements.txt").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    )
    assert {"pygls", "lsprotocol", "cattrs", "attrs", "packaging", "pathspec", "typing_extensions"} <= set(pins)
    from packaging.requirements import Requirement

    pyproject = tomllib.loads((EXTENSION.parents[1] / "pyproject.toml").read_text("utf-8"))["project"]
    for line in (*pyproject["dependencies"], *pyproject["optional-dependencies"]["server"]):
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"python_version": "3.10"}):
            assert requirement.specifier.contains(pins[requirement.name]), requirement
