"""Imports every module that defines jobs, so that a worker knows them all."""

import domain.jobs.maintenance  # noqa: F401
