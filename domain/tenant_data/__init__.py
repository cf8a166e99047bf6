"""A tenant's data as a whole: its export and its deletion (built on tenancy, identity, the jobs
and the tables of every concept, which know nothing of it)."""
