"""Regions (大区): groups of provinces run together."""
