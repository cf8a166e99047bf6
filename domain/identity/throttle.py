"""Where failed logins are counted: Redis when one is configured, else the database.

Both are shared by every process (API workers on several machines see the same counts). Each
store answers, for a window: the failures of an (account, address) pair and of an address,
with the last one's time (the throttle), and those of an account with how many addresses
they came from (the alert). A success forgets its own pair only.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from redis.asyncio import Redis
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.identity.models import LoginFailure
from domain.settings import Settings


@dataclass(frozen=True)
class Count:
    """Failures within the window and the time of the last (None without any)."""

    failures: int
    last: datetime | None


class FailureStore(Protocol):
    """Failed logins of one tenant."""

    async def record(self, email: str, address: str, at: datetime) -> None: ...

    async def pair_and_address(
        self, email: str, address: str, since: datetime
    ) -> tuple[Count, Count]: ...

    async def account(self, email: str, since: datetime) -> tuple[int, int]: ...

    async def forget_pair(self, email: str, address: str) -> None: ...


class DatabaseFailures:
    """The `login_failures` table, in the login's own transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, email: str, address: str, at: datetime) -> None:
        self.session.add(LoginFailure(email=email, address=address, at=at))
        await self.session.flush()

    async def _count(self, since: datetime, *where: object) -> Count:
        row = (
            await self.session.execute(
                select(func.count(), func.max(LoginFailure.at)).where(
                    LoginFailure.at > since,
                    *where,  # type: ignore[arg-type]
                )
            )
        ).one()
        return Count(int(row[0] or 0), row[1])

    async def pair_and_address(
        self, email: str, address: str, since: datetime
    ) -> tuple[Count, Count]:
        pair = await self._count(
            since, LoginFailure.email == email, LoginFailure.address == address
        )
        return pair, await self._count(since, LoginFailure.address == address)

    async def account(self, email: str, since: datetime) -> tuple[int, int]:
        row = (
            await self.session.execute(
                select(func.count(), func.count(func.distinct(LoginFailure.address))).where(
                    LoginFailure.email == email, LoginFailure.at > since
                )
            )
        ).one()
        return int(row[0] or 0), int(row[1] or 0)

    async def forget_pair(self, email: str, address: str) -> None:
        await self.session.execute(
            delete(LoginFailure).where(LoginFailure.email == email, LoginFailure.address == address)
        )


def _hashed(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


class RedisFailures:
    """Sorted sets of failure times (scored by the clock, so counts follow `clock.now()`),
    each living as long as the window; e-mail addresses appear in keys only hashed."""

    def __init__(self, redis: Redis[bytes], tenant: str, window_seconds: int) -> None:
        self.redis = redis
        self.base = f"peihuo:login:{_hashed(tenant)}:"
        self.ttl = max(window_seconds, 1)

    def _keys(self, email: str, address: str) -> tuple[str, str, str, str]:
        return (
            f"{self.base}pair:{_hashed(email, address)}",
            f"{self.base}address:{_hashed(address)}",
            f"{self.base}account:{_hashed(email)}",
            f"{self.base}account-addresses:{_hashed(email)}",
        )

    async def record(self, email: str, address: str, at: datetime) -> None:
        pair, by_address, account, places = self._keys(email, address)
        score = at.timestamp()
        async with self.redis.pipeline(transaction=False) as pipe:
            for key in (pair, by_address, account):
                pipe.zadd(key, {secrets.token_hex(8): score})
                pipe.expire(key, self.ttl)
            pipe.zadd(places, {address: score})
            pipe.expire(places, self.ttl)
            await pipe.execute()

    async def _counts(self, keys: tuple[str, ...], since: datetime) -> list[Count]:
        async with self.redis.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.zremrangebyscore(key, "-inf", since.timestamp())
                pipe.zcard(key)
                pipe.zrange(key, -1, -1, withscores=True)
            replies = await pipe.execute()
        counts = []
        for index in range(len(keys)):
            failures, last = replies[3 * index + 1], replies[3 * index + 2]
            when = datetime.fromtimestamp(last[0][1], UTC) if last else None
            counts.append(Count(int(failures), when))
        return counts

    async def pair_and_address(
        self, email: str, address: str, since: datetime
    ) -> tuple[Count, Count]:
        pair, by_address, _, _ = self._keys(email, address)
        first, second = await self._counts((pair, by_address), since)
        return first, second

    async def account(self, email: str, since: datetime) -> tuple[int, int]:
        _, _, account, places = self._keys(email, "")
        failures, addresses = await self._counts((account, places), since)
        return failures.failures, addresses.failures

    async def forget_pair(self, email: str, address: str) -> None:
        await self.redis.delete(self._keys(email, address)[0])


def uses_redis(settings: Settings) -> bool:
    """Whether failures go to Redis: a configured one (the embedded stand-in is per process)."""
    return not settings.is_embedded_redis


# One client (a pool of connections) per event loop and Redis: a client per login opened a
# connection and went through its handshake (HELLO, CLIENT SETINFO) for every login.
_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, Redis[bytes]]] = (
    weakref.WeakKeyDictionary()
)


def redis_client(settings: Settings) -> Redis[bytes]:
    """The client for counting failures, kept for the running event loop (not to be closed
    by the caller)."""
    by_url = _clients.setdefault(asyncio.get_running_loop(), {})
    client = by_url.get(settings.redis_url)
    if client is None:
        client = Redis.from_url(settings.redis_url, socket_timeout=2, socket_connect_timeout=2)
        by_url[settings.redis_url] = client
    return client
