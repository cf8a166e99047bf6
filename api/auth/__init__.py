"""Authentication at the edge: token endpoints and reading credentials off requests."""
