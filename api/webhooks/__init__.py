"""Inbound webhooks: carriers report tracking events."""
