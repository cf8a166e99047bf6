"""Logging in and out: passwords, throttling, access tokens and rotating refresh tokens."""

from __future__ import annotations

import logging
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.audit.recorder import record
from domain.db import Database
from domain.db.binding import session_tenant
from domain.errors import DomainError, ErrorCode
from domain.identity import throttle
from domain.identity.models import Membership, RefreshToken, User
from domain.identity.passwords import (
    check_password,
    digest,
    hash_password_off_loop,
    needs_rehash,
    new_secret,
)
from domain.identity.throttle import DatabaseFailures, FailureStore, RedisFailures
from domain.identity.tokens import issue_access_token
from domain.permissions import Actor, Role
from domain.settings import Settings
from domain.tenancy.live import live_tenant, tenant_deleted_error
from domain.tenancy.service import tenant_by_slug
from domain.tenancy.session import tenant_session

BAD_CREDENTIALS = "unknown tenant, e-mail or password"
#: Security alerts (repeated failed logins): route this logger to the operators' alerting.
alerts = logging.getLogger("peihuo.security")


@dataclass(frozen=True)
class TokenPair:
    """What a successful login or refresh returns."""

    access_token: str
    refresh_token: str
    expires_in: int
    actor: Actor


class ThrottledError(DomainError):
    """Too many failed logins; carries how long to wait."""

    def __init__(self, retry_after: timedelta) -> None:
        super().__init__(ErrorCode.THROTTLED, "too many failed logins; try again later", None)
        self.retry_after = retry_after


async def actor_for(session: AsyncSession, user: User, tenant_id: int) -> Actor | None:
    """The actor a user is in a tenant, from their active membership (None without one);
    UNAUTHENTICATED once the tenant is deleted (login and refresh both come here)."""
    if not await session.scalar(select(live_tenant(tenant_id))):
        raise tenant_deleted_error()
    membership = await session.scalar(
        select(Membership).where(Membership.user_id == user.id, Membership.is_active.is_(True))
    )
    return await _actor(session, user, membership, tenant_id)


async def _actor(
    session: AsyncSession, user: User, membership: Membership | None, tenant_id: int
) -> Actor | None:
    """The actor of a user with this active membership (None: none) in the tenant."""
    if membership is None:
        if not user.is_platform_admin:
            return None
        return Actor(
            tenant_id=tenant_id, role=Role.PLATFORM_ADMIN, user_id=user.id, label=user.email
        )
    return Actor(
        tenant_id=tenant_id,
        role=membership.role,
        user_id=user.id,
        region_id=membership.region_id,
        label=user.email,
        membership_id=membership.id,
    )


def growing_delay(failures: int, free: int, settings: Settings) -> timedelta:
    """The wait after `failures` failures of which `free` cost nothing: doubling from
    `login_delay_base` up to `login_delay_max`."""
    if failures < free:
        return timedelta(0)
    base = settings.login_delay_base.total_seconds()
    seconds = min(base * 2 ** min(failures - free, 40), settings.login_delay_max.total_seconds())
    return timedelta(seconds=seconds)


async def _check_throttle(store: FailureStore, settings: Settings, email: str, address: str) -> int:
    """Refuse while a growing delay since the last failure runs, per (account, address) and per
    address; else the pair's failures within the window.

    Deliberately not per account alone: failures from one place must not lock the owner out
    from another (anyone could otherwise lock out HQ). Repeated failures on an account raise
    an alert instead (`_note_failure`). The failures are kept where every process sees them
    (domain/identity/throttle.py: Redis when configured, else the database).
    """
    now = clock.now()
    free = settings.login_max_failures
    # An address may mistype a few accounts; a pair is one person guessing one password.
    pair, by_address = await store.pair_and_address(email, address, now - settings.login_window)
    waits = [
        count.last + growing_delay(count.failures, allowed, settings) - now
        for count, allowed in ((pair, free), (by_address, 4 * free))
        if count.last is not None
    ]
    wait = max(waits, default=timedelta(0))
    if wait > timedelta(0):
        raise ThrottledError(timedelta(seconds=math.ceil(wait.total_seconds())))
    return pair.failures


async def _note_failure(
    session: AsyncSession,
    store: FailureStore,
    settings: Settings,
    email: str,
    address: str,
    user: User | None,
) -> None:
    """Record a failure; at every `login_alert_failures` failures on an account within the
    window, an audit entry and an alert (a warning in the log, for the operators' alerting)."""
    now = clock.now()
    await store.record(email, address, now)
    count, addresses = await store.account(email, now - settings.login_window)
    every = settings.login_alert_failures
    if count < every or count % every:
        return
    facts = {
        "email": email,
        "failures": count,
        "addresses": addresses,
        "last_address": address,
        "window_minutes": int(settings.login_window.total_seconds() // 60),
    }
    await record(
        session, "auth.repeated_login_failures", "user", user.id if user else None, after=facts
    )
    alerts.warning(
        "security alert: %s failed logins for %s in tenant %s from %s addresses (last %s)",
        count,
        email,
        session_tenant(session),
        addresses,
        address,
    )


async def login(
    db: Database, settings: Settings, tenant_slug: str, email: str, password: str, address: str
) -> TokenPair:
    """Check a password and open a token family; throttled per (account, address) and per
    address, with failures counted in Redis when one is configured, else in the database.

    The password is checked on the hashing threads (not the event loop) between two
    transactions: no connection is held while argon2 runs.
    """
    email = email.strip().lower()
    tenant = await tenant_by_slug(db, tenant_slug)
    if tenant is None:
        await check_password(None, password)
        raise DomainError(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS)
    async with tenant_session(db, Actor.system(tenant.id, label=f"login:{email}")) as session:
        if not throttle.uses_redis(settings):
            return await _login(
                session, DatabaseFailures(session), settings, email, password, address
            )
        window = int(settings.login_window.total_seconds())
        store = RedisFailures(throttle.redis_client(settings), tenant.slug, window)
        return await _login(session, store, settings, email, password, address)


async def _login(
    session: AsyncSession,
    store: FailureStore,
    settings: Settings,
    email: str,
    password: str,
    address: str,
) -> TokenPair:
    failures = await _check_throttle(store, settings, email, address)
    tenant_id = session_tenant(session)
    assert tenant_id is not None
    # The account, its active membership here and whether the tenant lives, in one statement
    # before the password is checked (the hash runs between two transactions).
    found = (
        await session.execute(
            select(User, Membership, live_tenant(tenant_id))
            .outerjoin(
                Membership,
                and_(Membership.user_id == User.id, Membership.is_active.is_(True)),
            )
            .where(User.email == email)
        )
    ).first()
    await session.commit()  # ends the read transaction (objects stay loaded)
    user, membership, live = found if found is not None else (None, None, True)
    stored = user.password_hash if user else None
    ok = await check_password(stored, password)
    actor = None
    if ok and user is not None and user.is_active:
        if not live:  # as refresh does (actor_for): a deleted tenant's members are refused
            raise tenant_deleted_error()
        actor = await _actor(session, user, membership, tenant_id)
    if actor is None:
        await _note_failure(session, store, settings, email, address, user)
        await session.commit()
        raise DomainError(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS)
    if user is not None and stored is not None and needs_rehash(stored):
        # Made with older parameters: upgraded now that the password is known (once).
        fresh = await hash_password_off_loop(password)
        await session.execute(
            update(User)
            .where(User.id == user.id, User.password_hash == stored)
            .values(password_hash=fresh)
        )
    # Only this place's failures: another address's guesses at the account still count.
    # Without any in the window there is nothing to forget (older ones the maintenance job
    # purges): one round trip fewer for nearly every login.
    if failures:
        await store.forget_pair(email, address)
    pair = await _issue_pair(session, settings, actor, family=new_secret(16))
    await session.commit()
    return pair


async def _issue_pair(
    session: AsyncSession, settings: Settings, actor: Actor, family: str
) -> TokenPair:
    assert actor.user_id is not None and actor.tenant_id is not None
    secret = new_secret(32)
    refresh = f"{actor.tenant_id}.{secret}"
    session.add(
        RefreshToken(
            user_id=actor.user_id,
            family=family,
            token_hash=digest(refresh),
            expires_at=clock.now() + settings.refresh_token_ttl,
        )
    )
    return TokenPair(
        access_token=issue_access_token(settings, actor, session=family),
        refresh_token=refresh,
        expires_in=int(settings.access_token_ttl.total_seconds()),
        actor=actor,
    )


def tenant_id_from(text: str) -> int | None:
    """The tenant id written at the head of a token or client id, if it is a plausible one."""
    # Bounded so that a forged id cannot overflow the integer column (a 500 instead of a 401).
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        return None
    return int(text)


def _tenant_of_refresh(token: str) -> int:
    head, _, secret = token.partition(".")
    tenant_id = tenant_id_from(head)
    if tenant_id is None or not secret:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "invalid refresh token")
    return tenant_id


async def refresh(db: Database, settings: Settings, token: str) -> TokenPair:
    """Rotate a refresh token. Presenting one already used revokes its whole family."""
    tenant_id = _tenant_of_refresh(token)
    now = clock.now()
    async with tenant_session(db, Actor.system(tenant_id, label="refresh")) as session:
        row = await session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == digest(token))
        )
        if row is None or row.revoked_at is not None or row.expires_at <= now:
            raise DomainError(ErrorCode.UNAUTHENTICATED, "invalid refresh token")
        first_use = row.used_at is None
        if first_use:
            # Marked used only if nobody did first, so two racing requests cannot both rotate it.
            claimed = await session.execute(
                update(RefreshToken)
                .where(RefreshToken.id == row.id, RefreshToken.used_at.is_(None))
                .values(used_at=now)
            )
            first_use = claimed.rowcount == 1  # type: ignore[attr-defined]
        if not first_use:
            # Reuse: someone holds a stolen copy. Cut off every token of the family.
            await _revoke_family(session, row.family)
            await session.commit()
            raise DomainError(
                ErrorCode.UNAUTHENTICATED, "refresh token reused; please log in again"
            )
        user = await session.get(User, row.user_id)
        actor = await actor_for(session, user, tenant_id) if user and user.is_active else None
        if actor is None:
            await _revoke_family(session, row.family)
            await session.commit()
            raise DomainError(ErrorCode.UNAUTHENTICATED, "account no longer active")
        pair = await _issue_pair(session, settings, actor, family=row.family)
        await session.commit()
        return pair


async def _revoke_family(session: AsyncSession, family: str) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family == family, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )


async def logout(db: Database, token: str) -> None:
    """Revoke the refresh token's family (idempotent; unknown tokens are ignored)."""
    try:
        tenant_id = _tenant_of_refresh(token)
    except DomainError:
        return
    async with tenant_session(db, Actor.system(tenant_id, label="logout")) as session:
        row = await session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == digest(token))
        )
        if row is not None:
            await _revoke_family(session, row.family)
            await session.commit()


def new_token_id() -> str:
    """A short random identifier (key prefixes, client ids)."""
    return secrets.token_hex(6)
