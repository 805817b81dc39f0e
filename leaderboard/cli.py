"""Command line: a thin layer over the library."""

from __future__ import annotations

import argparse
import shlex
import sys

from .store.engine import describe, make_engine, resolve_url


def _add_db_options(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--db", metavar="FILE", help="SQLite file (default: $LEADERBOARD_DB_URL or ./leaderboard.db)")
    g.add_argument("--url", metavar="SQLALCHEMY_URL", help="database URL, e.g. postgresql+psycopg://user@host/db")


def _engine(args):
    return make_engine(resolve_url(args.db, args.url))


def cmd_ingest(args) -> int:
    from .ingest import ingest_paths
    from .store.migrate import upgrade

    engine = _engine(args)
    upgrade(engine)
    summary = ingest_paths(engine, args.paths, progress=not args.quiet)
    print(f"database: {describe(str(engine.url.render_as_string(hide_password=False)))}")
    for line in summary.lines():
        print(line, file=sys.stderr if line.startswith("FAILED") else sys.stdout)
    if summary.failed:
        print(f"{len(summary.failed)} file(s) failed and were not stored; everything else was. "
              "Fix them as said above and run the same command again.", file=sys.stderr)
        return 1
    return 0


def cmd_db(args) -> int:
    from .store import migrate

    engine = _engine(args)
    if args.action == "upgrade":
        migrate.upgrade(engine, args.revision or "head")
    elif args.action == "downgrade":
        migrate.downgrade(engine, args.revision or "base")
    print(f"current: {migrate.current_revision(engine) or 'base (empty)'}; head: {migrate.head_revision(engine)}")
    return 0


def cmd_evaluate(args) -> int:
    from . import evaluate

    gold = evaluate.load_gold(args.gold)
    if args.seeds:
        predicted = evaluate.predict_for_gold(gold, args.seeds)
        print(f"scoring a fresh extraction of the listings in {args.seeds}")
    else:
        from .evaluate_db import predictions_from_db

        engine = _engine(args)
        predicted = predictions_from_db(engine, sources={g["seed"] for g in gold})
        print(f"scoring the rows stored in {describe(engine.url.render_as_string(hide_password=False))}")
    print(evaluate.format_report(evaluate.score(predicted, gold), limit=args.limit))
    return 0


def cmd_bench(args) -> int:
    from . import bench

    return bench.run(args, "leaderboard " + shlex.join(sys.argv[1:]))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="leaderboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="read listing pages / arXiv JSON Lines, extract results, store them")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_db_options(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("db", help="migrate the database schema")
    p.add_argument("action", choices=["upgrade", "downgrade", "current"])
    p.add_argument("revision", nargs="?", help="target revision (default: head for upgrade, base for downgrade)")
    _add_db_options(p)
    p.set_defaults(func=cmd_db)

    p = sub.add_parser("evaluate", help="score the stored rows against hand-annotated gold (GUIDE.md format)")
    p.add_argument("--gold", nargs="+", required=True, metavar="FILE.jsonl")
    p.add_argument("--seeds", metavar="DIR", help="score a fresh extraction of the listing files in DIR, not the database")
    p.add_argument("--limit", type=int, default=25, help="how many misses and extras to list (default 25)")
    _add_db_options(p)
    p.set_defaults(func=cmd_evaluate)
    from .bench import add_arguments as add_bench_arguments

    p = sub.add_parser("bench", help="measure ingest, extraction and query speed on a synthetic corpus")
    add_bench_arguments(p)
    p.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted: each file is its own transaction, so finished files are stored.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
