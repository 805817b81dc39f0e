"""The visible results (what `result_rows` shows) as SQL over the tables, with the columns the
view leaves out (paper id, effective hardware category, offsets), filters pushed into each branch.

Like the view (migration 0002), three UNION ALL branches, each with plain columns of one table,
so a filter or an ORDER BY value ... LIMIT reaches the indexes. Filters are written once with
`{column}` placeholders and filled in per branch; values are always bound, never formatted in.
"""

from __future__ import annotations

_COMMON = ("value", "unit", "metric", "kind", "direction", "dataset", "model", "hardware", "baseline", "qualifier")

_EXTRACTED = {
    "result_id": "r.result_key", "paper_id": "r.paper_id", "paper_title": "p.title",
    **{c: f"r.{c}" for c in _COMMON},
    "hardware_category": "r.hardware_category", "status": "'extracted'",
    "surface": "r.surface", "sentence": "r.sentence",
    "extracted_hardware": "r.hardware", "extracted_hardware_category": "r.hardware_category",
    "start_offset": "r.start", "end_offset": 'r."end"', "metric_text": "r.metric_text", "confidence": "r.confidence",
}
_CORRECTED = {
    **_EXTRACTED, "result_id": "o.result_key", **{c: f"o.{c}" for c in _COMMON},
    "hardware_category": "o.hardware_category", "status": "'corrected'",
}
_ADDED = {
    **_CORRECTED, "paper_id": "o.paper_id", "status": "'added'", "surface": "o.surface", "sentence": "o.sentence",
    # typed: PostgreSQL reads a bare NULL of a subquery as text, which no UNION with a number accepts
    "extracted_hardware": "CAST(NULL AS VARCHAR(200))", "extracted_hardware_category": "CAST(NULL AS VARCHAR(50))",
    "start_offset": "CAST(NULL AS INTEGER)", "end_offset": "CAST(NULL AS INTEGER)", "metric_text": "CAST(NULL AS TEXT)",
    "confidence": "CAST(NULL AS FLOAT)",
}
# (columns, FROM, what makes a row of this branch visible). CROSS JOIN: see migration 0002.
BRANCHES = (
    (_EXTRACTED, "results r JOIN papers p ON p.id = r.paper_id",
     "NOT EXISTS (SELECT 1 FROM result_overrides o WHERE o.result_key = r.result_key)"),
    (_CORRECTED, "result_overrides o CROSS JOIN results r CROSS JOIN papers p",
     "r.result_key = o.result_key AND p.id = r.paper_id AND o.status = 'corrected'"),
    (_ADDED, "result_overrides o CROSS JOIN papers p", "p.id = o.paper_id AND o.status = 'added'"),
)
# The same without papers, when no paper column is asked: every result has its paper (a foreign
# key, ON DELETE CASCADE), and the join would cost a look-up per row that an index could spare.
_NO_PAPERS = (
    ("results r", BRANCHES[0][2]),
    ("result_overrides o CROSS JOIN results r", "r.result_key = o.result_key AND o.status = 'corrected'"),
    ("result_overrides o", "o.status = 'added'"),
)
COLUMNS = tuple(_EXTRACTED)
LIGHT = ("result_id", "paper_id", "paper_title", "value", "unit", "metric", "kind", "dataset", "model",
         "hardware_category", "qualifier", "status")


def select(columns=COLUMNS, where: str = "", *, order_by: str | None = None, limit: str | None = None) -> str:
    """SQL of the visible rows: `columns`, `where` (with `{column}` placeholders) in every branch.

    With `order_by` (column names, e.g. "value DESC, paper_title, result_id") and `limit` (a bind
    parameter name), each branch is ordered and cut to `limit` rows, so the caller's outer
    ORDER BY ... LIMIT reads at most 3 x limit rows.
    """
    parts = []
    papers = "paper_title" in columns or "{paper_title}" in where or "paper_title" in (order_by or "")
    for (cols, from_, visible), lean in zip(BRANCHES, _NO_PAPERS):
        if not papers:
            from_, visible = lean
        cond = visible + (f" AND ({where.format(**cols)})" if where else "")  # sql: no user text: values bound
        sql = f"SELECT {', '.join(f'{cols[c]} AS {c}' for c in columns)} FROM {from_} WHERE {cond}"  # sql: no user text: values bound
        if order_by:
            sql = f"SELECT * FROM ({sql} ORDER BY {order_by} LIMIT :{limit}) b{len(parts)}"  # sql: no user text: values bound
        parts.append(sql)
    return "\nUNION ALL\n".join(parts)


def in_list(column: str, name: str, values) -> tuple[str, dict]:
    """`{column} IN (:name0, :name1, ...)` and its parameters (no values in the SQL)."""
    values = list(values)
    if not values:
        return "1 = 0", {}
    params = {f"{name}{i}": v for i, v in enumerate(values)}
    return "{%s} IN (%s)" % (column, ", ".join(f":{k}" for k in params)), params
