"""GraphQL for the service passport: the store's record and its contact log."""
