"""People and machines that act: users, memberships, logins, tokens, API keys and OAuth2 clients
(adding members and their stores: domain.people)."""
