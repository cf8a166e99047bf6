"""GraphQL for notifications and their delivery log."""
