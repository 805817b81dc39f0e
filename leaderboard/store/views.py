"""The public SQL views: names and columns are a stable interface (see README, "Direct SQL")."""

RESULT_ROWS_COLUMNS = (
    "result_id", "paper_title", "source", "listing_date", "sentence", "surface", "value", "unit",
    "metric", "kind", "direction", "dataset", "model", "hardware", "baseline", "qualifier", "status",
)
