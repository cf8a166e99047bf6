"""Fault tests on PostgreSQL and Redis (CI=true requires both). Here: the database's
connections cut under requests, a worker killed during a notification send. Beside the code
they concern: a worker killed mid-run (tests/domain/recommendation/runs/test_worker_killed.py),
Redis stopped and started mid-relay (tests/domain/orders/test_outbox.py), two schedulers
started, one beats (tests/domain/jobs/test_processes.py)."""
