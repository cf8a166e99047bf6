"""Each `peihuo` command, in a process of its own, sees every table.

A command imports only the modules it uses, so a model no import reaches (the users a run's
`requested_by_id` points at) was missing from the metadata and the first query failed, in
the command's process only: in-process tests had every model imported already."""

from __future__ import annotations

import subprocess
import sys

import pytest

from api.cli import COMMANDS

PROBE = """
import sys
import importlib
from sqlalchemy.orm import configure_mappers
importlib.import_module("api.cli." + sys.argv[1])
from domain.db import Database
from domain.db.base import Base
Database("sqlite+aiosqlite://")
configure_mappers()
print(len(Base.metadata.tables))
"""


def _tables_in_a_fresh_process(module: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, module], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.strip())


@pytest.mark.parametrize("module", sorted({module for module, _ in COMMANDS.values()}))
def test_a_command_sees_every_table(module: str) -> None:
    import domain.models  # noqa: F401
    from domain.db.base import Base

    assert _tables_in_a_fresh_process(module) == len(Base.metadata.tables)
