"""Background work: the outbox, the job registry, rq queues and the workers that run them."""
