"""Command line: a thin layer over the library."""

from __future__ import annotations

import argparse
import os
import shlex
import sys

from .store.engine import describe, make_engine, resolve_url


def _add_db_options(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--db", metavar="FILE", help="SQLite file (default: $LEADERBOARD_DB_URL or ./leaderboard.db)")
    g.add_argument("--url", metavar="SQLALCHEMY_URL", help="database URL, e.g. postgresql+psycopg://user@host/db")


def _engine(args):
    args.resolved_url = resolve_url(args.db, args.url)
    return make_engine(args.resolved_url)


def explain_database_error(exc: Exception, url: str) -> str:
    """What went wrong with the database, and what to do, in a line or two."""
    from alembic.util.exc import CommandError
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

    where = describe(url) if url else "the database"
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    if isinstance(exc, CommandError) and "Can't locate revision" in detail:
        return (f"{where} was migrated by a newer version of leaderboard ({detail}). "
                "Upgrade leaderboard (git pull / pip install -U) and run the command again; nothing was changed.")
    if isinstance(exc, (NoSuchModuleError, ArgumentError)):
        return (f"{where}: not a database URL leaderboard can use ({detail}). "
                "Use --db FILE for SQLite or --url postgresql+psycopg://USER@HOST/DB.")
    if isinstance(exc, DBAPIError):
        low = detail.lower()
        if "unable to open database file" in low:
            hint = "Check that the folder exists and that you may write to it."
        elif "file is not a database" in low:
            hint = "That file is not an SQLite database: pass another --db, or move the file away."
        elif "database is locked" in low:
            hint = "Another process kept the database busy for too long: try again when it is done."
        elif "connection" in low or "could not" in low or "password" in low:
            hint = "Check that the PostgreSQL server is running and that the URL, user and password are right."
        else:
            hint = "Nothing of the current file was stored; fix the cause and run the same command again."
        return f"cannot use {where}: {detail}. {hint}"
    return f"{where}: {detail}"


class MigrationFailed(RuntimeError):
    """A migration failed; the message says where the database was left."""


def upgrade_keeping_a_backup(engine, revision: str = "head") -> None:
    """Migrate; a SQLite file that holds an older schema is backed up first (a failed migration loses nothing)."""
    from alembic.script import ScriptDirectory

    from .store import migrate
    from .store.engine import backup_sqlite

    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    known = {s.revision for s in script.walk_revisions()}
    current = migrate.current_revision(engine)
    target = script.get_current_head() if revision == "head" else revision
    backup = None
    if engine.dialect.name == "sqlite" and current in known and current != target:
        backup = backup_sqlite(engine, f"before-{revision}")
        print(f"database: its schema is at revision {current}; backed up to {backup} before migrating.",
              file=sys.stderr)
    try:
        migrate.upgrade(engine, revision)
    except Exception as exc:
        if current not in known and current is not None:
            raise  # a newer database: explained by main()
        now = migrate.current_revision(engine) or "base"
        kept = f" A copy from before is {backup}." if backup else ""
        raise MigrationFailed(f"migrating the database from {current or 'base'} to {target} failed "
                              f"({type(exc).__name__}: {exc}). It is left at revision {now}: each revision is "
                              f"applied whole or not at all.{kept} Report this; nothing else was done.") from exc


def cmd_ingest(args) -> int:
    from .ingest import ingest_paths

    engine = _engine(args)
    upgrade_keeping_a_backup(engine)
    summary = ingest_paths(engine, args.paths, progress=not args.quiet)
    print(f"database: {describe(str(engine.url.render_as_string(hide_password=False)))}")
    for line in summary.lines():
        print(line, file=sys.stderr if line.startswith("FAILED") else sys.stdout)
    _warn_orphans(engine)
    if summary.failed:
        print(f"{len(summary.failed)} file(s) failed and were not stored; everything else was. "
              "Fix them as said above and run the same command again.", file=sys.stderr)
        return 1
    return 0


def _warn_orphans(engine) -> None:
    from .corrections import orphaned
    from .store.engine import session_factory

    with session_factory(engine)() as session:
        n = len(orphaned(session))
    if n:
        print(f"note: {n} corrected result(s) are no longer found by the extractor; their corrections are kept "
              "(orphaned): see `leaderboard correct orphans`.", file=sys.stderr)


def cmd_db(args) -> int:
    from .store import migrate

    engine = _engine(args)
    if args.action == "refresh-stats":
        return refresh_stats(engine)
    if args.action == "upgrade":
        upgrade_keeping_a_backup(engine, args.revision or "head")
    elif args.action == "downgrade":
        target = args.revision or "base"
        if not args.yes:
            print(f"leaderboard: downgrading to {target} drops the tables and columns added since, with their rows "
                  "(corrections included). Back up the database, then run the same command with --yes.",
                  file=sys.stderr)
            return 1
        migrate.downgrade(engine, target)
    print(f"current: {migrate.current_revision(engine) or 'base (empty)'}; head: {migrate.head_revision(engine)}")
    return 0


def refresh_stats(engine) -> int:
    import time

    from .store import migrate, stats

    if migrate.current_revision(engine) != migrate.head_revision(engine):
        print("leaderboard: the database is not at the newest schema: run `leaderboard db upgrade` first.",
              file=sys.stderr)
        return 1
    started = time.monotonic()
    with engine.begin() as conn:
        n = stats.rebuild(conn)
    print(f"benchmark_stats rebuilt: {n} benchmarks in {time.monotonic() - started:.1f} s")
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


def _changes(pairs: list[str]) -> dict:
    out = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            raise SystemExit(f"leaderboard: {pair!r} is not FIELD=VALUE (e.g. value=76.1 or dataset=ImageNet).")
        out[field.strip()] = value
    return out


def cmd_correct(args) -> int:
    from . import corrections
    from .store.engine import session_factory

    engine = _engine(args)
    with session_factory(engine)() as session:
        if args.action == "orphans":
            orphans = corrections.orphaned(session)
            for o in orphans:
                print(f"{o.result_key}\t{o.status}\t{o.corrections} correction(s)\tpaper {o.paper_id}: {o.paper_title}")
            print(f"{len(orphans)} orphaned result(s): their corrections are kept; the extractor no longer "
                  "finds the number they were made on.", file=sys.stderr)
            return 0
        if not args.target:
            print(f"leaderboard: say which {'correction id' if args.action == 'revert' else 'result key'} to "
                  f"{args.action}, e.g. `leaderboard correct edit RESULT_KEY value=76.1 --author ME --reason WHY`.",
                  file=sys.stderr)
            return 2
        who = {"author": args.author, "reason": args.reason, "token": args.token}
        try:
            if args.action == "edit":
                entry = corrections.edit(session, args.target, _changes(args.changes),
                                         allow_new_terms=args.new_terms, **who)
            elif args.action == "reject":
                entry = corrections.reject(session, args.target, **who)
            else:
                if not args.target.isdigit():
                    raise corrections.CorrectionError(f"revert takes a correction id (a number), got {args.target!r}.")
                entry = corrections.revert(session, int(args.target), **who)
            session.commit()
        except corrections.CorrectionError as err:
            session.rollback()
            print(f"leaderboard: not saved: {err}", file=sys.stderr)
            return 1
    print(f"saved correction {entry.id} ({entry.action} of {entry.result_key})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="leaderboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="read listing pages / arXiv JSON Lines, extract results, store them")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_db_options(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("db", help="migrate the database schema; refresh-stats rebuilds benchmark_stats")
    p.add_argument("action", choices=["upgrade", "downgrade", "current", "refresh-stats"])
    p.add_argument("revision", nargs="?", help="target revision (default: head for upgrade, base for downgrade)")
    p.add_argument("--yes", action="store_true", help="for downgrade: yes, drop what newer revisions added")
    _add_db_options(p)
    p.set_defaults(func=cmd_db)

    p = sub.add_parser("correct", help="correct a stored result (logged with author and reason), or list orphans")
    p.add_argument("action", choices=["edit", "reject", "revert", "orphans"])
    p.add_argument("target", nargs="?", help="result key (edit, reject) or correction id (revert)")
    p.add_argument("changes", nargs="*", metavar="FIELD=VALUE", help="for edit, e.g. value=76.1 dataset=ImageNet")
    p.add_argument("--author", default="", help="who makes the correction (required)")
    p.add_argument("--reason", default="", help="why (required)")
    p.add_argument("--token", default=None, help="the edit token, when the maintainer set LEADERBOARD_EDIT_TOKEN")
    p.add_argument("--new-terms", action="store_true", help="allow a unit or metric outside the vocabulary")
    _add_db_options(p)
    p.set_defaults(func=cmd_correct)

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
    from alembic.util.exc import CommandError
    from sqlalchemy.exc import ArgumentError, DBAPIError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted: finished listing files are stored, and so are the committed batches of a JSON Lines "
              "file; run the same command again to go on where it stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `leaderboard evaluate ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except MigrationFailed as exc:
        print(f"leaderboard: {exc}", file=sys.stderr)
        return 2
    except (DBAPIError, ArgumentError, CommandError) as exc:
        print(f"leaderboard: {explain_database_error(exc, getattr(args, 'resolved_url', ''))}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: say what happened and what is safe, keep the traceback on request
        if os.environ.get("LEADERBOARD_DEBUG"):
            raise
        print(f"leaderboard: internal error: {type(exc).__name__}: {exc}. Files finished before it are stored; "
              "the one in progress was rolled back. Run again with LEADERBOARD_DEBUG=1 for the traceback "
              "and report it.", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
