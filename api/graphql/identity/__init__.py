"""GraphQL for the viewer, users, memberships, API keys and OAuth2 clients."""
