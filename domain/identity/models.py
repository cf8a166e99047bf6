"""Users (global), memberships (one role per tenant), refresh tokens, API keys, OAuth2 clients."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain import clock
from domain.db import Base, TenantOwned, Timestamped, enum_column, json_column
from domain.permissions import Role


class User(Timestamped, Base):
    """A person who logs in. Global: one person may belong to several tenants.

    `name` and `phone` are what the person's login was first made with, shown to nobody but
    themselves: what a tenant knows of a person (name, phone, role) is on their membership.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    is_platform_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Membership(TenantOwned, Timestamped, Base):
    """A user's one role in one tenant (regional managers and merchandisers belong to a region)."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("tenant_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = enum_column(Role)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id", ondelete="SET NULL"))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The person as this tenant knows them (typed by whoever added or invited them).
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))


class InvitationStatus(StrEnum):
    """Where an invitation stands."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Invitation(Timestamped, Base):
    """An offer of a membership to a person who already has a login (in this tenant or another).

    Global like users (its invitee reads it from whichever tenant they are signed in to), always
    read by tenant or by invitee explicitly. It holds only what the inviter typed; accepting it
    makes the membership, declining it leaves nothing in the tenant.
    """

    __tablename__ = "invitations"
    __table_args__ = (Index(None, "user_id", "status"), Index(None, "tenant_id", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    role: Mapped[Role] = enum_column(Role)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id", ondelete="SET NULL"))
    store_ids: Mapped[list[int]] = json_column(default=list)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[InvitationStatus] = enum_column(
        InvitationStatus, default=InvitationStatus.PENDING
    )
    answered_at: Mapped[datetime | None] = mapped_column()


class RefreshToken(TenantOwned, Base):
    """One refresh token of a rotating family; reuse of a used one revokes the family."""

    __tablename__ = "refresh_tokens"
    __audited__: ClassVar[bool] = False

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    family: Mapped[str] = mapped_column(String(64), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(default=clock.now)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class LoginFailure(TenantOwned, Base):
    """A failed login, counted per account and per address to throttle guessing."""

    __tablename__ = "login_failures"
    __audited__: ClassVar[bool] = False
    __table_args__ = (
        Index(None, "tenant_id", "email", "at"),
        Index(None, "tenant_id", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=clock.now)


class ApiKey(TenantOwned, Timestamped, Base):
    """A hashed, scoped, revocable key for an integration (POS, ERP, carrier)."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(32), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[list[str]] = json_column(default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    last_used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class OAuthClient(TenantOwned, Timestamped, Base):
    """A machine client using the OAuth2 client-credentials grant."""

    __tablename__ = "oauth_clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    scopes: Mapped[list[str]] = json_column(default=list)
    revoked_at: Mapped[datetime | None] = mapped_column()
