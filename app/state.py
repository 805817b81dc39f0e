"""Widgets bound to the URL: every page and filter state is a query parameter.

A widget's first value comes from the URL; after each run the URL is rewritten from the
widgets the page drew, so a page can be linked and shared as it is shown.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

_SHOWN = "_lb_params"


def begin() -> None:
    st.session_state[_SHOWN] = {}


def remember(key: str, value) -> None:
    if value is None or value == "" or value == []:
        return
    st.session_state.setdefault(_SHOWN, {})[key] = ",".join(value) if isinstance(value, list) else str(value)


def finish() -> None:
    wanted = st.session_state.get(_SHOWN, {})
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def url_value(key: str) -> str | None:
    return st.query_params.get(key)


def _init(key: str, value) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _choose(widget, label: str, options: list, key: str, default=None, **kw):
    """One choice among options: the widget's state, else the URL's, else `default`, else the first."""
    options = list(options)
    if not options:
        return None
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
    wanted = url_value(key)
    _init(key, wanted if wanted in options else (default if default in options else options[0]))
    value = widget(label, options, key=key, **kw)
    remember(key, value)
    return value


def selectbox(label: str, options: list, key: str, *, default=None, format_func=str, **kw):
    return _choose(st.selectbox, label, options, key, default, format_func=format_func, **kw)


def radio(label: str, options: list, key: str, *, default=None, format_func=str, **kw):
    return _choose(st.radio, label, options, key, default, format_func=format_func, **kw)


def multiselect(label: str, options: list, key: str, *, default: list | None = None, **kw) -> list:
    options = list(options)
    if key in st.session_state:
        kept = [v for v in st.session_state[key] if v in options]
        if kept != st.session_state[key]:
            st.session_state[key] = kept
    raw = url_value(key)
    initial = [v for v in raw.split(",") if v in options] if raw is not None else [
        v for v in (default or []) if v in options]
    _init(key, initial)
    value = st.multiselect(label, options, key=key, **kw)
    remember(key, value)
    return value


def text_input(label: str, key: str, **kw) -> str:
    _init(key, url_value(key) or "")
    value = st.text_input(label, key=key, **kw)
    remember(key, value)
    return value


def text_area(label: str, key: str, *, default: str = "", **kw) -> str:
    _init(key, url_value(key) or default)
    value = st.text_area(label, key=key, **kw)
    remember(key, value)
    return value


def number_input(label: str, key: str, *, min_value: int, max_value: int, **kw) -> int:
    """A whole number in [min_value, max_value]; only a value other than min_value goes into the URL."""
    if key in st.session_state and not min_value <= st.session_state[key] <= max_value:
        del st.session_state[key]
    try:
        wanted = int(url_value(key) or min_value)
    except ValueError:
        wanted = min_value
    _init(key, min(max(wanted, min_value), max_value))
    value = int(st.number_input(label, min_value=min_value, max_value=max_value, step=1, key=key, **kw))
    if value != min_value:
        remember(key, value)
    return value


def checkbox(label: str, key: str, **kw) -> bool:
    _init(key, url_value(key) == "1")
    value = st.checkbox(label, key=key, **kw)
    if value:
        remember(key, "1")
    return value


def link(page: str, **params) -> str:
    """A relative URL that opens `page` with `params` (for link columns and markdown)."""
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return "?" + urlencode({"page": page, **clean})


def go(page: str, **params) -> None:
    """Callback: switch page with these widget values (runs before the next run draws widgets)."""
    st.session_state["page"] = page
    for key, value in params.items():
        st.session_state[key] = value
