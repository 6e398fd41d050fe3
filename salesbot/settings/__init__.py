"""Settings: one frozen dataclass read from the environment (.env and st.secrets count too)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from salesbot.auth import parse_allowed_emails
from salesbot.settings import parse

# About 150 and 350 spoken words (the prompt's lengths), with room for Devanagari, which takes several tokens a word,
# and for a reasoning model's <think> block.
SCRIPT_MAX_TOKENS = {"short": 800, "standard": 1600}


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment. Secrets never appear in repr()."""

    db_path: Path = Path("data/salesbot.db")
    sim_speed: float = 1.0
    sim_persona: str = ""  # a fixed simulated customer for every call (rehearsals, tests); "" draws one per call
    script_line_seconds: float = 0.01  # the offline writer's pause between lines, so a script is seen being written
    poll_seconds: float = 0.4  # live transcript: a line is visible within about half a second of being said
    redial_guard_minutes: float = 10.0
    provider_poll_seconds: float = 1.0  # a real provider is asked about a call at most this often, whatever the tabs
    log_level: str = "INFO"
    log_format: str = "text"  # "json": one JSON object per line, with the request, call and session ids
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
    # Every model answer is bounded: a token cap (scripts by length unless set; the analysis) and a total time.
    openai_script_max_tokens: int = 0  # 0: by the script's length option (SCRIPT_MAX_TOKENS)
    openai_analysis_max_tokens: int = 3000
    openai_max_seconds: float = 90.0
    openai_token_field: str = "max_completion_tokens"  # how the cap is sent: OpenAI's name, or max_tokens elsewhere
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
    metrics_token: str = field(default="", repr=False)  # GET /api/metrics's own bearer token; unset: it answers 503
    bland_price_per_minute: float = 0.14  # USD per talk-time minute: Bland's Start plan, May 2026 (README)
    bland_webhook_secret: str = field(default="", repr=False)  # Bland's webhook signing secret
    public_url: str = ""  # where Bland can reach this app (https), for its post-call webhook
    # With sign-in on: who may enter (addresses, @domains; empty: anyone the provider signs in), and whether the app
    # must refuse to open without an [auth] section (a deployment that must never run open).
    allowed_emails: tuple[str, ...] = ()
    require_sign_in: bool = False
    frame_ancestors: tuple[str, ...] = ()  # sites that may show the app in a frame; empty: none (DENY)

    @property
    def bland_webhook_url(self) -> str:
        """Where Bland posts finished calls; "" when no public URL is set (the poller alone follows calls)."""
        return f"{self.public_url}/api/webhooks/bland" if self.public_url else ""

    def number_allowed(self, phone_e164: str) -> bool:
        """SALESBOT_ALLOWED_NUMBERS: exact E.164 numbers or prefixes ending in *; unset allows every number."""
        if not self.allowed_numbers:
            return True
        return any(phone_e164.startswith(n[:-1]) if n.endswith("*") else phone_e164 == n for n in self.allowed_numbers)

    def script_max_tokens(self, length: str) -> int:
        """The token cap of a script of this length option (short, standard)."""
        return self.openai_script_max_tokens or SCRIPT_MAX_TOKENS.get(length, SCRIPT_MAX_TOKENS["standard"])

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
    """Build settings from `env` (default: os.environ after loading .env), then `secrets`. Environment variables win
    over st.secrets so a deployment can override a secrets file."""
    merged = _merged(os.environ if env is None else env, secrets, load_dotenv_first=env is None)
    level = parse.log_level(merged)  # checked in this order, so the first problem is the one reported
    defaults = Settings()
    public_url = parse.public_url(merged.get("SALESBOT_PUBLIC_URL", ""))
    webhook_secret = parse.webhook_secret(merged, public_url)
    persona = parse.persona(merged)
    return Settings(
        db_path=Path(merged.get("SALESBOT_DB_PATH", str(defaults.db_path))),
        sim_speed=parse.number(merged, "SALESBOT_SIM_SPEED", 1.0, 0.01),
        sim_persona=persona,
        script_line_seconds=parse.number(merged, "SALESBOT_SCRIPT_LINE_SECONDS", defaults.script_line_seconds, 0),
        poll_seconds=parse.number(merged, "SALESBOT_POLL_SECONDS", defaults.poll_seconds, 0.2),
        redial_guard_minutes=parse.number(merged, "SALESBOT_REDIAL_GUARD_MINUTES", defaults.redial_guard_minutes, 0),
        provider_poll_seconds=parse.number(merged, "SALESBOT_PROVIDER_POLL_SECONDS", defaults.provider_poll_seconds, 0),
        log_level=level,
        log_format=parse.log_format(merged),
        offer=merged.get("SALESBOT_OFFER", defaults.offer).strip() or defaults.offer,
        offer_facts=parse.offer_facts(merged.get("SALESBOT_OFFER_FACTS", defaults.offer_facts)),
        company=merged.get("SALESBOT_COMPANY", defaults.company).strip() or defaults.company,
        agent_name=merged.get("SALESBOT_AGENT_NAME", defaults.agent_name).strip() or defaults.agent_name,
        openai_api_key=merged.get("OPENAI_API_KEY", "").strip(),
        openai_model=merged.get("OPENAI_MODEL", defaults.openai_model).strip() or defaults.openai_model,
        openai_base_url=merged.get("OPENAI_BASE_URL", "").strip(),
        openai_timeout_s=parse.number(merged, "OPENAI_TIMEOUT_SECONDS", 30.0, 1.0),
        openai_max_retries=int(parse.number(merged, "OPENAI_MAX_RETRIES", 2, 0)),
        openai_script_max_tokens=parse.whole(merged, "OPENAI_SCRIPT_MAX_TOKENS", 0),
        openai_analysis_max_tokens=parse.whole(
            merged, "OPENAI_ANALYSIS_MAX_TOKENS", defaults.openai_analysis_max_tokens
        ),
        openai_max_seconds=parse.number(merged, "OPENAI_MAX_SECONDS", defaults.openai_max_seconds, 1.0),
        openai_token_field=parse.token_field(merged),
        bland_api_key=merged.get("BLAND_API_KEY", "").strip(),
        bland_base_url=merged.get("BLAND_BASE_URL", defaults.bland_base_url).strip().rstrip("/")
        or defaults.bland_base_url,
        bland_timeout_s=parse.number(merged, "BLAND_TIMEOUT_SECONDS", 20.0, 0.5),
        bland_voice=merged.get("BLAND_VOICE", defaults.bland_voice).strip() or defaults.bland_voice,
        bland_max_duration_min=int(parse.number(merged, "BLAND_MAX_DURATION_MIN", 5, 1)),
        bland_from_number=merged.get("BLAND_FROM_NUMBER", "").strip(),
        allowed_numbers=tuple(n.strip() for n in merged.get("SALESBOT_ALLOWED_NUMBERS", "").split(",") if n.strip()),
        supabase_url=merged.get("SUPABASE_URL", "").strip().rstrip("/"),
        supabase_key=merged.get("SUPABASE_KEY", "").strip(),
        api_token=merged.get("SALESBOT_API_TOKEN", "").strip(),
        metrics_token=merged.get("SALESBOT_METRICS_TOKEN", "").strip(),
        bland_price_per_minute=parse.number(merged, "BLAND_PRICE_PER_MINUTE", defaults.bland_price_per_minute, 0),
        bland_webhook_secret=webhook_secret,
        public_url=public_url,
        allowed_emails=parse_allowed_emails(merged.get("SALESBOT_ALLOWED_EMAILS", "")),
        require_sign_in=parse.flag(merged, "SALESBOT_REQUIRE_SIGN_IN"),
        frame_ancestors=parse.frame_ancestors(merged),
    )


def _merged(env: Mapping[str, str], secrets: Mapping[str, object] | None, *, load_dotenv_first: bool) -> dict[str, str]:
    """st.secrets' text and numbers, overridden by every non-empty variable of `env` (after .env, if asked)."""
    if load_dotenv_first:
        from dotenv import load_dotenv

        load_dotenv(override=False)
    merged: dict[str, str] = {k: str(v) for k, v in (secrets or {}).items() if isinstance(v, str | int | float)}
    merged.update({k: v for k, v in env.items() if v != ""})
    return merged
