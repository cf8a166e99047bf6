"""Every link the service sends people (in e-mails, SMS, chat), built in one place.

A link is the site's address (`Settings.site_url`: PEIHUO_PUBLIC_URL, else where `serve`
listens) and a page of the app. When the portal gets a page for something a link points at,
the path changes here and nowhere else. Each notification kind whose text has a `{link}` is
listed in LINKED_KINDS, and a test follows each one to its page.

The survey link carries a signed token (HS256 with the secret key, for one survey of one tenant,
valid SURVEY_LINK_TTL): opening it needs no login, and it answers that survey only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from domain import clock
from domain.errors import DomainError, ErrorCode
from domain.settings import Settings

ISSUER = "peihuo"
SURVEY_AUDIENCE = "peihuo:survey"
SURVEY_LINK_TTL = timedelta(days=60)
SURVEY_PATH = "/surveys/"

# Notification kinds whose text carries a `{link}`, and the page kind it opens.
LINKED_KINDS = {"survey.requested": "survey"}


@dataclass(frozen=True)
class SurveyGrant:
    """What a survey link's token grants: answering one survey of one tenant."""

    tenant_id: int
    survey_id: int


def _key(settings: Settings) -> OctKey:
    return OctKey.import_key(settings.secret_key.get_secret_value())


def survey_token(settings: Settings, tenant_id: int, survey_id: int) -> str:
    """The signed token of a survey's link."""
    issued = int(clock.now().timestamp())
    claims = {
        "iss": ISSUER,
        "aud": SURVEY_AUDIENCE,
        "iat": issued,
        "exp": issued + int(SURVEY_LINK_TTL.total_seconds()),
        "tid": tenant_id,
        "sid": survey_id,
    }
    return jwt.encode({"alg": "HS256"}, claims, _key(settings))


def read_survey_token(settings: Settings, token: str) -> SurveyGrant:
    """The survey a link's token opens; NOT_FOUND when forged, mangled, expired or not one."""
    try:
        decoded = jwt.decode(token, _key(settings), algorithms=["HS256"])
        jwt.JWTClaimsRegistry(
            now=lambda: int(clock.now().timestamp()),
            iss={"essential": True, "value": ISSUER},
            aud={"essential": True, "value": SURVEY_AUDIENCE},
            exp={"essential": True},
            tid={"essential": True},
            sid={"essential": True},
        ).validate(decoded.claims)
        tenant_id, survey_id = decoded.claims["tid"], decoded.claims["sid"]
        if not (isinstance(tenant_id, int) and isinstance(survey_id, int)):
            raise ValueError("tid and sid are numbers")
    except (JoseError, ValueError) as error:
        raise DomainError(
            ErrorCode.NOT_FOUND, "this survey link is not valid or has expired", "token"
        ) from error
    return SurveyGrant(tenant_id, survey_id)


def survey_link(settings: Settings, tenant_id: int, survey_id: int) -> str:
    """Where the franchisee answers a survey (the app's survey page; no login needed)."""
    return f"{settings.site_url}{SURVEY_PATH}{survey_token(settings, tenant_id, survey_id)}"
