"""Benchmark: what bounding every model answer costs, and how exactly a model that does not stop is cut.

Run: `.venv/bin/python benchmarks/llm_bounds.py [--runs 20]`. The local strict stand-in (tests/fakes/openai_server.py)
plays the model; the writer is the app's own (llm_writer: ChatOpenAI, the token cap, bounded_stream's worker
thread, the think filter).
- overhead: a whole script streamed through the bounded writer vs the same chain read directly (first piece, total).
  Reading the stream in a worker thread costs the first piece a few milliseconds (the reader waits for the GIL,
  sys.getswitchinterval() = 5 ms, while the worker parses the next chunks); nothing a listener or a reader notices.
- cut at the cap: a model that never stops (mode "endless", no delay) against the standard cap of 1600 tokens.
- cut at the total time: a model that trickles a token every 20 ms, or says nothing at all (inside the client's own
  per-gap timeout), against OPENAI_MAX_SECONDS; the figure is how long after the deadline the writer gave up.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from salesbot.bootstrap import llm_writer  # noqa: E402
from salesbot.errors import ScriptCut  # noqa: E402
from salesbot.llm.prompts import script_inputs  # noqa: E402
from salesbot.models import ScriptOptions  # noqa: E402
from salesbot.scripts.llm_writer import LLMScriptWriter, build_script_chain  # noqa: E402
from salesbot.settings import Settings, load_settings  # noqa: E402
from tests.fakes.openai_server import OpenAICompatibleServer  # noqa: E402
from tests.unit.test_offline_writer import make_customer  # noqa: E402

SCRIPT = "\n".join(["[Opener]", *["Hello Asha, this is Maya from Acme, calling about your follow-ups."] * 30])


def settings_for(server: OpenAICompatibleServer, tmp: str, **env: str) -> Settings:
    return load_settings(env={"OPENAI_API_KEY": server.state.api_key, "OPENAI_BASE_URL": server.base_url,
                              "OPENAI_MAX_RETRIES": "0", "OPENAI_TIMEOUT_SECONDS": "5",
                              "SALESBOT_DB_PATH": str(Path(tmp) / "x.db"), **env})  # fmt: skip


def timed(pieces: Iterator[object]) -> tuple[float, float, int]:
    """Seconds to the first piece with text, to the end, and how many pieces had text."""
    started = time.perf_counter()
    first, count = 0.0, 0
    for piece in pieces:
        if not getattr(piece, "content", piece):
            continue  # the chain's opening chunk (the role, no text): nothing to show yet
        count += 1
        first = first or time.perf_counter() - started
    return first, time.perf_counter() - started, count


def overhead(server: OpenAICompatibleServer, tmp: str, runs: int) -> None:
    writer = llm_writer(settings_for(server, tmp))
    assert isinstance(writer, LLMScriptWriter)
    inputs = script_inputs(make_customer(), ScriptOptions(), "Maya", "Acme", "Salesbot")
    direct = build_script_chain(writer.model)
    rows: dict[str, list[tuple[float, float, int]]] = {"direct chain": [], "bounded writer": []}
    for _ in range(runs):
        rows["direct chain"].append(timed(direct.stream(inputs)))
        rows["bounded writer"].append(timed(writer.stream_script(make_customer(), ScriptOptions())))
    for name, figures in rows.items():
        firsts, totals = [f for f, _, _ in figures], [t for _, t, _ in figures]
        print(f"{name:<16} first piece p50 {statistics.median(firsts) * 1000:6.1f} ms   whole script p50"
              f" {statistics.median(totals) * 1000:6.1f} ms   max {max(totals) * 1000:6.1f} ms"
              f"   ({figures[0][2]} pieces)")  # fmt: skip


def cut(server: OpenAICompatibleServer, settings: Settings) -> tuple[float, int, str]:
    writer = llm_writer(settings)
    shown: list[str] = []
    started = time.perf_counter()
    try:
        shown.extend(writer.stream_script(make_customer(), ScriptOptions()))
    except ScriptCut as e:
        return time.perf_counter() - started, len("".join(shown).split()), e.user_message[:60]
    raise AssertionError("the script was not cut")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with OpenAICompatibleServer() as server, tempfile.TemporaryDirectory() as tmp:
        server.state.script_reply = SCRIPT
        overhead(server, tmp, args.runs)
        server.state.mode = "endless"
        took, words, said = cut(server, settings_for(server, tmp))
        print(f"endless, cap 1600     cut after {took:6.3f} s with {words} words shown: {said}…")
        for deadline in (0.5, 1.0, 2.0):
            server.state.token_delay_s = 0.02
            settings = dataclasses.replace(settings_for(server, tmp), openai_max_seconds=deadline)
            took, words, _ = cut(server, settings)
            print(f"trickle 20 ms, {deadline:.1f} s  cut after {took:6.3f} s (+{(took - deadline) * 1000:5.1f} ms)"
                  f" with {words} words shown")  # fmt: skip
        server.state.mode, server.state.token_delay_s, server.state.first_token_delay_s = "ok", 0.0, 3.0
        settings = dataclasses.replace(settings_for(server, tmp), openai_max_seconds=1.0)
        took, words, _ = cut(server, settings)
        print(
            f"silent 3 s, 1.0 s     cut after {took:6.3f} s (+{(took - 1.0) * 1000:5.1f} ms) with {words} words shown"
            " (the client's own timeout is 5 s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
