"""Is the configured language model reachable with its key: one listing of the server's models, no tokens spent."""

from __future__ import annotations

import logging

from salesbot.errors import ScriptWriterError
from salesbot.settings import Settings

log = logging.getLogger(__name__)
OPENAI_URL = "https://api.openai.com/v1"


def check_model(settings: Settings, timeout_s: float = 5.0) -> None:
    """GET {base}/models (OpenAI's "List models", which every OpenAI-compatible server serves) and look for the
    configured model; raises ScriptWriterError saying what is wrong, never quoting the key or the server's text."""
    import httpx

    base = (settings.openai_base_url or OPENAI_URL).rstrip("/")
    try:
        response = httpx.get(
            f"{base}/models", headers={"Authorization": f"Bearer {settings.openai_api_key}"}, timeout=timeout_s
        )
    except httpx.HTTPError as e:
        log.warning("model check: %s cannot be reached (%s)", base, type(e).__name__)
        raise ScriptWriterError("The language model's server cannot be reached.") from e
    if response.status_code in {401, 403}:
        raise ScriptWriterError(f"The language model's server refused the key (HTTP {response.status_code}).")
    if response.status_code >= 400:
        raise ScriptWriterError(f"The language model's server answered HTTP {response.status_code}.")
    try:
        listed = {m.get("id") for m in response.json().get("data", []) if isinstance(m, dict)}
    except (ValueError, AttributeError) as e:
        raise ScriptWriterError("The language model's server answered something that is not a model list.") from e
    if settings.openai_model not in listed:
        raise ScriptWriterError(f"The server does not offer the model {settings.openai_model!r}.")
