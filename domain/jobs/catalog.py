"""Imports every module that defines jobs or handles events (`domain.events`), so that a
worker and every publisher know them all."""

import domain.complaints.jobs
import domain.jobs.maintenance
import domain.notifications.jobs
import domain.orders.handover
import domain.orders.jobs
import domain.recommendation.runs.jobs
import domain.reminders.jobs
import domain.shipments.jobs
import domain.surveys.jobs
import domain.tenant_data.deletion  # noqa: F401
