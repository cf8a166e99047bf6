"""A store's local time: its quiet hours, the morning digest, timestamps as it reads them (its
time zone and its days: domain.tenancy.local_time)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.stores.models import Store

DIGEST_HOUR = time(9, 0)  # a deferred notification goes out in the next morning's digest


def _at(day: date, moment: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, moment, tzinfo=zone)


def quiet_until(store: Store, zone: ZoneInfo, at: datetime) -> datetime | None:
    """The end of the store's quiet hours when `at` falls inside them, else None.

    Quiet hours may wrap midnight (22:00-08:00); equal start and end mean none.
    """
    start, end = store.quiet_hours_start, store.quiet_hours_end
    if start is None or end is None or start == end:
        return None
    local = at.astimezone(zone)
    now = local.time().replace(tzinfo=None)
    if start < end:
        return _at(local.date(), end, zone) if start <= now < end else None
    if now >= start:
        return _at(local.date() + timedelta(days=1), end, zone)
    if now < end:
        return _at(local.date(), end, zone)
    return None


def outside_quiet_hours(store: Store, zone: ZoneInfo, at: datetime) -> datetime:
    """`at`, or the end of the quiet hours it falls in."""
    return quiet_until(store, zone, at) or at


def digest_time(store: Store, zone: ZoneInfo, day: date) -> datetime:
    """When the digest of `day` goes out: that morning, after the quiet hours."""
    return outside_quiet_hours(store, zone, _at(day, DIGEST_HOUR, zone))


def local_text(at: datetime | None, zone: ZoneInfo) -> str:
    """A timestamp as the store reads it (local, to the minute)."""
    return at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if at else ""
