"""The public SQL views: names and columns are a stable interface (see README, "Direct SQL")."""

RESULT_ROWS_COLUMNS = (
    "result_id", "paper_title", "source", "listing_date", "sentence", "surface", "value", "unit",
    "metric", "kind", "direction", "dataset", "model", "hardware", "baseline", "qualifier", "status",
)

# A table, not a view (kept in step by ingest and corrections), but as stable as one.
BENCHMARK_STATS_COLUMNS = (
    "dataset", "metric", "hardware_category", "higher_is_better", "results", "papers", "levels",
    "best_value", "unit", "best_qualifier", "best_model", "best_paper", "best_result_id",
    "min_value", "max_value", "updated_at",
)
