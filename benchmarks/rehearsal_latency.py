"""Benchmark: AI rehearsal, time to each line's first word (p50/p95), against the local strict stand-in or any
OpenAI-compatible server (e.g. llama.cpp's).

Run: `.venv/bin/python benchmarks/rehearsal_latency.py [--calls 5] [--first-token-ms 300 --token-ms 30]` against the
stand-in (the delays model a hosted model's first token and pace), or
`.venv/bin/python benchmarks/rehearsal_latency.py --base-url http://127.0.0.1:8080/v1 --model NAME` against a server.

Calls go through the whole app (build_app, CallService, ModelRehearsal, the real ChatOpenAI client, streamed). Per
line: from the moment the rehearsal asks for the line to its first visible word (after any <think> block), and to
its end. Per call: Start call -> the first words a poller sees (polling every 20 ms; the page polls every
SALESBOT_POLL_SECONDS, which adds up to that much on screen), and the whole call.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from salesbot.analysis.offline import OfflineCallAnalyst
from salesbot.bootstrap import build_app
from salesbot.models import CustomerForm, ScriptOptions, Speaker
from salesbot.services.place_call import CallRequest
from salesbot.settings import load_settings
from salesbot.telephony.rehearsal import ModelRehearsal
from salesbot.telephony.rehearsal_turns import HANDOVER
from salesbot.telephony.simulated import SimulatedTelephony
from tests.conftest import ASHA
from tests.fakes.openai_server import OpenAICompatibleServer

LINES: list[tuple[float, float, int]] = []  # (first word s, whole line s, words), one per generated line
_LOCK = threading.Lock()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(label: str, values: list[float]) -> None:
    if not values:
        print(f"  {label:<40} (none)")
        return
    print(
        f"  {label:<40} p50 {statistics.median(values) * 1000:8.1f} ms   p95 {pct(values, 0.95) * 1000:8.1f} ms"
        f"   (n={len(values)})"
    )


class TimedRehearsal(ModelRehearsal):
    """The app's rehearsal, each line's stream timed where it is read."""

    def stream_line(self, messages: list[tuple[str, str]], stop: threading.Event) -> Iterator[str]:
        start, first, text = time.perf_counter(), None, ""
        try:
            for text in super().stream_line(messages, stop):
                if first is None and text.strip():
                    first = time.perf_counter() - start
                yield text
        finally:  # timed even when the line fails or is refused (e.g. an echo of the prompt)
            if first is not None:
                with _LOCK:
                    LINES.append((first, time.perf_counter() - start, len(text.split())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=5)
    parser.add_argument("--persona", default="ready")
    parser.add_argument("--first-token-ms", type=float, default=0, help="stand-in: delay before the first token")
    parser.add_argument("--token-ms", type=float, default=0, help="stand-in: delay between tokens")
    parser.add_argument("--base-url", default="", help="a real OpenAI-compatible server instead of the stand-in")
    parser.add_argument("--api-key", default="sk-local")
    parser.add_argument("--model", default="gpt-4o-mini")
    parser.add_argument("--max-tokens", type=int, default=120)
    parser.add_argument("--line-seconds", type=float, default=60)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, OpenAICompatibleServer() as server:
        server.state.first_token_delay_s, server.state.token_delay_s = args.first_token_ms / 1000, args.token_ms / 1000
        env = {
            "SALESBOT_DB_PATH": f"{tmp}/bench.db",
            "OPENAI_API_KEY": args.api_key if args.base_url else server.state.api_key,
            "OPENAI_BASE_URL": args.base_url or server.base_url,
            "OPENAI_MODEL": args.model,
            "OPENAI_MAX_RETRIES": "0",
            "OPENAI_TIMEOUT_SECONDS": str(args.line_seconds),
            "SALESBOT_SIM_PERSONA": args.persona,
        }
        app = build_app(load_settings(env=env), analyst=OfflineCallAnalyst())  # the model's time is the lines'
        telephony = app.calls.telephony
        assert isinstance(telephony, SimulatedTelephony) and telephony.rehearsal is not None
        from salesbot.llm.model import build_chat_model

        telephony.rehearsal = TimedRehearsal(
            build_chat_model(load_settings(env=env)), args.model, "Maya from Acme Cloud", "Salesbot",
            max_tokens=args.max_tokens, line_seconds=args.line_seconds,
        )  # fmt: skip
        customer = app.presenter.save_customer(CustomerForm(**ASHA))
        draft = app.presenter.write_script(customer.id, ScriptOptions(), offline=True)
        list(draft)
        assert draft.script is not None
        first_words, whole, handovers, lines_per_call = [], [], 0, []
        for i in range(args.calls):
            start = time.perf_counter()
            call = app.calls.start_call(CallRequest(customer.id, draft.script.id, f"bench-{i}", pace=1000))
            seen = None
            while True:
                live = app.calls.refresh_call(call.id)
                if seen is None and (live.speaking is not None or live.call.utterances):
                    seen = time.perf_counter() - start
                if live.call.status.is_final:
                    break
                time.sleep(0.02)
            whole.append(time.perf_counter() - start)
            first_words.append(seen or whole[-1])
            texts = [u.text for u in live.call.utterances]
            handovers += HANDOVER in texts
            lines_per_call.append(len([u for u in live.call.utterances if u.speaker is not Speaker.SYSTEM]))
        where = (
            args.base_url or f"the local stand-in (first token {args.first_token_ms:g} ms, {args.token_ms:g} ms/token)"
        )
        print(f"AI rehearsal, {args.calls} calls, model {args.model} at {where}:")
        report("line asked -> first word", [f for f, _, _ in LINES])
        report("line asked -> line done", [t for _, t, _ in LINES])
        report("Start call -> first words seen (20 ms poll)", first_words)
        report("whole call", whole)
        words = [w for _, _, w in LINES] or [0]
        print(f"  lines per call {statistics.mean(lines_per_call):.1f}, words per line p50 {statistics.median(words):.0f}"
              f" max {max(words)}, calls handed to the rules: {handovers}")  # fmt: skip


if __name__ == "__main__":
    main()
