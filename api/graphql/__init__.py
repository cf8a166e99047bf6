"""The GraphQL API: one folder per concept, mirroring domain/."""
