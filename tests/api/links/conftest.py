"""The local SMTP server, webhook receiver and settings pointing at them."""

from tests.factories_service import _service_settings, mailbox, receiver, service_settings

__all__ = ["_service_settings", "mailbox", "receiver", "service_settings"]
