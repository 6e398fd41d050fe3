"""The project's error family: each carries a message that is safe to show a presenter."""

from __future__ import annotations

import threading

REDACTED = "[redacted]"
_secrets: set[str] = set()
_secrets_lock = threading.Lock()


def register_secrets(*values: str) -> None:
    """Keys and tokens this process was configured with: redacted by value from every message of the error family
    and every log line, whatever their shape (a provider that echoes a key back is not trusted to spare it)."""
    with _secrets_lock:
        _secrets.update(v for v in values if v and len(v) >= 8)  # a short value would blank ordinary words


def redact(text: str) -> str:
    """The text with every configured secret replaced by [redacted]."""
    for secret in sorted(_secrets, key=len, reverse=True):  # a longer secret that contains a shorter one first
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


class SalesbotError(Exception):
    """Base error; `user_message` is safe for the page and the logs (never a secret: configured ones are redacted
    by value, whatever text a provider sent)."""

    default_message = "Something went wrong."

    def __init__(self, user_message: str | None = None) -> None:
        self.user_message = redact(user_message or self.default_message)
        super().__init__(self.user_message)


class ConfigError(SalesbotError):
    default_message = "The app is not configured correctly."


class InvalidInput(SalesbotError):
    """Bad input from a form; `field_errors` maps a field name to its message."""

    default_message = "Please correct the highlighted fields."

    def __init__(self, field_errors: dict[str, str], user_message: str | None = None) -> None:
        self.field_errors = dict(field_errors)
        super().__init__(user_message)


class StorageError(SalesbotError):
    default_message = "The call history could not be read or saved. Please try again."


class NotFound(StorageError):
    default_message = "That record no longer exists."


class ScriptWriterError(SalesbotError):
    default_message = "The sales script could not be written. Please try again."


class ScriptCut(ScriptWriterError):
    """The model was stopped at its token cap or total time before the script was complete: nothing was stored."""

    default_message = "The model stopped before the script was complete, so it was not saved."


class TelephonyError(SalesbotError):
    default_message = "The call could not be placed. Please try again."


class CallOutcomeUnknown(TelephonyError):
    """The request to place a call may have reached the provider: never retry it, look the call up instead."""

    default_message = (
        "We could not confirm whether the call was placed. It was not retried, so the phone will not ring twice:"
        " press Refresh transcript to look it up."
    )


class CallLost(TelephonyError):
    """The provider has no record of a call we placed (404): its state was lost, or the id is not one of its calls."""

    default_message = "The call provider has no record of this call."


class ProviderBusy(TelephonyError):
    """The provider asked us to slow down (429) or is briefly unavailable: look again later, not at once."""

    default_message = "The call provider asked us to slow down. Looking again in a moment."

    def __init__(self, user_message: str | None = None, retry_after_s: float = 2.0) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(user_message)


class CallRefused(TelephonyError):
    """The call was refused before any request left the app (safety rules, bad state)."""

    default_message = "This call was not placed."


class NumberBusy(CallRefused):
    """A real call to this number is still open (any session): placing another could ring the phone twice."""

    def __init__(self, open_call_id: int, user_message: str) -> None:
        self.open_call_id = open_call_id
        super().__init__(user_message)


class AnalysisError(SalesbotError):
    default_message = "The call was saved, but its analysis failed. Re-run the analysis."


class NoStructuredOutput(AnalysisError):
    """No way of asking gave a valid analysis: the server or model cannot produce structured output."""

    default_message = "The model at OPENAI_BASE_URL could not produce structured output."
