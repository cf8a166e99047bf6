"""Typed domain errors: a code, the field at fault and a message; the API turns them into userErrors."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ErrorCode(StrEnum):
    """Machine-readable error codes shared by every service."""

    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    DUPLICATE = "DUPLICATE"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    THROTTLED = "THROTTLED"
    CONFLICT = "CONFLICT"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    OVER_BUDGET = "OVER_BUDGET"
    INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK"
    OVER_CAPACITY = "OVER_CAPACITY"
    APPROVAL_REQUIRED = "APPROVAL_REQUIRED"


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field (`field` is a dotted path, None for the whole input)."""

    code: ErrorCode
    message: str
    field: str | None = None


@dataclass
class DomainError(Exception):
    """A refused operation; carries one or more field errors. Nothing was changed."""

    errors: list[FieldError] = field(default_factory=list)

    def __init__(self, code: ErrorCode, message: str, field: str | None = None) -> None:
        self.errors = [FieldError(code=code, message=message, field=field)]
        super().__init__(message)

    @classmethod
    def many(cls, errors: list[FieldError]) -> DomainError:
        """One error carrying several field errors (at least one)."""
        assert errors, "DomainError.many needs at least one error"
        error = cls(errors[0].code, errors[0].message, errors[0].field)
        error.errors = list(errors)
        return error

    @property
    def code(self) -> ErrorCode:
        """The first error's code."""
        return self.errors[0].code

    @property
    def message(self) -> str:
        """All messages, joined."""
        return "; ".join(e.message for e in self.errors)


class NotFound(DomainError):
    """The object does not exist, or is not visible to this actor (indistinguishable on purpose)."""

    def __init__(self, what: str, field: str | None = "id") -> None:
        super().__init__(ErrorCode.NOT_FOUND, f"{what} not found", field)


class Forbidden(DomainError):
    """The actor may not do this."""

    def __init__(self, message: str = "not allowed", field: str | None = None) -> None:
        super().__init__(ErrorCode.FORBIDDEN, message, field)


class Invalid(DomainError):
    """Bad input for one field."""

    def __init__(self, field: str | None, message: str, code: ErrorCode = ErrorCode.INVALID):
        super().__init__(code, message, field)


class Collector:
    """Gathers field errors during validation, then raises them all at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str | None, message: str, code: ErrorCode = ErrorCode.INVALID) -> None:
        """Record one problem."""
        self.errors.append(FieldError(code=code, message=message, field=field))

    def raise_if_any(self) -> None:
        """Raise a DomainError carrying everything collected, if anything was."""
        if self.errors:
            raise DomainError.many(self.errors)
