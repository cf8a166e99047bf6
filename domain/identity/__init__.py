"""People and machines that act: users, memberships, tokens, API keys and OAuth2 clients."""
