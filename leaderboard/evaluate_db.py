"""Stored rows (corrections applied) in the shape leaderboard.evaluate scores."""

from __future__ import annotations

from sqlalchemy import Engine, text

_QUERY = text("""
SELECT rr.result_id, rr.paper_title, l.source AS seed, s.position AS n, rr.surface, rr.value, rr.unit,
       rr.metric, rr.kind, rr.direction, rr.dataset, rr.model, rr.hardware, rr.baseline, rr.qualifier,
       rr.sentence
FROM result_rows rr
JOIN papers p ON p.title = rr.paper_title
JOIN sightings s ON s.paper_id = p.id
JOIN listings l ON l.id = s.listing_id
ORDER BY l.source, s.position, rr.result_id
""")


def predictions_from_db(engine: Engine, sources: set[str] | None = None) -> list[dict]:
    """One dict per stored result (once per paper), restricted to papers seen in `sources` if given."""
    out, seen = [], set()
    with engine.connect() as conn:
        for row in conn.execute(_QUERY).mappings():
            if sources is not None and row["seed"] not in sources:
                continue
            if row["result_id"] in seen:
                continue
            seen.add(row["result_id"])
            d = dict(row)
            d["title"] = d.pop("paper_title")
            out.append(d)
    return out
