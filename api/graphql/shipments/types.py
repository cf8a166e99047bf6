"""GraphQL types for shipments, their tracking events, pick lists and carriers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

import strawberry
from strawberry import relay

from api.graphql.catalogue.types import SkuType
from api.graphql.context import Info
from api.graphql.enums import expose
from api.graphql.identity.types import UserType
from api.graphql.orders.types import OrderType
from api.graphql.relay import ModelNode, global_id
from api.graphql.stock.types import WarehouseType
from domain import clock
from domain.catalogue.models import Sku
from domain.orders.models import Order
from domain.shipments.carriers import CARRIERS, Carrier
from domain.shipments.models import (
    EventSource,
    PickList,
    PickListLine,
    PickListStatus,
    Shipment,
    ShipmentStatus,
    TrackingEvent,
)
from domain.shipments.tracking import Outcome
from domain.stock.models import Warehouse

expose(
    ShipmentStatus,
    "ShipmentStatus",
    "Where a shipment is: created (handed over), picked up, in transit, out for delivery, "
    "delivered, or exception (a problem on the way).",
    {
        "CREATED": "Handed over, waiting for the carrier's first scan.",
        "PICKED_UP": "The carrier has collected it.",
        "IN_TRANSIT": "On the way.",
        "OUT_FOR_DELIVERY": "On the last leg to the store today.",
        "DELIVERED": "The store has signed for it.",
        "EXCEPTION": "A problem on the way (damage, address, refusal…).",
    },
)
expose(
    EventSource,
    "TrackingEventSource",
    "Who reported a tracking event: the carrier, the simulated carrier or HQ staff.",
    {
        "CARRIER": "The carrier, through its signed webhook.",
        "SIMULATOR": "The simulated carrier (demo and tests).",
        "STAFF": "Headquarters staff, by hand.",
    },
)
expose(
    PickListStatus,
    "PickListStatus",
    "Where the warehouse is with an order: open, picking, shipped or cancelled.",
    {
        "OPEN": "Made at confirmation, waiting for the warehouse.",
        "PICKING": "The warehouse is picking it.",
        "SHIPPED": "Packed and handed to the carrier.",
        "CANCELLED": "The order was cancelled before shipping.",
    },
)
expose(
    Outcome,
    "TrackingEventResult",
    "What recording an event did.",
    {
        "APPLIED": "The shipment moved (or stayed, with fresher details).",
        "RECORDED": "History only: older than what the shipment already knows.",
        "DUPLICATE": "This event id was already recorded; nothing changed.",
    },
)


async def _user(info: Info, user_id: int | None) -> UserType | None:
    return await UserType.load(info, user_id)


async def _order(info: Info, order_id: int) -> OrderType | None:
    row = await info.context.loaders.by_id(Order).load(order_id)
    return OrderType.from_model(row) if row else None


@strawberry.type(name="Carrier", description="A parcel carrier shipments can go with.")
class CarrierType:
    """A carrier."""

    code: str = strawberry.field(description="Code used in `shipmentCreate` and webhook URLs.")
    name: str = strawberry.field(description="Name in English.")
    name_zh: str = strawberry.field(description="Name in Chinese.")
    transit_days: int = strawberry.field(
        description="Usual days from handover to delivery (the default estimated delivery)."
    )

    @classmethod
    def from_carrier(cls, row: Carrier) -> Self:
        return cls(code=row.code, name=row.name, name_zh=row.name_zh, transit_days=row.transit_days)


@strawberry.type(
    name="ProofOfDelivery", description="Who signed for the goods, when, and the photo."
)
class ProofOfDeliveryType:
    """Proof of delivery."""

    signed_by: str | None = strawberry.field(description="Who signed for the goods.")
    signed_at: datetime | None = strawberry.field(description="When they signed.")
    photo_ref: str | None = strawberry.field(
        description="Reference of the carrier's delivery photo."
    )


@strawberry.type(name="TrackingEvent", description="One event in a shipment's tracking history.")
class TrackingEventType(ModelNode):
    """A tracking event."""

    __model__ = TrackingEvent

    id: relay.NodeID[int]
    event_id: str = strawberry.field(description="The reporter's id of the event.")
    status: ShipmentStatus = strawberry.field(description="The status the event reports.")
    occurred_at: datetime = strawberry.field(description="When it happened, per the carrier.")
    received_at: datetime = strawberry.field(description="When Peihuo received it.")
    location: str | None = strawberry.field(description="Where it happened.")
    description: str | None = strawberry.field(description="What the carrier says.")
    estimated_delivery: date | None = strawberry.field(
        description="The delivery date the carrier announced with it."
    )
    signed_by: str | None = strawberry.field(description="Who signed (delivery events).")
    photo_ref: str | None = strawberry.field(description="Delivery photo reference.")
    applied: bool = strawberry.field(
        description="Whether it moved the shipment (false: arrived after a newer event)."
    )
    source: EventSource = strawberry.field(description="Who reported it.")
    recorded_by_pk: strawberry.Private[int | None]

    @strawberry.field(description="The staff member who recorded it by hand, if any.")
    async def recorded_by(self, info: Info) -> UserType | None:
        return await _user(info, self.recorded_by_pk)

    @classmethod
    def from_model(cls, row: TrackingEvent) -> Self:
        return cls(
            id=row.id,
            event_id=row.event_id,
            status=row.status,
            occurred_at=row.occurred_at,
            received_at=row.received_at,
            location=row.location,
            description=row.description,
            estimated_delivery=row.estimated_delivery,
            signed_by=row.signed_by,
            photo_ref=row.photo_ref,
            applied=row.applied,
            source=row.source,
            recorded_by_pk=row.recorded_by_id,
        )


@strawberry.type(
    name="Shipment", description="The delivery of an order, tracked until the store has the goods."
)
class ShipmentType(ModelNode):
    """A shipment."""

    __model__ = Shipment

    id: relay.NodeID[int]
    carrier: str = strawberry.field(description="Carrier code (see `carriers`).")
    tracking_number: str = strawberry.field(description="The carrier's tracking number.")
    parcels: int = strawberry.field(description="Number of parcels.")
    status: ShipmentStatus = strawberry.field(description="Where the shipment is.")
    shipped_at: datetime = strawberry.field(description="When it left the warehouse.")
    estimated_delivery: date | None = strawberry.field(
        description="When it is due at the store (store's calendar)."
    )
    delivered_at: datetime | None = strawberry.field(description="When it was delivered.")
    last_event_at: datetime | None = strawberry.field(
        description="When the newest event that moved it happened."
    )
    exception_reason: str | None = strawberry.field(
        description="What went wrong, while the status is exception."
    )
    store_pk: strawberry.Private[int]
    order_pk: strawberry.Private[int]
    created_by_pk: strawberry.Private[int | None]
    proof: strawberry.Private[ProofOfDeliveryType | None]

    @strawberry.field(description="The carrier's names and usual transit time.")
    def carrier_details(self) -> CarrierType | None:
        found = CARRIERS.get(self.carrier)
        return CarrierType.from_carrier(found) if found else None

    @strawberry.field(
        description="Delivered after its estimated delivery date, or still on the road past it "
        "(UTC day)."
    )
    def late(self) -> bool:
        due = self.estimated_delivery
        if due is None:
            return False
        if self.delivered_at is not None:
            return self.delivered_at.date() > due
        return clock.now().date() > due

    @strawberry.field(description="Who signed for the goods and the photo (once delivered).")
    def proof_of_delivery(self) -> ProofOfDeliveryType | None:
        return self.proof

    @strawberry.field(description="The store it goes to.")
    def store_id(self) -> relay.GlobalID:
        return global_id("Store", self.store_pk)

    @strawberry.field(description="The order it delivers.")
    def order_id(self) -> relay.GlobalID:
        return global_id("Order", self.order_pk)

    @strawberry.field(description="The order it delivers, with its lines.")
    async def order(self, info: Info) -> OrderType | None:
        return await _order(info, self.order_pk)

    @strawberry.field(description="Who recorded the shipment.")
    async def created_by(self, info: Info) -> UserType | None:
        return await _user(info, self.created_by_pk)

    @strawberry.field(description="Tracking history, oldest first (events that did not apply too).")
    async def tracking_events(self, info: Info) -> list[TrackingEventType]:
        loader = info.context.loaders.children(
            TrackingEvent.shipment_id, order_by=(TrackingEvent.occurred_at, TrackingEvent.id)
        )
        return [TrackingEventType.from_model(row) for row in await loader.load(self.id)]

    @classmethod
    def from_model(cls, row: Shipment) -> Self:
        signed = row.signed_by or row.signed_at or row.photo_ref
        return cls(
            id=row.id,
            carrier=row.carrier,
            tracking_number=row.tracking_number,
            parcels=row.parcels,
            status=row.status,
            shipped_at=row.shipped_at,
            estimated_delivery=row.estimated_delivery,
            delivered_at=row.delivered_at,
            last_event_at=row.last_event_at,
            exception_reason=row.exception_reason,
            store_pk=row.store_id,
            order_pk=row.order_id,
            created_by_pk=row.created_by_id,
            proof=ProofOfDeliveryType(
                signed_by=row.signed_by, signed_at=row.signed_at, photo_ref=row.photo_ref
            )
            if signed
            else None,
        )


@strawberry.type(name="PickListLine", description="One SKU to pick from one warehouse.")
class PickListLineType:
    """A pick list line."""

    qty: int = strawberry.field(description="Units to pick.")
    sku_pk: strawberry.Private[int]
    warehouse_pk: strawberry.Private[int | None]

    @strawberry.field(description="The SKU.")
    async def sku(self, info: Info) -> SkuType:
        row = await info.context.loaders.by_id(Sku).load(self.sku_pk)
        assert row is not None  # lines restrict deleting their SKU
        return SkuType.from_model(row)

    @strawberry.field(description="The warehouse the units are reserved in (null: none reserved).")
    async def warehouse(self, info: Info) -> WarehouseType | None:
        if self.warehouse_pk is None:
            return None
        row = await info.context.loaders.by_id(Warehouse).load(self.warehouse_pk)
        return WarehouseType.from_model(row) if row else None


@strawberry.type(name="PickList", description="What the warehouse picks for one confirmed order.")
class PickListType(ModelNode):
    """A pick list."""

    __model__ = PickList

    id: relay.NodeID[int]
    status: PickListStatus = strawberry.field(description="Where the warehouse is with it.")
    total_units: int = strawberry.field(description="Units to pick in all.")
    created_at: datetime = strawberry.field(
        description="When the order was confirmed and it was made."
    )
    started_at: datetime | None = strawberry.field(description="When picking started.")
    completed_at: datetime | None = strawberry.field(description="When it shipped.")
    store_pk: strawberry.Private[int]
    order_pk: strawberry.Private[int]
    started_by_pk: strawberry.Private[int | None]

    @strawberry.field(description="The store it goes to.")
    def store_id(self) -> relay.GlobalID:
        return global_id("Store", self.store_pk)

    @strawberry.field(description="The order it picks.")
    def order_id(self) -> relay.GlobalID:
        return global_id("Order", self.order_pk)

    @strawberry.field(description="The order it picks, with its lines.")
    async def order(self, info: Info) -> OrderType | None:
        return await _order(info, self.order_pk)

    @strawberry.field(description="Who started picking.")
    async def started_by(self, info: Info) -> UserType | None:
        return await _user(info, self.started_by_pk)

    @strawberry.field(description="What to pick, by warehouse then SKU.")
    async def lines(self, info: Info) -> list[PickListLineType]:
        loader = info.context.loaders.children(
            PickListLine.pick_list_id, order_by=(PickListLine.id,)
        )
        return [
            PickListLineType(qty=row.qty, sku_pk=row.sku_id, warehouse_pk=row.warehouse_id)
            for row in await loader.load(self.id)
        ]

    @classmethod
    def from_model(cls, row: PickList) -> Self:
        return cls(
            id=row.id,
            status=row.status,
            total_units=row.total_units,
            created_at=row.created_at,
            started_at=row.started_at,
            completed_at=row.completed_at,
            store_pk=row.store_id,
            order_pk=row.order_id,
            started_by_pk=row.started_by_id,
        )
