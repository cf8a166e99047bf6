"""Stores, their preferences and custom fields, and their dedicated merchandiser."""
