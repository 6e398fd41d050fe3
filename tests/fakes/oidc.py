"""A real OpenID Connect provider on a free local port (the oidc-provider-mock package) and the [auth] secrets for it.

oidc-provider-mock is a working provider (discovery, authorization code flow with PKCE, signed ID tokens, userinfo,
end_session) built on Authlib: https://oidc-provider-mock.readthedocs.io/ — it follows OpenID Connect Core 1.0
(https://openid.net/specs/openid-connect-core-1_0.html). Its authorize page has an input `name="sub"` and an
"Authorize" button; a predefined user's claims (email, name, email_verified) reach `st.user`. Like a real provider it
only sends `email` and `name` for the `email` and `profile` scopes (st.login asks for both), and here it is started
with client registration required, so (as at Google or Entra) only a registered client with its exact redirect URI
gets a code.
"""

from __future__ import annotations

import json
import secrets
import threading
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OidcProvider:
    url: str  # http://127.0.0.1:PORT

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def put_user(self, sub: str, claims: Mapping[str, object]) -> None:
        """Add or replace a user (the mock's PUT /users/<sub>): signing in as `sub` then yields these claims."""
        request = urllib.request.Request(
            f"{self.url}/users/{sub}",
            data=json.dumps(dict(claims)).encode(),
            headers={"Content-Type": "application/json"},
            method="PUT",
        )
        with urllib.request.urlopen(request, timeout=10) as r:
            assert r.status == 204, r.status

    def register_client(self, redirect_uri: str) -> tuple[str, str]:
        """Register a client for `redirect_uri` (OAuth 2.0 Dynamic Client Registration): its id and secret."""
        request = urllib.request.Request(
            f"{self.url}/oauth2/clients",
            data=json.dumps({"redirect_uris": [redirect_uri]}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as r:
            body = json.load(r)
        return str(body["client_id"]), str(body["client_secret"])

    def auth_secrets(self, app_url: str, **overrides: object) -> str:
        """The [auth] section of a secrets.toml for an app at `app_url`, as a client registered with this provider;
        an override of None leaves that key out."""
        redirect_uri = f"{app_url}/oauth2callback"
        client_id, client_secret = self.register_client(redirect_uri)
        section: dict[str, object] = {
            "redirect_uri": redirect_uri,
            "cookie_secret": secrets.token_hex(32),
            "client_id": client_id,
            "client_secret": client_secret,
            "server_metadata_url": self.metadata_url,
            **overrides,
        }
        lines = [f"{key} = {json.dumps(value)}" for key, value in section.items() if value is not None]
        return "[auth]\n" + "\n".join(lines) + "\n"


def write_auth_secrets(path: Path, provider: OidcProvider, app_url: str, **overrides: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(provider.auth_secrets(app_url, **overrides))
    return path


@contextmanager
def running_provider(users: Mapping[str, Mapping[str, object]]) -> Iterator[OidcProvider]:
    """The provider on 127.0.0.1 and a free port, with `users` ({sub: claims}) predefined; stopped on exit."""
    import werkzeug.serving
    from oidc_provider_mock import User, app

    wsgi = app(
        require_client_registration=True,
        user_claims=[User(sub=sub, claims=dict(claims)) for sub, claims in users.items()],
    )
    server = werkzeug.serving.make_server("127.0.0.1", 0, wsgi, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield OidcProvider(f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
