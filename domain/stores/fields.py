"""A store's fields as given (by a form, the API or a file row) and the reference data that checks them.

`StoreFields` holds what a caller wants to set; a field left `UNSET` stays as it is. The checks
(domain.stores.validation) need a few facts from the database (regions and their provinces,
merchandisers, franchisees, custom field rules, taken codes, known SKU codes): `load_references`
loads them once for a whole batch, so that a bulk import checks every row without a query per row.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, time
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bulk import chunks
from domain.catalogue.models import Sku
from domain.errors import ErrorCode, FieldError
from domain.identity.models import Membership, User
from domain.outbound.guard import check_url
from domain.outbound.policy import OutboundPolicy
from domain.permissions import Role
from domain.regions.models import Region
from domain.settings import get_settings
from domain.stores.custom_fields import FieldRule, field_rules
from domain.stores.models import Store


class Unset(enum.Enum):
    """The type of UNSET."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET


@dataclass
class StoreFields:
    """Values to give a store; UNSET leaves a field as it is (or at its default on creation).

    Optional fields take None to clear them. `custom_fields` is merged into the store's values
    (a None value removes a key). Enum fields take the enum or its value as text.
    """

    code: str | Unset = UNSET
    name: str | Unset = UNSET
    region_id: int | Unset = UNSET
    province: str | Unset = UNSET
    city: str | Unset = UNSET
    address: str | Unset | None = UNSET
    latitude: float | Unset | None = UNSET
    longitude: float | Unset | None = UNSET
    opened_on: date | Unset | None = UNSET
    floor_area: Decimal | Unset = UNSET
    display_capacity: int | Unset = UNSET
    tier: str | Unset = UNSET
    status: str | Unset = UNSET
    budget: Decimal | Unset = UNSET
    time_zone: str | Unset | None = UNSET
    merchandiser_id: int | Unset | None = UNSET
    franchisee_id: int | Unset | None = UNSET
    franchisee_name: str | Unset | None = UNSET
    franchisee_phone: str | Unset | None = UNSET
    franchisee_email: str | Unset | None = UNSET
    favoured_categories: Sequence[str] | Unset = UNSET
    excluded_categories: Sequence[str] | Unset = UNSET
    excluded_skus: Sequence[str] | Unset = UNSET
    price_min: Decimal | Unset | None = UNSET
    price_max: Decimal | Unset | None = UNSET
    preferred_channel: str | Unset = UNSET
    chat_webhook_url: str | Unset | None = UNSET
    quiet_hours_start: time | Unset | None = UNSET
    quiet_hours_end: time | Unset | None = UNSET
    custom_fields: dict[str, Any] | Unset = UNSET

    def given(self) -> list[str]:
        """Names of the fields that are set."""
        return [f.name for f in fields(self) if getattr(self, f.name) is not UNSET]


# Fields of each group, for the permission each group needs.
PREFERENCE_FIELDS: Final = frozenset(
    {
        "favoured_categories",
        "excluded_categories",
        "excluded_skus",
        "price_min",
        "price_max",
        "preferred_channel",
        "chat_webhook_url",
        "quiet_hours_start",
        "quiet_hours_end",
    }
)
PII_FIELDS: Final = frozenset(
    {"franchisee_phone", "franchisee_email", "address", "latitude", "longitude", "chat_webhook_url"}
)


@dataclass(frozen=True)
class RegionRef:
    """A region and the provinces it covers."""

    id: int
    code: str
    provinces: frozenset[str]


@dataclass(frozen=True)
class PersonRef:
    """A member of the tenant: their user id, name, e-mail, role, region and whether active."""

    user_id: int
    name: str
    email: str
    role: Role
    region_id: int | None
    active: bool


@dataclass
class StoreReferences:
    """What the checks need to know of the tenant, loaded once per batch."""

    regions: dict[int, RegionRef] = field(default_factory=dict)
    people: dict[int, PersonRef] = field(default_factory=dict)
    rules: dict[str, FieldRule] = field(default_factory=dict)
    # Store id by code for the codes of the batch (all stores, visible or not: codes are unique).
    store_by_code: dict[str, int] = field(default_factory=dict)
    sku_codes: set[str] = field(default_factory=set)
    # Why the server may not call a URL of the batch (chat webhooks), by URL as given trimmed.
    url_refusals: dict[str, str] = field(default_factory=dict)

    def region_of_province(self, province: str) -> RegionRef | None:
        """The region covering a (canonical) province."""
        return next((r for r in self.regions.values() if province in r.provinces), None)

    def region_by_code(self, code: str) -> RegionRef | None:
        """A region by its code (for files that name regions by code)."""
        return next((r for r in self.regions.values() if r.code == code), None)

    def person_by_email(self, email: str) -> PersonRef | None:
        """A member by login e-mail (for files that name people by e-mail)."""
        email = email.strip().lower()
        return next((p for p in self.people.values() if p.email == email), None)


async def _url_refusals(urls: set[str], policy: OutboundPolicy) -> dict[str, str]:
    """Each URL the outbound guard refuses, with why (the lookups run side by side)."""
    gate = asyncio.Semaphore(16)

    async def check(url: str) -> tuple[str, str | None]:
        async with gate:
            return url, await check_url(url, policy)

    answers = await asyncio.gather(*(check(url) for url in urls))
    return {url: why for url, why in answers if why is not None}


async def load_references(
    session: AsyncSession,
    batch: Iterable[StoreFields] = (),
    outbound: OutboundPolicy | None = None,
) -> StoreReferences:
    """The reference data to check `batch` (regions, members, rules, codes and SKUs it names,
    and what the outbound guard says of its webhook URLs under `outbound`, by default the
    operator's settings)."""
    batch = list(batch)
    refs = StoreReferences()
    for region in await session.scalars(select(Region)):
        refs.regions[region.id] = RegionRef(
            region.id, region.code, frozenset(region.province_names)
        )
    members = await session.execute(
        select(User.id, Membership.name, User.email, Membership.role, Membership.region_id)
        .add_columns(Membership.is_active & User.is_active)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.role.in_((Role.MERCHANDISER, Role.FRANCHISEE)))
    )
    for user_id, name, email, role, region_id, active in members:
        refs.people[user_id] = PersonRef(user_id, name, email, Role(role), region_id, bool(active))
    refs.rules = await field_rules(session)
    codes = {f.code.strip() for f in batch if isinstance(f.code, str)}
    for part in chunks(codes):
        rows = await session.execute(
            select(Store.code, Store.id)
            .where(Store.code.in_(part))
            .execution_options(all_stores=True)
        )
        refs.store_by_code.update({code: store_id for code, store_id in rows})
    skus = {
        s.strip() for f in batch if not isinstance(f.excluded_skus, Unset) for s in f.excluded_skus
    }
    for part in chunks(skus):
        refs.sku_codes.update(await session.scalars(select(Sku.code).where(Sku.code.in_(part))))
    urls = {f.chat_webhook_url.strip() for f in batch if isinstance(f.chat_webhook_url, str)}
    if urls - {""}:
        policy = outbound or OutboundPolicy.of(get_settings())
        refs.url_refusals = await _url_refusals(urls - {""}, policy)
    return refs


class FieldCheck:
    """The state of checking one store's fields: clean values to write, and the problems found."""

    def __init__(
        self, fields: StoreFields, current: Store | None, refused: Iterable[str] = ()
    ) -> None:
        self.fields = fields
        self.current = current
        self.values: dict[str, Any] = {}
        self.errors: list[FieldError] = []
        # Fields the caller already refused (a file's unreadable cells, unknown references).
        self._refused: set[str] = set(refused)

    def given(self, name: str) -> bool:
        """Whether the caller set `name`."""
        return getattr(self.fields, name) is not UNSET

    def raw(self, name: str) -> Any:
        """The value the caller gave for `name`."""
        return getattr(self.fields, name)

    def set(self, name: str, value: Any) -> None:
        """Accept a clean value for `name`."""
        self.values[name] = value

    def fail(
        self, name: str, message: str, code: ErrorCode = ErrorCode.INVALID, path: str | None = None
    ) -> None:
        """Refuse `name` (the error names `path`, `name` when not given)."""
        self.errors.append(FieldError(code=code, message=message, field=path or name))
        self._refused.add(name)

    def refused(self, name: str) -> bool:
        """Whether `name` was refused (cross-field rules then say nothing more about it)."""
        return name in self._refused

    def final(self, name: str, default: Any = None) -> Any:
        """What `name` will be once written: the clean new value, else the current one.

        UNSET when the new value was refused (so that cross-field rules skip it).
        """
        if name in self._refused:
            return UNSET
        if name in self.values:
            return self.values[name]
        if self.current is not None:
            return getattr(self.current, name)
        return default
