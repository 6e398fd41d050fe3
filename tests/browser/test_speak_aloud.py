"""Speak aloud in a real browser, with `speechSynthesis` stubbed before the app loads: each finished line of a
simulated call is spoken once, in order, agent and customer in two voices, in the script's language; off says
nothing; switching off and Stop call silence it at once; a replay is spoken too; customer text stays inert."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from salesbot.ui.speech import RECENT_SECONDS
from tests.browser.harness import RunningApp
from tests.browser.test_presenter_live import (
    CHAT,
    assert_no_exception_box,
    browser_page,
    call_rows,
    editor,
    fill_new_customer,
    generate,
    idle,
    open_presenter,
    outcome_card,
    panel,
    running,
    start_button,
    wait_until,
)

pytestmark = [pytest.mark.browser, pytest.mark.timed]

# Records every speak() (text, voice, lang, pitch) and ends each utterance after window.__speakMs (30 ms unless a
# test holds it longer). Three voices: two English ones, one Hindi.
FAKE_SPEECH = """
(() => {
  const voices = [
    {name: "Agent Voice", lang: "en-US", default: true, localService: true, voiceURI: "agent"},
    {name: "Customer Voice", lang: "en-GB", default: false, localService: true, voiceURI: "customer"},
    {name: "Hindi Voice", lang: "hi-IN", default: false, localService: true, voiceURI: "hindi"},
  ];
  window.__spoken = [];
  window.__cancels = 0;
  window.__cancelledBy = [];
  window.__speakMs = 30;
  class FakeUtterance {
    constructor(text) {
      Object.assign(this, {text, voice: null, lang: "", pitch: 1, rate: 1, volume: 1, onend: null, onerror: null});
    }
  }
  let current = null;
  const synth = {
    get speaking() { return current !== null; },
    get pending() { return false; },
    getVoices: () => voices.slice(),
    speak(u) {
      window.__spoken.push({text: u.text, voice: u.voice ? u.voice.name : null, lang: u.lang, pitch: u.pitch});
      current = u;
      u.timer = setTimeout(() => { if (current === u) current = null; u.onend && u.onend({}); }, window.__speakMs);
    },
    cancel() {
      window.__cancels += 1;
      window.__cancelledBy.push(window.event ? window.event.type : null);  // the event being handled, if any
      if (current) { clearTimeout(current.timer); const u = current; current = null; u.onerror && u.onerror({error: "canceled"}); }
    },
    pause() {}, resume() {}, addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  Object.defineProperty(window, "SpeechSynthesisUtterance", {value: FakeUtterance, configurable: true});
})();
"""
# Counts iframes ever added to the page: the speaker must not draw one (let alone one per line or per rerun).
COUNT_IFRAMES = """
window.__iframesAdded = 0;
new MutationObserver((changes) => {
  for (const c of changes) for (const n of c.addedNodes) {
    if (n.nodeName === "IFRAME" || (n.querySelectorAll && n.querySelectorAll("iframe").length)) window.__iframesAdded++;
  }
}).observe(document, {childList: true, subtree: true});
"""
HOSTILE = 'Hello Kavya, it\'s "Sam" </script><img src=x onerror="window.__pwned=1"> from us, \'quoted\'.'


@pytest.fixture(scope="module")
def speech_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    with running(tmp_path_factory.mktemp("speech"), {"SALESBOT_SIM_SPEED": "40"}) as app:
        yield app


def spoken(page: Page) -> list[dict[str, Any]]:
    return list(page.evaluate("window.__spoken"))


def cancels(page: Page) -> int:
    return int(page.evaluate("window.__cancels"))


def cancelled_by(page: Page) -> list[str | None]:
    """For each cancel() so far, the event whose handler called it (None: a rerun's update)."""
    return list(page.evaluate("window.__cancelledBy"))


def said_lines(app: RunningApp, name: str) -> list[tuple[str, str]]:
    """The (speaker, text) of the agent and customer lines stored for the customer's only call."""
    [(call_id, _)] = call_rows(app, name)
    with sqlite3.connect(app.db_path) as conn:
        [(utterances,)] = conn.execute("SELECT utterances FROM call_transcripts WHERE id = ?", (call_id,)).fetchall()
    return [(u["speaker"], u["text"]) for u in json.loads(utterances) if u["speaker"] != "system"]


def finished_before(app: RunningApp, name: str, moment: datetime) -> list[str]:
    """The text of the agent and customer lines of the customer's only call that were finished before `moment`."""
    [(call_id, _)] = call_rows(app, name)
    with sqlite3.connect(app.db_path) as conn:
        [(utterances,)] = conn.execute("SELECT utterances FROM call_transcripts WHERE id = ?", (call_id,)).fetchall()
    return [
        u["text"]
        for u in json.loads(utterances)
        if u["speaker"] != "system" and datetime.fromisoformat(u["at"]) < moment
    ]


def speak_aloud(page: Page) -> None:
    page.locator(".st-key-speak_aloud label").click()
    idle(page)


def test_each_line_is_spoken_once_in_order_in_two_voices_and_again_on_replay(
    browser: Browser, speech_app: RunningApp
) -> None:
    with browser_page(browser) as page:
        page.context.add_init_script(FAKE_SPEECH)
        page.context.add_init_script(COUNT_IFRAMES)
        open_presenter(page, speech_app)
        fill_new_customer(page, "Kavya Menon", "98222 33344")
        generate(page, "Kavya")
        script = editor(page).input_value()
        editor(page).fill(re.sub(r"(?m)^Hello Kavya.*$", lambda _: HOSTILE, script, count=1))
        page.keyboard.press("Tab")
        idle(page)
        expect(page.locator(".st-key-speak_aloud input")).not_to_be_checked()  # off by default
        speak_aloud(page)
        start_button(page).click()
        expect(outcome_card(page)).to_contain_text("Outcome:", timeout=30_000)
        idle(page)
        lines = said_lines(speech_app, "Kavya Menon")
        wait_until(lambda: len(spoken(page)) >= len(lines), 5, "every line to be spoken")

        said = spoken(page)
        assert [s["text"] for s in said] == [text for _, text in lines]  # each once, in order, no "Call ended."
        assert lines[0][0] == "customer"  # she picks up with a hello
        assert lines[1][0] == "agent" and lines[1][1].startswith(HOSTILE)  # the edited opener, </script> and all
        assert page.evaluate("window.__pwned") is None
        expect(page.locator('img[src="x"]')).to_have_count(0)
        voices = {speaker: {s["voice"] for s, (who, _) in zip(said, lines, strict=True) if who == speaker}
                  for speaker in ("agent", "customer")}  # fmt: skip
        assert voices == {"agent": {"Agent Voice"}, "customer": {"Customer Voice"}}

        page.locator(".st-key-refresh_transcript button").click()  # reruns (fragment ticks, Refresh) repeat nothing
        idle(page)
        page.wait_for_timeout(800)
        assert len(spoken(page)) == len(lines)

        panel(page).get_by_role("button", name="Replay", exact=True).click()
        wait_until(lambda: len(spoken(page)) >= 2 * len(lines), 20, "the replay to be spoken")
        page.wait_for_timeout(500)
        assert [s["text"] for s in spoken(page)[len(lines) :]] == [text for _, text in lines]
        assert page.evaluate("window.__iframesAdded") == 0  # the speaker runs in the page: no iframe, no reloads
        assert_no_exception_box(page)


def test_hindi_script_is_spoken_in_a_hindi_voice(browser: Browser, speech_app: RunningApp) -> None:
    with browser_page(browser) as page:
        page.context.add_init_script(FAKE_SPEECH)
        open_presenter(page, speech_app)
        fill_new_customer(page, "Ritu Sharma", "98333 44455")
        page.get_by_label("Language").click()
        page.get_by_role("option", name="Hindi").click()
        idle(page)
        page.get_by_role("button", name="Generate script", exact=True).click()
        expect(editor(page)).to_have_value(re.compile(r"^\[Opener\]\nनमस्(ते|कार) Ritu"), timeout=20_000)
        idle(page)
        speak_aloud(page)
        start_button(page).click()
        expect(outcome_card(page)).to_contain_text("Outcome:", timeout=30_000)
        idle(page)
        lines = said_lines(speech_app, "Ritu Sharma")
        wait_until(lambda: len(spoken(page)) >= len(lines), 5, "every line to be spoken")
        said = spoken(page)
        assert [s["text"] for s in said] == [text for _, text in lines]
        assert {(s["voice"], s["lang"]) for s in said} == {("Hindi Voice", "hi-IN")}
        # one Hindi voice for both: agent and customer still sound different
        pitch = {speaker: {s["pitch"] for s, (who, _) in zip(said, lines, strict=True) if who == speaker}
                 for speaker in ("agent", "customer")}  # fmt: skip
        assert len(pitch["agent"]) == len(pitch["customer"]) == 1 and pitch["agent"] != pitch["customer"]
        assert_no_exception_box(page)


def test_off_says_nothing_switching_off_and_stop_call_silence_at_once(browser: Browser, speech_app: RunningApp) -> None:
    with browser_page(browser) as page:
        page.context.add_init_script(FAKE_SPEECH)
        open_presenter(page, speech_app)
        fill_new_customer(page, "Arjun Das", "98444 77788")
        generate(page, "Arjun")
        page.locator(".st-key-pace").get_by_text("4×", exact=True).click()
        idle(page)
        start_button(page).click()
        finished = panel(page).locator(CHAT).filter(has_not_text="speaking…")
        wait_until(lambda: finished.count() >= 2, 20, "two finished lines")
        assert spoken(page) == []  # off: nothing is said

        page.evaluate("window.__speakMs = 600000")  # the line being said never ends: the next ones wait in the queue
        # a backlog: lines finished well before "moments ago" (RECENT_SECONDS), which switching on must not read
        long_ago = lambda: datetime.now(UTC) - timedelta(seconds=RECENT_SECONDS + 1)  # noqa: E731
        wait_until(lambda: len(finished_before(speech_app, "Arjun Das", long_ago())) >= 2, 20, "a backlog")
        backlog = finished_before(speech_app, "Arjun Das", long_ago())[:-1]  # (the newest may be said if alone)
        speak_aloud(page)
        wait_until(lambda: len(spoken(page)) == 1, 3, "the line on screen to be spoken when switched on")
        first = spoken(page)[0]["text"]
        assert backlog and first not in backlog  # the newest, not a backlog
        queued = "window.__salesbotSpeaker.queue.length"
        wait_until(lambda: page.evaluate(queued) >= 1, 20, "a line waiting behind the one being said")

        before = cancels(page)
        speak_aloud(page)  # off
        assert cancels(page) > before and page.evaluate(queued) == 0
        assert cancelled_by(page)[before] == "click"  # at once, in the click's own handler, not on the next rerun
        assert page.evaluate(queued) == 0
        shown = finished.count()
        wait_until(lambda: finished.count() > shown, 20, "another finished line")
        assert len(spoken(page)) == 1

        speak_aloud(page)  # on again: the newest line, nothing said twice
        wait_until(lambda: len(spoken(page)) == 2, 3, "the newest line to be spoken")
        assert spoken(page)[1]["text"] != first
        wait_until(lambda: page.evaluate(queued) >= 1, 20, "a line waiting behind the one being said")
        before, count = cancels(page), len(spoken(page))
        panel(page).get_by_role("button", name="Stop call").click()
        assert cancels(page) > before and page.evaluate(queued) == 0
        assert cancelled_by(page)[before] == "click"
        idle(page)
        expect(panel(page).get_by_role("button", name="Stop call")).to_be_disabled()
        page.wait_for_timeout(1000)
        assert len(spoken(page)) == count
        assert_no_exception_box(page)
