"""Who may enter when sign-in is on: the allow-list (SALESBOT_ALLOWED_EMAILS) and a check of the [auth] section."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from salesbot.errors import ConfigError
from salesbot.text import address

# What a signed-in user's email must look like to be recorded or matched: one @, something on either side, a dot
# in the domain. Providers send addresses they have checked; this only keeps odd claims out of the allow-list.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^@[^@\s]+\.[^@\s]+$")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


def parse_allowed_emails(raw: str) -> tuple[str, ...]:
    """SALESBOT_ALLOWED_EMAILS: comma-separated exact addresses and @domain entries, lower-cased; a bad entry is a
    ConfigError naming it."""
    entries = tuple(address(e) for e in raw.replace(";", ",").split(",") if address(e))
    for entry in entries:
        if not (_EMAIL.match(entry) or _DOMAIN.match(entry)):
            raise ConfigError(
                f"SALESBOT_ALLOWED_EMAILS holds {entry!r}: each entry must be an address (ana@example.com) or a"
                " domain starting with @ (@example.com), separated by commas."
            )
    return entries


def email_verified(claim: object) -> bool:
    """Whether the provider's `email_verified` claim lets an address in: only the JSON boolean true, or no claim at
    all (Microsoft Entra never sends it; its addresses are the tenant's own). "false", "true", 0 or 1 do not."""
    return claim is True or claim is None


def hidden_characters(email: str) -> bool:
    """True when the address holds a character that shows nothing or reorders what is shown (zero-width spaces and
    joiners, bidi controls such as U+202E, control characters): it would read as another address."""
    return any(unicodedata.category(c) in {"Cf", "Cc", "Cs", "Co", "Cn", "Zl", "Zp"} for c in email.strip())


def signed_in_address(email: str) -> str:
    """The one form of a signed-in address, for the allow-list, `created_by` and the Placed by filter alike."""
    return address(email)


def email_allowed(allowed: tuple[str, ...], email: str, verified: object = None) -> bool:
    """An address on the list, or in one of its @domains (that domain exactly, not its subdomains); an empty list
    lets every signed-in user with an address in. Never an address with hidden characters, nor one whose
    `email_verified` claim is anything but true or absent."""
    if not email_verified(verified) or hidden_characters(email):
        return False
    email = signed_in_address(email)
    if not _EMAIL.match(email):
        return False
    if not allowed:
        return True
    domain = email[email.rindex("@") :]
    return email in allowed or domain in allowed


def auth_problem(section: Mapping[str, object]) -> str | None:
    """What is missing from a configured [auth] section for st.login's default provider, or None when it is
    complete (checked before sending anyone to the provider, so a half-done setup says what to fix)."""
    missing = [k for k in ("redirect_uri", "cookie_secret") if not section.get(k)]
    provider = section.get("default") if isinstance(section.get("default"), Mapping) else section
    assert isinstance(provider, Mapping)
    missing += [k for k in PROVIDER_KEYS if not provider.get(k)]
    if missing:
        return f"Sign-in is configured but [auth] in secrets.toml lacks {', '.join(missing)}."
    redirect = str(section.get("redirect_uri"))
    if not redirect.endswith("/oauth2callback"):
        return f"[auth] redirect_uri must end with /oauth2callback (this app's address + /oauth2callback), got {redirect!r}."
    return None
