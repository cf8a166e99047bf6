"""GraphQL for satisfaction surveys."""
