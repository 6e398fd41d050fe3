// Speak aloud: reads a call's finished lines in the browser with the Web Speech API (speechSynthesis).
// The lines arrive as JSON data from salesbot/ui/speech.py and only ever reach SpeechSynthesisUtterance.text:
// nothing here writes them into the page. State lives on window (one speaker per page, whatever Streamlit
// remounts) and the ids of lines already queued in sessionStorage (a reload of the tab never repeats a line).

const STORE = "salesbot.speech.heard";
const CALLS_KEPT = 20;
const GRACE_MS = 600; // an unmount not followed by a mount within this time is the panel leaving: silence

function loadHeard() {
  try {
    const saved = JSON.parse(window.sessionStorage.getItem(STORE) || "{}");
    return saved && typeof saved === "object" ? saved : {};
  } catch {
    return {};
  }
}

function norm(lang) {
  return String(lang || "").replace("_", "-").toLowerCase();
}

// Voices for the agent and the customer in `lang` ("hi-IN", or "en" for any English): two distinct ones when the
// browser has two, else one voice twice (the caller then varies pitch and rate), else none (the browser's default).
function pickVoices(voices, lang) {
  const want = norm(lang);
  const base = want.split("-")[0];
  const preferred = (navigator.languages || [navigator.language]).map(norm);
  const score = (v) => {
    const l = norm(v.lang);
    if (l === want) return 0;
    const p = preferred.indexOf(l);
    return p >= 0 ? 1 + p / 100 : 2;
  };
  const fitting = voices
    .filter((v) => norm(v.lang).split("-")[0] === base)
    .map((v, i) => [score(v), i, v])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map((e) => e[2]);
  const agent = fitting[0] || null;
  const customer = fitting.find((v) => v.name !== agent.name) || agent;
  return { agent, customer, distinct: Boolean(agent && customer && agent.name !== customer.name) };
}

class Speaker {
  constructor(synth) {
    this.synth = synth;
    this.heard = loadHeard(); // call key -> ids of lines already queued (spoken, or dropped on purpose)
    this.on = false;
    this.call = null;
    this.lang = "en";
    this.queue = [];
    this.current = null;
    this.leaving = null;
    this.waitedForVoices = false;
  }

  ids(call) {
    if (!Array.isArray(this.heard[call])) this.heard[call] = [];
    return new Set(this.heard[call]);
  }

  remember(call, ids) {
    this.heard[call] = [...ids];
    const calls = Object.keys(this.heard);
    for (const old of calls.slice(0, Math.max(0, calls.length - CALLS_KEPT))) delete this.heard[old];
    try {
      window.sessionStorage.setItem(STORE, JSON.stringify(this.heard));
    } catch {
      // private mode or a full store: the page still speaks, a reload may then repeat a line
    }
  }

  // The switch turned off, Stop call or End replay pressed: silence in the browser at once, before the server's
  // rerun confirms it (the rerun then says the same).
  listen(data) {
    this.controls = { off: data.switch, stop: data.stop };
    if (this.listening) return;
    this.listening = true;
    const inside = (target, key) => key && target instanceof Element && target.closest(`.st-key-${key}`);
    document.addEventListener(
      "click",
      (e) => {
        if (inside(e.target, this.controls.off) && !e.target.closest("button") && this.on) {
          this.hush(); // the switch was on (the server said so): this click turns it off
          this.on = false;
        } else if (inside(e.target, this.controls.stop) && e.target.closest("button:not([disabled])")) {
          this.hush();
          this.stopped = this.call; // a rerun already on its way must not bring the stopped call's lines back
        }
      },
      true,
    );
  }

  update(data) {
    clearTimeout(this.leaving);
    this.listen(data || {});
    if (!data || !data.on) {
      this.hush();
      this.on = false;
      return;
    }
    // Speech (re)starts when it was off, after a reload, or when another call (or replay) comes on screen: only
    // lines finished moments ago (or else the newest of a live call) are read, never a backlog of older ones.
    const restart = !this.on || data.call !== this.call;
    if (!this.on) this.stopped = null; // switched on again: the presenter wants to hear this call after all
    if (data.call !== this.call) this.hush();
    this.on = true;
    this.call = data.call;
    this.lang = data.lang || "en";
    const heard = this.ids(data.call);
    const lines = (data.lines || []).filter((l) => l && l.speaker !== "system" && typeof l.text === "string");
    const fresh = lines.filter((l) => !heard.has(String(l.id)));
    const hushed = data.hush || (data.call === this.stopped && data.live);
    if (hushed) this.hush(); // the call was stopped: nothing more is said
    let said = fresh;
    if (hushed) said = [];
    else if (restart) {
      said = fresh.filter((l) => l.recent);
      if (!said.length && data.live && fresh.length) said = fresh.slice(-1);
    }
    for (const line of fresh) heard.add(String(line.id));
    this.queue.push(...said);
    this.remember(data.call, heard);
    this.pump();
  }

  hush() {
    this.queue = [];
    this.current = null;
    this.synth.cancel();
    this.quietUntil = performance.now() + 100; // Chrome may drop a speak() that comes right after cancel()
  }

  leave() {
    // Streamlit may remount the element on a rerun; only an unmount that stays one is the panel going away.
    clearTimeout(this.leaving);
    this.leaving = setTimeout(() => {
      this.hush();
      this.on = false;
    }, GRACE_MS);
  }

  // Try again in `ms` (once, however often asked meanwhile).
  later(ms) {
    if (this.waking) return;
    this.waking = setTimeout(() => {
      this.waking = null;
      this.pump();
    }, ms);
  }

  pump() {
    if (this.current || !this.queue.length || this.waking) return;
    const quiet = (this.quietUntil || 0) - performance.now();
    if (quiet > 0) return this.later(quiet);
    const voices = this.synth.getVoices();
    if (!voices.length && !this.waitedForVoices) {
      // Chrome fills the list asynchronously: wait for it once, briefly, rather than speak in a default voice.
      this.waitedForVoices = true;
      this.synth.addEventListener?.("voiceschanged", () => {
        clearTimeout(this.waking);
        this.waking = null;
        this.pump();
      }, { once: true });
      return this.later(1000);
    }
    const line = this.queue.shift();
    const pick = pickVoices(voices, this.lang);
    const customer = line.speaker === "customer";
    const utterance = new SpeechSynthesisUtterance(line.text);
    const voice = customer ? pick.customer : pick.agent;
    if (voice) utterance.voice = voice;
    utterance.lang = voice ? voice.lang : this.lang === "en" ? "en-US" : this.lang;
    // One voice for both: a lower, steadier agent and a higher, quicker customer still sound like two people.
    utterance.pitch = pick.distinct ? 1 : customer ? 1.35 : 0.85;
    // Behind by more than the line being said: speak faster, never skip, so the lag stays about one line.
    const catchUp = Math.min(0.6, 0.2 * this.queue.length);
    utterance.rate = (pick.distinct || !customer ? 1 : 1.08) + catchUp;
    const token = { line };
    const done = () => {
      if (this.current !== token) return; // a hushed line's late end/error event
      clearTimeout(token.watchdog);
      this.current = null;
      this.pump();
    };
    utterance.onend = done;
    utterance.onerror = done;
    // Some engines drop an end event: never let one line hold up the rest.
    token.watchdog = setTimeout(done, 4000 + (1000 * line.text.split(/\s+/).length) / utterance.rate);
    token.utterance = utterance; // referenced until it ends (Chrome may drop events of collected utterances)
    this.current = token;
    if (this.synth.paused) this.synth.resume(); // a synthesizer left paused would hold every line
    this.synth.speak(utterance);
  }
}

export default function speech({ data }) {
  const synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return undefined;
  if (!window.__salesbotSpeaker) window.__salesbotSpeaker = new Speaker(synth);
  const speaker = window.__salesbotSpeaker;
  speaker.update(data);
  return () => speaker.leave();
}
