"""GraphQL types of the service passport: the contact log and the passport itself."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Self

import strawberry
from strawberry import relay

from api.graphql.context import Info
from api.graphql.enums import expose
from api.graphql.errors import UserError
from api.graphql.identity.types import UserType
from api.graphql.relay import Connection, ModelNode, global_id
from api.graphql.stores.loaders import assignments_loader
from api.graphql.stores.types import MerchandiserAssignmentType, StoreType, user_of
from domain.passport.models import ContactKind, ContactLogEntry
from domain.passport.service import PassportFigures, contact_log_statement, passport_figures
from domain.permissions import Permission
from domain.stores.access import may
from domain.stores.models import Store

expose(
    ContactKind,
    "ContactKind",
    "The channel or kind of a contact.",
    {
        "PHONE": "A phone call.",
        "VISIT": "A visit to the store.",
        "CHAT": "A chat conversation.",
        "EMAIL": "An e-mail.",
        "SMS": "A text message.",
        "MESSAGE": "A message in the store's thread.",
        "REMINDER": "A reminder the system sent.",
        "COMPLAINT": "A complaint filed or handled.",
        "NOTE": "A note for the record (e.g. an escalation).",
    },
)

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 200).")
]
After = Annotated[
    str | None, strawberry.argument(description="Cursor of the last item of the previous page.")
]


@strawberry.type(
    name="ContactLogEntry", description="One contact with a store: channel, summary, who, when."
)
class ContactLogEntryType(ModelNode):
    """An entry of a store's contact log."""

    __model__ = ContactLogEntry
    __read_permission__ = Permission.CONTACT_READ

    id: relay.NodeID[int]
    channel: ContactKind = strawberry.field(description="Phone, visit, chat, message, reminder...")
    summary: str = strawberry.field(description="What it was about.")
    occurred_at: datetime = strawberry.field(description="When it happened.")
    created_at: datetime = strawberry.field(description="When it was logged.")
    source: str | None = strawberry.field(
        description="What logged it when not a person (e.g. message:42, reminder:7)."
    )
    user_pk: strawberry.Private[int | None]
    store_pk: strawberry.Private[int]

    @strawberry.field(description="The store.")
    def store_id(self) -> relay.GlobalID:
        return global_id("Store", self.store_pk)

    @strawberry.field(description="Who made the contact (null for the system).")
    async def user(self, info: Info) -> UserType | None:
        return await user_of(info, self.user_pk)

    @classmethod
    def from_model(cls, row: ContactLogEntry) -> Self:
        return cls(
            id=row.id,
            channel=row.channel,
            summary=row.summary,
            occurred_at=row.occurred_at,
            created_at=row.created_at,
            source=row.source,
            user_pk=row.user_id,
            store_pk=row.store_id,
        )


@strawberry.type(name="PassportFigures", description="A store's orders and sales at a glance.")
class PassportFiguresType:
    """Orders and recent sales of one store."""

    orders: int = strawberry.field(description="Orders ever made for the store (not cancelled).")
    open_proposals: int = strawberry.field(description="Orders in draft, proposed or viewed.")
    confirmed_orders: int = strawberry.field(description="Orders confirmed in the window.")
    confirmed_value: Decimal = strawberry.field(description="Cost value of those orders.")
    last_order_at: datetime | None = strawberry.field(description="When the latest order was made.")
    sales_units: int = strawberry.field(description="Units sold in the window.")
    sales_revenue: Decimal = strawberry.field(description="Takings in the window.")
    window_days: int = strawberry.field(description="Length of the window, in days.")

    @classmethod
    def of(cls, figures: PassportFigures) -> Self:
        return cls(
            orders=figures.orders,
            open_proposals=figures.open_proposals,
            confirmed_orders=figures.confirmed_orders,
            confirmed_value=figures.confirmed_value,
            last_order_at=figures.last_order_at,
            sales_units=figures.sales_units,
            sales_revenue=figures.sales_revenue,
            window_days=figures.window_days,
        )


@strawberry.type(
    name="StorePassport",
    description="The store's service passport (档案): profile, preferences, custom fields, "
    "contacts, merchandisers and order figures, in one record.",
)
class StorePassportType:
    """One store's complete record."""

    row: strawberry.Private[Store]

    @strawberry.field(description="The store's profile, preferences and custom fields.")
    def store(self) -> StoreType:
        return StoreType.from_model(self.row)

    @strawberry.field(description="Every contact with the store, the latest first.")
    async def contact_log(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[ContactLogEntryType] | None:
        if not may(info.context.actor, Permission.CONTACT_READ, self.row):
            return None
        stmt = contact_log_statement(self.row.id)
        return await Connection[ContactLogEntryType].page(
            info, stmt, ContactLogEntryType.from_model, first, after
        )

    @strawberry.field(description="Every merchandiser the store has had, the current one first.")
    async def assignment_history(self, info: Info) -> list[MerchandiserAssignmentType]:
        rows = await assignments_loader(info).load(self.row.id)
        return [MerchandiserAssignmentType.from_model(r) for r in rows]

    @strawberry.field(description="Orders and sales of the last 28 days at a glance.")
    async def figures(self, info: Info) -> PassportFiguresType | None:
        if not may(info.context.actor, Permission.ORDER_READ, self.row):
            return None
        return PassportFiguresType.of(await passport_figures(info.context.session, self.row.id))


@strawberry.input(description="A contact with a store to log.")
class ContactLogInput:
    """What the contact was."""

    store_id: relay.GlobalID = strawberry.field(description="The store.")
    channel: ContactKind = strawberry.field(
        description="Phone, visit, chat, email, sms or note (the others are logged by the system)."
    )
    summary: str = strawberry.field(description="What it was about (at most 2000 characters).")
    occurred_at: datetime | None = strawberry.field(
        default=None, description="When it happened (default: now; not in the future)."
    )


@strawberry.type(description="Result of logging a contact.")
class ContactLogPayload:
    """The entry as logged, or why it was not."""

    entry: ContactLogEntryType | None = strawberry.field(description="The entry, when logged.")
    user_errors: list[UserError] = strawberry.field(description="Why the input was refused.")
