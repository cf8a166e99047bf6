"""GraphQL inputs and payloads of the shipment queries and mutations."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry import relay

from api.graphql.errors import UserError
from api.graphql.shipments.types import (
    CarrierType,
    PickListType,
    ShipmentType,
    TrackingEventType,
)
from domain.shipments.models import PickListStatus, ShipmentStatus
from domain.shipments.tracking import Outcome


@strawberry.input(description="Which shipments to list.")
class ShipmentFilter:
    """Shipment filters (all optional, combined with AND)."""

    store_id: relay.GlobalID | None = strawberry.field(default=None, description="To this store.")
    order_id: relay.GlobalID | None = strawberry.field(default=None, description="Of this order.")
    status: ShipmentStatus | None = strawberry.field(default=None, description="In this status.")
    carrier: str | None = strawberry.field(default=None, description="With this carrier code.")
    tracking_number: str | None = strawberry.field(
        default=None, description="With this tracking number."
    )
    late: bool | None = strawberry.field(
        default=None, description="Only those still on the road after their estimated delivery."
    )
    shipped_since: datetime | None = strawberry.field(
        default=None, description="Shipped at or after this time."
    )


@strawberry.input(description="Which pick lists to list.")
class PickListFilter:
    """Pick list filters."""

    status: PickListStatus | None = strawberry.field(default=None, description="In this status.")
    store_id: relay.GlobalID | None = strawberry.field(default=None, description="For this store.")


@strawberry.input(description="Start picking a confirmed order.")
class PickingStartInput:
    """Which order."""

    order_id: relay.GlobalID = strawberry.field(description="A confirmed order.")


@strawberry.input(description="An order leaves the warehouse with a carrier.")
class ShipmentCreateInput:
    """The shipment of an order."""

    order_id: relay.GlobalID = strawberry.field(
        description="A confirmed or picking order (a confirmed one goes through picking)."
    )
    carrier: str = strawberry.field(description="Carrier code (see `carriers`).")
    tracking_number: str = strawberry.field(
        description="The carrier's tracking number: 6 to 40 letters, digits or dashes."
    )
    parcels: int = strawberry.field(description="Number of parcels (1 to 500).")
    estimated_delivery: date | None = strawberry.field(
        default=None,
        description="When it is due at the store; default: the carrier's usual transit time.",
    )


@strawberry.input(description="An event HQ learnt of outside the carrier's webhook.")
class ShipmentRecordEventInput:
    """A tracking event recorded by hand."""

    shipment_id: relay.GlobalID = strawberry.field(description="The shipment.")
    status: ShipmentStatus = strawberry.field(description="What happened (not `created`).")
    occurred_at: datetime = strawberry.field(description="When it happened (not in the future).")
    location: str | None = strawberry.field(default=None, description="Where.")
    description: str | None = strawberry.field(
        default=None, description="What happened (for an exception: the problem)."
    )
    estimated_delivery: date | None = strawberry.field(
        default=None, description="A new estimated delivery date."
    )
    signed_by: str | None = strawberry.field(
        default=None, description="Who signed for the goods (required for delivered)."
    )
    photo_ref: str | None = strawberry.field(default=None, description="Delivery photo reference.")


@strawberry.input(description="Set the tenant's webhook secret for a carrier.")
class CarrierSecretSetInput:
    """A carrier's webhook secret."""

    carrier: str = strawberry.field(description="Carrier code.")
    secret: str | None = strawberry.field(
        default=None,
        description="The secret from the carrier's console (16+ characters); omitted: generate one.",
    )


@strawberry.type(description="Result of a picking mutation.")
class PickListPayload:
    """The pick list, or why not."""

    pick_list: PickListType | None = strawberry.field(description="The pick list, when done.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type(description="Result of a shipment mutation.")
class ShipmentPayload:
    """The shipment, or why not."""

    shipment: ShipmentType | None = strawberry.field(description="The shipment, when saved.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type(description="Result of recording a tracking event.")
class ShipmentEventPayload:
    """The shipment and its new event, or why not."""

    shipment: ShipmentType | None = strawberry.field(description="The shipment as it is now.")
    event: TrackingEventType | None = strawberry.field(description="The recorded event.")
    result: Outcome | None = strawberry.field(description="What recording it did.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type(description="Result of setting a carrier's webhook secret.")
class CarrierSecretPayload:
    """The secret (shown this once), or why not."""

    carrier: CarrierType | None = strawberry.field(description="The carrier.")
    secret: str | None = strawberry.field(
        description="The webhook secret to give the carrier; it is not shown again."
    )
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
