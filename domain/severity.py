"""How bad a complaint is: named by complaints, by the tenant's SLA policy and by the worklist."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How bad it is; sets the deadline (tenant policy `complaint_sla_hours`)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"
