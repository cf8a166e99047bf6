"""Satisfaction surveys after delivery."""
