"""Shipments: pick lists, deliveries, carrier tracking and the simulated carrier."""
