"""Paper and user text shown as text: HTML-escaped, never interpreted as Markdown or HTML."""

from __future__ import annotations

import html

import streamlit as st

from .ranking import highlight_spans

MARK_STYLE = "background:#ffe08a;color:#1a1a1a;border-radius:3px;padding:0 2px;font-weight:600"


def highlighted_html(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with every span wrapped in <mark>; everything else escaped."""
    out = []
    for piece, marked in highlight_spans(text or "", spans):
        esc = html.escape(piece)
        out.append(f'<mark style="{MARK_STYLE}">{esc}</mark>' if marked else esc)
    return "".join(out)


def show_text(text: str, *, tag: str = "p", style: str = "") -> None:
    """Any text from a paper or a person, rendered inert (st.html does no Markdown)."""
    st.html(f'<{tag} class="lb-text" style="{style}">{html.escape(text or "")}</{tag}>')


def show_highlighted(text: str, spans: list[tuple[int, int]], *, style: str = "") -> None:
    st.html(f'<div class="lb-evidence" style="line-height:1.6;{style}">{highlighted_html(text, spans)}</div>')


def title(text: str) -> None:
    show_text(text, tag="h2", style="margin:0.2em 0 0.4em 0")


def caption(text: str, *, link: tuple[str, str] | None = None) -> None:
    """A small grey line of data text, optionally ending with a link (label, relative URL)."""
    tail = f' · <a href="{html.escape(link[1])}" target="_self">{html.escape(link[0])}</a>' if link else ""
    st.html(f'<div class="lb-caption" style="color:#6b7280;font-size:0.875rem">{html.escape(text)}{tail}</div>')
