"""OAuth2 client credentials (RFC 6749 §4.4) at POST /auth/token, served by authlib.

authlib's authorization server is synchronous and our database is async, so the client is
loaded first (from the Basic header or the form's client_id) and the server only ever hands
back that preloaded client. The access token is our own JWT, for an integration actor
limited to the granted scopes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from authlib.oauth2.rfc6749 import (
    AuthorizationServer,
    ClientCredentialsGrant,
    ClientMixin,
    InsecureTransportError,
    InvalidRequestError,
    InvalidScopeError,
    OAuth2Error,
    OAuth2Request,
)
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6749.util import extract_basic_authorization, scope_to_list
from starlette.datastructures import FormData, Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from domain.identity.keys import find_oauth_client
from domain.identity.models import OAuthClient
from domain.identity.passwords import digest, same_digest
from domain.identity.tokens import issue_access_token
from domain.permissions import INTEGRATION_SCOPES, Actor, Permission, Role
from domain.settings import Settings

GRANT_TYPE = "client_credentials"
AUTH_METHODS = ("client_secret_basic", "client_secret_post")
FORM_TYPE = "application/x-www-form-urlencoded"
# Compared against when the client is unknown, so that both paths cost the same.
_NO_SECRET = digest("peihuo-no-such-client")
_INTEGRATION_SCOPE_NAMES = frozenset(p.value for p in INTEGRATION_SCOPES)


class Client(ClientMixin):  # type: ignore[misc]
    """authlib's view of one of our OAuth clients; an unknown id gets one that never authenticates."""

    def __init__(self, client_id: str, row: OAuthClient | None) -> None:
        self.client_id = client_id
        self.row = row
        allowed = {s for s in (row.scopes if row else []) if s in _INTEGRATION_SCOPE_NAMES}
        self.allowed_scopes = frozenset(allowed)

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        return None

    def get_allowed_scope(self, scope: str | None) -> str:
        requested = scope_to_list(scope) if scope else sorted(self.allowed_scopes)
        return " ".join(sorted(s for s in requested if s in self.allowed_scopes))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return False

    def check_client_secret(self, client_secret: str) -> bool:
        matches = same_digest(client_secret, self.row.secret_hash if self.row else _NO_SECRET)
        return matches and self.row is not None

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint == "token" and method in AUTH_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return False

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == GRANT_TYPE and self.row is not None


class ClientCredentials(ClientCredentialsGrant):  # type: ignore[misc]
    """The client-credentials grant, with secrets in the Basic header or the form."""

    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = list(AUTH_METHODS)

    def validate_requested_scope(self) -> None:
        requested = scope_to_list(self.request.payload.scope) or []
        client: Client = self.request.client
        outside = sorted(set(requested) - client.allowed_scopes)
        if outside:
            raise InvalidScopeError(f"scope not allowed for this client: {' '.join(outside)}")


class TokenRequest(OAuth2Request):  # type: ignore[misc]
    """A token request with its form already read (authlib reads synchronously)."""

    def __init__(self, request: Request, checked_uri: str, form: dict[str, str]) -> None:
        super().__init__(request.method, checked_uri, headers=request.headers)
        self.uri = str(request.url)
        self.payload = BasicOAuth2Payload(form)
        self._form = form

    @property
    def form(self) -> dict[str, str]:
        return self._form


def checked_uri(request: Request, settings: Settings) -> str:
    """The URI handed to authlib, once plain HTTP has been allowed or refused (here only).

    authlib accepts HTTPS and loopback hosts; `oauth_allow_http` (tests) lifts that for this
    endpoint alone, instead of AUTHLIB_INSECURE_TRANSPORT for the whole process.
    """
    if settings.oauth_allow_http:
        return str(request.url.replace(scheme="https"))
    InsecureTransportError.check(str(request.url))
    return str(request.url)


class TokenServer(AuthorizationServer):  # type: ignore[misc]
    """An authorization server for one request, knowing only the client it was given."""

    def __init__(self, settings: Settings, client: Client) -> None:
        super().__init__(scopes_supported=sorted(_INTEGRATION_SCOPE_NAMES))
        self.settings = settings
        self.client = client
        self.register_grant(ClientCredentials)
        self.register_token_generator(GRANT_TYPE, self._generate_token)

    def query_client(self, client_id: str) -> Client:
        if client_id == self.client.client_id:
            return self.client
        return Client(client_id, None)

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        """Nothing to store: the token is a self-contained, short-lived JWT."""

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """No listeners."""

    def create_oauth2_request(self, request: TokenRequest) -> TokenRequest:
        return request

    def handle_response(self, status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
        return _json(status, body, headers)

    def _generate_token(
        self,
        grant_type: str,
        client: Client,
        user: Any = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = False,
    ) -> dict[str, Any]:
        assert client.row is not None
        granted = client.get_allowed_scope(scope)
        actor = Actor(
            tenant_id=client.row.tenant_id,
            role=Role.INTEGRATION,
            scopes=frozenset(Permission(s) for s in granted.split()),
            label=f"oauth-client:{client.row.name}",
            extra={"oauth_client_id": str(client.row.id)},
        )
        return {
            "access_token": issue_access_token(
                self.settings, actor, subject=f"client:{client.client_id}", client=client.row.id
            ),
            "token_type": "Bearer",
            "expires_in": int(self.settings.access_token_ttl.total_seconds()),
            "scope": granted,
        }


def _single_values(form: FormData) -> dict[str, str] | str:
    """The form as a dict, or the name of a parameter that is repeated or not text."""
    values: dict[str, str] = {}
    for key, value in form.multi_items():
        if key in values or not isinstance(value, str):
            return key
        values[key] = value
    return values


def _precheck(headers: Headers, form: dict[str, str]) -> str | None:
    """What authlib does not refuse by itself: a missing grant type, two ways to authenticate."""
    if not form.get("grant_type"):
        return "missing 'grant_type' parameter"
    basic_id, _ = extract_basic_authorization(headers)
    if basic_id is not None and "client_secret" in form:
        return "authenticate with one method: HTTP Basic or client_secret_post, not both"
    if basic_id is not None and form.get("client_id", basic_id) != basic_id:
        return "client_id differs from the one in the Authorization header"
    return None


def _json(status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
    return JSONResponse(body, status_code=status, headers=dict(headers))


async def token(request: Request) -> Response:
    """Exchange client credentials for an access token (the client-credentials grant)."""
    settings: Settings = request.app.state.settings
    try:
        uri = checked_uri(request, settings)
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != FORM_TYPE:
            raise InvalidRequestError(f"the body must be {FORM_TYPE}")
        form = _single_values(await request.form())
        if isinstance(form, str):
            raise InvalidRequestError(f"parameter '{form}' must be given once, as text")
        problem = _precheck(request.headers, form)
        if problem:
            raise InvalidRequestError(problem)
    except OAuth2Error as error:
        return _json(*error())

    basic_id, _ = extract_basic_authorization(request.headers)
    client_id = basic_id or form.get("client_id") or ""
    row = await find_oauth_client(request.app.state.db, client_id) if client_id else None
    server = TokenServer(settings, Client(client_id, row))
    response: Response = server.create_token_response(TokenRequest(request, uri, form))
    return response
