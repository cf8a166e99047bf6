"""GraphQL for the worklist."""
