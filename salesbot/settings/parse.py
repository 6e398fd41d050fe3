"""How each kind of setting is read from the environment: numbers, token counts, flags, URLs, the checked names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlparse

from salesbot.errors import ConfigError
from salesbot.playbook.personas import PERSONA_LABELS

TOKEN_FIELDS = ("max_completion_tokens", "max_tokens")


def number(env: Mapping[str, str], name: str, default: float, minimum: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as e:
        raise ConfigError(f"{name} must be a number, got {raw!r}.") from e
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {raw!r}.")
    return value


def whole(env: Mapping[str, str], name: str, default: int) -> int:
    """A token count: a whole number of at least 1 (OpenAI refuses less), or unset for the default."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{name} must be a whole number of tokens, at least 1, got {raw!r}.")
    return int(raw)


def flag(env: Mapping[str, str], name: str) -> bool:
    raw = env.get(name, "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{name} must be 1 or 0 (true or false), got {raw!r}.")


def log_level(env: Mapping[str, str]) -> str:
    level = env.get("SALESBOT_LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ConfigError(f"SALESBOT_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {level!r}.")
    return level


def log_format(env: Mapping[str, str]) -> str:
    chosen = env.get("SALESBOT_LOG_FORMAT", "text").strip().lower() or "text"
    if chosen not in {"text", "json"}:
        raise ConfigError(f"SALESBOT_LOG_FORMAT must be text or json, got {chosen!r}.")
    return chosen


def persona(env: Mapping[str, str]) -> str:
    chosen = env.get("SALESBOT_SIM_PERSONA", "").strip()
    if chosen and chosen not in PERSONA_LABELS:
        raise ConfigError(f"SALESBOT_SIM_PERSONA must be one of {', '.join(PERSONA_LABELS)}, got {chosen!r}.")
    return chosen


def offer_facts(raw: str) -> str:
    """The offer's facts as written; `none` for none (the agent then promises to confirm by email)."""
    return "" if raw.strip().lower() == "none" else raw.strip()


def token_field(env: Mapping[str, str]) -> str:
    """OPENAI_TOKEN_FIELD, or by server: OpenAI's own name for OpenAI, `max_tokens` (which every OpenAI-compatible
    server reads) for any other OPENAI_BASE_URL."""
    raw = env.get("OPENAI_TOKEN_FIELD", "").strip()
    if raw and raw not in TOKEN_FIELDS:
        raise ConfigError(f"OPENAI_TOKEN_FIELD must be one of {', '.join(TOKEN_FIELDS)}, got {raw!r}.")
    base = env.get("OPENAI_BASE_URL", "").strip()
    return raw or ("max_tokens" if base and urlparse(base).hostname != "api.openai.com" else TOKEN_FIELDS[0])


def public_url(raw: str) -> str:
    """SALESBOT_PUBLIC_URL without a trailing slash; Bland only posts webhooks to https addresses."""
    url = raw.strip().rstrip("/")
    if not url:
        return ""
    parts = urlparse(url)
    if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(
            f"SALESBOT_PUBLIC_URL must be the https address Bland can reach this app at (e.g. https://salesbot.example"
            f".com), got {url!r}."
        )
    return url


def webhook_secret(env: Mapping[str, str], url: str) -> str:
    """BLAND_WEBHOOK_SECRET, required when Bland will post finished calls to a public URL."""
    secret = env.get("BLAND_WEBHOOK_SECRET", "").strip()
    if url and env.get("BLAND_API_KEY", "").strip() and not secret:
        raise ConfigError(
            "SALESBOT_PUBLIC_URL is set, so Bland will post finished calls to it: set BLAND_WEBHOOK_SECRET (the signing"
            " secret from Bland's dashboard) too, or unset SALESBOT_PUBLIC_URL to follow calls by polling alone."
        )
    return secret


_FRAME_SOURCE = re.compile(r"^(?:'self'|https?://(?:\*\.)?[A-Za-z0-9.-]+(?::\d{1,5})?)$")


def frame_ancestors(env: Mapping[str, str]) -> tuple[str, ...]:
    """SALESBOT_FRAME_ANCESTORS: the sites that may show the app in a frame ('self' or https://host[:port],
    separated by spaces or commas); empty: none may (X-Frame-Options: DENY)."""
    sources = tuple(s for s in re.split(r"[\s,]+", env.get("SALESBOT_FRAME_ANCESTORS", "")) if s)
    for source in sources:
        if not _FRAME_SOURCE.match(source):
            raise ConfigError(
                f"SALESBOT_FRAME_ANCESTORS holds {source!r}: list the sites that may embed the app as 'self' or"
                " https://host (with an optional :port), separated by spaces."
            )
    return sources
