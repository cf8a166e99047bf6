"""The store list loads every relation in batches: its statement count does not grow with the page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import event

from domain.db import Database
from domain.passport.models import ContactKind, ContactLogEntry
from domain.stores.models import FieldType, MerchandiserAssignment, Store
from domain.tenancy.session import tenant_session
from tests.domain.stores.factories import make_custom_field
from tests.factories import World, system
from tests.fixtures import GraphQLClient

DEEP = """
query($first: Int) {
  stores(first: $first) {
    totalCount
    edges { node {
      code personalDataVisible franchiseePhone address
      region { code provinces }
      merchandiser { name email role isActive region { code } workload { stores openProposals salesRevenue } }
      franchisee { name email phone role }
      preferences { preferredChannel excludedSkus quietHours { start end } }
      customFields { key value }
      lastContact { channel summary user { name role } }
      assignments { active reason merchandiser { name } assignedBy { name } }
    } }
  }
}"""


async def add_stores(db: Database, world: World, count: int) -> None:
    """`count` more stores in R1, shared between its merchandisers, each with contacts."""
    merchandisers = world.merchandisers[:2]
    async with tenant_session(db, system(world.tenant)) as session:
        stores = [
            Store(
                code=f"BULK-{i:04d}",
                name=f"Bulk {i}",
                region_id=world.regions[0].id,
                province="Beijing",
                city="Beijing",
                budget=Decimal("1000"),
                merchandiser_id=merchandisers[i % 2].user.id,
                franchisee_id=world.franchisees[i % len(world.franchisees)].user.id,
                franchisee_name="owner",
                franchisee_phone="13900000000",
                custom_fields={"staff": i % 7},
            )
            for i in range(count)
        ]
        session.add_all(stores)
        await session.flush()
        for i, store in enumerate(stores):
            session.add(
                MerchandiserAssignment(store_id=store.id, merchandiser_id=store.merchandiser_id)
            )
            for n in range(2):
                session.add(
                    ContactLogEntry(
                        store_id=store.id,
                        channel=ContactKind.PHONE,
                        summary=f"call {n}",
                        user_id=merchandisers[i % 2].user.id,
                    )
                )
        await session.commit()


@contextmanager
def counted(db: Database) -> Iterator[list[str]]:
    """The SQL statements run inside the block."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)


async def test_statements_do_not_grow_with_the_page_size(
    world: World, gql: GraphQLClient, db: Database
) -> None:
    await make_custom_field(db, world, "staff", FieldType.NUMBER)
    await add_stores(db, world, 110)
    for member in (world.hq, world.managers[0]):
        token = member.token(gql.settings)
        sizes = {}
        for first in (10, 100):
            with counted(db) as statements:
                body = await gql(DEEP, {"first": first}, token)
            assert "errors" not in body, body["errors"]
            assert len(body["data"]["stores"]["edges"]) == first
            sizes[first] = len(statements)
        assert sizes[10] == sizes[100], (member.actor.role, sizes)
        assert sizes[100] <= 20, sizes
