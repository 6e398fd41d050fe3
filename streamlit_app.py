"""salesbot's entry point: the navigation between the presenter's page and the analysts' Transcripts page."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="salesbot", page_icon=":material/support_agent:", layout="wide")
navigation = st.navigation(
    [
        st.Page("pages/presenter.py", title="Presenter", icon=":material/call:", default=True),
        st.Page("pages/transcripts.py", title="Transcripts", icon=":material/forum:", url_path="transcripts"),
    ]
)
navigation.run()
