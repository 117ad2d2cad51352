"""A flag followed by a boolean word (`--offline true`) is refused before anything runs.

A flag takes no value, so the parser reads the word as the command's next argument: `writer
draft RUT --offline true` drafted a second symbol "TRUE" and failed 30 s later with Yahoo's
error about it.  Someone who types a boolean word after a flag meant it as the flag's value;
the command says so at once (usage, exit 2).  Only the word right after a flag is refused:
elsewhere it may be a real ticker (TRUE, ON)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperOption

#: words that say yes or no, compared without case
BOOLEAN_WORDS = frozenset({"true", "false", "yes", "no"})


class Command(TyperCommand):
    """Every writer command: typer's, with `refuse_flag_values` run on its arguments."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        refuse_flag_values(self, args)
        return super().parse_args(ctx, args)


def refuse_flag_values(command: TyperCommand, args: list[str]) -> None:
    """One line and exit 2 when a boolean flag of `command` is followed by a boolean word."""
    flags = {
        name
        for param in command.params
        if isinstance(param, TyperOption) and param.is_bool_flag
        for name in (*param.opts, *param.secondary_opts)
    }
    for flag, word in pairwise(args):
        if flag == "--":
            return
        if flag in flags and word.lower() in BOOLEAN_WORDS:
            typer.echo(
                f"writer: {flag} is a flag and takes no value: {word!r} would be read as "
                f"{_argument(command)}; drop {word!r}",
                err=True,
            )
            raise typer.Exit(2)


def _argument(command: TyperCommand) -> str:
    """What the command's arguments are, in the singular: "a symbol", "a file"."""
    for param in command.params:
        if isinstance(param, TyperArgument) and param.name:
            return f"a {param.name.removesuffix('s')}"
    return "an argument"
