"""What the app counts and times, in Prometheus's terms: one registry per process, read by GET /api/metrics.

One registry per process, not prometheus-client's multiprocess mode: that mode shares counters through files in one
directory, so it covers processes on one machine only, while the app scales out over several servers on one
Supabase project. Prometheus scrapes every process at its own address (deploy/prometheus/prometheus.yml), its
`instance` label tells them apart, and sum() over instances gives the team's figures.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

REGISTRY = CollectorRegistry(auto_describe=True)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_FAST = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_SLOW = (0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0)

CALLS_STARTED = Counter(
    "salesbot_calls_started", "Calls placed, by provider (simulated or bland).", ["provider"], registry=REGISTRY
)
CALLS_ENDED = Counter(
    "salesbot_calls_ended",
    "Calls that reached a final status, by provider, status and analysed outcome ('' before analysis).",
    ["provider", "status", "outcome"],
    registry=REGISTRY,
)
PROVIDER_ERRORS = Counter(
    "salesbot_provider_errors",
    "Failed requests to the call provider, by kind: 401, 402, 404, 429, 5xx, timeout, unreachable, other.",
    ["provider", "kind"],
    registry=REGISTRY,
)
PROVIDER_LOOKUP = Histogram(
    "salesbot_provider_lookup_seconds",
    "Time to look up a live call at the provider.",
    ["provider"],
    buckets=_FAST,
    registry=REGISTRY,
)
TRANSCRIPT_DELAY = Histogram(
    "salesbot_live_transcript_delay_seconds",
    "From a transcript line being stored to it being sent to a watching tab, measured by the server.",
    ["via"],
    buckets=_FAST,
    registry=REGISTRY,
)
API_REQUESTS = Histogram(
    "salesbot_api_request_seconds",
    "REST API requests by route template, method and status, with their latency.",
    ["route", "method", "status"],
    buckets=_FAST,
    registry=REGISTRY,
)
LLM_SECONDS = Histogram(
    "salesbot_llm_seconds",
    "Language-model requests by task (script, analysis, rehearsal), model and result (ok or failed).",
    ["task", "model", "result"],
    buckets=_SLOW,
    registry=REGISTRY,
)
LLM_TOKENS = Counter(
    "salesbot_llm_tokens",
    "Tokens sent to (in) and received from (out) language models, as the provider reports them.",
    ["task", "model", "direction"],
    registry=REGISTRY,
)
LLM_RUNG = Counter(
    "salesbot_llm_structured_output_rung",
    "Which structured-output rung answered an analysis (json_schema, function_calling, json_mode, text).",
    ["model", "rung"],
    registry=REGISTRY,
)
STORE_SECONDS = Histogram(
    "salesbot_store_seconds",
    "Store operations by store (sqlite or supabase), operation and result (ok or failed).",
    ["store", "operation", "result"],
    buckets=_FAST,
    registry=REGISTRY,
)
OPEN_CALLS = Gauge("salesbot_open_calls", "Calls whose status is not final, as the store says.", registry=REGISTRY)
DEPENDENCY_UP = Gauge(
    "salesbot_dependency_up",
    "1 when the dependency passed its last health check, 0 when it failed (checked at each scrape, cached as /api/health).",
    ["dependency", "kind", "required"],
    registry=REGISTRY,
)
WATCHING = Gauge(
    "salesbot_watching_sessions", "Browser sessions of this process following a live call.", registry=REGISTRY
)


def count_open_calls(read: Callable[[], int]) -> None:
    """Read the open calls from the store at each scrape (a failure leaves the gauge at its last value)."""

    def current() -> float:
        try:
            return float(read())
        except Exception:  # a scrape must not fail because the store did; the store's own metric shows it
            return float("nan")

    OPEN_CALLS.set_function(current)


def exposition() -> bytes:
    """Every metric of this process in the Prometheus text format."""
    return generate_latest(REGISTRY)
