"""Exports of a tenant's data: every tenant table, the tenant's row and its members (built on
tenancy, identity and the tables of every concept, which know nothing of it)."""
