"""The CLI reference (docs/cli.md), generated from the commands' own help so it cannot drift.

python -m exodus.clidoc > docs/cli.md
"""

from __future__ import annotations

from typing import Any

import typer.main

from exodus.cli import app


def _param_line(p: Any) -> str:
    if p.param_type_name == "argument":
        name = str(p.name).upper()
        help_text = getattr(p, "help", None) or ""
        many = " (one or more)" if p.nargs == -1 else ""
        return f"- `{name}`{many}: {help_text}".rstrip(": ")
    opts = ", ".join(f"`{o}`" for o in [*p.opts, *p.secondary_opts])
    help_text = getattr(p, "help", None) or ""
    default = p.default if p.default not in (None, False, ()) and not callable(p.default) else None
    extra = f" Default: `{getattr(default, 'value', default)}`." if default is not None else ""
    return f"- {opts}: {help_text}{extra}".rstrip()


def render() -> str:
    root: Any = typer.main.get_command(app)  # typer vendors its own click: duck-type it
    lines = [
        "# exodus command reference",
        "",
        "Generated from the commands' help by `python -m exodus.clidoc`; do not edit.",
        "",
    ]
    _render_group(root, "exodus", lines)
    return "\n".join(lines).rstrip() + "\n"


def _render_group(group: Any, prefix: str, lines: list[str]) -> None:
    for name in sorted(group.commands):
        cmd = group.commands[name]
        lines += [f"## {prefix} {name}", "", (cmd.help or "").strip(), ""]
        params = [p for p in cmd.params if p.name not in ("help",)]
        if params:
            lines += [_param_line(p) for p in params] + [""]
        if getattr(cmd, "commands", None):  # a group: its subcommands follow
            _render_group(cmd, f"{prefix} {name}", lines)


if __name__ == "__main__":
    print(render(), end="")
