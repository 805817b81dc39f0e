"""One leaderboard, a page at a time: ranked levels in the metric's direction, claims, facets.

The page is cut in SQL (ORDER BY value, paper title, result id; LIMIT/OFFSET pushed into each
branch of the visible rows, served by `ix_results_leaderboard`); the total comes from
benchmark_stats when no filter is set. Nothing here loads a whole benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine, text

from ..benchmark_keys import DEVICE_METRICS, NO_CATEGORY
from . import visible

NO_QUALIFIER = "(none)"
CLAIM_KINDS = ("delta", "ratio", "reduction")
SPLIT = "COALESCE(NULLIF({hardware_category}, ''), '%s')" % NO_CATEGORY


@dataclass(frozen=True)
class Board:
    """A benchmark (dataset, metric, device split) and the filters of the Leaderboard page."""

    dataset: str
    metric: str
    hw: str = ""
    categories: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()  # NO_QUALIFIER stands for rows without one
    statuses: tuple[str, ...] = ()
    unit: str | None = None  # levels in one unit only
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def filtered(self) -> bool:
        return bool(self.categories or self.kinds or self.qualifiers or self.statuses or self.unit is not None)

    def where(self, rows: str = "all") -> tuple[str, dict]:
        """SQL condition (with {column} placeholders) and parameters; rows: all | levels | claims."""
        parts = ["{metric} = :metric", "{dataset} = :dataset"]
        params: dict = {"metric": self.metric, "dataset": self.dataset}
        if self.metric in DEVICE_METRICS:
            parts.append(SPLIT + " = :hw")
            params["hw"] = self.hw or NO_CATEGORY
        for column, name, values in (("hardware_category", "cat", self.categories), ("kind", "kind", self.kinds),
                                     ("status", "st", self.statuses)):
            if values:
                cond, more = visible.in_list(column, name, values)
                parts.append(cond)
                params.update(more)
        if self.qualifiers:
            named = [q for q in self.qualifiers if q != NO_QUALIFIER]
            cond, more = visible.in_list("qualifier", "q", named)
            if NO_QUALIFIER in self.qualifiers:
                cond = f"({cond} OR {{qualifier}} IS NULL)"  # sql: no user text: values bound
            parts.append(cond)
            params.update(more)
        if rows == "levels":
            parts.append("{kind} = 'absolute'")
            if self.unit is not None:
                parts.append("COALESCE({unit}, '') = :unit")
                params["unit"] = self.unit
        elif rows == "claims":
            parts.append("{kind} IN ('delta', 'ratio', 'reduction')")  # CLAIM_KINDS
        return " AND ".join(parts), params


def _frame(engine: Engine, sql: str, params: dict) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql_query(text(sql), conn, params=params)


_WITH_LISTING = """
SELECT v.*, l.source AS source, l.listing_date AS listing_date FROM ({rows}) v
LEFT JOIN sightings s ON s.id = (SELECT MIN(s2.id) FROM sightings s2 WHERE s2.paper_id = v.paper_id)
LEFT JOIN listings l ON l.id = s.listing_id"""


def _order(higher: bool, prefix: str = "") -> str:
    return f"{prefix}value {'DESC' if higher else 'ASC'}, {prefix}paper_title, {prefix}result_id"


def facets(engine: Engine, board: Board) -> pd.DataFrame:
    """Row counts of the benchmark by kind, unit, device category, qualifier and status (the
    page's filter options and counts, whatever filters are picked)."""
    where, params = Board(board.dataset, board.metric, board.hw).where()
    return _frame(engine, facets_sql(where), params)


# The SQL of each query, from a `where` made by Board.where (the bench times the same text).
def facets_sql(where: str) -> str:
    cols = ("kind", "unit", "hardware_category", "qualifier", "status")
    return ("SELECT v.kind, COALESCE(v.unit, '') AS unit, v.hardware_category, v.qualifier, v.status, COUNT(*) AS n "
            f"FROM ({visible.select(cols, where)}) v "  # sql: no user text: values bound
            "GROUP BY v.kind, COALESCE(v.unit, ''), v.hardware_category, v.qualifier, v.status")


def count_sql(where: str) -> str:
    return f"SELECT COUNT(*) FROM ({visible.select(('value',), where)}) v"  # sql: no user text: values bound


def values_sql(where: str, higher: bool) -> str:
    """The values of one page (from the index alone); parameters :upto (= offset + size), :size, :offset."""
    order = "value DESC" if higher else "value ASC"
    inner = visible.select(("value",), where, order_by=order, limit="upto")
    return f"SELECT value FROM ({inner}) u ORDER BY {order} LIMIT :size OFFSET :offset"  # sql: no user text: values bound


def band_sql(where: str, higher: bool) -> str:
    """Rows valued between :lo and :hi, best first, :skip of them skipped, :size kept, with their listing."""
    band = where + " AND {value} BETWEEN :lo AND :hi"  # sql: no user text: values bound
    rows = (f"SELECT * FROM ({visible.select(visible.COLUMNS, band)}) u "  # sql: no user text: values bound
            f"ORDER BY {_order(higher)} LIMIT :size OFFSET :skip")
    return _WITH_LISTING.format(rows=rows) + f" ORDER BY {_order(higher, 'v.')}"  # sql: no user text: values bound


def better_sql(where: str, higher: bool) -> str:
    """How many levels are strictly better than :v."""
    return count_sql(where + (" AND {value} > :v" if higher else " AND {value} < :v"))


def claims_sql(where: str) -> str:
    """The first :limit claims by paper (earliest stored first), from the index; then their rows."""
    first = (f"SELECT result_id FROM ({visible.select(('result_id', 'paper_id'), where)}) k "  # sql: no user text: values bound
             "ORDER BY paper_id, result_id LIMIT :limit")
    rows = visible.select(visible.COLUMNS, where + " AND {result_id} IN (" + first + ")")  # sql: no user text: values bound
    return _WITH_LISTING.format(rows=rows) + " ORDER BY v.paper_title, v.result_id"  # sql: no user text: values bound


def level_count(engine: Engine, board: Board) -> int:
    """Ranked levels under the board's filters: benchmark_stats when unfiltered, else counted."""
    with engine.connect() as conn:
        if not board.filtered:
            n = conn.execute(text("SELECT levels FROM benchmark_stats WHERE dataset = :d AND metric = :m "
                                  "AND hardware_category = :h"),
                             {"d": board.dataset, "m": board.metric,
                              "h": (board.hw or NO_CATEGORY) if board.metric in DEVICE_METRICS else ""}).scalar()
            return int(n or 0)
        where, params = board.where("levels")
        return int(conn.execute(text(count_sql(where)), params).scalar())


@dataclass
class Page:
    rows: pd.DataFrame  # with `rank` (ties share it), best first
    total: int  # ranked levels under the filters
    number: int  # 1-based
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def page(engine: Engine, board: Board, *, higher: bool, number: int = 1, size: int = 100) -> Page:
    """Page `number` of the ranked levels: best first, ties by paper title and result id.

    In three steps that read the index and few rows: the values of the page (skipping the rows
    before it in the index); how many levels are strictly better than its first value; then the
    rows between its first and last value, sorted, the ties before the page skipped."""
    total = level_count(engine, board)
    number = max(1, min(int(number), max(1, -(-total // size))))
    offset = (number - 1) * size
    where, params = board.where("levels")
    with engine.connect() as conn:
        values = [v for (v,) in conn.execute(text(values_sql(where, higher)),
                                             {**params, "upto": offset + size, "size": size, "offset": offset})]
        if not values:
            return Page(_empty().assign(rank=pd.Series(dtype=int)), total, number, size)
        better = int(conn.execute(text(better_sql(where, higher)), {**params, "v": values[0]}).scalar()) \
            if offset else 0
    lo, hi = min(values[0], values[-1]), max(values[0], values[-1])
    frame = _frame(engine, band_sql(where, higher),
                   {**params, "lo": lo, "hi": hi, "size": size, "skip": offset - better})
    frame["rank"] = _ranks(frame["value"].tolist(), offset, better)
    return Page(frame, total, number, size)


def _ranks(values: list[float], offset: int, better: int) -> list[int]:
    """Rank = 1 + the number of levels strictly better (ties share a rank), as on one long list."""
    ranks: list[int] = []
    for i, v in enumerate(values):
        ranks.append(better + 1 if i == 0 else ranks[-1] if v == values[i - 1] else offset + i + 1)
    return ranks


def ordered_levels(engine: Engine, board: Board, *, higher: bool) -> pd.DataFrame:
    """Every ranked level with a few columns only (result id, value, model), best first."""
    where, params = board.where("levels")
    inner = visible.select(("result_id", "value", "model", "paper_title"), where)
    return _frame(engine, f"SELECT * FROM ({inner}) v ORDER BY {_order(higher, 'v.')}", params)  # sql: no user text: values bound


def rows_by_id(engine: Engine, result_ids: list[str]) -> pd.DataFrame:
    """Full rows (listing included) of these results, in no particular order."""
    cond, params = visible.in_list("result_id", "rid", result_ids)
    return _frame(engine, _WITH_LISTING.format(rows=visible.select(visible.COLUMNS, cond)), params)


def claims(engine: Engine, board: Board, *, limit: int = 200) -> pd.DataFrame:
    """Deltas, ratios and reductions of the benchmark (listed by paper, never ranked): those of the
    earliest stored papers, at most `limit`, sorted by paper title."""
    where, params = board.where("claims")
    return _frame(engine, claims_sql(where), {**params, "limit": int(limit)})


def levels_of_papers(engine: Engine, paper_ids) -> pd.DataFrame:
    """The absolute levels of these papers, every benchmark (what a cost row is paired with)."""
    ids = sorted({int(p) for p in paper_ids})
    parts = []
    for i in range(0, len(ids), 500):
        cond, params = visible.in_list("paper_id", "pid", ids[i:i + 500])
        parts.append(_frame(engine, visible.select(visible.COLUMNS, cond + " AND {kind} = 'absolute'"), params))  # sql: no user text: values bound
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts[0] if parts else _empty())


def tradeoff_levels(engine: Engine, dataset: str, quality: str, cost: str) -> pd.DataFrame:
    """The `quality` levels on `dataset`, and the `cost` levels (on it or on no dataset) of the same papers."""
    where = ("{kind} = 'absolute' AND (({metric} = :q AND {dataset} = :d) OR ({metric} = :c "
             "AND ({dataset} IS NULL OR {dataset} = :d) AND {paper_id} IN ("
             "SELECT paper_id FROM results WHERE metric = :q AND dataset = :d "
             "UNION SELECT paper_id FROM result_overrides WHERE metric = :q AND dataset = :d)))")
    return _frame(engine, visible.select(visible.COLUMNS, where), {"d": dataset, "q": quality, "c": cost})


DEVICE = "COALESCE(NULLIF({hardware_category}, ''), 'other')"


def _device_where(metrics, category: str | None, needle: str) -> tuple[str, dict]:
    cond, params = visible.in_list("metric", "m", metrics)
    cond += " AND {hardware} IS NOT NULL AND {hardware} <> ''"
    if category:
        cond += f" AND {DEVICE} = :cat"  # sql: no user text: values bound
        params["cat"] = category
    if needle:
        cond += " AND (LOWER({hardware}) LIKE :like OR LOWER(COALESCE({model}, '')) LIKE :like)"
        params["like"] = "%" + needle.lower().replace("%", "").replace("_", "") + "%"
    return cond, params


def device_rows(engine: Engine, metrics, *, category: str | None = None, needle: str = "",
                limit: int = 2000) -> pd.DataFrame:
    """Rows of these metrics measured on a named device (of one category, naming `needle` in the
    device or model), at most `limit`, by metric, device and value."""
    cond, params = _device_where(metrics, category, needle)
    rows = (f"SELECT * FROM ({visible.select(visible.COLUMNS, cond)}) u "  # sql: no user text: values bound
            "ORDER BY metric, hardware, value LIMIT :limit")
    return _frame(engine, _WITH_LISTING.format(rows=rows), {**params, "limit": int(limit)})


def device_counts(engine: Engine, metrics) -> pd.DataFrame:
    """How many rows of these metrics each device category holds, and on how many devices."""
    cond, params = _device_where(metrics, None, "")
    inner = visible.select(("hardware", "hardware_category"), cond)
    return _frame(engine, f"SELECT {DEVICE.format(hardware_category='v.hardware_category')} AS device, "  # sql: no user text: values bound
                          f"COUNT(*) AS n FROM ({inner}) v GROUP BY 1", params)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=list(visible.COLUMNS))
