"""Commands owned by cancu.ontology."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Add this subpackage's commands to the `cancu` group."""
