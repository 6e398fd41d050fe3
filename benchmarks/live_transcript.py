"""Benchmark, in Debian's Chromium: live transcript delay, Start call to first words, and the server's CPU per tab.

Run: `make bench` or `.venv/bin/python benchmarks/live_transcript.py [--starts 10] [--speed 1] [--poll SECONDS]`.
The app runs as `make run` does (but without its file watcher), with SALESBOT_SIM_SPEED=1 and the default
SALESBOT_POLL_SECONDS unless told.
- Live transcript delay: for each line of one whole simulated call, the moment its first words fall due (the call's
  started_at plus the line's planned start, from plan_call with the call's attempt key and pace) to the
  moment a chat message with them is in the page (a MutationObserver, Date.now(); both clocks are this machine's).
- Start call to first words (whoever speaks first: the customer's hello on a simulated call) and to the first agent
  words: the click on "Start call to <Name>" to the first agent line of the new call in
  the page, over --starts calls (each stopped once its first words show, so the next one can start).
- Server CPU: CPU seconds of the streamlit process (/proc/<pid>/stat, all threads) per wall second, with a tab idle
  on the page, one tab watching the whole call above, and --tabs tabs (sessions) watching the same call.
- Time to first script words: click on "Generate script" (a new session each run) to the first script words drawn.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import Browser, Page, sync_playwright

from salesbot.models import Call, CallFilter
from salesbot.settings import Settings
from salesbot.storage.sqlite import SQLiteStore
from salesbot.telephony.conversation import PlannedLine, plan_call
from salesbot.telephony.simulated import SimulatedTelephony
from tests.browser.harness import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, RunningApp, start_app, stop_app

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
START = re.compile(r"^Start call to ")
# Installed once per page. Each click on "Start call to …" opens an epoch; while the call panel's status line (not
# stale, not final) shows that call, every chat message not stale is recorded the first time its text is on the page.
WATCH = r"""() => {
  if (window.__calls) return;
  window.__calls = [];
  const fresh = (el) => !el.closest('[data-stale="true"]') && !el.querySelector('[data-stale="true"]');
  document.addEventListener('click', (e) => {
    const button = e.target.closest('button');
    if (button && /Start call to /.test(button.innerText)) {
      window.__calls.push({clicked: Date.now(), lines: [], firstWords: null, firstAgent: null, ended: null});
    }
  }, {capture: true});
  const look = () => {
    const call = window.__calls[window.__calls.length - 1];
    if (!call || call.ended) return;
    const now = Date.now();
    const status = [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
      .find((m) => /\d+ lines$/.test(m.innerText.trim()) && fresh(m));
    if (!status) return;
    if (/Completed|Stopped|Failed/.test(status.innerText)) {
      if (call.lines.length) call.ended = now;  // the previous call's panel still shows until the new one draws
      return;
    }
    const shown = [...document.querySelectorAll('[data-testid="stChatMessage"]')].filter(fresh);
    shown.forEach((m, i) => {
      const header = m.querySelector('[data-testid="stMarkdownContainer"]');
      const text = m.querySelector('[data-testid="stText"]');
      if (!header || !text || !text.innerText.trim()) return;
      const line = call.lines[i];
      if (line === undefined) {
        if (i !== call.lines.length) return;
        call.lines.push({seen: now, header: header.innerText.trim(), text: text.innerText.trim(),
                         last: text.innerText, changes: [now]});
        if (call.firstWords === null) call.firstWords = now;
        if (call.firstAgent === null && /^Agent/.test(header.innerText.trim())) call.firstAgent = now;
      } else if (line.last !== text.innerText) {  // the line grew (word by word) while it was being said
        line.changes.push(now);
        line.last = text.innerText;
      }
    });
  };
  new MutationObserver(look).observe(document.body,
    {childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-stale']});
}"""
WATCH_FIRST_WORDS = r"""() => { window.__firstWords = new Promise((resolve) => {
  let clicked = null;
  document.addEventListener('click', (e) => {
    const button = e.target.closest('button');
    if (button && button.innerText.trim().endsWith('Generate script')) clicked = performance.now();
  }, {capture: true, once: true});
  const obs = new MutationObserver(() => {
    if (clicked === null) return;
    const words = [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
      .some((m) => m.innerText.includes('[Opener]') && m.innerText.includes('Hello'));
    if (words) { obs.disconnect(); resolve(performance.now() - clicked); }
  });
  obs.observe(document.body, {childList: true, subtree: true, characterData: true});
}); }"""
LAST_CALL_ENDED = "() => { const c = window.__calls[window.__calls.length - 1]; return c && c.ended !== null; }"
LAST_CALL_SPOKE = "() => { const c = window.__calls[window.__calls.length - 1]; return c && c.firstAgent !== null; }"


def fill_customer(page: Page, n: int) -> None:
    page.get_by_label("Name", exact=True).fill(f"Asha Rao {n}")
    page.get_by_label("Phone number").fill("98765 43210")
    page.get_by_label("Conversation history").fill("Customer: We need faster follow-ups.")
    page.get_by_label("Topics to discuss").fill("Pricing\nCRM integration\nOnboarding")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def spread(values: list[float], unit: str = "s", digits: int = 2) -> str:
    figures = {"min": min(values), "p50": statistics.median(values), "p95": pct(values, 0.95), "max": max(values)}
    return "   ".join(f"{name} {value:.{digits}f} {unit}" for name, value in figures.items())


class CpuMeter:
    """CPU seconds (user + system, all threads) of one process, from /proc/<pid>/stat."""

    def __init__(self, pid: int) -> None:
        self.stat = Path(f"/proc/{pid}/stat")
        self.tick = os.sysconf("SC_CLK_TCK")

    def seconds(self) -> float:
        fields = self.stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / self.tick  # utime, stime (fields 14 and 15 of proc(5))

    def share_over(self, seconds: float) -> float:
        """CPU seconds per wall second over the next `seconds`."""
        wall, cpu = time.monotonic(), self.seconds()
        time.sleep(seconds)
        return (self.seconds() - cpu) / (time.monotonic() - wall)


@dataclass(frozen=True)
class PlacedCall:
    call: Call
    plan: list[PlannedLine]
    pace: float

    def due(self, line: PlannedLine) -> float:
        """When the line's first words fall due, as epoch seconds."""
        assert self.call.started_at is not None
        return self.call.started_at.timestamp() + line.starts_at / self.pace


def newest_call(app: RunningApp, speed: float) -> PlacedCall:
    store = SQLiteStore(app.db_path)
    call = store.search_calls(CallFilter(), 1, 0, with_total=False).rows[0].summary
    full = store.get_call(call.id)
    assert full.script_id is not None and full.started_at is not None, "the call was not placed"
    customer, script = store.get_customer(full.customer_id), store.get_script(full.script_id)
    pace = SimulatedTelephony(speed=speed).pace_of(full)
    return PlacedCall(full, plan_call(customer, script.script, seed=full.attempt_key, persona="ready").lines, pace)


def last_watched(page: Page) -> dict[str, Any]:
    calls: list[dict[str, Any]] = page.evaluate("window.__calls")
    return calls[-1]


def start_call(page: Page) -> None:
    try:
        page.get_by_role("button", name=START).click()
        page.wait_for_function(LAST_CALL_SPOKE)
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "bench-live-transcript-failure.png"), full_page=True)
        print(f"a call did not start or show its first words: see {ARTIFACTS / 'bench-live-transcript-failure.png'}")
        raise


def stop_call(page: Page) -> None:
    page.get_by_role("button", name="Stop call", disabled=False).click()  # the old panel may linger, stale
    page.wait_for_function(LAST_CALL_ENDED)
    page.locator(IDLE).wait_for()
    page.get_by_role("button", name=START).wait_for()


def time_generations(browser: Browser, app: RunningApp, runs: int) -> list[float]:
    """Click on Generate script to the first script words, each in a new session; leaves the last page open."""
    first_words: list[float] = []
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    for i in range(runs):
        page.goto(app.url)  # a new session each time, as a presenter opening the app for a demo
        page.locator(IDLE).wait_for()
        fill_customer(page, i)
        page.evaluate(WATCH_FIRST_WORDS)
        page.get_by_role("button", name="Generate script").click()
        first_words.append(float(page.evaluate("window.__firstWords")))
        page.get_by_role("textbox", name="Script", exact=True).wait_for()
        page.locator(IDLE).wait_for()
    page.close()
    return first_words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=10, help="calls started (and stopped) to time the first words")
    parser.add_argument("--speed", type=float, default=1.0, help="SALESBOT_SIM_SPEED")
    parser.add_argument("--poll", type=float, default=None, help="SALESBOT_POLL_SECONDS (default: the app's)")
    parser.add_argument("--tabs", type=int, default=3, help="tabs watching one call for the CPU figure (0: skip)")
    parser.add_argument("--cpu-seconds", type=float, default=15.0, help="CPU window with several tabs (and idle)")
    parser.add_argument("--generations", type=int, default=5, help="script generations to time, a session each")
    args = parser.parse_args()
    poll = args.poll if args.poll is not None else Settings().poll_seconds
    env = {
        "SALESBOT_SIM_SPEED": f"{args.speed:g}",
        "SALESBOT_SIM_PERSONA": "ready",  # every run times a full conversation, not a voicemail or no answer
        "SALESBOT_POLL_SECONDS": "" if args.poll is None else str(poll),  # empty: the app's default
        # No reloading of edited modules mid-run: an edit to salesbot/ while a session is open turns its saved
        # form into another class's object, so the page sees unsaved changes and disables Start call.
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
    }

    with tempfile.TemporaryDirectory() as tmp:
        app = start_app(Path(tmp), env)
        cpu = CpuMeter(app.process.pid)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                first_words = time_generations(browser, app, args.generations)

                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.set_default_timeout(60_000)
                page.goto(app.url)
                page.locator(IDLE).wait_for()
                fill_customer(page, 0)
                page.get_by_role("button", name="Generate script").click()
                page.get_by_role("button", name=START).wait_for()
                page.locator(IDLE).wait_for()
                page.evaluate(WATCH)
                cpu_idle = cpu.share_over(min(args.cpu_seconds, 5.0))

                # (a) one whole call, watched by one tab; the server's CPU from its first words to its last line
                start_call(page)
                placed = newest_call(app, args.speed)
                call_ends = placed.due(placed.plan[-1])
                third = (call_ends - time.time()) / 3
                cpu_thirds = [cpu.share_over(third) for _ in range(3)]  # does a longer transcript cost more?
                page.wait_for_function(LAST_CALL_ENDED, timeout=round((call_ends - time.time() + 60) * 1000))
                watched = last_watched(page)
                page.locator(IDLE).wait_for()

                # (b) Start call to first agent words, a new call each time
                to_first_words: list[float] = []
                to_first_heard: list[float] = []
                for _ in range(args.starts):
                    start_call(page)
                    started = last_watched(page)
                    to_first_words.append((started["firstAgent"] - started["clicked"]) / 1000)
                    to_first_heard.append((started["firstWords"] - started["clicked"]) / 1000)
                    stop_call(page)

                # (c) several tabs watching one call
                cpu_tabs = float("nan")
                if args.tabs > 1:
                    start_call(page)
                    others = []
                    for _ in range(args.tabs - 1):
                        other = browser.new_page(viewport={"width": 1440, "height": 900})
                        other.goto(page.url)  # ?customer=…&call=…: the new session follows the call in flight
                        other.get_by_text(re.compile(r"speaking…$")).first.wait_for()
                        others.append(other)
                    cpu_tabs = cpu.share_over(args.cpu_seconds)
                    stop_call(page)
                browser.close()
        finally:
            stop_app(app)

    delays: list[float] = []
    wrong: list[str] = []
    for i, line in enumerate(placed.plan):
        if i >= len(watched["lines"]):
            raise SystemExit(f"the page showed {len(watched['lines'])} of the call's {len(placed.plan)} lines")
        seen = watched["lines"][i]
        if not seen["header"].lower().startswith(line.speaker.value) or not line.text.startswith(seen["text"]):
            wrong.append(f"line {i}: planned {line.text[:40]!r}, shown {seen['header']!r} {seen['text'][:40]!r}")
        delays.append(seen["seen"] / 1000 - placed.due(line))
    shown = watched["lines"][: len(placed.plan)]
    steps = [len(seen["changes"]) for seen in shown]
    gaps = [(b - a) / 1000 for seen in shown for a, b in itertools.pairwise(seen["changes"])]
    worst = max(range(len(delays)), key=lambda i: delays[i])
    length = placed.plan[-1].ends_at / placed.pace

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Chromium {CHROMIUM}; SALESBOT_SIM_SPEED={args.speed:g}, SALESBOT_POLL_SECONDS={poll:g}")
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (1, 5, 15 min) at the end of the run")
    print(f"live transcript delay, line's first words due -> on the page, one whole call ({len(delays)} lines,")
    print(f"  {length:.0f} s; target p95 <= 0.8 s):")
    print(f"  {spread(delays)}   (worst: line {worst}, due {placed.plan[worst].starts_at / placed.pace:.1f} s in)")
    print(
        f"  each line was drawn in {statistics.median(steps):g} steps (median; {min(steps)}-{max(steps)}) as it was said,"
    )
    print(f"  the page's text changing every {spread(gaps)}")
    for problem in wrong:
        print(f"  MISMATCH {problem}")
    if to_first_heard:
        print(f"Start call click -> first words on the page (the customer's hello), {len(to_first_heard)} calls"
              " (target p95 <= 1.5 s):")  # fmt: skip
        print(f"  {spread(to_first_heard)}")
    if to_first_words:
        print(f"Start call click -> first agent words on the page, {len(to_first_words)} calls (target p95 <= 2 s;")
        print(f"  the simulated phone rings {placed.plan[0].starts_at / placed.pace:g} s of it):")
        print(f"  {spread(to_first_words)}")
    print("app server CPU (streamlit process, CPU seconds per wall second; 1.00 = one core busy):")
    print(f"  one tab open, no call           {cpu_idle:.3f}")
    thirds = " / ".join(f"{share:.3f}" for share in cpu_thirds)
    print(f"  one tab watching a call         {statistics.mean(cpu_thirds):.3f}   (by thirds of the call: {thirds})")
    if args.tabs > 1:
        print(f"  {args.tabs} tabs watching one call       {cpu_tabs:.3f}   ({cpu_tabs / args.tabs:.3f} per tab)")
    if first_words:
        print(f"time to first script words after Generate script, offline writer, {len(first_words)} runs:")
        print(f"  {spread(first_words, 'ms', digits=0)}")


if __name__ == "__main__":
    main()
