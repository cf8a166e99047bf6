"""GraphQL for recommendation runs: ask for one, rerun a store, follow a run, list them."""
