"""GraphQL import of store, catalogue, stock and sales files."""
