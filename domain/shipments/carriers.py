"""The carriers Peihuo knows, and the secret each one's webhooks are signed with, per tenant.

A tenant sets its own secret per carrier (`set_webhook_secret`, from the carrier's console);
without one, the platform's `carrier_secrets` setting applies.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit.recorder import record
from domain.errors import ErrorCode, Invalid
from domain.permissions import Actor, Permission, authorize
from domain.settings import Settings
from domain.shipments.models import CarrierAccount

SIMULATED = "sim"
MIN_SECRET = 16


@dataclass(frozen=True)
class Carrier:
    """A parcel carrier: its code in URLs and payloads, its names, its usual transit time."""

    code: str
    name: str
    name_zh: str
    transit_days: int


CARRIERS: dict[str, Carrier] = {
    c.code: c
    for c in (
        Carrier("sf", "SF Express", "顺丰速运", 2),
        Carrier("jd", "JD Logistics", "京东物流", 2),
        Carrier("zto", "ZTO Express", "中通快递", 3),
        Carrier("yto", "YTO Express", "圆通速递", 3),
        Carrier("sto", "STO Express", "申通快递", 3),
        Carrier("yunda", "Yunda Express", "韵达快递", 3),
        Carrier("deppon", "Deppon Logistics", "德邦物流", 3),
        Carrier("ems", "China Post EMS", "中国邮政EMS", 4),
        Carrier(SIMULATED, "Peihuo simulated carrier", "配货模拟承运商", 2),
    )
}


def carrier(code: str, field: str = "carrier") -> Carrier:
    """The carrier with `code`; INVALID naming the known codes otherwise."""
    found = CARRIERS.get(code.strip().lower())
    if found is None:
        known = ", ".join(sorted(CARRIERS))
        raise Invalid(field, f"unknown carrier {code!r}; known carriers: {known}")
    return found


async def webhook_secret(session: AsyncSession, settings: Settings, code: str) -> str | None:
    """The secret `code`'s webhooks to the session's tenant are signed with (None: not set up)."""
    own = await session.scalar(select(CarrierAccount).where(CarrierAccount.carrier == code))
    if own is not None:
        return own.webhook_secret
    default = settings.carrier_secrets.get(code)
    return default.get_secret_value() if default is not None else None


async def set_webhook_secret(
    session: AsyncSession, actor: Actor, code: str, secret: str | None = None
) -> str:
    """Set (or, without `secret`, generate) the tenant's webhook secret for a carrier; returns it."""
    authorize(actor, Permission.TENANT_SETTINGS)
    known = carrier(code)
    if secret is not None and len(secret) < MIN_SECRET:
        raise Invalid("secret", f"at least {MIN_SECRET} characters", ErrorCode.INVALID)
    value = secret or secrets.token_urlsafe(32)
    account = await session.scalar(
        select(CarrierAccount).where(CarrierAccount.carrier == known.code)
    )
    action = "carrier_account.secret_rotated" if account else "carrier_account.created"
    if account is None:
        account = CarrierAccount(carrier=known.code, webhook_secret=value)
        session.add(account)
    account.webhook_secret = value
    await session.flush()
    # The model is not audited automatically, so that the secret never reaches the log.
    await record(session, action, "carrier_accounts", account.id, None, {"carrier": known.code})
    return value
