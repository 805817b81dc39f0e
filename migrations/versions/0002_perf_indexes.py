"""perf: indexes for the app's queries; result_rows rewritten so filters reach them

Revision ID: 0002_perf_indexes
Revises: 0001
Create Date: 2026-11-21

The view's columns and rows are unchanged. Before, every column was a CASE over results and
result_overrides, so no filter on the view (dataset, metric, paper_title, hardware) could use an
index: each query scanned all results. Now each branch exposes plain columns of one table
(results without override / corrected / added), so filters and ORDER BY ... LIMIT are pushed into
the branches and served by the indexes below (docs/performance.md).
"""
from alembic import op


revision = '0002_perf_indexes'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('papers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_papers_title'), ['title'], unique=False)
        batch_op.create_index(batch_op.f('ix_papers_extractor_version'), ['extractor_version'], unique=False)

    with op.batch_alter_table('results', schema=None) as batch_op:
        batch_op.drop_index('ix_results_metric_dataset')
        batch_op.drop_index(batch_op.f('ix_results_benchmark_id'))
        batch_op.create_index('ix_results_leaderboard', ['metric', 'dataset', 'kind', 'value'], unique=False)
        batch_op.create_index('ix_results_hardware', ['metric', 'hardware', 'value'], unique=False)
        batch_op.create_index('ix_results_benchmark_stats', ['benchmark_id', 'kind', 'value', 'paper_id'],
                              unique=False)

    op.execute("DROP VIEW IF EXISTS result_rows")
    op.execute(RESULT_ROWS_SQL)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS result_rows")
    op.execute(RESULT_ROWS_SQL_0001)
    with op.batch_alter_table('results', schema=None) as batch_op:
        batch_op.drop_index('ix_results_benchmark_stats')
        batch_op.drop_index('ix_results_hardware')
        batch_op.drop_index('ix_results_leaderboard')
        batch_op.create_index(batch_op.f('ix_results_benchmark_id'), ['benchmark_id'], unique=False)
        batch_op.create_index('ix_results_metric_dataset', ['metric', 'dataset'], unique=False)

    with op.batch_alter_table('papers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_papers_extractor_version'))
        batch_op.drop_index(batch_op.f('ix_papers_title'))


_FIRST_LISTING = """
LEFT JOIN sightings s ON s.id = (SELECT MIN(s2.id) FROM sightings s2 WHERE s2.paper_id = p.id)
LEFT JOIN listings l ON l.id = s.listing_id"""

# Frozen copy of the public view as of this revision; later revisions replace it whole.
RESULT_ROWS_SQL = f"""
CREATE VIEW result_rows AS
SELECT r.result_key AS result_id,
       p.title AS paper_title,
       l.source AS source,
       l.listing_date AS listing_date,
       r.sentence AS sentence,
       r.surface AS surface,
       r.value AS value,
       r.unit AS unit,
       r.metric AS metric,
       r.kind AS kind,
       r.direction AS direction,
       r.dataset AS dataset,
       r.model AS model,
       r.hardware AS hardware,
       r.baseline AS baseline,
       r.qualifier AS qualifier,
       'extracted' AS status
FROM results r
JOIN papers p ON p.id = r.paper_id{_FIRST_LISTING}
WHERE NOT EXISTS (SELECT 1 FROM result_overrides o WHERE o.result_key = r.result_key)
UNION ALL
SELECT o.result_key, p.title, l.source, l.listing_date, r.sentence, r.surface,
       o.value, o.unit, o.metric, o.kind, o.direction, o.dataset, o.model, o.hardware,
       o.baseline, o.qualifier, 'corrected'
FROM result_overrides o
CROSS JOIN results r
CROSS JOIN papers p{_FIRST_LISTING}
WHERE r.result_key = o.result_key AND p.id = r.paper_id AND o.status = 'corrected'
UNION ALL
SELECT o.result_key, p.title, l.source, l.listing_date, o.sentence, o.surface,
       o.value, o.unit, o.metric, o.kind, o.direction, o.dataset, o.model, o.hardware,
       o.baseline, o.qualifier, 'added'
FROM result_overrides o
CROSS JOIN papers p{_FIRST_LISTING}
WHERE p.id = o.paper_id AND o.status = 'added'
"""
# CROSS JOIN: in SQLite it fixes the join order, so the (few) overrides drive the two last
# branches; without it, with no statistics on an empty result_overrides, SQLite may scan every
# paper instead. Elsewhere it is a plain inner join.

# The view of revision 0001, restored by downgrade.
RESULT_ROWS_SQL_0001 = f"""
CREATE VIEW result_rows AS
SELECT r.result_key AS result_id,
       p.title AS paper_title,
       l.source AS source,
       l.listing_date AS listing_date,
       r.sentence AS sentence,
       r.surface AS surface,
       CASE WHEN o.result_key IS NULL THEN r.value ELSE o.value END AS value,
       CASE WHEN o.result_key IS NULL THEN r.unit ELSE o.unit END AS unit,
       CASE WHEN o.result_key IS NULL THEN r.metric ELSE o.metric END AS metric,
       CASE WHEN o.result_key IS NULL THEN r.kind ELSE o.kind END AS kind,
       CASE WHEN o.result_key IS NULL THEN r.direction ELSE o.direction END AS direction,
       CASE WHEN o.result_key IS NULL THEN r.dataset ELSE o.dataset END AS dataset,
       CASE WHEN o.result_key IS NULL THEN r.model ELSE o.model END AS model,
       CASE WHEN o.result_key IS NULL THEN r.hardware ELSE o.hardware END AS hardware,
       CASE WHEN o.result_key IS NULL THEN r.baseline ELSE o.baseline END AS baseline,
       CASE WHEN o.result_key IS NULL THEN r.qualifier ELSE o.qualifier END AS qualifier,
       CASE WHEN o.result_key IS NULL THEN 'extracted' ELSE 'corrected' END AS status
FROM results r
JOIN papers p ON p.id = r.paper_id
LEFT JOIN result_overrides o ON o.result_key = r.result_key{_FIRST_LISTING}
WHERE o.result_key IS NULL OR o.status = 'corrected'
UNION ALL
SELECT o.result_key, p.title, l.source, l.listing_date, o.sentence, o.surface,
       o.value, o.unit, o.metric, o.kind, o.direction, o.dataset, o.model, o.hardware,
       o.baseline, o.qualifier, 'added'
FROM result_overrides o
JOIN papers p ON p.id = o.paper_id{_FIRST_LISTING}
WHERE o.status = 'added'
"""
