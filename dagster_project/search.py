"""Full-text search over problems and measures: BM25 from DuckDB's fts extension on segmented Chinese.

Chinese has no spaces between words and fts splits on a regex, so every text is segmented first
and stored with its words joined by spaces (`marts.search_documents.segmented_text`). The
segmenter is **rjieba** (jieba's algorithm and dictionary in Rust), measured by
`bench/segment_bench.py` on the 260 problems and measures of the three samples (37,302 chars,
search mode, warm; two runs on a shared 2-core machine): rjieba 2.5 and 5.3 M chars/s against
jieba's 81 and 253 k chars/s (31x, 21x), and 0.5 and 0.15 s against 4.0 and 1.0 s to import and
load the dictionary in a fresh process. Both cut every phrase tried alike
(政府/债务, 土地/使用, 违规/吃喝, 形式/主义/形式主义); of 260 texts they differ only where a hyphen
joins digits (rjieba keeps 5-10 whole, jieba cuts 5/-/10), which the index splits on anyway.

- **Texts are cut in search mode** (`cut_for_search`: a long word and its parts, 形式主义 →
  形式, 主义, 形式主义), **queries in precise mode** (`cut`: 形式主义): a query for a part (形式)
  finds the whole word, and a query for the whole word does not rank texts holding only a part
  (社会主义) above the texts that say it.
- **Tokenizer.** fts lowercases a text, replaces what its `ignore` regex matches by a space and
  splits on whitespace. Its default ignore, `(\\.|[^a-z])+`, replaces every CJK character, so the
  index is created with `IGNORE_REGEX`, which drops only whitespace, punctuation and symbols
  (。，“”《》、-% …); stemmer and stopwords are off (English rules mean nothing here).
- **The query.** SQL cannot run the segmenter, so the table macro `marts.search_issues(query)`
  takes words separated by spaces, as the segmenter would cut them ('政府 债务'); one word needs
  none ('债务'). `search` (and `notices search`) segments a raw query (precise mode, above) and
  passes its words to the macro. Texts holding more of the query's words, and rarer ones, rank first
  (BM25; a text holding any of the words is found). The snippet marks every occurrence of the
  query's words in the text: 【债务】 on the terminal, `<mark>债务</mark>` in `--json` (there the
  text around the marks is HTML-escaped, so it can be put into a page as is; `text` is raw).
- **Readers** of the published file need the extension loaded to call the macro: `INSTALL fts;
  LOAD fts;` where DuckDB can download, or `load_fts` (`LOAD '<path>'` of the file in the
  `duckdb-extension-fts` package) where it cannot.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date

import duckdb
import pyarrow as pa
import regex
import rjieba

from .extensions import extension_file, load_extension
from .sql import literal
from .workers import scheduled_ahead, usable_cores, worker_context

FTS_EXTENSION = extension_file("fts")
# Whitespace, punctuation and symbols separate words; every letter, digit and CJK character is kept.
IGNORE_REGEX = r"[\s\p{P}\p{S}]+"
# Where segmented_text is cut into words. A superset of IGNORE_REGEX as DuckDB's RE2 reads it
# (RE2's \s is ASCII whitespace; this \s is all of Unicode's, and `regex` knows characters of
# later Unicode versions): so no word of segmented_text holds a character at which the index's
# tokenizer would cut it, and the index can be filled by splitting at spaces.
_SEPARATORS = regex.compile(r"[\s\p{P}\p{S}]+")
# The tokens other than words remembered with their words: punctuation and numbers like 5-10.
DISTINCT_SEPARATED_TOKENS = 65_536

DOCUMENTS_TABLE = "marts.search_documents"
FTS_SCHEMA = "fts_marts_search_documents"  # what create_fts_index names the index of that table
SEARCH_MACRO = "marts.search_issues"
# Best first, ties in the notice's order. The macro orders so, and `search` again: an outer LIMIT
# need not keep the order of the query it reads.
_RANKING = "score DESC, notice_id, issue_seq, measure_seq NULLS FIRST"
# Comments for SQL and BI tools, as every mart table and column has.
DOCUMENT_COMMENTS = {
    None: "One row per problem (fct_issue) and per measure (fct_measure), segmented for full-text search; "
    "query it through marts.search_issues(query).",
    "document_key": "issue_key for a problem; issue_key-NNN (the measure's position) for a measure.",
    "notice_id": "The notice (dim_notice).",
    "kind": "problem or measure.",
    "issue_seq": "The problem's position in the notice.",
    "measure_seq": "The measure's position within the problem; null for a problem.",
    "text": "What is searched, as the notice writes it: a problem's title (and its text when it lists no measures), "
    "or a measure's text.",
    "segmented_text": "text cut into words by rjieba (search mode), separated by spaces: what the fts index holds.",
}
# The index as the extension makes it. Also the reference the tests compare an index with.
FTS_INDEX_PRAGMA = (
    f"PRAGMA create_fts_index('{DOCUMENTS_TABLE}', 'document_key', 'segmented_text', stemmer='none', "
    f"stopwords='none', ignore='{IGNORE_REGEX}', strip_accents=0, lower=1, overwrite=1)"
)
# Documents per segmenting task: the inter-process cost of a batch is small beside its 1–2 s.
SEGMENT_BATCH_DOCUMENTS = 20_000
# Batches sent ahead per worker: every worker busy while this process inserts a batch.
BATCHES_AHEAD_PER_WORKER = 2
# Fewer documents than this are segmented in this process: starting the workers (each loads the
# dictionary) costs more than an incremental night's few thousand documents take.
POOL_FROM_DOCUMENTS = 50_000

SNIPPET_CHARS = 80  # a snippet is one terminal line of Chinese
SNIPPET_LEAD = 20  # characters shown before the first match


def load_fts(connection: duckdb.DuckDBPyConnection) -> None:
    """fts from the installed package's file: the extension cannot be downloaded here."""
    load_extension(connection, "fts")


@functools.lru_cache(maxsize=DISTINCT_SEPARATED_TOKENS)
def _token_words(token: str) -> str:
    """A token that is not all letters and digits (，, 5-10, a space) cut at its separators."""
    return _SEPARATORS.sub(" ", token).strip(" ")


def _joined_words(tokens: list[str]) -> str:
    """The words of the tokens, lowercased (as fts lowercases), cut at separators (。，“ and the
    hyphen of 5-10) and joined by single spaces.

    A loop rather than one regex over the joined text: most tokens are words (isalnum) and the
    others repeat (，。、), so this takes a third of the time of `_SEPARATORS.sub` over the whole
    (measured on 50,000 documents of the 10,000-notice bench)."""
    words = []
    for token in tokens:
        if token.isalnum():
            words.append(token)
        elif separated := _token_words(token):
            words.append(separated)
    return " ".join(words).lower()


def _split(joined: str) -> list[str]:
    return joined.split(" ") if joined else []


def segmented(text: str) -> str:
    """The segmented_text of a document: its words in search mode (a long word and its parts),
    joined by single spaces for fts to split."""
    return _joined_words(rjieba.cut_for_search(text))


def index_words(text: str) -> list[str]:
    """What a text is indexed by: the words of its segmented_text."""
    return _split(segmented(text))


def query_words(query: str) -> list[str]:
    """What a query looks for: its words in precise mode, each once, in order. The index holds
    every such word of a text (search mode adds parts to precise mode's words, never drops one)."""
    return list(dict.fromkeys(_split(_joined_words(rjieba.cut(query)))))


def segment_texts(texts: list[str | None]) -> list[str | None]:
    """segmented() of each text (None stays None): one task of the segmenting workers."""
    return [None if text is None else segmented(text) for text in texts]


def build_search_index(
    connection: duckdb.DuckDBPyConnection, changed: str | None = None, pool_from: int = POOL_FROM_DOCUMENTS
) -> int:
    """marts.search_documents, its fts index and the marts.search_issues macro in the build file;
    the number of documents indexed.

    `changed` (a query of notice ids) limits the work to those notices' problems and measures: the
    other rows are kept, those of changed and gone notices are deleted from the table and the
    index (`_delete_stale`), and the changed notices' rows are added. Without it, or without an
    index to update, the table and the index are made anew, empty, and every row is added. Either
    way the rows added are segmented in batches (by worker processes from `pool_from` documents
    on) and indexed by `_index_new_documents`.

    Not one transaction: a transaction kept its 870,000 new rows in memory until the commit (the
    process grew to 1.4 GB at 10,000 notices, and writing the index's terms took 16 s instead of
    4). Nothing needs it: this writes the build file, which is published only when the whole
    run succeeds, and every run starts its build from the published file (publish.start_build)."""
    load_fts(connection)
    tables = connection.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND (schema_name = 'marts' AND table_name = 'search_documents' OR schema_name = ? AND table_name = 'docs')",
        [FTS_SCHEMA],
    ).fetchone()
    update = changed is not None and tables is not None and tables[0] == 2
    new_rows = f"WHERE notice_id IN ({changed})" if update else ""
    if update and changed is not None:  # (update implies it; mypy cannot tell)
        _delete_stale(connection, changed)
    else:
        connection.execute(
            f"CREATE OR REPLACE TABLE {DOCUMENTS_TABLE} AS "
            f"SELECT *, NULL::VARCHAR AS segmented_text FROM ({_DOCUMENTS}) LIMIT 0"
        )
        # Made on the empty table, the index's tables, tokenizer and match_bm25 macro are the
        # extension's own; its rows are added below, set-based (create_fts_index over every row
        # tokenizes with a regex and fills its columns by correlated updates: 36 s at 10,000
        # notices, against about 17 s).
        connection.execute(FTS_INDEX_PRAGMA)
        _create_macro(connection)
    _insert_segmented(connection, new_rows, pool_from)
    _index_new_documents(connection, new_rows)
    row = connection.execute(f"SELECT count(*) FROM {DOCUMENTS_TABLE}").fetchone()
    return row[0] if row else 0


_DOCUMENTS = """
    -- A problem is found by its statement (the title) and what its text says was done; when the
    -- text is split into measures, those are documents of their own and the problem's is its
    -- title: the same words are not segmented and indexed twice (at 10,000 notices that halved
    -- the index: 128 M characters of problems and measures).
    SELECT issue_key AS document_key, notice_id, 'problem' AS kind, issue_seq,
           NULL::INTEGER AS measure_seq,
           CASE WHEN measure_count > 0 THEN title ELSE concat_ws(chr(10), title, nullif(text, '')) END AS text
    FROM marts.fct_issue
    UNION ALL
    SELECT issue_key || '-' || lpad(CAST(measure_seq AS VARCHAR), 3, '0'), notice_id, 'measure',
           issue_seq, measure_seq, text
    FROM marts.fct_measure
"""


def _insert_segmented(connection: duckdb.DuckDBPyConnection, new_rows: str, pool_from: int) -> None:
    """The documents `new_rows` selects, segmented, inserted into marts.search_documents.

    They are read in batches by a cursor of their own (reading while this connection writes) and
    segmented by a process per core when there are `pool_from` or more: rjieba holds the GIL,
    and at 10,000 notices its 72 M characters take about 20 s on one core."""
    documents = f"SELECT * FROM ({_DOCUMENTS}) {new_rows}"
    counted = connection.execute(f"SELECT count(*) FROM ({documents})").fetchone()
    workers = usable_cores() if counted and counted[0] >= pool_from else 1
    reader = connection.cursor().execute(documents).to_arrow_reader(SEGMENT_BATCH_DOCUMENTS)

    def insert(batch: pa.RecordBatch, segmented_texts: list[str | None]) -> None:
        segmented_batch = pa.Table.from_batches([batch]).append_column(
            "segmented_text", pa.array(segmented_texts, type=pa.string())
        )
        connection.register("segmented_batch", segmented_batch)
        connection.execute(f"INSERT INTO {DOCUMENTS_TABLE} BY NAME SELECT * FROM segmented_batch")
        connection.unregister("segmented_batch")

    if workers == 1:
        for batch in reader:
            insert(batch, segment_texts(batch.column("text").to_pylist()))
        return
    with ProcessPoolExecutor(workers, mp_context=worker_context()) as pool:
        batches = scheduled_ahead(
            lambda batch: pool.submit(segment_texts, batch.column("text").to_pylist()),
            reader,
            workers * BATCHES_AHEAD_PER_WORKER,
        )
        for batch, segmenting in batches:
            insert(batch, segmenting.result())


def _delete_stale(connection: duckdb.DuckDBPyConnection, notices: str) -> None:
    """The documents of `notices` (a query of notice ids) and of the notices gone from
    marts.dim_notice deleted from marts.search_documents and the fts index: their terms, their
    docs rows and the document frequencies they counted in."""
    stale = f"notice_id IN ({notices}) OR notice_id NOT IN (SELECT notice_id FROM marts.dim_notice)"
    fts = FTS_SCHEMA
    connection.execute(f"""
        CREATE OR REPLACE TEMP TABLE stale_docs AS
        SELECT docid FROM {fts}.docs
        WHERE name IN (SELECT document_key FROM {DOCUMENTS_TABLE} WHERE {stale})
    """)
    connection.execute(f"""
        UPDATE {fts}.dict SET df = dict.df - stale.documents
        FROM (
            SELECT termid, count(DISTINCT docid) AS documents FROM {fts}.terms
            WHERE docid IN (SELECT docid FROM stale_docs) GROUP BY termid
        ) AS stale
        WHERE dict.termid = stale.termid
    """)
    connection.execute(f"DELETE FROM {fts}.terms WHERE docid IN (SELECT docid FROM stale_docs)")
    connection.execute(f"DELETE FROM {fts}.docs WHERE docid IN (SELECT docid FROM stale_docs)")
    connection.execute(f"DELETE FROM {fts}.dict WHERE df = 0")  # a rebuild holds no term of no document
    connection.execute(f"DELETE FROM {DOCUMENTS_TABLE} WHERE {stale}")
    connection.execute("DROP TABLE stale_docs")


def _index_new_documents(connection: duckdb.DuckDBPyConnection, new_rows: str) -> None:
    """The documents `new_rows` selects from marts.search_documents added to the fts index, as
    create_fts_index would hold them.

    DuckDB's fts index is tables (fts_marts_search_documents.docs, terms, dict, stats) that its
    match_bm25 macro reads. The rows are added set-based: each document's terms are its
    segmented_text lowercased and split at its spaces, which is what the index's `tokenize`
    macro makes of it (segmented() leaves no separator inside a word, and stopwords and stemmer
    are off), without running tokenize's regex over every character. New terms join the
    dictionary, every term's document frequency grows by the new documents holding it, and the
    collection's statistics are computed again. The term and document ids differ from
    create_fts_index's, which match_bm25 never compares; tests/test_search.py checks that the
    scores and the tables' contents equal those of create_fts_index over the same table."""
    fts = FTS_SCHEMA
    # Ids only need to be new: match_bm25 joins on them, never orders by them.
    connection.execute(f"""
        CREATE OR REPLACE TEMP TABLE fresh_docs AS
        SELECT (SELECT coalesce(max(docid), -1) FROM {fts}.docs) + row_number() OVER () AS docid,
               document_key AS name, lower(coalesce(segmented_text, '')) AS words
        FROM {DOCUMENTS_TABLE} {new_rows}
    """)
    connection.execute("""
        CREATE OR REPLACE TEMP TABLE fresh_terms AS
        SELECT docid, term FROM (SELECT docid, unnest(string_split(words, ' ')) AS term FROM fresh_docs)
        WHERE term <> ''
    """)
    connection.execute(f"""
        INSERT INTO {fts}.dict
        SELECT (SELECT coalesce(max(termid), -1) FROM {fts}.dict) + row_number() OVER (), term, 0
        FROM (SELECT DISTINCT term FROM fresh_terms WHERE term NOT IN (SELECT term FROM {fts}.dict))
    """)
    # A document's distinct words per document first: far cheaper than count(DISTINCT docid) over
    # every occurrence (5.6 s against 10.4 s at 10,000 notices).
    connection.execute(f"""
        UPDATE {fts}.dict SET df = dict.df + fresh.documents
        FROM (
            SELECT term, count(*) AS documents
            FROM (SELECT unnest(list_distinct(string_split(words, ' '))) AS term FROM fresh_docs)
            WHERE term <> '' GROUP BY term
        ) AS fresh
        WHERE dict.term = fresh.term
    """)
    connection.execute(f"""
        INSERT INTO {fts}.docs
        SELECT d.docid, d.name, coalesce(t.terms, 0)
        FROM fresh_docs AS d LEFT JOIN (SELECT docid, count(*) AS terms FROM fresh_terms GROUP BY docid) AS t
            USING (docid)
    """)
    connection.execute(f"""
        INSERT INTO {fts}.terms
        SELECT t.docid, f.fieldid, d.termid
        FROM fresh_terms AS t INNER JOIN {fts}.dict AS d USING (term) CROSS JOIN {fts}.fields AS f
    """)
    connection.execute(f"DELETE FROM {fts}.stats")
    connection.execute(f"INSERT INTO {fts}.stats SELECT count(docid), sum(len) / count(len) FROM {fts}.docs")
    for table in ("fresh_docs", "fresh_terms"):
        connection.execute(f"DROP TABLE {table}")


def take_notices_from(connection: duckdb.DuckDBPyConnection, other: str, notices: str) -> None:
    """The search documents of `notices` (a query of notice ids) replaced, in the table and the fts
    index, by those of the warehouse attached as `other`, which are segmented already; and those
    of notices gone from marts.dim_notice removed. How a build file one night behind takes the
    night it missed (recycle.py) without segmenting it again."""
    load_fts(connection)
    _delete_stale(connection, notices)
    connection.execute(
        f"INSERT INTO {DOCUMENTS_TABLE} BY NAME SELECT * FROM {other}.{DOCUMENTS_TABLE} WHERE notice_id IN ({notices})"
    )
    _index_new_documents(connection, f"WHERE notice_id IN ({notices})")


def _create_macro(connection: duckdb.DuckDBPyConnection) -> None:
    """marts.search_issues and the comments of the table and the macro (made with the index)."""
    for column, comment in DOCUMENT_COMMENTS.items():
        target = f"TABLE {DOCUMENTS_TABLE}" if column is None else f"COLUMN {DOCUMENTS_TABLE}.{column}"
        connection.execute(f"COMMENT ON {target} IS {literal(comment)}")
    connection.execute(f"""
        CREATE OR REPLACE MACRO {SEARCH_MACRO}(query) AS TABLE
        SELECT d.notice_id, n.title AS notice_title, n.issuer,
               coalesce(n.published_date, n.signed_date, n.as_of_date) AS notice_date, d.kind, d.issue_seq,
               d.measure_seq, i.title AS issue_title, i.status, d.score, d.text
        FROM (
            SELECT *, {FTS_SCHEMA}.match_bm25(document_key, query) AS score FROM {DOCUMENTS_TABLE}
        ) AS d
        INNER JOIN marts.dim_notice AS n USING (notice_id)
        INNER JOIN marts.fct_issue AS i USING (notice_id, issue_seq)
        WHERE d.score IS NOT NULL
        ORDER BY {_RANKING}
    """)
    connection.execute(
        f"COMMENT ON MACRO TABLE {SEARCH_MACRO} IS 'BM25-ranked problems and measures. query: words "
        "separated by spaces as the rjieba segmenter cuts them (政府 债务); one word needs none. "
        "Needs the fts extension loaded (INSTALL fts; LOAD fts; or LOAD the file of duckdb-extension-fts).'"
    )


@dataclass(frozen=True)
class Hit:
    """One problem or measure found, with the words of the query that it holds."""

    notice_id: str
    notice_title: str | None
    issuer: str | None
    notice_date: date | None
    kind: str
    issue_seq: int
    measure_seq: int | None
    issue_title: str
    status: str | None
    score: float
    text: str
    words: tuple[str, ...]

    def snippet(self, open_mark: str, close_mark: str, escape: Callable[[str], str] = str) -> str:
        """Up to SNIPPET_CHARS of the text on one line from just before the first match, each
        match between the marks; `escape` applies to the text, never to the marks."""
        text = " ".join(self.text.split())
        longest_first = sorted(self.words, key=len, reverse=True)  # 形式主义 marked whole, not 形式
        spans: list[tuple[int, int]] = []
        for match in re.finditer("|".join(map(re.escape, longest_first)), text, re.IGNORECASE):
            if spans and spans[-1][1] == match.start():  # 违规吃喝 is one mark, not 【违规】【吃喝】
                spans[-1] = (spans[-1][0], match.end())
            else:
                spans.append(match.span())
        start = max(spans[0][0] - SNIPPET_LEAD, 0) if spans else 0
        end = min(start + SNIPPET_CHARS, len(text))
        parts, position = ["…" if start else ""], start
        for match_start, match_end in spans:
            if match_start >= end:
                break
            match_end = min(match_end, end)
            parts += [escape(text[position:match_start]), open_mark, escape(text[match_start:match_end]), close_mark]
            position = match_end
        parts += [escape(text[position:end]), "…" if end < len(text) else ""]
        return "".join(parts)

    def terminal_snippet(self) -> str:
        return self.snippet("【", "】")

    def html_snippet(self) -> str:
        """The snippet for a page: the text HTML-escaped, the matches in <mark>."""
        return self.snippet("<mark>", "</mark>", lambda part: html.escape(part, quote=False))


def search(connection: duckdb.DuckDBPyConnection, query: str, limit: int) -> list[Hit]:
    """The best `limit` problems and measures for a raw query (segmented here, as the index was);
    none for a query without a word."""
    words = query_words(query)
    if not words:
        return []
    load_fts(connection)
    result = connection.execute(
        f"SELECT * FROM {SEARCH_MACRO}(?) ORDER BY {_RANKING} LIMIT ?", [" ".join(words), limit]
    )
    columns = [column[0] for column in result.description]  # the macro's columns are Hit's fields
    return [Hit(**dict(zip(columns, row)), words=tuple(words)) for row in result.fetchall()]


def hits_as_json(hits: Sequence[Hit]) -> list[dict[str, object]]:
    return [
        {
            "notice_id": hit.notice_id,
            "notice_title": hit.notice_title,
            "issuer": hit.issuer,
            "date": hit.notice_date.isoformat() if hit.notice_date else None,
            "kind": hit.kind,
            "issue_seq": hit.issue_seq,
            "measure_seq": hit.measure_seq,
            "issue_title": hit.issue_title,
            "status": hit.status,
            "score": hit.score,
            "snippet": hit.html_snippet(),
            "text": hit.text,
        }
        for hit in hits
    ]
