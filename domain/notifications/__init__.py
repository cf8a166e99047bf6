"""Notifications: who is told of what, in which language, through which channel, and the delivery log."""
