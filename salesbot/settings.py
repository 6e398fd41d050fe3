"""Settings: one frozen dataclass read from the environment (.env and st.secrets count too)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from salesbot.auth import parse_allowed_emails
from salesbot.errors import ConfigError
from salesbot.playbook.personas import PERSONA_LABELS


def _float(env: Mapping[str, str], name: str, default: float, minimum: float) -> float:
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


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment. Secrets never appear in repr()."""

    db_path: Path = Path("data/salesbot.db")
    sim_speed: float = 1.0
    sim_persona: str = ""  # a fixed simulated customer for every call (rehearsals, tests); "" draws one per call
    poll_seconds: float = 0.4  # live transcript: a line is visible within about half a second of being said
    redial_guard_minutes: float = 10.0
    provider_poll_seconds: float = 1.0  # a real provider is asked about a call at most this often, whatever the tabs
    log_level: str = "INFO"
    offer: str = "Salesbot, an AI assistant that places and follows up sales calls for your team"
    # Facts the agent may quote when asked (price, trial, setup, based in, founded, customers): `key: value` items
    # separated by `;`, a Hindi wording after ` | `.
    offer_facts: str = (
        "price: ₹1,499 per seat per month, with no setup fee | ₹1,499 प्रति सीट प्रति माह, बिना सेटअप शुल्क;"
        " trial: a free 14-day trial | 14 दिन का मुफ़्त ट्रायल; setup: about two weeks | लगभग दो हफ़्ते;"
        " based in: Bengaluru | बेंगलुरु; founded: 2018 | 2018"
    )
    company: str = "Acme Cloud"
    agent_name: str = "Maya"
    openai_api_key: str = field(default="", repr=False)
    openai_model: str = "gpt-4o-mini"
    openai_base_url: str = ""
    openai_timeout_s: float = 30.0
    openai_max_retries: int = 2
    bland_api_key: str = field(default="", repr=False)
    bland_base_url: str = "https://api.bland.ai"
    bland_voice: str = "maya"
    bland_timeout_s: float = 20.0
    bland_max_duration_min: int = 5
    bland_from_number: str = ""
    allowed_numbers: tuple[str, ...] = ()
    supabase_url: str = ""
    supabase_key: str = field(default="", repr=False)
    api_token: str = field(default="", repr=False)  # the REST API's bearer token; unset: the API answers 503
    bland_webhook_secret: str = field(default="", repr=False)  # Bland's webhook signing secret
    public_url: str = ""  # where Bland can reach this app (https), for its post-call webhook
    # With sign-in on: who may enter (addresses, @domains; empty: anyone the provider signs in), and whether the app
    # must refuse to open without an [auth] section (a deployment that must never run open).
    allowed_emails: tuple[str, ...] = ()
    require_sign_in: bool = False

    @property
    def bland_webhook_url(self) -> str:
        """Where Bland posts finished calls; "" when no public URL is set (the poller alone follows calls)."""
        return f"{self.public_url}/api/webhooks/bland" if self.public_url else ""

    def number_allowed(self, e164: str) -> bool:
        """SALESBOT_ALLOWED_NUMBERS: exact E.164 numbers or prefixes ending in *; unset allows every number."""
        if not self.allowed_numbers:
            return True
        return any(e164.startswith(n[:-1]) if n.endswith("*") else e164 == n for n in self.allowed_numbers)

    @property
    def uses_openai(self) -> bool:
        return bool(self.openai_api_key)

    @property
    def uses_bland(self) -> bool:
        return bool(self.bland_api_key)

    @property
    def uses_supabase(self) -> bool:
        return bool(self.supabase_url and self.supabase_key)


def load_settings(env: Mapping[str, str] | None = None, secrets: Mapping[str, object] | None = None) -> Settings:
    """Build settings from `env` (default: os.environ after loading .env), then `secrets`.

    Environment variables win over st.secrets so a deployment can override a secrets file.
    """
    if env is None:
        from dotenv import load_dotenv

        load_dotenv(override=False)
        env = os.environ
    merged: dict[str, str] = {k: str(v) for k, v in (secrets or {}).items() if isinstance(v, str | int | float)}
    merged.update({k: v for k, v in env.items() if v != ""})

    level = merged.get("SALESBOT_LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ConfigError(f"SALESBOT_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {level!r}.")
    defaults = Settings()
    public_url = _public_url(merged.get("SALESBOT_PUBLIC_URL", ""))
    webhook_secret = merged.get("BLAND_WEBHOOK_SECRET", "").strip()
    if public_url and merged.get("BLAND_API_KEY", "").strip() and not webhook_secret:
        raise ConfigError(
            "SALESBOT_PUBLIC_URL is set, so Bland will post finished calls to it: set BLAND_WEBHOOK_SECRET (the signing"
            " secret from Bland's dashboard) too, or unset SALESBOT_PUBLIC_URL to follow calls by polling alone."
        )
    persona = merged.get("SALESBOT_SIM_PERSONA", "").strip()
    if persona and persona not in PERSONA_LABELS:
        raise ConfigError(f"SALESBOT_SIM_PERSONA must be one of {', '.join(PERSONA_LABELS)}, got {persona!r}.")
    return Settings(
        db_path=Path(merged.get("SALESBOT_DB_PATH", str(defaults.db_path))),
        sim_speed=_float(merged, "SALESBOT_SIM_SPEED", 1.0, 0.01),
        sim_persona=persona,
        poll_seconds=_float(merged, "SALESBOT_POLL_SECONDS", defaults.poll_seconds, 0.2),
        redial_guard_minutes=_float(merged, "SALESBOT_REDIAL_GUARD_MINUTES", defaults.redial_guard_minutes, 0),
        provider_poll_seconds=_float(merged, "SALESBOT_PROVIDER_POLL_SECONDS", defaults.provider_poll_seconds, 0),
        log_level=level,
        offer=merged.get("SALESBOT_OFFER", defaults.offer).strip() or defaults.offer,
        offer_facts=merged.get("SALESBOT_OFFER_FACTS", defaults.offer_facts).strip(),
        company=merged.get("SALESBOT_COMPANY", defaults.company).strip() or defaults.company,
        agent_name=merged.get("SALESBOT_AGENT_NAME", defaults.agent_name).strip() or defaults.agent_name,
        openai_api_key=merged.get("OPENAI_API_KEY", "").strip(),
        openai_model=merged.get("OPENAI_MODEL", defaults.openai_model).strip() or defaults.openai_model,
        openai_base_url=merged.get("OPENAI_BASE_URL", "").strip(),
        openai_timeout_s=_float(merged, "OPENAI_TIMEOUT_SECONDS", 30.0, 1.0),
        openai_max_retries=int(_float(merged, "OPENAI_MAX_RETRIES", 2, 0)),
        bland_api_key=merged.get("BLAND_API_KEY", "").strip(),
        bland_base_url=merged.get("BLAND_BASE_URL", defaults.bland_base_url).strip().rstrip("/")
        or defaults.bland_base_url,
        bland_timeout_s=_float(merged, "BLAND_TIMEOUT_SECONDS", 20.0, 0.5),
        bland_voice=merged.get("BLAND_VOICE", defaults.bland_voice).strip() or defaults.bland_voice,
        bland_max_duration_min=int(_float(merged, "BLAND_MAX_DURATION_MIN", 5, 1)),
        bland_from_number=merged.get("BLAND_FROM_NUMBER", "").strip(),
        allowed_numbers=tuple(n.strip() for n in merged.get("SALESBOT_ALLOWED_NUMBERS", "").split(",") if n.strip()),
        supabase_url=merged.get("SUPABASE_URL", "").strip().rstrip("/"),
        supabase_key=merged.get("SUPABASE_KEY", "").strip(),
        api_token=merged.get("SALESBOT_API_TOKEN", "").strip(),
        bland_webhook_secret=webhook_secret,
        public_url=public_url,
        allowed_emails=parse_allowed_emails(merged.get("SALESBOT_ALLOWED_EMAILS", "")),
        require_sign_in=_flag(merged, "SALESBOT_REQUIRE_SIGN_IN"),
    )


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = env.get(name, "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{name} must be 1 or 0 (true or false), got {raw!r}.")


def _public_url(raw: str) -> str:
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
