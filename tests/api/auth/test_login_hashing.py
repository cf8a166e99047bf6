"""Login hashes passwords on the hashing threads, with no database connection held meanwhile."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from domain.db import Database
from domain.identity import passwords
from domain.identity.models import User
from tests.factories import PASSWORD, World


async def test_the_password_is_checked_off_the_event_loop_outside_any_transaction(
    world: World, client: httpx.AsyncClient, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    loop_thread = threading.current_thread()
    seen: list[tuple[str, int]] = []
    real = passwords.verify_password

    def slow_verify(password_hash: str | None, password: str) -> bool:
        seen.append((threading.current_thread().name, db.engine.sync_engine.pool.checkedout()))  # type: ignore[attr-defined]
        time.sleep(0.3)  # a slow hash: the loop must keep serving meanwhile
        return real(password_hash, password)

    monkeypatch.setattr(passwords, "verify_password", slow_verify)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    running = asyncio.create_task(ticker())
    try:
        response = await client.post(
            "/auth/login",
            json={"tenant": world.tenant.slug, "email": world.hq.email, "password": PASSWORD},
        )
    finally:
        running.cancel()
    assert response.status_code == 200
    assert len(seen) == 1
    thread, checked_out = seen[0]
    assert thread.startswith("argon2") and thread != loop_thread.name
    assert checked_out == 0  # the read transaction ended before the hash; the write starts after
    assert ticks >= 10  # the event loop ran other work during the 0.3 s hash


@pytest.mark.parametrize(
    ("memory_kib", "passes", "lanes"),
    [(8192, 1, 2), (19456, 2, 1)],  # an old weak one; OWASP's 19 MiB option, used until now
)
async def test_a_hash_made_with_older_parameters_is_upgraded_at_the_next_login(
    world: World,
    client: httpx.AsyncClient,
    db: Database,
    memory_kib: int,
    passes: int,
    lanes: int,
) -> None:
    from argon2 import PasswordHasher, extract_parameters

    old = PasswordHasher(time_cost=passes, memory_cost=memory_kib, parallelism=lanes).hash(PASSWORD)
    async with db.session() as session:
        user = await session.get(User, world.hq.user.id)
        assert user is not None
        user.password_hash = old
        await session.commit()
    body: dict[str, Any] = {"tenant": world.tenant.slug, "email": world.hq.email}
    wrong = await client.post("/auth/login", json=body | {"password": "not it"})
    assert wrong.status_code == 401
    async with db.session() as session:
        assert (
            await session.scalar(select(User.password_hash).where(User.id == world.hq.user.id))
            == old
        )
    right = await client.post("/auth/login", json=body | {"password": PASSWORD})
    assert right.status_code == 200
    async with db.session() as session:
        stored = await session.scalar(select(User.password_hash).where(User.id == world.hq.user.id))
    assert stored != old and stored is not None
    assert not passwords.needs_rehash(stored)
    assert passwords.verify_password(stored, PASSWORD)
    now = extract_parameters(stored)
    assert (now.memory_cost, now.time_cost, now.parallelism) == (
        passwords.MEMORY_KIB,
        passwords.PASSES,
        1,
    )
