"""No SQL is built from user text, and the edit token guards every way a correction is saved."""

from __future__ import annotations

import ast
import re

import pytest
from sqlalchemy import func, select

from leaderboard import cli, corrections
from leaderboard.corrections import CorrectionError
from leaderboard.ingest import ingest_paths
from leaderboard.store.engine import session_factory
from leaderboard.store.models import Correction, Paper, Result

from .conftest import ROOT, small_listing

SCANNED = ["leaderboard", "app", "migrations"]
# A string is SQL when it starts like a statement or a clause (prose that names WHERE or LIMIT does not),
# or when it is handed straight to text(), execute() or exec_driver_sql().
SQL_WORDS = re.compile(r"^\s*\(?\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WITH|EXPLAIN|WHERE|AND|OR|"
                       r"FROM|JOIN|LEFT JOIN|ORDER BY|GROUP BY|HAVING|LIMIT|OFFSET|VALUES|SET|UNION)\b")
SQL_CALLS = {"text", "execute", "exec_driver_sql", "executescript", "read_sql_query", "read_sql"}
MARKER = "# sql: no user text"  # a developer's explicit, reviewable claim on that line
SAFE_METHODS = {"lower", "upper", "strip"}


def _loop_constants(tree: ast.AST) -> set[str]:
    """Names bound by `for NAME in (literal, literal, ...)`: they only ever hold those literals."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Name) \
                and isinstance(node.iter, (ast.Tuple, ast.List)) \
                and all(isinstance(e, ast.Constant) for e in node.iter.elts):
            names.add(node.target.id)
    return names


def _safe(expr: ast.AST, loop_consts: set[str]) -> bool:
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, ast.Name):
        return expr.id.isupper() or expr.id in loop_consts
    if isinstance(expr, ast.Attribute):
        return expr.attr.isupper()
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and not expr.args \
            and expr.func.attr in SAFE_METHODS:
        return _safe(expr.func.value, loop_consts)
    return False


def _add_chain(node: ast.AST) -> list[ast.AST]:
    """The operands of a + b + c ..., left to right."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _add_chain(node.left) + _add_chain(node.right)
    return [node]


def _dynamic_strings(tree: ast.AST):
    """(node, literal text, interpolated expressions) of every string built at run time."""
    inner: set[int] = set()  # parts of a `+` chain already reported whole
    literals: dict[str, str] = {}  # variable -> the string literals assigned to it (for `sql += ...`)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    literals[target.id] = literals.get(target.id, "") + node.value.value
    for node in ast.walk(tree):
        if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add) and isinstance(node.target, ast.Name):
            yield node, literals.get(node.target.id, ""), [node.value]
        if isinstance(node, ast.JoinedStr):
            parts = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
            literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if parts:
                yield node, literal, parts
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and id(node) not in inner:
            leaves = _add_chain(node)
            inner.update(id(n) for n in ast.walk(node) if isinstance(n, ast.BinOp) and n is not node)
            literal = "".join(x.value for x in leaves if isinstance(x, ast.Constant) and isinstance(x.value, str))
            yield node, literal, [x for x in leaves if not isinstance(x, ast.Constant)]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str):
            yield node, node.left.value, list(node.right.elts) if isinstance(node.right, ast.Tuple) else [node.right]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format" \
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
            yield node, node.func.value.value, [*node.args, *(k.value for k in node.keywords)]


def _sql_arguments(tree: ast.AST) -> set[int]:
    """ids of the nodes passed as the first argument of a call that runs SQL."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in SQL_CALLS:
                out.add(id(node.args[0]))
    return out


def sql_built_from_variables() -> list[str]:
    found = []
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            lines = source.splitlines()
            tree = ast.parse(source)
            loop_consts = _loop_constants(tree)
            run_as_sql = _sql_arguments(tree)
            for node, literal, parts in _dynamic_strings(tree):
                if not SQL_WORDS.search(literal) and id(node) not in run_as_sql:
                    continue
                if all(_safe(p, loop_consts) for p in parts):
                    continue
                span = lines[node.lineno - 1:(node.end_lineno or node.lineno)]
                if any(MARKER in ln for ln in span):
                    continue
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    return found


def test_prose_that_names_sql_words_is_not_sql(tmp_path, monkeypatch):
    pkg = tmp_path / "leaderboard"
    pkg.mkdir()
    (pkg / "ok.py").write_text("def f(t):\n    return f'The query ran longer than {t:g} s. Add a WHERE or a LIMIT.'\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    monkeypatch.setattr(f"{__name__}.SCANNED", ["leaderboard"])
    assert sql_built_from_variables() == []


def test_no_sql_is_built_from_variables():
    found = sql_built_from_variables()
    assert found == [], ("SQL text built from variables (use bind parameters, or end the line with "
                         f"'{MARKER}: WHY' if every piece is a constant):\n" + "\n".join(found))


@pytest.mark.parametrize("snippet", [
    'conn.execute(text(f"SELECT * FROM papers WHERE title = \'{title}\'"))',
    'conn.execute(text("SELECT * FROM papers WHERE title = \'" + title + "\'"))',
    'conn.execute(text("DELETE FROM results WHERE id = %s" % rid))',
    'conn.execute(text("SELECT * FROM {} LIMIT 5".format(table)))',
    'sql = "SELECT * FROM papers WHERE 1=1"\n    sql += " AND title = " + title\n    conn.execute(text(sql))',
    'sql = "SELECT * FROM papers WHERE 1=1"\n    sql += title\n    conn.execute(text(sql))',
    'conn.execute(text(f"{title}"))',
    'conn.exec_driver_sql(rid + " ; " + table)',
])
def test_the_scan_catches_the_usual_ways(tmp_path, snippet, monkeypatch):
    pkg = tmp_path / "leaderboard"
    pkg.mkdir()
    (pkg / "bad.py").write_text(f"def f(conn, text, title, rid, table):\n    {snippet}\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    monkeypatch.setattr(f"{__name__}.SCANNED", ["leaderboard"])
    assert sorted({f.split(":")[0] for f in sql_built_from_variables()}) == ["leaderboard/bad.py"]


# -- the edit token ---------------------------------------------------------------------------

WHO = {"author": "ada", "reason": "read the paper"}


@pytest.fixture
def stored(engine, tmp_path):
    assert not ingest_paths(engine, [small_listing(tmp_path / "small.txt")], progress=False).failed
    with session_factory(engine)() as s:
        key = s.scalars(select(Result.result_key).order_by(Result.id)).first()
        pid = s.scalar(select(Result.paper_id).where(Result.result_key == key))
    return engine, key, pid


def _count(engine) -> int:
    with session_factory(engine)() as s:
        return s.scalar(select(func.count(Correction.id)))


def test_library_refuses_every_kind_of_correction_without_the_token(stored, monkeypatch):
    engine, key, pid = stored
    with session_factory(engine)() as s:  # one correction made before the token was set, to revert
        first = corrections.edit(s, key, {"model": "M1"}, **WHO)
        s.commit()
    monkeypatch.setenv("LEADERBOARD_EDIT_TOKEN", "s3cret")
    attempts = {
        "edit": lambda s, t: corrections.edit(s, key, {"model": "M2"}, token=t, **WHO),
        "reject": lambda s, t: corrections.reject(s, key, token=t, **WHO),
        "add": lambda s, t: corrections.add(s, pid, {"value": "5", "unit": "ms", "metric": "latency",
                                                     "kind": "absolute", "surface": "5ms", "sentence": "5ms."},
                                            token=t, **WHO),
        "revert": lambda s, t: corrections.revert(s, first.id, token=t, **WHO),
    }
    for name, attempt in attempts.items():
        for token in (None, "", "S3CRET", "s3cret "):
            with session_factory(engine)() as s, pytest.raises(CorrectionError, match="token"):
                attempt(s, token)
        assert _count(engine) == 1, name
    with session_factory(engine)() as s:
        attempts["edit"](s, "s3cret")
        s.commit()
    assert _count(engine) == 2


def _cli(engine, *args) -> list[str]:
    return ["correct", *args, "--url", engine.url.render_as_string(hide_password=False)]


def test_cli_refuses_corrections_without_the_token(stored, monkeypatch, capsys):
    engine, key, _ = stored
    monkeypatch.setenv("LEADERBOARD_EDIT_TOKEN", "s3cret")
    for extra in ([], ["--token", "wrong"]):
        assert cli.main(_cli(engine, "edit", key, "model=X", "--author", "ada", "--reason", "r", *extra)) == 1
        assert cli.main(_cli(engine, "reject", key, "--author", "ada", "--reason", "r", *extra)) == 1
        err = capsys.readouterr().err
        assert err.count("not saved: The edit token is missing or wrong") == 2
    assert _count(engine) == 0
    assert cli.main(_cli(engine, "edit", key, "model=X", "value=1.5", "--author", "ada", "--reason", "r",
                         "--token", "s3cret")) == 0
    assert "saved correction" in capsys.readouterr().out
    with session_factory(engine)() as s:
        [entry] = s.scalars(select(Correction)).all()
        assert (entry.result_key, entry.author, entry.action) == (key, "ada", "edit")


def test_cli_correct_reports_bad_requests(stored, capsys):
    engine, key, _ = stored
    assert cli.main(_cli(engine, "edit", key, "value=seventy", "--author", "ada", "--reason", "r")) == 1
    assert "Value must be a number" in capsys.readouterr().err
    assert cli.main(_cli(engine, "edit", key, "model=X", "--author", "", "--reason", "r")) == 1
    assert "needs a name" in capsys.readouterr().err
    assert cli.main(_cli(engine, "revert", "abc", "--author", "ada", "--reason", "r")) == 1
    assert cli.main(_cli(engine, "edit")) == 2
    assert _count(engine) == 0


HOSTILE = "x'); DROP TABLE corrections; -- \" %s :author ? \U0001F600"


def test_hostile_correction_text_is_stored_verbatim(stored):
    engine, key, _ = stored
    with session_factory(engine)() as s:
        corrections.edit(s, key, {"model": HOSTILE, "dataset": HOSTILE}, author=HOSTILE, reason=HOSTILE)
        s.commit()
        entry = s.scalar(select(Correction))
        assert entry.author == HOSTILE.strip() and entry.reason == HOSTILE.strip()
        assert corrections.effective_fields(s, key)["model"] == HOSTILE.strip()
        assert s.scalar(select(func.count(Paper.id))) > 0
