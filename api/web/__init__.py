"""The web front end: the built bundle (frontend/dist) served at `/`, and the headers every response carries."""
