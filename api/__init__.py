"""The HTTP edge: the starlette app, the GraphQL schema, auth endpoints, webhooks, the CLI."""
