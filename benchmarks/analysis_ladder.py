"""Benchmark: requests and seconds per analysis on each kind of OpenAI-compatible server, first and later.

Run: `.venv/bin/python benchmarks/analysis_ladder.py [--runs 5]`. The local test server
(tests/fakes/openai_server.py) plays each kind of server: OpenAI-like (takes the strict schema), llama-cpp-python
(422 for json_schema), an older llama.cpp server (500 for json_schema), and a text-only reasoning server (fenced JSON
after a <think> block). The server answers at once, so the seconds are the client's own cost (ChatOpenAI, parsing,
the evidence check); on a real server add the model's time per answered request. A refusal costs one round trip,
as real servers refuse before the model runs. The analyser is the app's own LLMCallAnalyst through ChatOpenAI.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from salesbot.analysis.llm import LLMCallAnalyst  # noqa: E402
from salesbot.llm import ladder  # noqa: E402
from salesbot.llm.model import build_chat_model  # noqa: E402
from salesbot.settings import load_settings  # noqa: E402
from tests.fakes.openai_server import THINK, OpenAICompatibleServer  # noqa: E402
from tests.integration.test_openai_http import ANALYSIS, TRANSCRIPT  # noqa: E402

KINDS = {
    "OpenAI-like (json_schema)": {"structured": "json_schema"},
    "llama-cpp-python (422)": {"structured": "llama_cpp_python"},
    "older llama.cpp server (500)": {"structured": "old_llama_server"},
    "text only, <think> + fence": {"structured": "text_only", "think": THINK, "fence": True},
}


def measure(kind: dict[str, object], runs: int) -> tuple[int, float, list[int], list[float]]:
    """Requests and seconds of the first analysis, then of each later one."""
    ladder.forget_all()
    with OpenAICompatibleServer() as server, tempfile.TemporaryDirectory() as tmp:
        server.state.json_reply = ANALYSIS
        for key, value in kind.items():
            setattr(server.state, key, value)
        settings = load_settings(env={"OPENAI_API_KEY": server.state.api_key, "OPENAI_BASE_URL": server.base_url,
                                      "OPENAI_MAX_RETRIES": "0", "SALESBOT_DB_PATH": str(Path(tmp) / "x.db")})  # fmt: skip
        model = build_chat_model(settings, streaming=False, max_tokens=settings.openai_analysis_max_tokens)
        analyst = LLMCallAnalyst(model, settings.openai_model, server.base_url)
        figures: list[tuple[int, float]] = []
        for _ in range(runs + 1):
            before, started = len(server.state.requests), time.perf_counter()
            analyst.analyse(TRANSCRIPT.call(), TRANSCRIPT.customer())
            figures.append((len(server.state.requests) - before, time.perf_counter() - started))
    first, later = figures[0], figures[1:]
    return first[0], first[1], [n for n, _ in later], [s for _, s in later]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="later analyses to time")
    args = parser.parse_args()
    print(f"{'server':<32} {'first: requests':>15} {'seconds':>8}   {'later: requests':>15} {'median s':>9}")
    for name, kind in KINDS.items():
        requests, seconds, later_requests, later_seconds = measure(kind, args.runs)
        median = statistics.median(later_seconds)
        print(f"{name:<32} {requests:>15} {seconds:>8.3f}   {max(later_requests):>15} {median:>9.3f}"
              f"   (ladder added {seconds - median:.3f} s to the first)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
