"""Reading one stored call: its transcript with every search match marked, a stepper through them, the script."""

from __future__ import annotations

import streamlit as st

from salesbot.exports.shown_lines import shown_lines
from salesbot.models import Call, SalesScript
from salesbot.search.matches import Span, Term, call_matches, highlighted
from salesbot.text import markdown_literal as md
from salesbot.ui.transcripts_state import MATCH
from salesbot.ui.widgets import chat_line

CURRENT = "current_match"  # the key (and CSS class st-key-current_match) of the line holding the match in view
# Scrolls the transcript box (not the page) to the match in view, or to its start: once per call and match.
_SCROLL = """<script>
(() => {{
  const token = "{token}";
  // Wait (up to 10 s: a busy page draws late) until the box, and the matched line laid out inside it, are there;
  // only then scroll and mark it done, so a slow draw never leaves the box at its top for good.
  const find = (tries) => {{
    const box = document.querySelector(".st-key-{box}");
    const line = box && box.querySelector(".st-key-{current}");
    const ready = box && (!{matched} || (line && line.getBoundingClientRect().height > 0));
    if (!ready) {{
      if (tries > 0) setTimeout(() => find(tries - 1), 50);
      return;
    }}
    if (box.dataset.scrolledTo === token) return;
    box.dataset.scrolledTo = token;
    box.scrollTop = line ? line.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop - 24 : 0;
  }};
  find(200);
}})();
</script>"""


def _step(by: int, count: int) -> None:
    st.session_state[MATCH] = (int(st.session_state.get(MATCH, 0)) + by) % count


def match_stepper(count: int) -> int:
    """ "Match 2 of 5" with Previous and Next match buttons; returns the match in view (0-based)."""
    current = min(int(st.session_state.get(MATCH, 0)), count - 1)
    st.session_state[MATCH] = current
    with st.container(horizontal=True, vertical_alignment="center", key="match_stepper"):
        st.markdown(f"**Match {current + 1} of {count}**", width="content")
        st.button(
            "Previous", key="previous_match", icon=":material/keyboard_arrow_up:", on_click=_step, args=(-1, count)
        )
        st.button(
            "Next match", key="next_match", icon=":material/keyboard_arrow_down:", on_click=_step, args=(1, count)
        )
    return current


def transcript(call: Call, terms: list[Term], said_by: str, height: int = 520) -> None:
    """The call's lines from the start, or from the match in view, every match in bold (only the speaker's lines
    searched when said_by is set); what anyone said stays text."""
    matches = call_matches(call.utterances, terms, said_by)
    index = match_stepper(len(matches)) if matches else None
    current: tuple[int, Span] | None = matches[index] if index is not None else None
    if terms and not matches:
        st.caption("The search words are not in this call's lines" + (f" by the {said_by}." if said_by else "."))
    spans: dict[int, list[Span]] = {}
    for n, span in matches:
        spans.setdefault(n, []).append(span)
    box_key = f"transcript_{call.id}"
    box = st.container(height=height, border=True, key=box_key, autoscroll=False)  # chat messages would go to the end
    if not call.utterances:
        box.caption("Nothing was said on this call.")
    for i, shown in enumerate(shown_lines(call)):
        holder = box.container(key=CURRENT) if current and current[0] == i else box
        said = highlighted(shown.line.text, spans.get(i, []), current[1] if current and current[0] == i else None)
        chat_line(holder, shown, marked=said)
    token = f"{call.id}-{'start' if index is None else index}"
    script = _SCROLL.format(token=token, box=box_key, current=CURRENT, matched="true" if current else "false")
    st.html(script, unsafe_allow_javascript=True)  # no customer text in it: ids and numbers only


def script_used(script: SalesScript | None, version: int | None, height: int = 520) -> None:
    """The script the call used as readable text, with its version as the presenter saw it (v1, v2 …)."""
    if script is None:
        st.markdown("**Script used**")
        st.caption("The script was deleted.")
        return
    label = f"v{version}" if version else "version unknown"
    st.markdown(f"**Script used** · {label} · {md(script.writer)} · {script.created_at:%Y-%m-%d %H:%M}")
    with st.container(height=height, border=True, key="script_used"):
        st.text(script.script)
