"""Bring a part of the page into view in the browser once (the call panel for a started call, on a phone far above
Start call; the running-call strip when it first shows)."""

from __future__ import annotations

import streamlit as st

CALL_PANEL = ".st-key-call_panel"
RUNNING_STRIPS = ".st-key-running_strips"
# Runs in the page itself (components v2, no iframe): once per token per page load, and only when the target's top
# is out of view or low on the screen (on a wide screen the call panel already is in view: nothing moves). The page
# may still be moving the target (the phone layout puts the call panel first once a call exists), so it looks again
# a few times in the first 1.5 s. scroll-margin keeps Streamlit's fixed header off the target's top.
_JS = """
export default function reveal({ data }) {
  const done = (window.__salesbotRevealed = window.__salesbotRevealed || new Set());
  if (!data || !data.token || done.has(data.token)) return;
  done.add(data.token);
  const look = () => {
    const target = document.querySelector(data.target);
    const top = target ? target.getBoundingClientRect().top : 0;
    if (top < 0 || top > window.innerHeight / 2) target.scrollIntoView({ block: "start" });
  };
  for (const ms of [0, 150, 400, 800, 1500]) setTimeout(look, ms);
}
"""
_revealer = st.components.v2.component(
    "salesbot_reveal",
    js=_JS,
    # (inline CSS must hold a newline: a one-line string with brackets would be read as a file's path)
    css=f"[class*='st-key-salesbot_reveal'] {{ display: none; }}\n{CALL_PANEL}, {RUNNING_STRIPS} "
    "{ scroll-margin-top: 4.5rem; }",
    isolate_styles=False,
)


def reveal(target: str, token: str) -> None:
    """Scroll `target` (a CSS selector) into view when it is out of view, once for `token`."""
    _revealer(key=f"salesbot_reveal_{target.removeprefix('.st-key-')}", data={"token": token, "target": target})
