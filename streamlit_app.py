"""salesbot's entry for `streamlit run`: the pages (salesbot_pages.py) and the REST API under /api, one process."""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware
from starlette.routing import Mount

from salesbot import ui
from salesbot.api import create_api
from salesbot.api.frames import FrameGuard

app = st.App(
    "salesbot_pages.py",
    routes=[Mount("/api", app=create_api(ui.settings))],
    middleware=[Middleware(FrameGuard, load_settings=ui.settings)],  # no framing unless SALESBOT_FRAME_ANCESTORS
)
