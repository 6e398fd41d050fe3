"""Benchmark: time to the first script words and total time, offline writer and through a local OpenAI server.

Run: `.venv/bin/python benchmarks/script_latency.py [--runs 20]` (also part of `make bench`).
The app's overhead is measured from the moment the local server writes the first token to the moment the
service layer yields it to the page (the same clock: the server runs in this process), plus the time spent
before the request leaves (building the prompt and the request).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from salesbot.bootstrap import build_app
from salesbot.models import CustomerForm, ScriptOptions
from salesbot.settings import load_settings
from tests.conftest import ASHA
from tests.fakes.openai_server import OpenAICompatibleServer


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(label: str, values: list[float]) -> None:
    print(f"  {label:<34} p50 {statistics.median(values) * 1000:7.1f} ms   p95 {pct(values, 0.95) * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--first-token-ms", type=float, default=300, help="the local model's time to first token")
    parser.add_argument("--token-ms", type=float, default=5, help="the local model's time between tokens")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        offline = build_app(load_settings(env={"SALESBOT_DB_PATH": f"{tmp}/offline.db"}))
        customer = offline.presenter.save_customer(CustomerForm(**ASHA))
        first, total = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            draft = offline.presenter.write_script(customer.id, ScriptOptions())
            for i, _chunk in enumerate(draft):
                if i == 0:
                    first.append(time.perf_counter() - start)
            total.append(time.perf_counter() - start)
        print(f"offline writer, {args.runs} runs (paced at 10 ms a line so the presenter sees it being written):")
        report("time to first words", first)
        report("total, stored", total)

        with OpenAICompatibleServer() as server:
            server.state.script_reply = offline.presenter.list_scripts(customer.id)[0].script
            server.state.first_token_delay_s = args.first_token_ms / 1000
            server.state.token_delay_s = args.token_ms / 1000
            env = {
                "SALESBOT_DB_PATH": f"{tmp}/llm.db",
                "OPENAI_API_KEY": server.state.api_key,
                "OPENAI_BASE_URL": server.base_url,
            }
            desk = build_app(load_settings(env=env))
            customer = desk.presenter.save_customer(CustomerForm(**ASHA))
            first, total, overhead = [], [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                draft = desk.presenter.write_script(customer.id, ScriptOptions())
                for i, _chunk in enumerate(draft):
                    if i == 0:
                        got = time.perf_counter()
                        first.append(got - start)
                        overhead.append(got - server.state.first_token_sent_at[-1])
                total.append(time.perf_counter() - start)
            model_first = args.first_token_ms / 1000
            print(
                f"LangChain + ChatOpenAI through the local server, {args.runs} runs "
                f"(model: {args.first_token_ms:.0f} ms to first token, {args.token_ms:.0f} ms a token):"
            )
            report("time to first words", first)
            report("total, stored", total)
            report("first token: server -> page", overhead)
            report("app overhead beyond model's TTFT", [f - model_first for f in first])


if __name__ == "__main__":
    main()
