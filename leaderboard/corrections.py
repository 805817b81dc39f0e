"""Human corrections: validated, written to the append-only log, folded into result_overrides.

The log (`corrections`) is the truth; `result_overrides` is derived from it and from the
extracted row, and is rebuilt whenever either changes, so edits survive re-extraction.
"""

from __future__ import annotations

import hmac
import json
import os
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .extract import load_vocabularies
from .extract.types import DIRECTIONS, KINDS, QUALIFIERS
from .benchmark_keys import effective_category
from .store import stats
from .store.engine import write_lock
from .store.models import CORRECTABLE_FIELDS, Correction, Paper, Result, ResultOverride, utcnow

TOKEN_ENV = "LEADERBOARD_EDIT_TOKEN"
ACTIONS = ("edit", "reject", "add", "revert")
REQUIRED_FOR_ADD = ("value", "unit", "metric", "kind", "surface", "sentence")
TEXT_FIELDS = ("dataset", "model", "hardware", "baseline", "surface", "sentence")


class CorrectionError(ValueError):
    """A correction that cannot be saved; the message says what to fix."""


@dataclass(frozen=True)
class Orphan:
    result_key: str
    paper_id: int
    paper_title: str
    status: str
    corrections: int


def check_token(token: str | None) -> None:
    expected = os.environ.get(TOKEN_ENV)
    if expected and not hmac.compare_digest((token or "").encode(), expected.encode()):
        raise CorrectionError("The edit token is missing or wrong: ask the maintainer for LEADERBOARD_EDIT_TOKEN.")


def validate_changes(changes: dict, *, allow_new_terms: bool = False) -> dict:
    """Return cleaned changes or raise CorrectionError naming the field and the fix."""
    unknown = set(changes) - set(CORRECTABLE_FIELDS) - {"surface", "sentence", "metric_text"}
    if unknown:
        raise CorrectionError(f"Unknown field(s): {', '.join(sorted(unknown))}. "
                              f"Fields that can be corrected: {', '.join(CORRECTABLE_FIELDS)}.")
    vocab = load_vocabularies()
    units, metrics = vocab.canonical_units, set(vocab.metrics)
    clean: dict = {}
    for field, raw in changes.items():
        value = raw.strip() if isinstance(raw, str) else raw
        if field == "value":
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise CorrectionError(f"Value must be a number, got {raw!r}.") from None
            if value != value or value in (float("inf"), float("-inf")):
                raise CorrectionError("Value must be a finite number.")
        elif field == "unit":
            value = value or ""
            if value not in units and not allow_new_terms:
                raise CorrectionError(f"Unknown unit {value!r}. Pick one of {', '.join(repr(u) for u in units)}, "
                                      "or tick 'new unit/metric' to add it.")
        elif field == "metric":
            if not value:
                raise CorrectionError("Metric cannot be empty.")
            if value not in metrics and not allow_new_terms:
                raise CorrectionError(f"Unknown metric {value!r}. Pick one from the vocabulary, "
                                      "or tick 'new unit/metric' to add it.")
        elif field == "kind":
            if value not in KINDS:
                raise CorrectionError(f"Kind must be one of {', '.join(KINDS)}, got {raw!r}.")
        elif field == "direction":
            value = value or None
            if value is not None and value not in DIRECTIONS:
                raise CorrectionError(f"Direction must be empty or one of {', '.join(DIRECTIONS)}.")
        elif field == "qualifier":
            value = value or None
            if value is not None and value not in QUALIFIERS:
                raise CorrectionError(f"Qualifier must be empty or one of {', '.join(QUALIFIERS)}.")
        else:
            value = value or None
        clean[field] = value
    return clean


def _require_person(author: str, reason: str) -> tuple[str, str]:
    author, reason = (author or "").strip(), (reason or "").strip()
    if not author:
        raise CorrectionError("Say who you are: a correction needs a name.")
    if not reason:
        raise CorrectionError("Say why: a correction needs a reason.")
    return author, reason


def _result_fields(row: Result | ResultOverride) -> dict:
    return {f: getattr(row, f) for f in (*CORRECTABLE_FIELDS, "surface", "sentence")}


def _benchmark_of(session: Session, result_key: str) -> tuple[str | None, str | None]:
    fields = effective_fields(session, result_key) or {}
    return fields.get("dataset"), fields.get("metric")


def _log(session: Session, **kwargs) -> Correction:
    """Append to the log, re-fold the result, refresh the stats of its benchmark before and after."""
    entry = Correction(created_at=utcnow(), **kwargs)
    session.add(entry)
    session.flush()
    before = _benchmark_of(session, entry.result_key)
    rebuild_override(session, entry.result_key)
    stats.refresh(session, {before, _benchmark_of(session, entry.result_key)})
    return entry


def edit(session: Session, result_key: str, changes: dict, *, author: str, reason: str,
         token: str | None = None, allow_new_terms: bool = False) -> Correction:
    check_token(token)
    author, reason = _require_person(author, reason)
    clean = validate_changes(changes, allow_new_terms=allow_new_terms)
    write_lock(session, result_key)  # "previous" must be what the log says came before
    current = effective_fields(session, result_key)
    if current is None:
        raise CorrectionError(f"No result {result_key!r}: it may have been removed by re-extraction.")
    clean = {k: v for k, v in clean.items() if current.get(k) != v}
    if not clean:
        raise CorrectionError("Nothing changed: edit at least one field.")
    return _log(session, result_key=result_key, paper_id=_paper_of(session, result_key), action="edit",
                changes=json.dumps(clean), previous=json.dumps({k: current.get(k) for k in clean}),
                author=author, reason=reason)


def reject(session: Session, result_key: str, *, author: str, reason: str, token: str | None = None) -> Correction:
    check_token(token)
    author, reason = _require_person(author, reason)
    write_lock(session, result_key)
    if effective_fields(session, result_key) is None:
        raise CorrectionError(f"No result {result_key!r} to reject.")
    return _log(session, result_key=result_key, paper_id=_paper_of(session, result_key), action="reject",
                changes="{}", previous="{}", author=author, reason=reason)


def add(session: Session, paper_id: int, fields: dict, *, author: str, reason: str,
        token: str | None = None, allow_new_terms: bool = False) -> Correction:
    check_token(token)
    author, reason = _require_person(author, reason)
    if session.get(Paper, paper_id) is None:
        raise CorrectionError(f"No paper with id {paper_id}.")
    clean = validate_changes(fields, allow_new_terms=allow_new_terms)
    missing = [f for f in REQUIRED_FOR_ADD if clean.get(f) in (None, "") and not (f == "unit" and "unit" in clean)]
    if missing:
        raise CorrectionError(f"A new result needs: {', '.join(missing)}.")
    key = f"{paper_id}-add-{uuid.uuid4().hex[:12]}"
    write_lock(session, key)
    return _log(session, result_key=key, paper_id=paper_id, action="add", changes=json.dumps(clean),
                previous="{}", author=author, reason=reason)


def revert(session: Session, correction_id: int, *, author: str, reason: str, token: str | None = None) -> Correction:
    check_token(token)
    author, reason = _require_person(author, reason)
    target = session.get(Correction, correction_id)
    if target is None:
        raise CorrectionError(f"No correction with id {correction_id}.")
    write_lock(session, target.result_key)
    undone = _undone_ids(_log_for(session, target.result_key))
    if correction_id in undone:
        raise CorrectionError(f"Correction {correction_id} is already reverted.")
    return _log(session, result_key=target.result_key, paper_id=target.paper_id, action="revert",
                changes="{}", previous="{}", reverts_id=correction_id, author=author, reason=reason)


def _is_added(result_key: str) -> bool:
    return "-add-" in result_key


def _paper_of(session: Session, result_key: str) -> int:
    pid = session.scalar(select(Result.paper_id).where(Result.result_key == result_key))
    if pid is None:
        pid = session.scalar(select(ResultOverride.paper_id).where(ResultOverride.result_key == result_key))
    return pid


def _log_for(session: Session, result_key: str) -> list[Correction]:
    return list(session.scalars(select(Correction).where(Correction.result_key == result_key).order_by(Correction.id)))


def _undone_ids(log: list[Correction]) -> set[int]:
    """Ids of corrections cancelled by a revert that is itself in force (reverts point backwards)."""
    undone: set[int] = set()
    for entry in reversed(log):
        if entry.id in undone:
            continue
        if entry.action == "revert" and entry.reverts_id is not None:
            undone.add(entry.reverts_id)
    return undone


def fold(extracted: dict | None, log: list[Correction]) -> tuple[str | None, dict | None]:
    """(status, fields) of a result after its log: status None means no override."""
    undone = _undone_ids(log)
    active = [c for c in log if c.id not in undone and c.action != "revert"]
    fields = dict(extracted) if extracted else None
    added = rejected = edited = False
    for c in active:
        if c.action == "add":
            fields, added = dict(json.loads(c.changes)), True
        elif c.action == "edit" and fields is not None:
            fields.update(json.loads(c.changes))
            edited = True
        elif c.action == "reject":
            rejected = True
    if fields is None:
        return None, None
    if rejected:
        return "rejected", fields
    if added:
        return "added", fields
    if edited:
        return "corrected", fields
    return None, None


def rebuild_override(session: Session, result_key: str) -> None:
    log = _log_for(session, result_key)
    row = session.scalar(select(Result).where(Result.result_key == result_key))
    existing = session.get(ResultOverride, result_key)
    if row is not None:
        extracted = _result_fields(row)
    elif existing is not None and not _is_added(result_key):
        extracted = _result_fields(existing)  # orphaned by re-extraction: keep what was last known
    else:
        extracted = None
    status, fields = fold(extracted, log)
    if status is None:
        if existing is not None:
            session.delete(existing)
        session.flush()
        return
    if existing is None:
        existing = ResultOverride(result_key=result_key, paper_id=log[0].paper_id)
        session.add(existing)
    existing.status = status
    existing.updated_at = utcnow()
    for f in (*CORRECTABLE_FIELDS, "surface", "sentence"):
        setattr(existing, f, fields.get(f))
    existing.hardware_category = effective_category(fields.get("hardware"), row.hardware if row else None,
                                                    row.hardware_category if row else None)
    session.flush()


def rebuild_paper(session: Session, paper_id: int, *, refresh_stats: bool = True) -> None:
    """After re-extraction: re-fold every corrected result of the paper onto its new rows.
    `refresh_stats=False`: the caller refreshes benchmark_stats itself (once for a whole batch)."""
    keys = set(session.scalars(select(Correction.result_key).where(Correction.paper_id == paper_id)))
    touched = {_benchmark_of(session, key) for key in keys} if refresh_stats else set()
    for key in sorted(keys):  # one order everywhere: no deadlock between two re-extractions
        write_lock(session, key)
        rebuild_override(session, key)
    if refresh_stats:
        stats.refresh(session, touched | {_benchmark_of(session, key) for key in keys})


def effective_fields(session: Session, result_key: str) -> dict | None:
    override = session.get(ResultOverride, result_key)
    if override is not None:
        return _result_fields(override)
    row = session.scalar(select(Result).where(Result.result_key == result_key))
    return _result_fields(row) if row is not None else None


def history(session: Session, result_key: str) -> list[Correction]:
    return _log_for(session, result_key)


def orphaned(session: Session) -> list[Orphan]:
    """Corrections whose extracted result no longer exists after re-extraction: kept, never dropped."""
    rows = session.execute(
        select(ResultOverride.result_key, ResultOverride.paper_id, Paper.title, ResultOverride.status)
        .join(Paper, Paper.id == ResultOverride.paper_id)
        .outerjoin(Result, Result.result_key == ResultOverride.result_key)
        .where(Result.id.is_(None), ResultOverride.result_key.not_like("%-add-%"))
    ).all()
    out = []
    for key, pid, title, status in rows:
        n = len(_log_for(session, key))
        out.append(Orphan(key, pid, title, status, n))
    return out
