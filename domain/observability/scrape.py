"""Who may read the metrics: one check for the API's /metrics and the workers' metrics port.

With `PEIHUO_METRICS_TOKEN` set, a scraper must send it as a bearer token (from any address);
without it, only loopback clients (a scraper in the same pod or host) are answered. Everyone
else gets a 404, as if nothing were there.
"""

from __future__ import annotations

import ipaddress
import secrets

from pydantic import SecretStr


def is_loopback(host: str) -> bool:
    """Whether `host` (a client's address) is a loopback address."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def scrape_allowed(authorization: str | None, client_host: str, token: SecretStr | None) -> bool:
    """Whether a scrape with this Authorization header from this address may read metrics."""
    if token is None:
        return is_loopback(client_host)
    scheme, _, value = (authorization or "").partition(" ")
    return scheme.lower() == "bearer" and secrets.compare_digest(
        value.strip().encode(), token.get_secret_value().encode()
    )
