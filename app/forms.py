"""The correction forms: edit, reject, revert one result, add a missed result to a paper.

Every save goes through `leaderboard.corrections` (validation, token, append-only log) and is
followed by a rerun, so every table on every page shows the new state at once.
"""

from __future__ import annotations

import json
import logging
import os
import re

import pandas as pd
import streamlit as st

from leaderboard import corrections
from leaderboard.corrections import CorrectionError
from leaderboard.extract import load_vocabularies
from leaderboard.extract.types import DIRECTIONS, KINDS, QUALIFIERS

from . import data

log = logging.getLogger(__name__)
TEXT_FIELDS = ("dataset", "model", "hardware", "baseline")
NONE = ""


def _token_input(key: str) -> str | None:
    if os.environ.get(corrections.TOKEN_ENV):
        return st.text_input("Edit token", type="password", key=f"{key}-token",
                             help="This site asks for its edit token (LEADERBOARD_EDIT_TOKEN) before saving.")
    return None


def _person(key: str) -> tuple[str, str]:
    c1, c2 = st.columns([1, 2])
    author = c1.text_input("Your name", key=f"{key}-author", value=st.session_state.get("last_author", ""))
    reason = c2.text_input("Reason", key=f"{key}-reason", placeholder="e.g. the abstract says 76.1%, not 75.2%")
    return author, reason


def _choice(label: str, options: list[str], current, key: str, **kw) -> str:
    opts = list(options)
    cur = current if isinstance(current, str) else NONE
    if cur not in opts:
        opts.insert(0, cur)
    return st.selectbox(label, opts, index=opts.index(cur), key=key,
                        format_func=lambda v: v if v != NONE else "—", **kw)


def _vocab_pair(label: str, vocab: list[str], current, key: str, col) -> tuple[str, bool]:
    """A vocabulary choice plus an explicit 'new term' box; returns (term, is_new)."""
    with col:
        picked = _choice(label, vocab, current, f"{key}-{label}")
        new = st.text_input(f"or a new {label}", key=f"{key}-new-{label}",
                            placeholder=f"only if no {label} above fits")
    new = new.strip()
    return (new, True) if new else (picked, False)


def vocabulary() -> dict[str, list[str]]:
    """Units and metrics of the extractor's vocabulary (a dict, or an object with .units/.metrics)."""
    vocab = load_vocabularies()
    if isinstance(vocab, dict):
        return {"units": list(vocab["units"]), "metrics": list(vocab["metrics"])}
    units = getattr(vocab, "canonical_units", None) or sorted({getattr(u, "unit", u) for u in vocab.units.values()})
    return {"units": list(units), "metrics": sorted(vocab.metrics)}


def _fields(key: str, current: dict) -> tuple[dict, bool]:
    vocab = vocabulary()
    c1, c2, c3 = st.columns(3)
    value = c1.text_input("Value (canonical unit)", value=_num(current.get("value")), key=f"{key}-value")
    unit, new_unit = _vocab_pair("unit", vocab["units"], current.get("unit"), key, c2)
    metric, new_metric = _vocab_pair("metric", vocab["metrics"], current.get("metric"), key, c3)
    c1, c2, c3 = st.columns(3)
    with c1:
        kind = _choice("kind", list(KINDS), current.get("kind") or "absolute", f"{key}-kind")
    with c2:
        direction = _choice("direction", [NONE, *DIRECTIONS], current.get("direction"), f"{key}-direction",
                            help="for delta, ratio, reduction: better or worse than the baseline")
    with c3:
        qualifier = _choice("qualifier", [NONE, *QUALIFIERS], current.get("qualifier"), f"{key}-qualifier")
    c1, c2, c3, c4 = st.columns(4)
    texts = {}
    for col, field in zip((c1, c2, c3, c4), TEXT_FIELDS):
        texts[field] = col.text_input(field, value=current.get(field) or "", key=f"{key}-{field}")
    fields = {"value": value, "unit": unit, "metric": metric, "kind": kind, "direction": direction,
              "qualifier": qualifier, **texts}
    return fields, new_unit or new_metric


def _num(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return f"{float(value):.10g}"


def _saved(message: str, author: str) -> None:
    st.session_state["last_author"] = author.strip()
    st.session_state["flash"] = message
    st.rerun()


def _save(action, *args, message, author: str, **kwargs) -> None:
    """Run one correction in its own transaction; show the error, or rerun with a message.

    `message` is text or a function of the saved log entry; it must hold no paper or user text
    (st.success renders Markdown).
    """
    with data.session() as session:
        try:
            with session.begin():
                entry = action(session, *args, author=author, **kwargs)
        except CorrectionError as err:
            st.error(str(err), icon=":material/error:")
            return
        except Exception as err:  # noqa: BLE001 - a bug or a database error: nothing was saved; say so
            log.exception("correction not saved")
            st.error(f"Nothing was saved: {type(err).__name__}: {err}. Try again; if it persists, "
                     "report it with the steps that led here.", icon=":material/error:")
            return
    _saved(message(entry) if callable(message) else message, author)


def _edited(entry) -> str:
    fields = ", ".join(json.loads(entry.changes or "{}"))
    return f"Saved correction #{entry.id}: {fields} of result {entry.result_key} corrected."


def result_panel(result_key: str) -> None:
    """Edit / reject / history-and-revert for one result (its fields as stored, corrections applied)."""
    with data.session() as session:
        log = corrections.history(session, result_key)
        current = corrections.effective_fields(session, result_key) or {}
    edit_tab, reject_tab, history_tab = st.tabs(["Correct", "Reject", f"History ({len(log)})"])
    with edit_tab:
        with st.form(f"edit-{result_key}"):
            fields, new_terms = _fields(f"e-{result_key}", current)
            author, reason = _person(f"e-{result_key}")
            token = _token_input(f"e-{result_key}")
            if st.form_submit_button("Save correction", type="primary"):
                _save(corrections.edit, result_key, fields, reason=reason, token=token, author=author,
                      allow_new_terms=new_terms, message=_edited)
    with reject_tab:
        st.caption("Rejecting hides a wrong row from every leaderboard and from `result_rows`; "
                   "it stays in the log and can be reverted.")
        with st.form(f"reject-{result_key}"):
            author, reason = _person(f"r-{result_key}")
            token = _token_input(f"r-{result_key}")
            if st.form_submit_button("Reject this result"):
                _save(corrections.reject, result_key, reason=reason, token=token, author=author,
                      message=lambda e: f"Saved correction #{e.id}: result {result_key} rejected; "
                                    "it is hidden everywhere (revert it from its history).")
    with history_tab:
        history(result_key, log)


def describe(action: str, changes: str | None, previous: str | None, reverts_id=None) -> str:
    """One log entry in words: 'value: 75.2 → 76.1', 'reverts #3'."""
    changes_, previous_ = json.loads(changes or "{}"), json.loads(previous or "{}")
    if action == "edit":
        return "; ".join(f"{k}: {previous_.get(k)!r} → {v!r}" for k, v in changes_.items())
    if action == "add":
        return ", ".join(f"{k}={v!r}" for k, v in changes_.items() if k != "sentence")
    if action == "revert":
        return f"reverts #{int(reverts_id)}"
    return "hidden from leaderboards" if action == "reject" else ""


def history(result_key: str, log: list) -> None:
    if not log:
        st.caption("No correction yet: this row is as the extractor produced it.")
        return
    table = pd.DataFrame([{
        "#": c.id, "when (UTC)": c.created_at.strftime("%Y-%m-%d %H:%M"), "who": c.author, "action": c.action,
        "what": describe(c.action, c.changes, c.previous, c.reverts_id), "reason": c.reason} for c in log])
    st.dataframe(table, hide_index=True, width="stretch")
    with st.form(f"revert-{result_key}"):
        target = st.selectbox("Revert correction", [c.id for c in reversed(log)], key=f"v-{result_key}-id",
                              format_func=lambda i: f"#{i}")
        author, reason = _person(f"v-{result_key}")
        token = _token_input(f"v-{result_key}")
        st.caption("A revert is itself a logged correction; reverting a revert re-applies the original.")
        if st.form_submit_button("Revert"):
            _save(corrections.revert, int(target), reason=reason, token=token, author=author,
                  message=f"Reverted correction #{target}.")


def sentences(abstract: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9(\[])", abstract or "") if s.strip()]


def add_panel(paper_id: int, abstract: str) -> None:
    """Add a result the extractor missed to this paper."""
    with st.form(f"add-{paper_id}"):
        sents = sentences(abstract)
        sentence = st.selectbox("Evidence sentence", sents or [""], key=f"a-{paper_id}-sentence")
        surface = st.text_input("The number as written in that sentence", key=f"a-{paper_id}-surface",
                                placeholder="e.g. 78ms")
        fields, new_terms = _fields(f"a-{paper_id}", {"kind": "absolute"})
        author, reason = _person(f"a-{paper_id}")
        token = _token_input(f"a-{paper_id}")
        if st.form_submit_button("Add result", type="primary"):
            if not surface.strip() or surface.strip() not in (sentence or ""):
                st.error("Copy the number exactly as it is written in the chosen sentence "
                         "(e.g. 78ms), so it can be highlighted as evidence.", icon=":material/error:")
                return
            fields = {k: v for k, v in fields.items() if v not in (None, "")}
            fields.update(surface=surface.strip(), sentence=sentence)
            fields.setdefault("unit", "")
            _save(corrections.add, int(paper_id), fields, reason=reason, token=token, author=author,
                  allow_new_terms=new_terms,
                  message=lambda e: f"Saved correction #{e.id}: result {e.result_key} added to this paper.")
