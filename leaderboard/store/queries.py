"""The read queries the app and CLI ask. No SQL is built from user text: values are bound."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, text


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
    with engine.connect() as conn:
        return pd.read_sql_query(text(sql), conn, params=params)


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            name: conn.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar_one()
            for name in ("papers", "listings", "result_rows", "corrections")
        }
