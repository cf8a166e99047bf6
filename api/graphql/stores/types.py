"""GraphQL types of a store: its profile, preferences, custom fields and merchandiser assignments.

Personal data of the franchisee (phone, e-mail, the shop's address and geo point, the chat
webhook) is null for those who do not serve the store; `personalDataVisible` says which case.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Self, cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from api.graphql.context import Info
from api.graphql.enums import expose
from api.graphql.identity.types import UserType, people_with_memberships
from api.graphql.regions.types import RegionType
from api.graphql.relay import ModelNode
from api.graphql.stores.loaders import assignments_loader, last_contact_loader, rules_loader
from domain.permissions import Permission
from domain.regions.models import Region
from domain.stores.access import may
from domain.stores.models import (
    ContactChannel,
    CustomFieldDefinition,
    FieldType,
    MerchandiserAssignment,
    Store,
    StoreStatus,
    Tier,
)

if TYPE_CHECKING:
    from api.graphql.passport.types import ContactLogEntryType

expose(
    Tier,
    "StoreTier",
    "Value tier, by purchase value and frequency.",
    {
        "A": "Highest value: buys most and most often.",
        "B": "The middle of the network.",
        "C": "Smallest or least frequent buyers.",
    },
)
expose(
    StoreStatus,
    "StoreStatus",
    "Whether a store trades.",
    {
        "ACTIVE": "Trading; gets proposals.",
        "SUSPENDED": "Temporarily not supplied.",
        "CLOSED": "No longer trading; its history is kept.",
    },
)
expose(
    FieldType,
    "CustomFieldType",
    "Type of a custom field's values.",
    {
        "TEXT": "Free text.",
        "NUMBER": "A number.",
        "BOOLEAN": "Yes or no.",
        "DATE": "A calendar date (YYYY-MM-DD).",
        "CHOICE": "One of the field's listed choices.",
    },
)


async def user_of(info: Info, user_id: int | None) -> UserType | None:
    """The user with this id, if the viewer may see them."""
    return await UserType.load(info, user_id)


# Columns every store carries, whatever was selected: its id and tenant, and the region and
# people that decide who may see what (domain.permissions reads them).
KEY_COLUMNS = frozenset({"id", "tenant_id", "region_id", "merchandiser_id", "franchisee_id"})
# The columns each field of Store reads beyond the key ones (a field not listed reads them all).
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "__typename": (),
    "id": (),
    "code": ("code",),
    "name": ("name",),
    "province": ("province",),
    "city": ("city",),
    "openedOn": ("opened_on",),
    "floorArea": ("floor_area",),
    "displayCapacity": ("display_capacity",),
    "tier": ("tier",),
    "status": ("status",),
    "budget": ("budget",),
    "timeZone": ("time_zone",),
    "franchiseeName": ("franchisee_name",),
    "createdAt": ("created_at",),
    "updatedAt": ("updated_at",),
    "personalDataVisible": (),
    "franchiseePhone": ("franchisee_phone",),
    "franchiseeEmail": ("franchisee_email",),
    "address": ("address",),
    "latitude": ("latitude",),
    "longitude": ("longitude",),
    "region": (),
    "merchandiser": (),
    "franchisee": (),
    "lastContact": (),
    "assignments": (),
    "customFields": ("custom_fields",),
    "preferences": (
        "favoured_categories",
        "excluded_categories",
        "excluded_skus",
        "price_min",
        "price_max",
        "preferred_channel",
        "quiet_hours_start",
        "quiet_hours_end",
        "chat_webhook_url",
    ),
}


def store_columns(fields: frozenset[str]) -> list[Any] | None:
    """The Store columns a selection of Store fields reads; None (every column) when it holds
    a field not listed in FIELD_COLUMNS."""
    names = set(KEY_COLUMNS)
    for name in fields:
        columns = FIELD_COLUMNS.get(name)
        if columns is None:
            return None
        names.update(columns)
    return [getattr(Store, n) for n in sorted(names)]


async def _region_of(info: Info, region_id: int) -> RegionType | None:
    row = await info.context.loaders.by_id(Region).load(region_id)
    return RegionType.from_model(row) if row else None


async def preload_relations(info: Info, stores: list[StoreType], fields: frozenset[str]) -> None:
    """Load the to-one relations `fields` asks for, for a whole page of stores at once (one
    statement each, through the request's loaders), so that the page's fields resolve
    without awaiting."""
    if "region" in fields and not all("region" in s.preloaded for s in stores):
        regions = await info.context.loaders.by_id(Region).load_many(
            sorted({s.row.region_id for s in stores})
        )
        by_region = {r.id: RegionType.from_model(r) for r in regions if r is not None}
        for store in stores:
            store.preloaded["region"] = by_region.get(store.row.region_id)
    if "merchandiser" in fields:
        ids = sorted({s.row.merchandiser_id for s in stores if s.row.merchandiser_id})
        # The same people as UserType.load gives (only those the viewer may see), with their
        # memberships, in one statement.
        found = await people_with_memberships(info, ids)
        by_user = {
            uid: UserType(id=uid, row=user, memberships=memberships)
            for uid, (user, _, memberships) in found.items()
        }
        for store in stores:
            store.preloaded["merchandiser"] = (
                by_user.get(store.row.merchandiser_id) if store.row.merchandiser_id else None
            )


@strawberry.type(
    name="QuietHours", description="When a store is not to be disturbed (its local time)."
)
class QuietHoursType:
    """A daily quiet window; it may run over midnight."""

    start: time = strawberry.field(description="From (local time).")
    end: time = strawberry.field(description="Until (local time).")


@strawberry.type(name="StorePreferences", description="What a store prefers to receive and how.")
class StorePreferencesType:
    """A store's preferences."""

    favoured_categories: list[str] = strawberry.field(description="Categories it wants more of.")
    excluded_categories: list[str] = strawberry.field(description="Categories never to send.")
    excluded_skus: list[str] = strawberry.field(description="SKU codes never to send.")
    price_min: Decimal | None = strawberry.field(description="Lowest retail price it sells.")
    price_max: Decimal | None = strawberry.field(description="Highest retail price it sells.")
    preferred_channel: ContactChannel = strawberry.field(description="How it wants to be notified.")
    quiet_hours: QuietHoursType | None = strawberry.field(description="When not to notify it.")
    chat_webhook_url: str | None = strawberry.field(
        description="Chat webhook address (null without access to the store's personal data)."
    )


@strawberry.type(
    name="CustomFieldValue", description="A tenant-defined field of a store, with its value."
)
class CustomFieldValueType:
    """One custom field of one store."""

    key: str = strawberry.field(description="The field's key.")
    label: str = strawberry.field(description="The field's label.")
    type: FieldType = strawberry.field(description="Type of its values.")
    required: bool = strawberry.field(description="Whether every store must have a value.")
    choices: list[str] = strawberry.field(description="Allowed values of a choice field.")
    help_text: str | None = strawberry.field(description="Help shown next to the field.")
    franchisee_editable: bool = strawberry.field(
        description="Whether the store's franchisee may fill it, not only staff."
    )
    value: JSON | None = strawberry.field(description="The store's value (null when not set).")


@strawberry.type(
    name="CustomFieldDefinition", description="A field the tenant adds to every passport."
)
class CustomFieldDefinitionType(ModelNode):
    """A custom field definition."""

    __model__ = CustomFieldDefinition
    __read_permission__ = Permission.STORE_READ

    id: relay.NodeID[int]
    key: str = strawberry.field(description="Key, unique in the tenant (lower case, digits, _).")
    label: str = strawberry.field(description="Label shown to people.")
    type: FieldType = strawberry.field(description="Type of its values.")
    choices: list[str] = strawberry.field(description="Allowed values of a choice field.")
    required: bool = strawberry.field(description="Whether every store must have a value.")
    help_text: str | None = strawberry.field(description="Help shown next to the field.")
    franchisee_editable: bool = strawberry.field(
        description="Whether the store's franchisee may fill it, not only staff."
    )

    @classmethod
    def from_model(cls, row: CustomFieldDefinition) -> Self:
        return cls(
            id=row.id,
            key=row.key,
            label=row.label,
            type=row.type,
            choices=list(row.choices or []),
            required=row.required,
            help_text=row.help_text,
            franchisee_editable=row.franchisee_editable,
        )


@strawberry.type(
    name="MerchandiserAssignment",
    description="A period during which one merchandiser was a store's dedicated merchandiser.",
)
class MerchandiserAssignmentType(ModelNode):
    """One assignment of a store's history."""

    __model__ = MerchandiserAssignment
    __read_permission__ = Permission.STORE_READ

    id: relay.NodeID[int]
    started_at: datetime = strawberry.field(description="When it started.")
    ended_at: datetime | None = strawberry.field(description="When it ended (null: current).")
    reason: str | None = strawberry.field(description="Why the store was (re)assigned.")
    merchandiser_pk: strawberry.Private[int]
    assigned_by_pk: strawberry.Private[int | None]
    store_pk: strawberry.Private[int]

    @strawberry.field(description="Whether this is the store's current assignment.")
    def active(self) -> bool:
        return self.ended_at is None

    @strawberry.field(description="The merchandiser.")
    async def merchandiser(self, info: Info) -> UserType | None:
        return await user_of(info, self.merchandiser_pk)

    @strawberry.field(description="Who made the assignment (null for the system).")
    async def assigned_by(self, info: Info) -> UserType | None:
        return await user_of(info, self.assigned_by_pk)

    @strawberry.field(description="The store.")
    async def store(self, info: Info) -> StoreType | None:
        row = await info.context.loaders.by_id(Store).load(self.store_pk)
        return StoreType.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: MerchandiserAssignment) -> Self:
        return cls(
            id=row.id,
            started_at=row.started_at,
            ended_at=row.ended_at,
            reason=row.reason,
            merchandiser_pk=row.merchandiser_id,
            assigned_by_pk=row.assigned_by_id,
            store_pk=row.store_id,
        )


@strawberry.type(name="Store", description="A franchise store: the heart of its service passport.")
class StoreType(ModelNode):
    """A store's profile, as the viewer may see it."""

    __model__ = Store
    __read_permission__ = Permission.STORE_READ

    id: relay.NodeID[int]
    code: str = strawberry.field(description="Code, unique in the tenant.")
    name: str = strawberry.field(description="Display name.")
    province: str = strawberry.field(description="Province (canonical English name).")
    city: str = strawberry.field(description="City.")
    opened_on: date | None = strawberry.field(description="Opening date.")
    floor_area: Decimal = strawberry.field(description="Sales floor, in square metres.")
    display_capacity: int = strawberry.field(description="Units the shop floor can display.")
    tier: Tier = strawberry.field(description="Value tier.")
    status: StoreStatus = strawberry.field(description="Whether it trades.")
    budget: Decimal = strawberry.field(description="What the franchisee puts into the next order.")
    time_zone: str | None = strawberry.field(description="IANA time zone (null: the tenant's).")
    franchisee_name: str | None = strawberry.field(description="The franchisee's name.")
    created_at: datetime = strawberry.field(description="When the store was added.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    row: strawberry.Private[Store]
    preloaded: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)

    def _pii(self, info: Info) -> bool:
        return may(info.context.actor, Permission.STORE_PII, self.row)

    @strawberry.field(
        description="Whether the viewer serves the store and so sees the franchisee's personal data."
    )
    def personal_data_visible(self, info: Info) -> bool:
        return self._pii(info)

    @strawberry.field(description="The franchisee's phone (personal data).")
    def franchisee_phone(self, info: Info) -> str | None:
        return self.row.franchisee_phone if self._pii(info) else None

    @strawberry.field(description="The franchisee's e-mail (personal data).")
    def franchisee_email(self, info: Info) -> str | None:
        return self.row.franchisee_email if self._pii(info) else None

    @strawberry.field(description="Street address (personal data).")
    def address(self, info: Info) -> str | None:
        return self.row.address if self._pii(info) else None

    @strawberry.field(description="Latitude of the shop (personal data).")
    def latitude(self, info: Info) -> float | None:
        return self.row.latitude if self._pii(info) else None

    @strawberry.field(description="Longitude of the shop (personal data).")
    def longitude(self, info: Info) -> float | None:
        return self.row.longitude if self._pii(info) else None

    # Sync resolvers: a page's regions and merchandisers are usually preloaded with it (see
    # `preload_relations`), then no field of the page awaits; otherwise they return the load.
    @strawberry.field(
        description="The region the store belongs to.", graphql_type=RegionType | None
    )
    def region(self, info: Info) -> RegionType | Awaitable[RegionType | None] | None:
        if "region" in self.preloaded:
            return cast(RegionType | None, self.preloaded["region"])
        return _region_of(info, self.row.region_id)

    @strawberry.field(
        description="The dedicated merchandiser (null while unassigned).",
        graphql_type=UserType | None,
    )
    def merchandiser(self, info: Info) -> UserType | Awaitable[UserType | None] | None:
        if "merchandiser" in self.preloaded:
            return cast(UserType | None, self.preloaded["merchandiser"])
        return user_of(info, self.row.merchandiser_id)

    @strawberry.field(description="The franchisee's login, when they have one.")
    async def franchisee(self, info: Info) -> UserType | None:
        return await user_of(info, self.row.franchisee_id)

    @strawberry.field(description="What the store prefers to receive and how.")
    def preferences(self, info: Info) -> StorePreferencesType:
        s = self.row
        quiet = (
            QuietHoursType(start=s.quiet_hours_start, end=s.quiet_hours_end)
            if s.quiet_hours_start is not None and s.quiet_hours_end is not None
            else None
        )
        return StorePreferencesType(
            favoured_categories=list(s.favoured_categories or []),
            excluded_categories=list(s.excluded_categories or []),
            excluded_skus=list(s.excluded_skus or []),
            price_min=s.price_min,
            price_max=s.price_max,
            preferred_channel=s.preferred_channel,
            quiet_hours=quiet,
            chat_webhook_url=s.chat_webhook_url if self._pii(info) else None,
        )

    @strawberry.field(description="Every custom field of the tenant, with this store's value.")
    async def custom_fields(self, info: Info) -> list[CustomFieldValueType]:
        values: dict[str, Any] = self.row.custom_fields or {}
        return [
            CustomFieldValueType(
                key=r.key,
                label=r.label,
                type=r.type,
                required=r.required,
                choices=list(r.choices),
                help_text=r.help_text,
                franchisee_editable=r.franchisee_editable,
                value=values.get(r.key),
            )
            for r in await rules_loader(info).load(0)
        ]

    @strawberry.field(
        description="The latest contact with the store (null without access to its contact log)."
    )
    async def last_contact(
        self, info: Info
    ) -> Annotated[ContactLogEntryType, strawberry.lazy("api.graphql.passport.types")] | None:
        from api.graphql.passport.types import ContactLogEntryType

        if not may(info.context.actor, Permission.CONTACT_READ, self.row):
            return None
        row = await last_contact_loader(info).load(self.row.id)
        return ContactLogEntryType.from_model(row) if row else None

    @strawberry.field(description="Every merchandiser the store has had, the current one first.")
    async def assignments(self, info: Info) -> list[MerchandiserAssignmentType]:
        rows = await assignments_loader(info).load(self.row.id)
        return [MerchandiserAssignmentType.from_model(r) for r in rows]

    @classmethod
    def from_model(cls, row: Store) -> Self:
        return cls(
            id=row.id,
            code=row.code,
            name=row.name,
            province=row.province,
            city=row.city,
            opened_on=row.opened_on,
            floor_area=row.floor_area,
            display_capacity=row.display_capacity,
            tier=row.tier,
            status=row.status,
            budget=row.budget,
            time_zone=row.time_zone,
            franchisee_name=row.franchisee_name,
            created_at=row.created_at,
            updated_at=row.updated_at,
            row=row,
        )


# The plain (resolver-less) fields of Store, each read from the column of the same name.
PLAIN_FIELDS = (
    "code",
    "name",
    "province",
    "city",
    "opened_on",
    "floor_area",
    "display_capacity",
    "tier",
    "status",
    "budget",
    "time_zone",
    "franchisee_name",
    "created_at",
    "updated_at",
)
