"""Tenants (franchise brands), their policies, and the tenant-bound database session."""
