"""benchmark_stats: counts and best level per benchmark; result_overrides.hardware_category

Revision ID: 0003_benchmark_stats
Revises: 0002_perf_indexes
Create Date: 2026-11-22

The list of benchmarks used to be a GROUP BY over every result (1.4 s at 1,000,000 rows). It is
now a table kept equal to that GROUP BY by ingest and corrections (leaderboard/store/stats.py),
backfilled here. ix_results_leaderboard gains the columns that let one page of a leaderboard,
its rank and its filter counts be read from the index alone. result_overrides gains the effective device category of a corrected or added
row, so the device split of a benchmark is plain SQL (it was guessed in the app).
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_benchmark_stats'
down_revision = '0002_perf_indexes'
branch_labels = None
depends_on = None

LEADERBOARD_COLUMNS = ['metric', 'dataset', 'kind', 'value', 'hardware_category', 'unit', 'qualifier', 'paper_id',
                       'result_key']


def upgrade() -> None:
    op.create_table('benchmark_stats',
    sa.Column('dataset', sa.String(length=200), nullable=False),
    sa.Column('metric', sa.String(length=100), nullable=False),
    sa.Column('hardware_category', sa.String(length=50), nullable=False),
    sa.Column('higher_is_better', sa.Boolean(), nullable=False),
    sa.Column('results', sa.Integer(), nullable=False),
    sa.Column('papers', sa.Integer(), nullable=False),
    sa.Column('levels', sa.Integer(), nullable=False),
    sa.Column('best_value', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=32), nullable=True),
    sa.Column('best_qualifier', sa.String(length=32), nullable=True),
    sa.Column('best_model', sa.String(length=300), nullable=True),
    sa.Column('best_paper', sa.Text(), nullable=True),
    sa.Column('best_result_id', sa.String(length=64), nullable=True),
    sa.Column('min_value', sa.Float(), nullable=True),
    sa.Column('max_value', sa.Float(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('dataset', 'metric', 'hardware_category', name=op.f('pk_benchmark_stats'))
    )
    with op.batch_alter_table('benchmark_stats', schema=None) as batch_op:
        batch_op.create_index('ix_benchmark_stats_results', ['results'], unique=False)

    with op.batch_alter_table('result_overrides', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hardware_category', sa.String(length=50), nullable=True))

    with op.batch_alter_table('results', schema=None) as batch_op:  # a page of a leaderboard from the index
        batch_op.drop_index('ix_results_leaderboard')
        batch_op.create_index('ix_results_leaderboard', LEADERBOARD_COLUMNS, unique=False)

    conn = op.get_bind()
    _backfill_categories(conn)
    from leaderboard.store import stats

    stats.rebuild(conn)


def downgrade() -> None:
    with op.batch_alter_table('results', schema=None) as batch_op:
        batch_op.drop_index('ix_results_leaderboard')
        batch_op.create_index('ix_results_leaderboard', LEADERBOARD_COLUMNS[:4], unique=False)
    with op.batch_alter_table('result_overrides', schema=None) as batch_op:
        batch_op.drop_column('hardware_category')
    with op.batch_alter_table('benchmark_stats', schema=None) as batch_op:
        batch_op.drop_index('ix_benchmark_stats_results')
    op.drop_table('benchmark_stats')


def _backfill_categories(conn) -> None:
    """The device category of each override, as the app used to guess it (few rows: people write them)."""
    from leaderboard.benchmark_keys import effective_category

    rows = conn.execute(sa.text(
        "SELECT o.result_key, o.hardware, r.hardware, r.hardware_category FROM result_overrides o "
        "LEFT JOIN results r ON r.result_key = o.result_key")).all()
    updates = [{"k": key, "c": effective_category(hw, ex_hw, ex_cat)} for key, hw, ex_hw, ex_cat in rows]
    updates = [u for u in updates if u["c"] is not None]
    if updates:
        conn.execute(sa.text("UPDATE result_overrides SET hardware_category = :c WHERE result_key = :k"), updates)
