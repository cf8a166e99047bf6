"""The order API."""
