"""A store's preferences: favoured and excluded categories, price band, excluded SKUs, how and when
to reach it. What the recommendation engine and the notifications read, and how they are checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from typing import Final

from domain.catalogue.service import amount_problem
from domain.errors import ErrorCode
from domain.stores.fields import UNSET, FieldCheck, StoreReferences
from domain.stores.models import ContactChannel, Store

MAX_CATEGORIES: Final = 100
MAX_CATEGORY_LENGTH: Final = 40  # as long as a product's category
MAX_EXCLUDED_SKUS: Final = 2000
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class StorePreferences:
    """What a store prefers, read from the store (the one shape every reader uses)."""

    favoured_categories: tuple[str, ...]
    excluded_categories: tuple[str, ...]
    excluded_skus: tuple[str, ...]
    price_min: Decimal | None
    price_max: Decimal | None
    preferred_channel: ContactChannel
    quiet_hours_start: time | None
    quiet_hours_end: time | None

    @classmethod
    def of(cls, store: Store) -> StorePreferences:
        """The preferences of a store."""
        return cls(
            favoured_categories=tuple(store.favoured_categories or ()),
            excluded_categories=tuple(store.excluded_categories or ()),
            excluded_skus=tuple(store.excluded_skus or ()),
            price_min=store.price_min,
            price_max=store.price_max,
            preferred_channel=ContactChannel(store.preferred_channel),
            quiet_hours_start=store.quiet_hours_start,
            quiet_hours_end=store.quiet_hours_end,
        )


def _text_list(check: FieldCheck, name: str, limit: int, length: int) -> list[str] | None:
    """Trimmed, de-duplicated entries of a list field, or None when refused."""
    raw = check.raw(name)
    if isinstance(raw, str):
        check.fail(name, "give a list, not a single text")
        return None
    if len(raw) > limit:
        check.fail(name, f"at most {limit} entries")
        return None
    out: list[str] = []
    ok = True
    for i, entry in enumerate(raw):
        value = entry.strip() if isinstance(entry, str) else ""
        if not value or len(value) > length:
            check.fail(name, f"an entry is 1 to {length} characters", path=f"{name}[{i}]")
            ok = False
        elif value not in out:
            out.append(value)
    return out if ok else None


def _categories(check: FieldCheck) -> None:
    for name in ("favoured_categories", "excluded_categories"):
        if check.given(name):
            value = _text_list(check, name, MAX_CATEGORIES, MAX_CATEGORY_LENGTH)
            if value is not None:
                check.set(name, value)
    favoured = check.final("favoured_categories", [])
    excluded = check.final("excluded_categories", [])
    if favoured is UNSET or excluded is UNSET:
        return
    both = [c for c in excluded or () if c in (favoured or ())]
    if both:
        name = (
            "excluded_categories" if check.given("excluded_categories") else "favoured_categories"
        )
        check.fail(name, f"{', '.join(both)} cannot be both favoured and excluded")


def _excluded_skus(check: FieldCheck, refs: StoreReferences) -> None:
    if not check.given("excluded_skus"):
        return
    codes = _text_list(check, "excluded_skus", MAX_EXCLUDED_SKUS, 60)
    if codes is None:
        return
    unknown = False
    for i, code in enumerate(check.raw("excluded_skus")):
        code = code.strip()
        if code not in refs.sku_codes:
            check.fail(
                "excluded_skus",
                f"unknown SKU code {code!r}",
                ErrorCode.NOT_FOUND,
                path=f"excluded_skus[{i}]",
            )
            unknown = True
    if not unknown:
        check.set("excluded_skus", codes)


def _price_band(check: FieldCheck) -> None:
    for name in ("price_min", "price_max"):
        if not check.given(name):
            continue
        value = check.raw(name)
        if value is None:
            check.set(name, None)
        elif not isinstance(value, Decimal) or (problem := amount_problem(value)):
            check.fail(
                name, f"price {problem if isinstance(value, Decimal) else 'must be a number'}"
            )
        else:
            check.set(name, value)
    low, high = check.final("price_min"), check.final("price_max")
    if low not in (None, UNSET) and high not in (None, UNSET) and low > high:
        name = "price_min" if check.given("price_min") else "price_max"
        check.fail(name, f"the lowest price ({low}) is above the highest ({high})")


def _channel(check: FieldCheck, refs: StoreReferences) -> None:
    if check.given("preferred_channel"):
        raw = check.raw("preferred_channel")
        try:
            check.set("preferred_channel", ContactChannel(str(raw).strip().lower()))
        except ValueError:
            allowed = ", ".join(c.value for c in ContactChannel)
            check.fail("preferred_channel", f"{raw!r} is not a channel ({allowed})")
    if check.given("chat_webhook_url"):
        url = check.raw("chat_webhook_url")
        url = url.strip() if isinstance(url, str) else url
        if not url:
            check.set("chat_webhook_url", None)
        elif len(url) > 500 or not _URL.match(url):
            check.fail("chat_webhook_url", "give an https address of at most 500 characters")
        elif url in refs.url_refusals and url != getattr(check.current, "chat_webhook_url", None):
            # The server will POST there: internal addresses are refused (domain.outbound).
            check.fail(
                "chat_webhook_url",
                f"{refs.url_refusals[url]}: give a public https address of the chat service",
            )
        else:
            check.set("chat_webhook_url", url)
    channel = check.final("preferred_channel", ContactChannel.EMAIL)
    if channel == ContactChannel.CHAT and check.final("chat_webhook_url") is None:
        check.fail(
            "chat_webhook_url" if check.given("chat_webhook_url") else "preferred_channel",
            "chat needs the chat webhook address",
            ErrorCode.REQUIRED,
        )


def _quiet_hours(check: FieldCheck) -> None:
    for name in ("quiet_hours_start", "quiet_hours_end"):
        if check.given(name):
            value = check.raw(name)
            if value is not None and not isinstance(value, time):
                check.fail(name, "give a time of day (HH:MM)")
            else:
                check.set(name, value.replace(second=0, microsecond=0) if value else None)
    start, end = check.final("quiet_hours_start"), check.final("quiet_hours_end")
    if UNSET in (start, end):
        return
    name = "quiet_hours_end" if check.given("quiet_hours_end") else "quiet_hours_start"
    if (start is None) != (end is None):
        check.fail(name, "give both the start and the end of the quiet hours, or neither")
    elif start is not None and start == end:
        check.fail(name, "quiet hours cannot start and end at the same time")


def check_preferences(check: FieldCheck, refs: StoreReferences) -> None:
    """Check the preference fields given (and how they agree with the store's other ones)."""
    _categories(check)
    _excluded_skus(check, refs)
    _price_band(check)
    _channel(check, refs)
    _quiet_hours(check)
