"""Write docs/cli.md from the commands themselves, so the reference cannot drift.

Run from the project root:  python docs/cli_reference.py > docs/cli.md
tests/test_docs.py fails when docs/cli.md differs from what this prints.
"""

from __future__ import annotations

import click


def _commands(group: click.Group, prefix: str = "argmap"):
    for name in sorted(group.commands):
        command = group.commands[name]
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from _commands(command, path)
        else:
            yield path, command


def reference() -> str:
    from cli import cli

    out = ["# Command reference", "",
           "Every `argmap` command with all its options, generated from the commands by",
           "`python docs/cli_reference.py > docs/cli.md` (a test keeps it in step). `argmap COMMAND --help`",
           "prints the same in a terminal.", ""]
    for path, command in _commands(cli):
        # The same settings as the commands run with (cli.CONTEXT), so -h shows as it does there.
        context = click.Context(command, info_name=path, max_content_width=100, terminal_width=100,
                                help_option_names=["-h", "--help"])
        out += [f"## `{path}`", "", "```text", command.get_help(context).rstrip(), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(reference(), end="")
