"""GraphQL for a store's message thread."""
