"""The docs keep up with the code: the command reference is generated, the README lists every command."""

import importlib.util
import re

import pytest

from cli import cli
from conftest import ROOT


def _reference_module():
    path = ROOT / "docs" / "cli_reference.py"
    if not path.is_file():
        pytest.skip("docs/ is not shipped with an installed package")
    spec = importlib.util.spec_from_file_location("cli_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_generated_from_the_commands():
    expected = _reference_module().reference()
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md is out of date: run `python docs/cli_reference.py > docs/cli.md`"


def test_readme_lists_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Commands"):readme.index("### Reading a diff")]
    listed = set(re.findall(r"^\| `argmap (\w+)", table, re.M))
    assert listed == set(cli.commands), sorted(set(cli.commands) ^ listed)


def test_readme_quick_start_is_two_commands_that_need_no_sudo_as_root():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^## Quick start.*?^```[^\n]*\n(.*?)^```", readme, re.M | re.S).group(1)
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 2
    for command in commands:
        # sudo only when not root, so the same line works in a container with no sudo
        assert command.startswith('S=$([ "$(id -u)" = 0 ] || echo sudo); $S apt-get update')
    assert commands[0].endswith("argmap report") and commands[1].endswith("python -m pytest")


def test_nothing_is_installed_under_a_generic_top_level_name():
    """render/ installs as argmap.render and cli.py as argmap_cli.cli, keeping the repository's layout."""
    import tomllib

    import argmap.render

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    tops = {p.split(".")[0] for p in config["tool"]["setuptools"]["packages"]}
    assert tops == {"argmap", "argmap_cli"} and "py-modules" not in config["tool"]["setuptools"]
    assert config["project"]["scripts"]["argmap"] == "argmap_cli.cli:main"
    assert config["tool"]["setuptools"]["package-dir"]["argmap.render"] == "render"
    assert argmap.render.__path__[0] == str(ROOT / "render")  # the checkout's render/, as argmap.render


@pytest.mark.parametrize("module", ["argmap.coverage", "argmap.sources", "argmap.study"])
def test_docstring_examples_run(module):
    """The small runnable examples in the library's docstrings stay true."""
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
