"""The world the permission matrix runs in: a tenant, the callers' credentials, and fresh
objects (complaints, credentials, custom fields) for rows that change state."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import update

from api.graphql.relay import global_id
from domain.complaints import service as complaints
from domain.complaints.models import ComplaintCategory
from domain.db import Database
from domain.identity.keys import create_api_key, create_oauth_client
from domain.messages import service as messages
from domain.messages.models import MessageThread, ThreadLevel
from domain.orders.models import OrderStatus
from domain.permissions import INTEGRATION_SCOPES, Role
from domain.severity import Severity
from domain.shipments import service as shipments
from domain.stores.models import FieldType
from domain.tenancy.session import tenant_session
from tests.domain.orders.factories import cast, edit, order_in
from tests.domain.shipments.factories import SIMULATED, tracking_number
from tests.domain.stores.factories import make_custom_field
from tests.factories import Member, World, make_member, make_world, system

_seq = itertools.count(1)


def unique(prefix: str) -> str:
    """A code no other call uses."""
    return f"{prefix}{next(_seq)}"


@dataclass
class Setup:
    """The world every row runs in, and the credentials of each caller."""

    db: Database
    world: World
    spare: Member  # a merchandiser of R1 with no stores: target of role changes
    stand_in: Member  # a merchandiser of R1 who may be given s1
    headers: dict[str, dict[str, str]]

    def gid(self, type_name: str, pk: int) -> str:
        return str(global_id(type_name, pk))

    @property
    def store(self) -> str:
        return self.gid("Store", self.world.stores[0].id)

    async def complaint(self, *moves: str) -> str:
        """A fresh complaint of s0, moved through `moves` (start, resolve)."""
        actor = self.world.hq.actor
        async with tenant_session(self.db, actor) as session:
            row = await complaints.create_complaint(
                session,
                actor,
                self.world.stores[0].id,
                ComplaintCategory.SHORTAGE,
                Severity.LOW,
                "少了 2 件",
            )
            for move in moves:
                if move == "start":
                    row = await complaints.start_complaint(session, actor, row.id)
                else:
                    row = await complaints.resolve_complaint(session, actor, row.id, "补发")
            await session.commit()
            return self.gid("Complaint", row.id)

    async def credential(self, kind: str) -> str:
        """A fresh API key or OAuth client to revoke."""
        actor = self.world.hq.actor
        async with tenant_session(self.db, actor) as session:
            make = create_api_key if kind == "ApiKey" else create_oauth_client
            issued = await make(session, actor, "to revoke", ["stock:write"])
            await session.commit()
        return self.gid(kind, issued.id)

    async def custom_field(self) -> str:
        """A fresh custom field to delete."""
        key = unique("gone_")
        await make_custom_field(self.db, self.world, key, FieldType.TEXT)
        return key

    async def order(self, status: OrderStatus) -> str:
        """A fresh order of s0 in `status`, of SKUs no other row touches (one unit of two)."""
        lines = [(self.world.skus[-1], 1), (self.world.skus[-2], 1)]
        row = await order_in(self.db, self.world, self.world.stores[0], status, lines)
        return self.gid("Order", row.id)

    async def approval(self) -> str:
        """A pending HQ approval: s0's merchandiser edits a fresh draft to 11,700, far over the
        budget (10,000 or 9,000) and its 10% limit, in SKUs nothing reserves."""
        s0 = self.world.stores[0]
        draft = await order_in(self.db, self.world, s0, OrderStatus.DRAFT, [])
        people = cast(self.world, s0)
        changes = {self.world.skus[1]: 60, self.world.skus[2]: 70}
        edited = await edit(self.db, people.merchandiser, draft, changes, "opening week")
        assert edited.approval is not None
        return self.gid("OrderApproval", edited.approval.id)

    async def shipment(self) -> str:
        """A fresh shipment of a confirmed order of s0, just handed to the carrier."""
        order = await order_in(
            self.db,
            self.world,
            self.world.stores[0],
            OrderStatus.CONFIRMED,
            [(self.world.skus[-1], 1)],
        )
        actor = self.world.hq.actor
        async with tenant_session(self.db, actor) as session:
            row = await shipments.create_shipment(
                session, actor, order.id, SIMULATED, tracking_number(), 1
            )
            await session.commit()
            return self.gid("Shipment", row.id)

    async def thread_at_store_level(self) -> None:
        """Put s0's thread back at its first level, so that it can be escalated again."""
        async with tenant_session(self.db, system(self.world.tenant)) as session:
            await session.execute(
                update(MessageThread)
                .where(MessageThread.store_id == self.world.stores[0].id)
                .values(level=ThreadLevel.STORE)
            )
            await session.commit()


async def make_setup(db: Database, token: Callable[[Member], str]) -> Setup:
    """A world with a complaint, a message thread, a custom field, credentials and a spare member."""
    world = await make_world(db)
    spare = await make_member(db, world.tenant, Role.MERCHANDISER, world.regions[0])
    stand_in = await make_member(db, world.tenant, Role.MERCHANDISER, world.regions[0])
    hq = world.hq.actor
    async with tenant_session(db, hq) as session:
        full = await create_api_key(session, hq, "all", sorted(p.value for p in INTEGRATION_SCOPES))
        bare = await create_api_key(session, hq, "bare", ["shipment:read"])
        await messages.send_message(session, hq, world.stores[0].id, "欢迎")
        await session.commit()
    await make_custom_field(db, world, "staff", FieldType.NUMBER)
    by_store = {m.user.id: m for m in world.merchandisers}
    s0 = world.stores[0]
    owner = next(f for f in world.franchisees if f.user.id == s0.franchisee_id)
    other_owner = next(f for f in world.franchisees if f.user.id == world.stores[1].franchisee_id)
    far = next(m for m in world.merchandisers if m.actor.region_id != s0.region_id)
    members = {
        "hq": world.hq,
        "mgr": next(m for m in world.managers if m.actor.region_id == s0.region_id),
        "merch": by_store[s0.merchandiser_id],
        "m-far": far,
        "fr": owner,
        "f-oth": other_owner,
    }
    headers = {name: {"Authorization": f"Bearer {token(m)}"} for name, m in members.items()}
    headers["key"] = {"X-Api-Key": full.secret}
    headers["k-no"] = {"X-Api-Key": bare.secret}
    headers["anon"] = {}
    return Setup(db, world, spare, stand_in, headers)
