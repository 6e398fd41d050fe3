"""salesbot's entry for `streamlit run`: the pages (salesbot_pages.py) and the REST API under /api, one process."""

from __future__ import annotations

import streamlit as st
from starlette.routing import Mount

from salesbot import ui
from salesbot.api import create_api

app = st.App("salesbot_pages.py", routes=[Mount("/api", app=create_api(ui.settings))])
