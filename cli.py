"""The `cancu` command: a thin group; each subpackage registers the commands it owns."""

from __future__ import annotations

import os
import sys

import click

from cancu import __version__


class CancuError(click.ClickException):
    """An error the user can act on: printed as one line, exit status 1, never a stack trace."""

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"cancu: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cancu")
def cli() -> None:
    """Turn Vietnamese government documents into a knowledge graph, and query it."""


def _register() -> None:
    from cancu.ingest.cli import register as ingest_commands
    from cancu.ontology.cli import register as ontology_commands
    from cancu.queries.cli import register as query_commands
    from cancu.viz.cli import register as viz_commands

    for register in (ingest_commands, ontology_commands, query_commands, viz_commands):
        register(cli)


_register()


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("cancu: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # the last line of defence: one line, no stack trace (CANCU_DEBUG=1 shows it)
        if os.environ.get("CANCU_DEBUG"):
            raise
        click.echo(
            f"cancu: internal error: {type(exc).__name__}: {exc} (set CANCU_DEBUG=1 for details)", err=True
        )
        sys.exit(2)
