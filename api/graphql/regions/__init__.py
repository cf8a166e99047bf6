"""GraphQL for regions."""
