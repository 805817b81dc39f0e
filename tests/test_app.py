"""The Streamlit app through streamlit.testing.v1.AppTest, on a real migrated SQLite database."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from leaderboard.corrections import TOKEN_ENV

from .app_fixtures import APP, HOSTILE_MODEL, PAPERS, seed

WHO = {"author": "Ada", "reason": "the abstract says so"}


@pytest.fixture
def lb(engine, session, db_url, monkeypatch):
    monkeypatch.setenv("LEADERBOARD_DB_URL", db_url)
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    return seed(session)


def open_page(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["page"] = page
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def row(engine, key: str) -> dict | None:
    with engine.connect() as conn:
        found = conn.execute(text("SELECT * FROM result_rows WHERE result_id = :k"), {"k": key}).mappings().first()
    return dict(found) if found else None


def htmls(at: AppTest) -> list[str]:
    return [e.proto.body for e in at.get("html")]


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def table_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def fill(at: AppTest, prefix: str, **values) -> None:
    for name, value in values.items():
        at.text_input(key=f"{prefix}-{name}").input(value)


# --- pages ---------------------------------------------------------------------------------------

def test_benchmarks_page_lists_every_benchmark_busiest_first(lb):
    at = open_page("benchmarks")
    bench = at.dataframe[0].value
    assert list(bench.iloc[0][["dataset", "metric"]]) == ["ImageNet", "top-1 accuracy"]
    assert bench.iloc[0]["results"] == 5 and bench.iloc[0]["papers"] == 4
    assert bench.iloc[0]["best"] == "80.9%" and bench.iloc[0]["best_model"] == "BigNet"
    latency = bench[bench["metric"] == "latency"].iloc[0]
    assert (latency["hardware"], latency["results"], latency["best"]) == ("phone", 4, "23.1 ms")
    assert list(bench["results"]) == sorted(bench["results"], reverse=True)
    assert {"CIFAR-10", "NYU Depth v2", "MNIST"} <= set(bench["dataset"])


@pytest.mark.parametrize("query,expected", [
    ("cifar", {("CIFAR-10", "error rate")}),          # dataset
    ("throughput", {("NYU Depth v2", "throughput")}),  # metric
    ("darts", {("CIFAR-10", "error rate")}),           # model
    ("hardware-aware", {("ImageNet", "top-1 accuracy"), ("ImageNet", "latency")}),  # paper title
])
def test_benchmarks_search_by_dataset_metric_model_and_title(lb, query, expected):
    at = open_page("benchmarks", q=query)
    bench = at.dataframe[0].value
    assert set(zip(bench["dataset"], bench["metric"])) == expected


def test_leaderboard_ranks_accuracy_up_and_lists_deltas_as_claims(lb):
    at = open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy")
    ranked = table_with(at, "rank")
    assert list(ranked["model"]) == ["BigNet", "MnasNet", "FBNet-B", "SlowNet"]
    assert list(ranked["rank"]) == [1, 2, 3, 4]
    assert list(ranked["shown_value"]) == ["80.9%", "75.2%", "74.1%", "70%"]
    assert set(ranked["listing_date"]) == {"Jun 6"}
    assert lb.keys["mnas_delta"] not in set(ranked["result_id"])  # a delta is not a level
    claims = table_with(at, "claim")
    assert list(claims["claim"]) == ["+0.5% top-1 accuracy vs MobileNetV2"]


@pytest.mark.parametrize("params,order", [
    ({"dataset": "ImageNet", "metric": "latency", "hw": "phone"}, ["FBNet-B", "MnasNet", "BigNet", "SlowNet"]),
    ({"dataset": "CIFAR-10", "metric": "error rate"}, ["ProxylessNAS", "DARTS"]),
])
def test_leaderboard_ranks_latency_and_error_rate_down(lb, params, order):
    at = open_page("leaderboard", **params)
    assert list(table_with(at, "rank")["model"]) == order


def test_a_latency_leaderboard_shows_the_accuracy_the_same_paper_reports(lb):
    at = open_page("leaderboard", dataset="ImageNet", metric="latency", hw="phone")
    ranked = table_with(at, "rank")
    assert list(ranked["quality"]) == ["74.1%", "75.2%", "80.9%", "70%"]
    assert set(ranked["quality_metric"]) == {"top-1 accuracy (ImageNet)"}


def test_leaderboard_state_is_read_from_and_written_to_the_url(lb, engine):
    at = open_page("leaderboard", dataset="ImageNet", metric="latency", hw="phone", status="extracted")
    assert [s.value for s in at.selectbox[:3]] == ["ImageNet", "latency", "phone"]
    assert at.multiselect(key="status").value == ["extracted"]
    at.multiselect(key="cat").select("phone").run()
    assert at.query_params["cat"] == ["phone"] or at.query_params["cat"] == "phone"
    assert dict(at.query_params)["page"] in ("leaderboard", ["leaderboard"])
    at.selectbox(key="metric").select("top-1 accuracy").run()
    assert "top-1 accuracy" in str(at.query_params["metric"])


def test_leaderboard_one_row_per_model(lb, session):
    from tests import factories

    factories.bind(session)
    factories.ResultFactory(paper=lb.papers["mnas"], value=73.0, surface="75.2%", model="MnasNet",
                            dataset="ImageNet", metric="top-1 accuracy")
    session.commit()
    at = open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy")
    assert list(table_with(at, "rank")["model"]).count("MnasNet") == 2
    at = open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy", best="1")
    ranked = table_with(at, "rank")
    assert list(ranked["model"]) == ["BigNet", "MnasNet", "FBNet-B", "SlowNet"]
    assert list(ranked["shown_value"])[1] == "75.2%"


def test_leaderboard_filters_by_status_and_qualifier(lb, session, engine):
    from leaderboard import corrections

    corrections.edit(session, lb.keys["fb_top1"], {"qualifier": "about"}, **WHO)
    session.commit()
    at = open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy", status="corrected")
    assert list(table_with(at, "rank")["model"]) == ["FBNet-B"]
    at = open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy", qual="(none)")
    assert "FBNet-B" not in set(table_with(at, "rank")["model"])


def test_evidence_sentence_has_its_number_highlighted(lb):
    at = open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy", row=lb.keys["mnas_top1"])
    evidence = [h for h in htmls(at) if "lb-evidence" in h]
    assert len(evidence) == 1
    assert ">75.2%</mark> top-1 accuracy on ImageNet with 78ms latency on a Pixel phone." in evidence[0]


def test_csv_of_the_shown_table(lb):
    from app.ranking import rank
    from app.views.leaderboard import csv_of

    import pandas as pd

    at = open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy")
    assert any(d.proto.label.startswith("⬇ CSV of this table") for d in at.get("download_button"))
    frame = pd.DataFrame({"value": [1.0, 3.0], "unit": ["%", "%"], "kind": ["absolute"] * 2, "model": ["a", "b"],
                          "paper_title": ["p", "q"], "result_id": ["1", "2"]})
    lines = csv_of(rank(frame, higher=True)).splitlines()
    assert lines[0].startswith("rank,model,value,unit") and lines[1].startswith("1,b,3.0,%")


def test_charts_page_draws_ranked_bars_with_tooltips(lb):
    at = open_page("charts", dataset="ImageNet", metric="latency", hw="phone")
    [spec] = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert '"paper_title"' in spec and '"model"' in spec and "lower is better" in spec
    assert all(m in spec for m in ("FBNet-B", "MnasNet", "BigNet", "SlowNet"))


def test_charts_page_draws_accuracy_vs_latency_with_its_pareto_front(lb):
    at = open_page("charts", dataset="ImageNet", metric="top-1 accuracy", chart="tradeoff",
                   quality="top-1 accuracy", cost="latency")
    [spec] = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert "Pareto front" in spec and "strokeDash" in spec and '"device"' in spec
    front = at.dataframe[0].value
    assert list(front["model"]) == ["FBNet-B", "MnasNet", "BigNet"]  # SlowNet is dominated


def test_paper_page_highlights_every_number_and_lists_sightings(lb):
    p = lb.papers["mnas"]
    at = open_page("paper", id=str(p.id))
    abstract = next(h for h in htmls(at) if "lb-evidence" in h and "MobileNetV2" in h and "Our MnasNet" in h)
    assert abstract.count("<mark") == 4
    for surface in ("75.2%", "78ms", "1.8x", "0.5%"):
        assert f">{surface}</mark>" in abstract
    sightings = table_with(at, "file")
    assert list(sightings["file"]) == ["2024-06-06_listing.txt"] and list(sightings["date"]) == ["Jun 6"]
    assert len(table_with(at, "surface")) == 4


def test_hardware_page_puts_the_same_papers_accuracy_beside_each_measurement(lb):
    at = open_page("hardware")
    hw = at.dataframe[0].value.set_index("measured")
    assert hw.loc["178 fps", "quality"] == "77.1%" and hw.loc["178 fps", "device"] == "jetson"
    assert hw.loc["78 ms", "quality"] == "75.2%" and hw.loc["78 ms", "device"] == "phone"
    at = open_page("hardware", hwcat="jetson")
    assert list(at.dataframe[0].value["hardware"]) == ["NVIDIA Jetson TX2"]


def test_corrections_page_lists_the_log(lb, session):
    from leaderboard import corrections

    corrections.reject(session, lb.keys["slow_top1"], **WHO)
    session.commit()
    corrections.edit(session, lb.keys["fb_top1"], {"value": "74.2"}, **WHO)
    session.commit()
    log = open_page("corrections").dataframe[0].value
    assert list(log["action"]) == ["edit", "reject"] and list(log["author"]) == ["Ada", "Ada"]
    assert list(log["what"]) == ["value: 74.1 → 74.2", "hidden from leaderboards"]


# --- hostile text stays text --------------------------------------------------------------------

def test_titles_abstracts_and_models_are_rendered_inert(lb):
    p = lb.papers["hostile"]
    at = open_page("paper", id=str(p.id))
    bodies = "\n".join(htmls(at))
    assert "<script" not in bodies and "<img" not in bodies and "<b>" not in bodies
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; **Bold** [click](javascript:alert(1))" in bodies
    assert "&lt;b&gt;<mark" in bodies  # the number is highlighted, the tag around it is text
    md = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert not any("<script" in m or "Bold" in m for m in md)  # never passed through Markdown
    at = open_page("leaderboard", dataset="MNIST", metric="accuracy")
    assert table_with(at, "rank")["model"].tolist() == [HOSTILE_MODEL]  # a table cell: plain text
    assert "<img" not in "\n".join(htmls(at))


# --- the correction form ------------------------------------------------------------------------

def test_edit_through_the_form_shows_at_once_and_is_stored(lb, engine):
    key = lb.keys["mnas_top1"]
    at = open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy", row=key)
    fill(at, f"e-{key}", value="76.1", **WHO)
    button(at, "Save correction").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    stored = row(engine, key)
    assert (stored["value"], stored["status"]) == (76.1, "corrected")
    ranked = table_with(at, "rank").set_index("result_id")
    assert ranked.loc[key, "shown_value"] == "76.1%" and ranked.loc[key, "status"] == "corrected"
    assert any("corrected" in s.value for s in at.success)
    with engine.connect() as conn:
        log = conn.execute(text("SELECT action, author, reason, changes FROM corrections")).all()
    assert log == [("edit", "Ada", "the abstract says so", '{"value": 76.1}')]


@pytest.mark.parametrize("values,message", [
    ({"value": "seventy", **WHO}, "must be a number"),
    ({"value": "76.1", "author": "", "reason": "r"}, "needs a name"),
    ({"value": "76.1", "author": "Ada", "reason": ""}, "needs a reason"),
    ({"value": "76.1", "new-unit": "furlongs", **WHO}, None),  # explicitly new: accepted
])
def test_form_validates_with_clear_messages(lb, engine, values, message):
    key = lb.keys["mnas_top1"]
    at = open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy", row=key)
    fill(at, f"e-{key}", **values)
    button(at, "Save correction").click().run()
    if message:
        assert any(message in e.value for e in at.error), [e.value for e in at.error]
        assert row(engine, key)["status"] == "extracted"
    else:
        assert not at.error and row(engine, key)["unit"] == "furlongs"


def test_edit_of_text_fields_moves_the_row_to_another_leaderboard(lb, engine):
    key = lb.keys["slow_top1"]
    at = open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy", row=key)
    fill(at, f"e-{key}", dataset="ImageNet-V2", model="SlowNet-L", hardware="A100 GPU", **WHO)
    button(at, "Save correction").click().run()
    assert (row(engine, key)["dataset"], row(engine, key)["model"]) == ("ImageNet-V2", "SlowNet-L")
    assert "SlowNet" not in set(table_with(open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy"),
                                           "rank")["model"])
    moved = open_page("leaderboard", dataset="ImageNet-V2", metric="top-1 accuracy")
    assert list(table_with(moved, "rank")["model"]) == ["SlowNet-L"]


def test_reject_then_revert_through_the_forms(lb, engine):
    key = lb.keys["big_top1"]
    at = open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy", row=key)
    fill(at, f"r-{key}", **WHO)
    button(at, "Reject this result").click().run()
    assert row(engine, key) is None
    assert "BigNet" not in set(table_with(at, "rank")["model"])

    at = open_page("paper", id=str(lb.papers["big"].id), result=key)
    history = table_with(at, "action")
    assert list(history["action"]) == ["reject"]
    fill(at, f"v-{key}", author="Bob", reason="it was right")
    button(at, "Revert").click().run()
    assert not at.error, [e.value for e in at.error]
    assert row(engine, key)["status"] == "extracted"
    with engine.connect() as conn:
        actions = conn.execute(text("SELECT action, reverts_id IS NOT NULL FROM corrections ORDER BY id")).all()
    assert actions == [("reject", 0), ("revert", 1)]


def test_history_shows_every_correction_and_revert_restores_the_value(lb, engine, session):
    from leaderboard import corrections

    key = lb.keys["fb_lat"]
    first = corrections.edit(session, key, {"value": "24"}, **WHO)
    corrections.edit(session, key, {"hardware": "Samsung Galaxy S8"}, **WHO)
    session.commit()
    at = open_page("paper", id=str(lb.papers["fbnet"].id), result=key)
    history = table_with(at, "action")
    assert list(history["action"]) == ["edit", "edit"]
    assert "value: 23.1 → 24.0" in history["what"].iloc[0]
    at.selectbox(key=f"v-{key}-id").select(first.id)
    fill(at, f"v-{key}", author="Bob", reason="23.1 was right")
    button(at, "Revert").click().run()
    stored = row(engine, key)
    assert (stored["value"], stored["hardware"]) == (23.1, "Samsung Galaxy S8")


def test_add_a_missed_result_through_the_form(lb, engine):
    p = lb.papers["fbnet"]
    at = open_page("paper", id=str(p.id))
    at.selectbox(key=f"a-{p.id}-sentence").select("It needs 295M FLOPs.")
    fill(at, f"a-{p.id}", surface="295M FLOPs", value="295000000", dataset="ImageNet", model="FBNet-B", **WHO)
    at.selectbox(key=f"a-{p.id}-unit").select("FLOPs")
    fill(at, f"a-{p.id}", **{"new-metric": "FLOPs"})
    button(at, "Add result").click().run()
    assert not at.error, [e.value for e in at.error]
    with engine.connect() as conn:
        added = conn.execute(text("SELECT * FROM result_rows WHERE status = 'added'")).mappings().all()
    assert [(a["value"], a["unit"], a["metric"], a["surface"], a["paper_title"]) for a in added] == [
        (295e6, "FLOPs", "FLOPs", "295M FLOPs", PAPERS["fbnet"][0])]
    assert len(table_with(at, "surface")) == 3
    board = open_page("leaderboard", dataset="ImageNet", metric="FLOPs")
    assert list(table_with(board, "rank")["shown_value"]) == ["295M FLOPs"]


def test_add_refuses_a_number_that_is_not_in_the_sentence(lb, engine):
    p = lb.papers["fbnet"]
    at = open_page("paper", id=str(p.id))
    fill(at, f"a-{p.id}", surface="999ms", value="999", **WHO)
    button(at, "Add result").click().run()
    assert any("exactly as it is written" in e.value for e in at.error)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM corrections")).scalar_one() == 0


def test_form_asks_for_the_edit_token_when_one_is_set(lb, engine, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, "s3cret")
    key = lb.keys["mnas_top1"]
    at = open_page("leaderboard", dataset="ImageNet", metric="top-1 accuracy", row=key)
    fill(at, f"e-{key}", value="76.1", **WHO)
    button(at, "Save correction").click().run()
    assert any("edit token" in e.value for e in at.error)
    assert row(engine, key)["value"] == 75.2
    at.text_input(key=f"e-{key}-token").input("s3cret")
    button(at, "Save correction").click().run()
    assert row(engine, key)["value"] == 76.1


# --- SQL box ------------------------------------------------------------------------------------

def test_sql_page_runs_a_select_and_refuses_a_write(lb, engine):
    at = open_page("sql", sql="SELECT model, value FROM result_rows WHERE metric = 'error rate' ORDER BY value",
                   run="1")
    assert list(at.dataframe[0].value["model"]) == ["ProxylessNAS", "DARTS"]
    at = open_page("sql", sql="DELETE FROM results", run="1")
    assert any("read-only" in e.value for e in at.error)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM results")).scalar_one() == 15


def test_sql_page_loads_an_example(lb):
    at = open_page("sql")
    at.selectbox(key="sql_example").select("Who corrected what, newest first").run()
    assert at.text_area(key="sql").value.startswith("SELECT created_at, author")
    button(at, "Run").click().run()
    assert list(at.dataframe[0].value.columns)[:3] == ["created_at", "author", "action"]


@pytest.mark.parametrize("page", ["benchmarks", "leaderboard", "charts", "paper", "hardware", "sql", "corrections"])
def test_every_page_works_on_an_empty_database(engine, db_url, monkeypatch, page):
    monkeypatch.setenv("LEADERBOARD_DB_URL", db_url)
    at = open_page(page)
    assert at.header[0].value.lower() == page.lower()
    assert at.info or at.dataframe or page == "sql"


def test_a_database_without_tables_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("LEADERBOARD_DB_URL", f"sqlite:///{tmp_path / 'nothing.db'}")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "leaderboard ingest seeds/" in at.error[0].value


def _params(link: str) -> dict:
    from urllib.parse import parse_qsl, urlsplit

    return dict(parse_qsl(urlsplit(link).query))


def test_links_between_paper_and_leaderboard_open_the_right_view(lb):
    paper = open_page("paper", id=str(lb.papers["mnas"].id))
    links = table_with(paper, "surface").set_index("result_id")["board"]
    latency = _params(links[lb.keys["mnas_lat"]])
    assert latency == {"page": "leaderboard", "dataset": "ImageNet", "metric": "latency", "hw": "phone",
                       "row": lb.keys["mnas_lat"]}
    board = open_page(**latency)
    assert list(table_with(board, "rank")["model"])[:2] == ["FBNet-B", "MnasNet"]
    evidence = next(h for h in htmls(board) if "lb-evidence" in h)
    assert ">78ms</mark>" in evidence  # the linked row is the one shown below the table
    back = _params(table_with(board, "rank").set_index("result_id").loc[lb.keys["mnas_lat"], "open"])
    assert back == {"page": "paper", "id": str(lb.papers["mnas"].id), "result": lb.keys["mnas_lat"]}
    assert open_page(**back).selectbox(key="result").value == lb.keys["mnas_lat"]


@pytest.mark.postgres
@pytest.mark.parametrize("page", ["benchmarks", "leaderboard", "charts", "paper", "hardware", "corrections"])
def test_pages_on_postgresql(monkeypatch, page):
    import os

    from leaderboard.store.engine import make_engine
    from leaderboard.store.migrate import upgrade

    url = os.environ.get("LEADERBOARD_TEST_PG_URL")
    if not url:
        pytest.skip("set LEADERBOARD_TEST_PG_URL=postgresql+psycopg://... to run the PostgreSQL tests")
    upgrade(make_engine(url))
    monkeypatch.setenv("LEADERBOARD_DB_URL", url)
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    at = open_page(page)  # reads only: the shared database is left as it was
    assert at.header[0].value.lower() == page


def test_switching_page_in_the_sidebar_rewrites_the_url(lb):
    at = open_page("leaderboard", dataset="CIFAR-10", metric="error rate")
    assert at.query_params["dataset"] in ("CIFAR-10", ["CIFAR-10"])
    at.radio(key="page").set_value("hardware").run()
    assert not at.exception and at.header[0].value == "Hardware"
    params = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert params["page"] == "hardware" and "dataset" not in params


def test_paper_page_opens_on_the_paper_with_most_results(lb):
    at = open_page("paper")
    assert at.selectbox(key="id").value == str(lb.papers["mnas"].id)  # 4 results, the most
