"""Benchmark, in a real browser: live-transcript delay and time to the first script words (offline writer).

Run: `make bench` or `.venv/bin/python benchmarks/live_transcript.py [--calls 2] [--speed 4]`.
Delay = when an utterance first shows on the page minus when it fell due in the simulated call (both wall-clock
on this machine). Time to first words = click on "Generate script" (a new session each run) to the first script words
drawn, measured inside the page.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import Page, sync_playwright

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, start_app, stop_app

WATCH_LINES = """() => {
  window.__seen = [];
  new MutationObserver(() => {
    const n = document.querySelectorAll('[data-testid="stChatMessage"]').length;
    if (n === 0) window.__seen = [];  // a new call's empty panel: start counting again
    while (window.__seen.length < n) window.__seen.push(Date.now());
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""
WATCH_FIRST_WORDS = """(button) => { window.__firstWords = new Promise((resolve) => {
  let clicked = null;
  const el = [...document.querySelectorAll('button')].find((b) => b.innerText.trim() === button);
  el.addEventListener('click', () => { clicked = performance.now(); }, {capture: true, once: true});
  const obs = new MutationObserver(() => {
    if (clicked === null) return;
    const words = [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
      .some((m) => m.innerText.includes('[Opener]') && m.innerText.includes('Hello'));
    if (words) { obs.disconnect(); resolve(performance.now() - clicked); }
  });
  obs.observe(document.body, {childList: true, subtree: true, characterData: true});
}); }"""


IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def fill_customer(page: Page, n: int) -> None:
    page.get_by_label("Name").fill(f"Asha Rao {n}")
    page.get_by_label("Phone number").fill("98765 43210")
    page.get_by_label("Conversation history").fill("Customer: We need faster follow-ups.")
    page.get_by_label("Topics to discuss").fill("Pricing\nCRM integration\nOnboarding")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=2, help="simulated calls to watch (about 20 lines each)")
    parser.add_argument("--speed", type=float, default=4.0, help="SALESBOT_SIM_SPEED for the watched calls")
    parser.add_argument("--generations", type=int, default=8, help="script generations to time, each in a new session")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        app = start_app(Path(tmp), {"SALESBOT_SIM_SPEED": str(args.speed), "SALESBOT_POLL_SECONDS": "1"})
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(120_000)
                first_words: list[float] = []
                for i in range(args.generations):
                    # A fresh session each time, as a presenter opening the app for a demo.
                    page.goto(app.url)
                    page.locator(IDLE).wait_for()
                    fill_customer(page, i)
                    page.evaluate(WATCH_FIRST_WORDS, "Generate script")
                    page.get_by_role("button", name="Generate script").click()
                    first_words.append(float(page.evaluate("window.__firstWords")))
                    page.get_by_role("textbox", name="Script", exact=True).wait_for()
                    page.locator(IDLE).wait_for()

                delays: list[float] = []
                for call_number in range(1, args.calls + 1):  # the last customer, its script, one call after another
                    page.evaluate(WATCH_LINES)
                    page.get_by_role("button", name="Start call").click()
                    page.get_by_text("Call completed after").wait_for(state="detached")
                    page.get_by_text("Call completed after").wait_for(timeout=600_000)
                    seen = page.evaluate("window.__seen")
                    with sqlite3.connect(app.db_path) as conn:
                        raw = conn.execute("SELECT utterances FROM call_transcripts ORDER BY id DESC LIMIT 1")
                        due = [
                            datetime.fromisoformat(u["at"]).timestamp() * 1000 for u in json.loads(raw.fetchone()[0])
                        ]
                    if len(seen) < len(due):
                        raise SystemExit(f"call {call_number}: saw {len(seen)} of {len(due)} lines")
                    delays += [(s - d) / 1000 for s, d in zip(seen, due, strict=False)]
                browser.close()
        finally:
            stop_app(app)

    print(
        f"live transcript delay over {len(delays)} utterances ({args.calls} calls, sim speed {args.speed}, poll 1 s):"
    )
    print(f"  p50 {statistics.median(delays):.2f} s   p95 {pct(delays, 0.95):.2f} s   max {max(delays):.2f} s")
    print(f"time to first script words, offline writer, {len(first_words)} runs:")
    print(
        f"  p50 {statistics.median(first_words):.0f} ms   p95 {pct(first_words, 0.95):.0f} ms   max {max(first_words):.0f} ms"
    )


if __name__ == "__main__":
    main()
