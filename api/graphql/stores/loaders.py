"""Dataloaders of the store concept: custom field rules, last contacts, assignment histories."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from strawberry.dataloader import DataLoader

from api.graphql.context import Info
from domain.passport.models import ContactLogEntry
from domain.stores.custom_fields import FieldRule
from domain.stores.models import CustomFieldDefinition, MerchandiserAssignment


def rules_loader(info: Info) -> DataLoader[int, list[FieldRule]]:
    """The tenant's custom field rules in definition order (load key 0): one query per request."""
    session = info.context.session

    async def batch(keys: Sequence[int]) -> list[list[FieldRule]]:
        rows = await session.scalars(
            select(CustomFieldDefinition).order_by(CustomFieldDefinition.id)
        )
        rules = [FieldRule.of(row) for row in rows]
        return [rules for _ in keys]

    return info.context.loaders.custom("stores.field_rules", batch)


def last_contact_loader(info: Info) -> DataLoader[int, ContactLogEntry | None]:
    """The latest contact of each store, one query for a whole page of stores."""
    session = info.context.session

    async def batch(store_ids: Sequence[int]) -> list[ContactLogEntry | None]:
        ranked = (
            select(
                ContactLogEntry.id,
                func.row_number()
                .over(
                    partition_by=ContactLogEntry.store_id,
                    order_by=(ContactLogEntry.occurred_at.desc(), ContactLogEntry.id.desc()),
                )
                .label("rank"),
            )
            .where(ContactLogEntry.store_id.in_(store_ids))
            .subquery()
        )
        rows = await session.scalars(
            select(ContactLogEntry)
            .join(ranked, ranked.c.id == ContactLogEntry.id)
            .where(ranked.c.rank == 1)
        )
        latest = {row.store_id: row for row in rows}
        return [latest.get(i) for i in store_ids]

    return info.context.loaders.custom("stores.last_contact", batch)


def assignments_loader(info: Info) -> DataLoader[int, list[MerchandiserAssignment]]:
    """Each store's assignment history, newest first."""
    return info.context.loaders.children(
        MerchandiserAssignment.store_id,
        order_by=[MerchandiserAssignment.started_at.desc(), MerchandiserAssignment.id.desc()],
    )
