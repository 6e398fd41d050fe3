"""salesbot's pages: navigation between the presenter and transcripts pages, and the backends in the sidebar."""

from __future__ import annotations

import streamlit as st

from salesbot import ui

st.set_page_config(page_title="salesbot", page_icon=":material/call:", layout="wide")
ui.enter()  # with sign-in on, a visitor sees only the sign-in screen until signed in (and allowed)
pages = [
    st.Page("views/presenter.py", title="Presenter", icon=":material/call:", url_path="presenter", default=True),
    st.Page("views/transcripts.py", title="Transcripts", icon=":material/forum:", url_path="transcripts"),
]
current = st.navigation(pages)
ui.sidebar(ui.app())
current.run()
