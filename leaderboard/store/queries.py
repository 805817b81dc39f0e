"""The read queries the app and CLI ask. No SQL is built from user text: values are bound.

`run_readonly` is the one exception to "fixed SQL": it runs a reader's own query, on a
read-only connection, with a row cap and a time limit.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, text


def _frame(engine: Engine, sql: str, params: dict | None = None) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql_query(text(sql), conn, params=params or {})


def result_rows(engine: Engine, *, dataset: str | None = None, metric: str | None = None,
                limit: int | None = None) -> pd.DataFrame:
    sql = "SELECT * FROM result_rows WHERE 1=1"
    params: dict = {}
    if dataset is not None:
        sql += " AND dataset = :dataset"
        params["dataset"] = dataset
    if metric is not None:
        sql += " AND metric = :metric"
        params["metric"] = metric
    sql += " ORDER BY paper_title, result_id"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = int(limit)
    return _frame(engine, sql, params)


# COUNT(*) of result_rows without walking the view: results, less the rejected ones, plus the added.
RESULT_ROWS_COUNT = """
SELECT (SELECT COUNT(*) FROM results)
     - (SELECT COUNT(*) FROM result_overrides o JOIN results r ON r.result_key = o.result_key
        WHERE o.status = 'rejected')
     + (SELECT COUNT(*) FROM result_overrides WHERE status = 'added') AS n"""


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        out = {name: conn.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar_one()
               for name in ("papers", "listings", "corrections")}
        out["result_rows"] = int(conn.execute(text(RESULT_ROWS_COUNT)).scalar_one())
        return out


def data_version_sql() -> str:
    return """SELECT (SELECT COUNT(*) FROM results) AS n_results, (SELECT MAX(id) FROM results) AS last_result,
                     (SELECT MAX(id) FROM corrections) AS last_correction, (SELECT MAX(id) FROM listings) AS last_listing,
                     (SELECT COUNT(*) FROM papers) AS n_papers, (SELECT MAX(extractor_version) FROM papers) AS version"""


def data_version(engine: Engine) -> tuple:
    """Changes whenever an ingest or a correction changes what the app shows (a cache key)."""
    with engine.connect() as conn:
        return tuple(conn.execute(text(data_version_sql())).one())


# Every visible result with what the public view leaves out: paper id, the extractor's hardware
# (and its category), the character offsets of the number in the abstract, confidence.
ALL_RESULTS_SQL = """
SELECT rr.*,
       COALESCE(r.paper_id, o.paper_id) AS paper_id,
       r.hardware AS extracted_hardware,
       r.hardware_category AS extracted_hardware_category,
       r.start AS start_offset, r."end" AS end_offset,
       r.metric_text AS metric_text, r.confidence AS confidence
FROM result_rows rr
LEFT JOIN results r ON r.result_key = rr.result_id
LEFT JOIN result_overrides o ON o.result_key = rr.result_id
"""


def all_results(engine: Engine) -> pd.DataFrame:
    return _frame(engine, ALL_RESULTS_SQL + " ORDER BY rr.paper_title, rr.result_id")


def paper_results(engine: Engine, paper_id: int) -> pd.DataFrame:
    """The visible results of one paper, plus its rejected ones (status 'rejected')."""
    visible = _frame(engine, f"SELECT * FROM ({ALL_RESULTS_SQL}) x WHERE paper_id = :pid "
                             "ORDER BY start_offset, result_id", {"pid": int(paper_id)})
    rejected = _frame(engine, """
        SELECT o.result_key AS result_id, o.sentence, o.surface, o.value, o.unit, o.metric, o.kind,
               o.direction, o.dataset, o.model, o.hardware, o.baseline, o.qualifier, o.status,
               o.paper_id, r.start AS start_offset, r."end" AS end_offset
        FROM result_overrides o LEFT JOIN results r ON r.result_key = o.result_key
        WHERE o.paper_id = :pid AND o.status = 'rejected'
        ORDER BY o.result_key""", {"pid": int(paper_id)})
    if rejected.empty:
        return visible
    if visible.empty:
        return rejected
    return pd.concat([visible, rejected], ignore_index=True)


def papers(engine: Engine) -> pd.DataFrame:
    """One row per paper with its first listing date, sightings and extracted results."""
    return _frame(engine, """
        SELECT p.id AS paper_id, p.title, p.arxiv_id,
               (SELECT l.listing_date FROM sightings s JOIN listings l ON l.id = s.listing_id
                 WHERE s.paper_id = p.id ORDER BY s.id LIMIT 1) AS listing_date,
               (SELECT COUNT(*) FROM sightings s WHERE s.paper_id = p.id) AS sightings,
               (SELECT COUNT(*) FROM results r WHERE r.paper_id = p.id) AS results
        FROM papers p ORDER BY p.title""")


def paper(engine: Engine, paper_id: int) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(text("SELECT id, title, abstract, arxiv_id, extractor_version FROM papers "
                                "WHERE id = :pid"), {"pid": int(paper_id)}).mappings().first()
    return dict(row) if row else None


def sightings(engine: Engine, paper_id: int) -> pd.DataFrame:
    return _frame(engine, """
        SELECT l.source AS file, l.listing_date AS date, s.position + 1 AS position, s.line AS line,
               l.ingested_at AS ingested
        FROM sightings s JOIN listings l ON l.id = s.listing_id
        WHERE s.paper_id = :pid ORDER BY s.id""", {"pid": int(paper_id)})


def corrections_log(engine: Engine, *, result_key: str | None = None, limit: int = 500) -> pd.DataFrame:
    sql = """SELECT c.id, c.created_at, c.author, c.action, c.result_key, c.changes, c.previous,
                    c.reason, c.reverts_id, p.title AS paper_title, c.paper_id
             FROM corrections c LEFT JOIN papers p ON p.id = c.paper_id"""
    params: dict = {"limit": int(limit)}
    if result_key is not None:
        sql += " WHERE c.result_key = :key"
        params["key"] = result_key
    sql += " ORDER BY c.id DESC LIMIT :limit"
    return _frame(engine, sql, params)


BENCHMARK_ORDER = "ORDER BY results DESC, dataset, metric, hardware_category"


def benchmark_list(engine: Engine, *, needle: str = "", keys: set | None = None, limit: int = 500) -> pd.DataFrame:
    """The busiest benchmarks (benchmark_stats), at most `limit`; with `needle`, those whose dataset
    or metric contains it (case-insensitive) or whose (dataset, metric, split) is in `keys`."""
    if not needle:
        return _frame(engine, f"SELECT * FROM benchmark_stats {BENCHMARK_ORDER} LIMIT :limit", {"limit": int(limit)})  # sql: no user text: constants
    frame = _frame(engine, "SELECT * FROM benchmark_stats WHERE LOWER(dataset) LIKE :like ESCAPE '\\' "  # sql: no user text: constants
                           f"OR LOWER(metric) LIKE :like ESCAPE '\\' {BENCHMARK_ORDER}", {"like": _like(needle)})
    if keys:
        frame = pd.concat([frame, _benchmarks_by_key(engine, keys - set(zip(
            frame["dataset"], frame["metric"], frame["hardware_category"])))], ignore_index=True)
        frame = frame.sort_values(["results", "dataset", "metric", "hardware_category"],
                                  ascending=[False, True, True, True], kind="mergesort")
    return frame.head(limit).reset_index(drop=True)


def _benchmarks_by_key(engine: Engine, keys: set) -> pd.DataFrame:
    parts = []
    with engine.connect() as conn:
        for d, m, h in sorted(keys)[:5000]:
            parts.extend(conn.execute(text("SELECT * FROM benchmark_stats WHERE dataset = :d AND metric = :m "
                                           "AND hardware_category = :h"), {"d": d, "m": m, "h": h}).mappings().all())
    return pd.DataFrame([dict(r) for r in parts])


def benchmark_totals(engine: Engine) -> tuple[int, int]:
    """(benchmarks, results on a benchmark)."""
    with engine.connect() as conn:
        n, results = conn.execute(text("SELECT COUNT(*), SUM(results) FROM benchmark_stats")).one()
    return int(n), int(results or 0)


def datasets_busiest_first(engine: Engine) -> list[str]:
    """Every dataset with a benchmark, the one with the busiest benchmark first."""
    with engine.connect() as conn:
        return [d for (d,) in conn.execute(text(
            "SELECT dataset FROM benchmark_stats GROUP BY dataset ORDER BY MAX(results) DESC, dataset"))]


def benchmarks_of(engine: Engine, dataset: str) -> pd.DataFrame:
    """The benchmarks of one dataset, busiest first."""
    return _frame(engine, f"SELECT * FROM benchmark_stats WHERE dataset = :d {BENCHMARK_ORDER}", {"d": dataset})  # sql: no user text: constants


def _like(needle: str) -> str:
    """A LIKE pattern for `needle` anywhere, its own % and _ taken literally (ESCAPE '\\')."""
    return "%" + needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def benchmarks_with_rows_matching(engine: Engine, needle: str) -> set[tuple[str, str, str]]:
    """(dataset, metric, device split) of the benchmarks holding a row whose model or paper title
    contains `needle` (case-insensitive). A scan of every visible row: the Benchmarks page asks
    it only when a search names no dataset or metric."""
    from ..benchmark_keys import DEVICE_METRICS, NO_CATEGORY
    from . import visible

    like = _like(needle)
    where = ("{dataset} IS NOT NULL AND (LOWER({model}) LIKE :like ESCAPE '\\' "
             "OR LOWER({paper_title}) LIKE :like ESCAPE '\\')")
    inner = visible.select(("dataset", "metric", "hardware_category"), where)
    sql = f"SELECT DISTINCT dataset, metric, hardware_category FROM ({inner}) v"  # sql: no user text: values bound
    with engine.connect() as conn:
        rows = conn.execute(text(sql), {"like": like}).all()
    return {(d, m, (c or NO_CATEGORY) if m in DEVICE_METRICS else "") for d, m, c in rows}


def benchmark_directions(engine: Engine) -> dict[tuple[str, str], bool]:
    """(dataset, metric) -> higher_is_better, as stored when the benchmark was created."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT dataset, metric, higher_is_better FROM benchmarks "
                                 "WHERE higher_is_better IS NOT NULL")).all()
    return {(d, m): bool(h) for d, m, h in rows}


# --- the reader's own SQL ----------------------------------------------------------------------

class QueryRefused(Exception):
    """A query the SQL box will not run; the message says why and what to do."""


@dataclass
class QueryResult:
    frame: pd.DataFrame
    truncated: bool
    seconds: float


def run_readonly(engine: Engine, sql: str, *, max_rows: int = 1000, timeout_s: float = 5.0) -> QueryResult:
    """Run one reader-supplied statement on a read-only connection, capped in rows and time."""
    sql = _single_statement(sql)
    first = re.match(r"[A-Za-z]*", _LEADING.sub("", sql)).group(0).upper()
    if first not in _READ_KEYWORDS:
        raise QueryRefused(READ_ONLY_MESSAGE)
    if engine.dialect.name == "sqlite":
        return _run_sqlite_readonly(engine, sql, max_rows, timeout_s)
    return _run_postgres_readonly(engine, sql, max_rows, timeout_s)


READ_ONLY_MESSAGE = ("This box is read-only: only SELECT (and WITH ... SELECT, VALUES, EXPLAIN) queries run "
                     "here. Corrections go through the correction form.")
_READ_KEYWORDS = {"SELECT", "WITH", "VALUES", "EXPLAIN", "TABLE", "PRAGMA", "SHOW"}
_LEADING = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/|\()*", re.S)  # blanks, comments, '('
_DOLLAR_TAG = re.compile(r"\$[A-Za-z_0-9]*\$")


def _single_statement(sql: str) -> str:
    """The statement without its trailing ';'; refuses empty input and several statements.

    Quotes, comments and PostgreSQL dollar quotes are skipped, so a ';' inside them is fine.
    """
    text_ = (sql or "").strip()
    i, n, end = 0, len(text_), None
    while i < n:
        ch = text_[i]
        if ch in "'\"":
            close = text_.find(ch, i + 1)
            while close != -1 and close + 1 < n and text_[close + 1] == ch:  # '' and "" escapes
                close = text_.find(ch, close + 2)
            i = n if close == -1 else close + 1
        elif text_.startswith("--", i):
            nl = text_.find("\n", i)
            i = n if nl == -1 else nl + 1
        elif text_.startswith("/*", i):
            close = text_.find("*/", i + 2)
            i = n if close == -1 else close + 2
        elif ch == "$" and (m := _DOLLAR_TAG.match(text_, i)):
            close = text_.find(m.group(0), m.end())
            i = n if close == -1 else close + len(m.group(0))
        elif ch == ";":
            if end is None:
                end = i
            i += 1
        else:
            if end is not None and not ch.isspace():
                raise QueryRefused("Several statements at once: run one statement at a time.")
            i += 1
    body = (text_ if end is None else text_[:end]).strip()
    if not body:
        raise QueryRefused("Write a query first, e.g. SELECT * FROM result_rows LIMIT 10.")
    return body


_SQLITE_READ_ACTIONS = {
    sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE,
}


def _sqlite_authorizer(action, arg1, _arg2, _db, _trigger):
    if action in _SQLITE_READ_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and arg1 in ("table_info", "table_list", "index_list", "foreign_key_list"):
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def _run_sqlite_readonly(engine: Engine, sql: str, max_rows: int, timeout_s: float) -> QueryResult:
    path = engine.url.database
    if not path or path == ":memory:":
        raise QueryRefused("The SQL box needs a database file.")
    uri = Path(path).absolute().as_uri() + "?mode=ro"  # as_uri quotes '?', '#', spaces
    conn = sqlite3.connect(uri, uri=True, timeout=timeout_s)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.set_authorizer(_sqlite_authorizer)
        started = time.monotonic()
        deadline = started + timeout_s
        conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10_000)
        try:
            cur = conn.execute(sql)
            rows = cur.fetchmany(max_rows + 1) if cur.description else []
        except sqlite3.DatabaseError as err:
            raise _explain_sqlite(err, timeout_s) from None
        except sqlite3.ProgrammingError as err:  # e.g. several statements the splitter missed
            raise QueryRefused(f"SQLite says: {err}. Run one statement at a time.") from None
        columns = [d[0] for d in cur.description or []]
        frame = pd.DataFrame(rows[:max_rows], columns=columns)
        return QueryResult(frame, len(rows) > max_rows, time.monotonic() - started)
    finally:
        conn.close()


def _explain_sqlite(err: sqlite3.DatabaseError, timeout_s: float) -> QueryRefused:
    msg = str(err)
    if "interrupted" in msg:
        return QueryRefused(f"The query ran longer than {timeout_s:g} s and was stopped. "
                            "Add a WHERE clause or a LIMIT.")
    if any(w in msg for w in ("not authorized", "authorization denied", "readonly", "read-only")):
        return QueryRefused(READ_ONLY_MESSAGE)
    return QueryRefused(f"SQLite says: {msg}")


def _run_postgres_readonly(engine: Engine, sql: str, max_rows: int, timeout_s: float) -> QueryResult:
    from sqlalchemy.exc import DBAPIError

    started = time.monotonic()
    with engine.connect() as conn:
        trans = conn.begin()
        try:
            conn.execute(text("SET TRANSACTION READ ONLY"))
            conn.execute(text("SELECT set_config('statement_timeout', :ms, true)"),
                         {"ms": str(int(timeout_s * 1000))})
            try:
                # with (empty) parameters psycopg sends one statement only; '%' must then be doubled
                cur = conn.exec_driver_sql(sql.replace("%", "%%"), {})
                rows = cur.fetchmany(max_rows + 1) if cur.returns_rows else []
                columns = list(cur.keys()) if cur.returns_rows else []
            except DBAPIError as err:
                msg = str(err.orig)
                if "read-only transaction" in msg:
                    raise QueryRefused(READ_ONLY_MESSAGE) from None
                if "statement timeout" in msg:
                    raise QueryRefused(f"The query ran longer than {timeout_s:g} s and was stopped. "
                                       "Add a WHERE clause or a LIMIT.") from None
                raise QueryRefused(f"PostgreSQL says: {msg.splitlines()[0]}") from None
        finally:
            trans.rollback()
            conn.invalidate()  # session settings the query may have changed die with the connection
    frame = pd.DataFrame([tuple(r) for r in rows[:max_rows]], columns=columns)
    return QueryResult(frame, len(rows) > max_rows, time.monotonic() - started)
