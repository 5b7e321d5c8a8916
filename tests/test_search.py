"""Search: segmentation, the fts index and its macro, BM25 ranking, snippets, and `notices search`.

The unit tests index a handful of problems written here, in an in-memory DuckDB holding just the
mart columns the index reads; the integration tests read the sample warehouse (never write it)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import duckdb
import pytest
from conftest import SampleBuild, index_contents
from typer.testing import CliRunner

from dagster_project.cli import app
from dagster_project.search import (
    FTS_EXTENSION,
    FTS_INDEX_PRAGMA,
    FTS_SCHEMA,
    SEARCH_MACRO,
    SNIPPET_CHARS,
    SNIPPET_LEAD,
    Hit,
    build_search_index,
    index_words,
    load_fts,
    query_words,
    search,
    segmented,
)

LIMIT = 10
COUNTY, CITY = "n-county", "n-city"
# Sample 001 (raw/samples/001_dd361c94b27cbe2f.txt): its problems 14 and 24 have 债务 in their statements.
SAMPLE_001 = "58dd08b6bab56fb0d1c7"
SAMPLE_001_TITLE = "XX经济开发区党工委关于巡察整改进展情况的通报"
# Sample 001's two debt problems are found by their titles (their texts are split into measures);
# the shorter title ranks first.
SAMPLE_001_DEBT_PROBLEM = "融资平台债务规模增长过快"
SAMPLE_001_OTHER_DEBT_PROBLEM = "债务结构和期限配置不合理"
LONG_PREFIX = "为落实上级部署，本单位召开专题会议，逐条研究反馈意见，明确牵头领导和责任科室，建立工作台账，"

NOTICES = [
    (COUNTY, "某县委关于巡察整改进展情况的通报", "中共某县委员会", date(2024, 5, 1), date(2024, 3, 31)),
    (CITY, "某市委关于巡视整改进展情况的通报", "中共某市委员会", None, date(2024, 6, 30)),
]
# As in the marts, a problem's text is its measures written out when it has measures.
ISSUES = [  # notice_id, issue_seq, title, status, text
    (
        COUNTY,
        1,
        "政府隐性债务化解进度缓慢",
        "completed",
        "一是制定债务化解方案，债务余额逐月下降；二是清理政府债务台账",
    ),
    (COUNTY, 2, "公务接待中存在违规吃喝现象", "in_progress", "印发<公务接待>管理办法 & 细则，严禁违规吃喝"),
    (COUNTY, 3, "国有土地使用权出让管理不规范", None, ""),
    (CITY, 1, "形式主义问题仍然存在", "completed", "精简会议文件"),
    (CITY, 2, "社会主义核心价值观宣传不到位", "completed", LONG_PREFIX + "债务问题另行处理"),
]
MEASURES = [  # notice_id, issue_seq, measure_seq, text
    (COUNTY, 1, 1, "制定债务化解方案，债务余额逐月下降"),
    (COUNTY, 1, 2, "清理政府债务台账"),
    (COUNTY, 2, 1, "印发<公务接待>管理办法 & 细则，严禁违规吃喝"),
]


def small_marts() -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse holding the problems and measures above."""
    connection = duckdb.connect()
    connection.execute("CREATE SCHEMA marts")
    connection.execute(
        "CREATE TABLE marts.dim_notice (notice_id VARCHAR, title VARCHAR, issuer VARCHAR, "
        "published_date DATE, signed_date DATE, as_of_date DATE)"
    )
    connection.execute(
        "CREATE TABLE marts.fct_issue (issue_key VARCHAR, notice_id VARCHAR, issue_seq INTEGER, "
        "title VARCHAR, status VARCHAR, text VARCHAR, measure_count INTEGER)"
    )
    connection.execute(
        "CREATE TABLE marts.fct_measure (issue_key VARCHAR, notice_id VARCHAR, issue_seq INTEGER, "
        "measure_seq INTEGER, text VARCHAR)"
    )
    connection.executemany(
        "INSERT INTO marts.dim_notice (notice_id, title, issuer, published_date, as_of_date) VALUES (?, ?, ?, ?, ?)",
        NOTICES,
    )
    connection.executemany(
        "INSERT INTO marts.fct_issue VALUES (? || '-' || lpad(CAST(? AS VARCHAR), 3, '0'), ?, ?, ?, ?, ?, ?)",
        [
            (notice, seq, notice, seq, title, status, text, sum(m[:2] == (notice, seq) for m in MEASURES))
            for notice, seq, title, status, text in ISSUES
        ],
    )
    connection.executemany(
        "INSERT INTO marts.fct_measure VALUES (? || '-' || lpad(CAST(? AS VARCHAR), 3, '0'), ?, ?, ?, ?)",
        [(notice, issue, notice, issue, seq, text) for notice, issue, seq, text in MEASURES],
    )
    return connection


@pytest.fixture(scope="module")
def connection() -> Iterator[duckdb.DuckDBPyConnection]:
    with small_marts() as connection:
        assert build_search_index(connection) == len(ISSUES) + len(MEASURES)
        yield connection


def test_an_incremental_build_segments_only_the_changed_notices_and_drops_the_gone() -> None:
    with small_marts() as connection:
        connection.execute("INSERT INTO marts.dim_notice (notice_id) VALUES ('n-gone')")
        connection.execute("INSERT INTO marts.fct_issue VALUES ('n-gone-001', 'n-gone', 1, '债务', NULL, '', 0)")
        build_search_index(connection)
        # A marker in the city's rows shows whether they are segmented again.
        connection.execute("UPDATE marts.search_documents SET segmented_text = '标记' WHERE notice_id = ?", [CITY])
        connection.execute(
            "UPDATE marts.fct_issue SET title = '新增问题土地' WHERE notice_id = ? AND issue_seq = 3", [COUNTY]
        )
        connection.execute("DELETE FROM marts.dim_notice WHERE notice_id = 'n-gone'")
        assert build_search_index(connection, changed=f"SELECT '{COUNTY}'") == len(ISSUES) + len(MEASURES)
        rows = dict(connection.execute("SELECT document_key, segmented_text FROM marts.search_documents").fetchall())
        assert rows[f"{CITY}-001"] == "标记"  # kept as it was: not segmented again
        assert rows[f"{COUNTY}-003"] == "新增 问题 土地"
        assert "n-gone-001" not in rows
        assert found(connection, "土地") == [(COUNTY, 3, None)]
        assert found(connection, "标记") == []  # the city's rows keep the index entries they had


def scores(connection: duckdb.DuckDBPyConnection, query: str) -> list[tuple[str, float]]:
    return [
        (key, round(score, 9))
        for key, score in connection.execute(
            f"SELECT document_key, {FTS_SCHEMA}.match_bm25(document_key, ?) AS score FROM marts.search_documents "
            "WHERE score IS NOT NULL ORDER BY document_key",
            [query],
        ).fetchall()
    ]


QUERIES = ["债务", "违规 吃喝", "土地", "政府 债务 台账", "问题", "审批"]


def test_an_updated_index_equals_a_rebuilt_one() -> None:
    with small_marts() as updated, small_marts() as rebuilt:
        for connection in (updated, rebuilt):
            connection.execute("INSERT INTO marts.dim_notice (notice_id) VALUES ('n-gone')")
            connection.execute(
                "INSERT INTO marts.fct_issue VALUES ('n-gone-001', 'n-gone', 1, '债务 土地', NULL, '', 0)"
            )
            build_search_index(connection)
            # The county's third problem changes and gains a measure, a notice is gone, one is new,
            # and one new problem has no word the index keeps (a document of length 0).
            connection.execute(f"UPDATE marts.fct_issue SET title = '新增问题土地审批', measure_count = 1 "
                               f"WHERE notice_id = '{COUNTY}' AND issue_seq = 3")  # fmt: skip
            connection.execute(
                f"INSERT INTO marts.fct_measure VALUES ('{COUNTY}-003', '{COUNTY}', 3, 1, '审批 审批 债务')"
            )
            for table in ("dim_notice", "fct_issue"):
                connection.execute(f"DELETE FROM marts.{table} WHERE notice_id = 'n-gone'")
            connection.execute("INSERT INTO marts.dim_notice (notice_id) VALUES ('n-new')")
            connection.execute("INSERT INTO marts.fct_issue VALUES ('n-new-001', 'n-new', 1, '债务审批', NULL, '', 0), "
                               "('n-new-002', 'n-new', 2, '。。', NULL, '', 0)")  # fmt: skip
        assert build_search_index(updated, changed=f"SELECT '{COUNTY}' UNION ALL SELECT 'n-new'") == 11
        assert build_search_index(rebuilt) == 11
        # The reference: the extension's own create_fts_index over the same rows.
        updated_index = index_contents(updated)
        updated_scores = {query: scores(updated, query) for query in QUERIES}
        updated.execute(FTS_INDEX_PRAGMA)
        for index in (updated, rebuilt):
            assert index_contents(index) == updated_index
            for query in QUERIES:
                assert scores(index, query) == updated_scores[query], query
        assert ("n-new-002", 0) in updated_index["docs"]  # type: ignore[operator]
        best = max(scores(updated, "审批"), key=lambda key_score: key_score[1])
        assert best[0] == f"{COUNTY}-003-001"  # twice in three words


def found(connection: duckdb.DuckDBPyConnection, query: str) -> list[tuple[str, int, int | None]]:
    return [(hit.notice_id, hit.issue_seq, hit.measure_seq) for hit in search(connection, query, LIMIT)]


def test_the_extension_is_the_packaged_file_of_this_engine() -> None:
    assert FTS_EXTENSION.is_file() and f"v{duckdb.__version__}" in FTS_EXTENSION.parts


def test_query_words_are_precise_words_without_punctuation_lowercased_once() -> None:
    assert query_words("政府债务，违规吃喝！") == ["政府", "债务", "违规", "吃喝"]
    assert query_words("债务 债务 GDP") == ["债务", "gdp"]
    assert query_words("形式主义") == ["形式主义"]
    assert query_words("，。！？、“”") == []


def test_texts_are_indexed_by_words_and_their_parts() -> None:
    assert index_words("形式主义，官僚主义") == ["形式", "主义", "形式主义", "官僚", "主义", "官僚主义"]


def test_words_are_cut_where_the_index_tokenizer_cuts() -> None:
    # The segmenter keeps 5-10 and 3.5 whole; fts's tokenizer would split them at - and .
    assert index_words("压减5-10个，增长3.5%") == ["压减", "5", "10", "个", "增长", "3", "5"]
    assert segmented("GDP增长") == "gdp 增长"


def test_texts_with_separators_inside_words_index_as_the_extension_does() -> None:
    with small_marts() as connection:
        connection.execute("UPDATE marts.fct_issue SET title = '压减5-10个，a.b_c 与 x+y' WHERE issue_seq = 1")
        build_search_index(connection)
        ours = index_contents(connection)
        connection.execute(FTS_INDEX_PRAGMA)
        assert index_contents(connection) == ours
        assert ["10", "5", "a", "b", "c", "x", "y"] == sorted(
            term
            for term, _ in ours["dict"]
            if term.isascii()  # type: ignore[attr-defined]
        )


def test_documents_segmented_by_workers_equal_those_segmented_here() -> None:
    with small_marts() as here, small_marts() as by_workers:
        build_search_index(here)
        build_search_index(by_workers, pool_from=1)
        query = "SELECT * FROM marts.search_documents ORDER BY document_key"
        assert by_workers.execute(query).fetchall() == here.execute(query).fetchall()
        assert index_contents(by_workers) == index_contents(here)


def test_segmented_text_is_words_joined_by_spaces(connection: duckdb.DuckDBPyConnection) -> None:
    row = connection.execute(
        "SELECT kind, text, segmented_text FROM marts.search_documents WHERE document_key = 'n-county-001-002'"
    ).fetchone()
    assert row == ("measure", "清理政府债务台账", "清理 政府 债务 台账")
    problem = connection.execute(
        "SELECT text FROM marts.search_documents WHERE document_key = 'n-county-003'"
    ).fetchone()
    assert problem == ("国有土地使用权出让管理不规范",)  # a problem without text is its statement alone
    with_measures = connection.execute(
        "SELECT text FROM marts.search_documents WHERE document_key = 'n-county-001'"
    ).fetchone()
    assert with_measures == ("政府隐性债务化解进度缓慢",)  # its measures are documents of their own


def test_more_occurrences_in_a_shorter_text_rank_first(connection: duckdb.DuckDBPyConnection) -> None:
    # 债务 twice in a short measure, once in a short measure and in a problem's title, once in a long problem.
    assert found(connection, "债务") == [(COUNTY, 1, 1), (COUNTY, 1, 2), (COUNTY, 1, None), (CITY, 2, None)]


def test_texts_holding_more_of_the_query_words_rank_first(connection: duckdb.DuckDBPyConnection) -> None:
    hits = found(connection, "政府债务")
    assert hits[:2] == [(COUNTY, 1, 2), (COUNTY, 1, None)]  # 政府 and 债务, before 债务 alone
    assert hits[2:] == [(COUNTY, 1, 1), (CITY, 2, None)]


def test_a_whole_word_query_does_not_find_texts_holding_only_a_part(connection: duckdb.DuckDBPyConnection) -> None:
    assert found(connection, "形式主义") == [(CITY, 1, None)]  # not 社会主义
    assert found(connection, "主义") == [(CITY, 1, None), (CITY, 2, None)]  # a part finds the whole word too


def test_hits_carry_the_notice_issuer_date_and_problem_status(connection: duckdb.DuckDBPyConnection) -> None:
    [county_hit] = search(connection, "土地使用", LIMIT)
    assert (county_hit.notice_title, county_hit.issuer, county_hit.notice_date) == (
        "某县委关于巡察整改进展情况的通报",
        "中共某县委员会",
        date(2024, 5, 1),  # published before as of
    )
    assert (county_hit.kind, county_hit.status, county_hit.issue_title) == (
        "problem",
        None,
        "国有土地使用权出让管理不规范",
    )
    [city_hit] = search(connection, "形式主义", LIMIT)
    assert city_hit.notice_date == date(2024, 6, 30)  # as of, when the notice gives no publication date
    [_, measure_hit] = search(connection, "违规吃喝", LIMIT)
    assert (measure_hit.kind, measure_hit.status, measure_hit.issue_title) == (
        "measure",
        "in_progress",  # the status of the problem the measure belongs to
        "公务接待中存在违规吃喝现象",
    )


def test_snippet_marks_every_match_and_escapes_only_the_text(connection: duckdb.DuckDBPyConnection) -> None:
    hits = {(hit.issue_seq, hit.measure_seq): hit for hit in search(connection, "违规吃喝", LIMIT)}
    measure = hits[(2, 1)]
    assert measure.terminal_snippet() == "印发<公务接待>管理办法 & 细则，严禁【违规吃喝】"
    assert measure.html_snippet() == "印发&lt;公务接待&gt;管理办法 &amp; 细则，严禁<mark>违规吃喝</mark>"
    problem = hits[(2, None)]
    # A problem split into measures is found by its title; its measures are documents of their own.
    assert problem.terminal_snippet() == "公务接待中存在【违规吃喝】现象"


def test_snippet_of_a_long_text_is_a_window_from_just_before_the_first_match() -> None:
    hit = Hit(
        COUNTY, None, None, None, "problem", 1, None, "标题", None, 1.0, "甲" * 30 + "债务" + "乙" * 100, ("债务",)
    )
    window = "甲" * SNIPPET_LEAD + "【债务】" + "乙" * (SNIPPET_CHARS - SNIPPET_LEAD - 2)
    assert hit.terminal_snippet() == "…" + window + "…"


def test_a_query_matching_nothing_or_only_punctuation_finds_nothing(connection: duckdb.DuckDBPyConnection) -> None:
    assert search(connection, "火星探测", LIMIT) == []
    assert search(connection, "，。！？", LIMIT) == []


def test_the_macro_takes_space_separated_words(connection: duckdb.DuckDBPyConnection) -> None:
    rows = connection.execute(f"SELECT notice_id, issue_seq, measure_seq FROM {SEARCH_MACRO}('政府 债务')").fetchall()
    assert rows == [(COUNTY, 1, 2), (COUNTY, 1, None), (COUNTY, 1, 1), (CITY, 2, None)]
    # Unsegmented words that the index does not hold whole find nothing: the segmenter runs outside SQL.
    assert connection.execute(f"SELECT count(*) FROM {SEARCH_MACRO}('政府债务')").fetchone() == (0,)


def test_the_index_is_rebuilt_from_the_marts(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute("INSERT INTO marts.fct_measure VALUES ('n-city-001-001', ?, 1, 1, '建立会议审批制度')", [CITY])
    try:
        assert build_search_index(connection) == len(ISSUES) + len(MEASURES) + 1
        assert found(connection, "审批") == [(CITY, 1, 1)]
    finally:
        connection.execute("DELETE FROM marts.fct_measure WHERE issue_key = 'n-city-001-001'")
        build_search_index(connection)
    assert found(connection, "审批") == []


def invoke(*args: str, data_dir: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["search", *args], env={"NOTICES_DATA_DIR": data_dir})
    assert result.exception is None or isinstance(result.exception, SystemExit), f"uncaught {result.exception!r}"
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("query", ["", "  ", "，。！"])
def test_cli_refuses_a_query_without_a_word_in_one_line(query: str, tmp_path: pytest.TempPathFactory) -> None:
    code, stdout, stderr = invoke(query, data_dir=str(tmp_path))
    assert (code, stdout, stderr) == (1, "", f"notices: error: the query {query!r} has no word to search for\n")


def test_cli_without_a_published_warehouse_fails_in_one_line(tmp_path: pytest.TempPathFactory) -> None:
    code, _, stderr = invoke("债务", data_dir=str(tmp_path))
    published = tmp_path / "warehouse" / "notices.duckdb"  # type: ignore[operator]
    assert (code, stderr) == (1, f"notices: error: no published warehouse at {published}; `notices run` builds it\n")


@pytest.mark.integration
def test_the_published_warehouse_carries_the_macro(sample_build: SampleBuild) -> None:
    with duckdb.connect(str(sample_build.settings.published_path), read_only=True) as published:
        load_fts(published)
        kinds = published.execute(
            "SELECT function_type FROM duckdb_functions() WHERE schema_name = 'marts' AND function_name = 'search_issues'"
        ).fetchall()
        first = published.execute(f"SELECT notice_id, kind, issue_title FROM {SEARCH_MACRO}('债务') LIMIT 1").fetchone()
        documents = published.execute("SELECT count(*) FROM marts.search_documents").fetchone()
        marts = published.execute(
            "SELECT (SELECT count(*) FROM marts.fct_issue) + (SELECT count(*) FROM marts.fct_measure)"
        ).fetchone()
    assert kinds == [("table_macro",)]
    assert first == (SAMPLE_001, "problem", SAMPLE_001_DEBT_PROBLEM)
    assert documents == marts  # one document per problem and per measure


@pytest.mark.integration
def test_cli_lists_sample_001s_debt_problem_first(sample_build: SampleBuild) -> None:
    code, stdout, _ = invoke("债务", data_dir=str(sample_build.settings.data_dir))
    lines = stdout.splitlines()
    assert code == 0
    assert lines[0].startswith(f"1. {SAMPLE_001_DEBT_PROBLEM}  [problem 14, completed, score ")
    assert (
        lines[1] == f"   {SAMPLE_001_TITLE} · 中共江苏XX经济开发区工作委员会 · 2023-05-10"
    )  # its signature date: the page shows no publication date
    assert lines[2] == "   融资平台【债务】规模增长过快"
    assert lines[3].startswith(f"2. {SAMPLE_001_OTHER_DEBT_PROBLEM}  [problem 24, in_progress, score ")


@pytest.mark.integration
def test_cli_json_is_an_array_of_hits(sample_build: SampleBuild) -> None:
    code, stdout, _ = invoke("政府债务", "--json", "--limit", "2", data_dir=str(sample_build.settings.data_dir))
    hits = json.loads(stdout)
    assert code == 0 and len(hits) == 2
    assert {hit["notice_id"] for hit in hits} == {SAMPLE_001}
    assert all("<mark>债务</mark>" in hit["snippet"] and "【" not in hit["snippet"] for hit in hits)
    assert (
        hits[0]["notice_title"] == SAMPLE_001_TITLE and hits[0]["date"] == "2023-05-10"
    )  # signed; no publication date


@pytest.mark.integration
def test_cli_says_so_when_nothing_matches(sample_build: SampleBuild) -> None:
    code, stdout, _ = invoke("火星探测", data_dir=str(sample_build.settings.data_dir))
    assert (code, stdout) == (0, "no problem or measure matches '火星探测' (words: 火星 探测)\n")


def test_changed_notices_without_an_index_build_it_whole() -> None:
    with small_marts() as connection:
        assert build_search_index(connection, changed=f"SELECT '{COUNTY}'") == len(ISSUES) + len(MEASURES)
        assert found(connection, "形式") == [(CITY, 1, None)]  # the city's rows are indexed too
