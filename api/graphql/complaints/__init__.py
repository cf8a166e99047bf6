"""GraphQL for complaints."""
