"""Housekeeping jobs."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.identity.models import LoginFailure, RefreshToken
from domain.jobs.registry import job


@job("maintenance.purge_expired_credentials", queue="low", exactly_once=False)
async def purge_expired_credentials(session: AsyncSession) -> dict[str, int]:
    """Drop the tenant's expired refresh tokens and day-old failed logins."""
    now = clock.now()
    tokens = await session.execute(delete(RefreshToken).where(RefreshToken.expires_at < now))
    failures = await session.execute(
        delete(LoginFailure).where(LoginFailure.at < now - timedelta(days=1))
    )
    return {"refresh_tokens": tokens.rowcount or 0, "login_failures": failures.rowcount or 0}  # type: ignore[attr-defined]
