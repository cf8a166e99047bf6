"""Who may reach which store, defined once: `reach.py` holds the rule per reach (tenant, region,
assigned stores, own stores) and the in-memory check; `stores.py` derives the SQL condition
and the session's global criteria from the same rule; `people.py` says what a viewer sees of a
person, through the viewer's reach over the stores that person owns."""
