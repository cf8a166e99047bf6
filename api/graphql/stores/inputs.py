"""GraphQL inputs and payloads of store mutations, and their mapping to the domain's StoreFields."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from datetime import date, time
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON
from strawberry.utils.str_converters import to_camel_case

from api.graphql.enums import expose
from api.graphql.errors import UserError
from api.graphql.relay import decode_id
from api.graphql.stores.types import (
    CustomFieldDefinitionType,
    MerchandiserAssignmentType,
    StoreType,
)
from domain.stores.fields import StoreFields
from domain.stores.listing import StoreSort
from domain.stores.models import ContactChannel, FieldType, StoreStatus, Tier

expose(
    StoreSort,
    "StoreSort",
    "What the store list is ordered by.",
    {
        "CODE": "Store code.",
        "NAME": "Store name.",
        "BUDGET": "Budget for the next order.",
        "TIER": "Value tier (A first).",
        "CREATED": "When the store was added.",
    },
)

_ID_FIELDS = {"region_id": "Region", "merchandiser_id": "User", "franchisee_id": "User"}
_NOT_GIVEN: Any = strawberry.UNSET


def to_store_fields(source: object) -> StoreFields:
    """The StoreFields an input gives (fields left out stay UNSET; global ids decoded)."""
    values: dict[str, Any] = {}
    for f in dataclass_fields(StoreFields):
        value = getattr(source, f.name, strawberry.UNSET)
        if value is strawberry.UNSET:
            continue
        if f.name in _ID_FIELDS and value is not None:
            value = decode_id(value, _ID_FIELDS[f.name], to_camel_case(f.name))
        values[f.name] = value
    return StoreFields(**values)


@strawberry.input(description="Store preferences; fields left out stay as they are, null clears.")
class PreferenceFields:
    """Preference fields shared by the store inputs."""

    favoured_categories: list[str] | None = strawberry.field(
        default=_NOT_GIVEN, description="Categories the store wants more of (the complete list)."
    )
    excluded_categories: list[str] | None = strawberry.field(
        default=_NOT_GIVEN, description="Categories never to send (the complete list)."
    )
    excluded_skus: list[str] | None = strawberry.field(
        default=_NOT_GIVEN, description="SKU codes never to send (the complete list)."
    )
    price_min: Decimal | None = strawberry.field(
        default=_NOT_GIVEN, description="Lowest retail price it sells (null: no floor)."
    )
    price_max: Decimal | None = strawberry.field(
        default=_NOT_GIVEN, description="Highest retail price it sells (null: no ceiling)."
    )
    preferred_channel: ContactChannel | None = strawberry.field(
        default=_NOT_GIVEN, description="How it wants to be notified."
    )
    chat_webhook_url: str | None = strawberry.field(
        default=_NOT_GIVEN,
        description="Chat webhook address (needed for the chat channel): a public https address; "
        "internal addresses are refused unless the operator lists the host.",
    )
    quiet_hours_start: time | None = strawberry.field(
        default=_NOT_GIVEN, description="Start of the quiet hours (local time; with the end)."
    )
    quiet_hours_end: time | None = strawberry.field(
        default=_NOT_GIVEN, description="End of the quiet hours (local time; with the start)."
    )


@strawberry.input(description="A store's own fields; left out stay as they are, null clears.")
class StoreProfileFields(PreferenceFields):
    """Profile fields shared by create and update."""

    code: str | None = strawberry.field(
        default=_NOT_GIVEN, description="Code, unique in the tenant."
    )
    name: str | None = strawberry.field(default=_NOT_GIVEN, description="Display name.")
    region_id: relay.GlobalID | None = strawberry.field(
        default=_NOT_GIVEN,
        description="Region (on creation: the one covering the province when left out).",
    )
    province: str | None = strawberry.field(
        default=_NOT_GIVEN, description="Province, in English or Chinese (must be in the region)."
    )
    city: str | None = strawberry.field(default=_NOT_GIVEN, description="City.")
    address: str | None = strawberry.field(default=_NOT_GIVEN, description="Street address.")
    latitude: float | None = strawberry.field(
        default=_NOT_GIVEN, description="Latitude (with longitude)."
    )
    longitude: float | None = strawberry.field(
        default=_NOT_GIVEN, description="Longitude (with latitude)."
    )
    opened_on: date | None = strawberry.field(default=_NOT_GIVEN, description="Opening date.")
    floor_area: Decimal | None = strawberry.field(
        default=_NOT_GIVEN, description="Sales floor in square metres."
    )
    display_capacity: int | None = strawberry.field(
        default=_NOT_GIVEN, description="Units the shop floor can display."
    )
    tier: Tier | None = strawberry.field(default=_NOT_GIVEN, description="Value tier.")
    status: StoreStatus | None = strawberry.field(
        default=_NOT_GIVEN, description="Whether it trades."
    )
    budget: Decimal | None = strawberry.field(
        default=_NOT_GIVEN,
        description="What the franchisee puts into the next order (not negative).",
    )
    time_zone: str | None = strawberry.field(
        default=_NOT_GIVEN, description="IANA time zone, when not the tenant's."
    )
    merchandiser_id: relay.GlobalID | None = strawberry.field(
        default=_NOT_GIVEN,
        description="Dedicated merchandiser: a merchandiser of the store's region.",
    )
    franchisee_id: relay.GlobalID | None = strawberry.field(
        default=_NOT_GIVEN,
        description="The franchisee's login (a member with the franchisee role).",
    )
    franchisee_name: str | None = strawberry.field(
        default=_NOT_GIVEN, description="The franchisee's name."
    )
    franchisee_phone: str | None = strawberry.field(
        default=_NOT_GIVEN, description="The franchisee's phone (personal data)."
    )
    franchisee_email: str | None = strawberry.field(
        default=_NOT_GIVEN, description="The franchisee's e-mail (personal data)."
    )
    custom_fields: JSON | None = strawberry.field(
        default=_NOT_GIVEN,
        description="Custom field values by key (merged into the store's; a null value removes one).",
    )


@strawberry.input(description="A new store: code, name, province and city are required.")
class StoreCreateInput(StoreProfileFields):
    """Fields of a new store."""


@strawberry.input(description="Changes to a store; fields left out stay as they are.")
class StoreUpdateInput(StoreProfileFields):
    """Fields to change on a store."""

    id: relay.GlobalID = strawberry.field(description="The store to change.")
    reason: str | None = strawberry.field(
        default=None, description="Why, when the change gives the store another merchandiser."
    )


@strawberry.input(description="Give a store its dedicated merchandiser (or another one).")
class StoreAssignMerchandiserInput:
    """Who serves the store from now on."""

    store_id: relay.GlobalID = strawberry.field(description="The store.")
    merchandiser_id: relay.GlobalID = strawberry.field(
        description="A merchandiser of the store's region."
    )
    reason: str | None = strawberry.field(
        default=None, description="Why (required when the store already has a merchandiser)."
    )


@strawberry.input(description="Set the budget of a store's next order.")
class StoreSetBudgetInput:
    """A store's budget."""

    store_id: relay.GlobalID = strawberry.field(description="The store.")
    budget: Decimal = strawberry.field(description="Amount, not negative, at most 2 decimals.")


@strawberry.input(description="Change a store's preferences; fields left out stay as they are.")
class StoreSetPreferencesInput(PreferenceFields):
    """A store's preferences."""

    store_id: relay.GlobalID = strawberry.field(description="The store.")


@strawberry.input(description="Set custom field values on a store.")
class StoreSetCustomFieldsInput:
    """Values by key."""

    store_id: relay.GlobalID = strawberry.field(description="The store.")
    values: JSON = strawberry.field(
        description='Values by key, e.g. {"staff": 4, "mall": "万达"}; a null value removes one.'
    )


@strawberry.input(
    description="Add a custom field to every passport, or change the one with this key."
)
class CustomFieldDefineInput:
    """A custom field definition."""

    key: str = strawberry.field(description="Key: lower-case letters, digits and _, from a letter.")
    label: str = strawberry.field(description="Label shown to people.")
    type: FieldType = strawberry.field(description="Type of its values.")
    choices: list[str] = strawberry.field(
        default_factory=list, description="Allowed values (choice fields only)."
    )
    required: bool = strawberry.field(
        default=False, description="Whether every store must have a value."
    )
    help_text: str | None = strawberry.field(default=None, description="Help shown with the field.")
    franchisee_editable: bool = strawberry.field(
        default=False,
        description="Whether the store's franchisee may fill it (in the portal), not only staff.",
    )


@strawberry.input(description="Remove a custom field and every store's value of it.")
class CustomFieldDeleteInput:
    """Which field."""

    key: str = strawberry.field(description="The field's key.")


@strawberry.input(description="Which stores to list (all filters optional, combined with AND).")
class StoreFilterInput:
    """Store list filters."""

    region_id: relay.GlobalID | None = strawberry.field(default=None, description="In this region.")
    merchandiser_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Served by this merchandiser."
    )
    unassigned: bool | None = strawberry.field(
        default=None, description="Only stores without (true) or with (false) a merchandiser."
    )
    tier: Tier | None = strawberry.field(default=None, description="Of this tier.")
    status: StoreStatus | None = strawberry.field(default=None, description="In this status.")
    search: str | None = strawberry.field(
        default=None, description="Text in the code, name, city or franchisee name (any case)."
    )


@strawberry.input(description="How to order the store list.")
class StoreOrderInput:
    """Sort key and direction."""

    field: StoreSort = strawberry.field(default=StoreSort.CODE, description="Sort key.")
    descending: bool = strawberry.field(default=False, description="Largest first.")


@strawberry.type(description="Result of a store mutation.")
class StorePayload:
    """The store as saved, or why it was not."""

    store: StoreType | None = strawberry.field(description="The store, when saved.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type(description="Result of assigning a store's merchandiser.")
class StoreAssignmentPayload:
    """The store and its new assignment, or why not."""

    store: StoreType | None = strawberry.field(description="The store, when saved.")
    assignment: MerchandiserAssignmentType | None = strawberry.field(
        description="The store's active assignment."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type(description="Result of defining a custom field.")
class CustomFieldDefinitionPayload:
    """The definition as saved, or why it was not."""

    definition: CustomFieldDefinitionType | None = strawberry.field(
        description="The definition, when saved."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type(description="Result of removing a custom field.")
class CustomFieldDeletePayload:
    """The key removed, or why not."""

    deleted_key: str | None = strawberry.field(description="The key removed.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
