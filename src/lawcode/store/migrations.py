"""Versioned schema migrations, one list of statements per backend (see docs/decisions/0009).

The table ``lawcode_migrations`` records each migration applied: its number, what it did, when,
and which lawcode applied it. Opening a store applies the missing ones in order, each in its
own transaction; a store whose highest number is above :data:`SCHEMA_VERSION` was written by a
newer lawcode and is refused rather than touched.

A migration is never edited once released: a change to the schema is a new entry at the end.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sqlite: tuple[str, ...]
    postgresql: tuple[str, ...]
    # Every stored version's provision rows are made anew from its stored text (lawcode.store.rows):
    # a change to what a row holds that SQL cannot make. Made once the statements of every pending
    # migration have run, since this lawcode makes rows in the newest schema's shape.
    remake_provision_rows: bool = False
    # After the statements, the citation of every stored container row (a chapter, part or section
    # of articles) is made anew from its eId (lawcode.engine.quote.container_citation).
    recite_containers: bool = False
    # The migration drops a table as large as the store's full-text index: once the update is
    # committed, the store gives its space back (Backend.compact), or SQLite's file would keep it.
    compact: bool = False

    def statements(self, backend: str) -> tuple[str, ...]:
        return self.sqlite if backend == "sqlite" else self.postgresql


# How SQLite's full-text index splits and stems words (also used to cut snippets, see search).
FTS5_TOKENIZER = "porter unicode61"
# How many segments of a level SQLite's full-text index merges into one (FTS5's `automerge`; see
# migration 3), and how many bytes of new words it gathers in memory before it writes them out as a
# segment (`hashsize`; see migration 10).
FTS5_AUTOMERGE = 8
FTS5_HASHSIZE = 16 * 1024 * 1024

# The columns of SQLite's full-text table of search rows (migration 1 spells them out: it is released).
_FTS5_COLUMNS = ("body, heading, version_id UNINDEXED, what UNINDEXED, ref UNINDEXED, kind UNINDEXED, "
                 "actors UNINDEXED, cites UNINDEXED, citation UNINDEXED, ord UNINDEXED")
# ... and since migration 8: the first three are the words searched (their weights in ranking: see
# lawcode.store.search), the rest is kept beside them.
FTS5_COLUMNS = ("body, heading, kinds, version_id UNINDEXED, what UNINDEXED, ref UNINDEXED, kind UNINDEXED, "
                "actors UNINDEXED, cites UNINDEXED, citation UNINDEXED, ord UNINDEXED, parts UNINDEXED")

MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS lawcode_migrations (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    lawcode_version TEXT NOT NULL
)"""

# Columns shared by both backends. Dates are ISO strings (YYYY-MM-DD), which compare as dates do.
_REGULATIONS = """CREATE TABLE regulations (
    id TEXT PRIMARY KEY,
    work_uri TEXT NOT NULL UNIQUE,
    title TEXT
)"""

_VERSIONS = """CREATE TABLE versions (
    id {id_type},
    regulation_id TEXT NOT NULL REFERENCES regulations(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    source_name TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    source_text {blob} NOT NULL,
    title TEXT,
    in_force_from TEXT,
    in_force_until TEXT,
    ingested_at TEXT NOT NULL,
    provision_count INTEGER NOT NULL,
    model_id TEXT,
    model_file TEXT,
    model_source TEXT,
    UNIQUE (regulation_id, number),
    UNIQUE (regulation_id, fingerprint)
)"""

_VERSION_INDEXES = (
    "CREATE INDEX versions_fingerprint ON versions (fingerprint)",
    "CREATE INDEX versions_sha256 ON versions (source_sha256)",
)

# A version's text and model file move out of its row: SQLite stores the columns after a long
# value in the pages that continue it, so every title or date read walked through the whole text
# (a listing of 2,000 versions read 136 MB). PostgreSQL keeps long values apart anyway; the schema
# stays one. The row keeps a digest of the model file instead.
_VERSION_SOURCES = """CREATE TABLE version_sources (
    version_id {key} PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
    source_text {blob} NOT NULL,
    model_source TEXT
);
INSERT INTO version_sources (version_id, source_text, model_source) SELECT id, source_text, model_source FROM versions;
ALTER TABLE versions DROP COLUMN source_text;
ALTER TABLE versions DROP COLUMN model_source;
ALTER TABLE versions ADD COLUMN model_digest TEXT"""

# PostgreSQL (migration 3). Each pair of words in a row of a provision's tsvector, as one lexeme
# "first second" (stemmed, as the tsvector holds them): a phrase query is first narrowed by an index of
# these pairs to the rows where its words stand side by side, instead of re-reading from the table
# every row that holds all its words anywhere (the GIN index of the tsvector keeps no positions):
# "referred paragraph" re-read 13,891 rows for none on 1,000 regulations, 60-110 ms. Made from the
# stored positions, so the pairs hold every pair the phrase operator <-> can match. The index
# computes it once per row written (about 0.1 ms of the server's time a row).
_WORD_PAIRS = """CREATE FUNCTION lawcode_word_pairs(document tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT first.lexeme || ' ' || second.lexeme)), ''::tsvector)
    FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(document)) AS first
    JOIN (SELECT lexeme, unnest(positions) AS position FROM unnest(document)) AS second
    ON second.position = first.position + 1
$$"""

def sampled(key: str, every: int = 8) -> str:
    """The condition that the search row of key ``key`` is among one in ``every`` (a power of 2): runs of
    16 rows in a row out of every 16 * ``every`` of each version, so that the sampled rows read for
    ranking share pages. A smaller sample (larger ``every``) is part of each larger one."""
    return f"mod({key} >> 4, {every}) = 0"


# PostgreSQL (migration 3): the rows a search that matches very many ranks among first (see
# lawcode.store.search): 16 rows in a row out of every 128 of each version (an eighth). Part of a
# released migration: never change it; a different sample is a new migration.
SAMPLED_ROWS = sampled("id")
SAMPLE_EVERY = 8  # one row in SAMPLE_EVERY is sampled

# PostgreSQL (migration 4): a quarter of the search rows (a superset of SAMPLED_ROWS), their keys,
# versions, kinds and tsvectors only, in a narrow table of their own that a trigger keeps as
# search_text's rows are written, changed and removed; its tsvectors are indexed twice: all of them,
# and those of SAMPLED_ROWS. A search that matches very many rows reads its 2,001 candidates'
# tsvectors from here, from about 40 rows a page, all sampled, instead of one or two sampled rows in
# each page of search_text, whose rows also hold the text and the citation (on 1,000 regulations,
# 'person': 337 pages instead of 620); one that matches fewer, among the quarter, where enough of
# them are. search_text's own index of the sample (migration 3) is no longer read.
SAMPLE_TABLE_EVERY = 4
_SAMPLE_TABLE = (
    """CREATE TABLE search_sample (
        id BIGINT PRIMARY KEY,
        version_id BIGINT NOT NULL,
        kind TEXT,
        document tsvector NOT NULL
    )""",
    "INSERT INTO search_sample (id, version_id, kind, document) SELECT id, version_id, kind, document "
    f"FROM search_text WHERE {sampled('id', SAMPLE_TABLE_EVERY)} ORDER BY id",
    "CREATE INDEX search_sample_document ON search_sample USING GIN (document)",
    f"CREATE INDEX search_sample_sampled ON search_sample USING GIN (document) WHERE {SAMPLED_ROWS}",
    """CREATE FUNCTION lawcode_sample_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM search_sample WHERE id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND """ + sampled("NEW.id", SAMPLE_TABLE_EVERY) + """ THEN
        INSERT INTO search_sample (id, version_id, kind, document)
        VALUES (NEW.id, NEW.version_id, NEW.kind, NEW.document);
    END IF;
    RETURN NULL;
END
$$""",
    "CREATE TRIGGER search_text_sample_insert AFTER INSERT ON search_text FOR EACH ROW "
    f"WHEN ({sampled('NEW.id', SAMPLE_TABLE_EVERY)}) EXECUTE FUNCTION lawcode_sample_row()",
    "CREATE TRIGGER search_text_sample_delete AFTER DELETE ON search_text FOR EACH ROW "
    f"WHEN ({sampled('OLD.id', SAMPLE_TABLE_EVERY)}) EXECUTE FUNCTION lawcode_sample_row()",
    "CREATE TRIGGER search_text_sample_update AFTER UPDATE ON search_text FOR EACH ROW "
    f"WHEN ({sampled('OLD.id', SAMPLE_TABLE_EVERY)} OR {sampled('NEW.id', SAMPLE_TABLE_EVERY)}) "
    "EXECUTE FUNCTION lawcode_sample_row()",
    "DROP INDEX search_text_sampled",
)

# A version's full-text rows have the keys version_id * ROWS_PER_VERSION + 0, 1, 2 ...: one range
# per version, so that a search within some versions, or reading one version's rows, is a range
# of the table's own key (FTS5 columns other than the key cannot be indexed). Part of the schema.
ROWS_PER_VERSION = 1 << 20

# PostgreSQL (migrations 11 and 12): make the partition of search_text that holds the rows of
# version ``version`` if there is none yet (see PostgresBackend.room_for_version). Partition n holds
# the versions from 2^n to 2^(n + 1) - 1, each twice as many as the one before, but partition 0,
# which holds those below 2^first: every version below 2 in migration 11's, below 128 since
# migration 12 (see there). Without ANALYZE statistics of its word pairs' index, as migration 6 set
# for the table's (a partitioned index passes that on to the partitions it has, not to those made
# later). With the rights of the role that made it (SECURITY DEFINER), the owner of search_text:
# only the owner may add a partition to a table, and a role that may write the store's rows but
# owns none of its tables (a team's) stores a text as it did before the partitions; the search_path
# it was made with, so that it names no other schema's tables. All it can do is make an empty
# partition. Written without a percent sign or question mark: it is sent as a statement without
# parameters, whose placeholders those would be.
def _search_partition(create: str, first: int) -> str:
    return f"""{create} lawcode_search_partition(version BIGINT) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    n INTEGER := 0;
    part TEXT;
    pairs REGCLASS;
BEGIN
    WHILE (1::BIGINT << (n + 1)) <= version LOOP
        n := n + 1;
    END LOOP;
    IF n < {first} THEN
        n := 0;
    END IF;
    part := 'search_text_' || n;
    IF to_regclass(quote_ident(part)) IS NOT NULL THEN
        RETURN;
    END IF;
    EXECUTE 'CREATE TABLE ' || quote_ident(part) || ' PARTITION OF search_text FOR VALUES FROM ('
        || CASE WHEN n = 0 THEN 0 ELSE (1::BIGINT << n) * {ROWS_PER_VERSION} END || ') TO ('
        || (1::BIGINT << CASE WHEN n = 0 THEN {first} ELSE n + 1 END) * {ROWS_PER_VERSION} || ')';
    SELECT x.indexrelid::regclass INTO pairs FROM pg_inherits i JOIN pg_index x ON x.indexrelid = i.inhrelid
        WHERE i.inhparent = to_regclass('search_text_word_pairs') AND x.indrelid = to_regclass(quote_ident(part));
    IF pairs IS NOT NULL THEN
        EXECUTE 'ALTER INDEX ' || pairs || ' ALTER COLUMN 1 SET STATISTICS 0';
    END IF;
END
$$"""


# Partition 0 holds the versions below 2^_FIRST_PARTITION_BITS (migration 12).
_FIRST_PARTITION_BITS = 7

# The columns of PostgreSQL's search_text that are written (its tsvector, document, is made from them).
_PG_ROW_COLUMNS = "id, version_id, what, ref, kind, actors, cites, citation, ord, heading, body, parts, kinds"


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "regulations, their versions (source text, model) and the full-text index of provisions and norms",
        sqlite=(
            _REGULATIONS,
            _VERSIONS.format(id_type="INTEGER PRIMARY KEY", blob="BLOB"),
            *_VERSION_INDEXES,
            # One row per provision (its own words) and per norm (action, actors, kind), its rowid
            # version_id * 2**20 + its place (see ROWS_PER_VERSION). FTS5 tables take no
            # foreign keys: rows are written and removed with their version.
            """CREATE VIRTUAL TABLE search_text USING fts5(
                body, heading, version_id UNINDEXED, what UNINDEXED, ref UNINDEXED, kind UNINDEXED,
                actors UNINDEXED, cites UNINDEXED, citation UNINDEXED, ord UNINDEXED,
                tokenize = '""" + FTS5_TOKENIZER + """')""",
        ),
        postgresql=(
            _REGULATIONS,
            _VERSIONS.format(id_type="BIGSERIAL PRIMARY KEY", blob="BYTEA"),
            *_VERSION_INDEXES,
            """CREATE TABLE search_text (
                id BIGINT PRIMARY KEY,
                version_id BIGINT NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
                what TEXT NOT NULL, ref TEXT NOT NULL, kind TEXT, actors TEXT, cites TEXT, citation TEXT,
                ord INTEGER NOT NULL, heading TEXT, body TEXT NOT NULL,
                document tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', coalesce(heading, '')), 'A')
                    || setweight(to_tsvector('english', body), 'B')) STORED
            )""",
            "CREATE INDEX search_text_document ON search_text USING GIN (document)",
            "CREATE INDEX search_text_version ON search_text (version_id)",
        ),
    ),
    Migration(
        2,
        "prefix indexes of 4 and 5 letters in SQLite's full-text table, so that a prefix query (perso*) "
        "reads one list of rows instead of merging the lists of every word it begins; each version's text and "
        "model file in a table of its own, so that listing versions never reads them, and a digest of the model "
        "file in the version's row (lawcode.store.prepare.model_digest; empty for the versions stored before)",
        # Why 4 and 5: a prefix of that length begins many words, and FTS5 merges all their
        # lists of rows in full, twice (to find and to rank): 25-65 ms for common ones on 2,000
        # regulations, about 9 ms with the index. Longer prefixes begin few words and are
        # answered in 7-18 ms without one. The two lengths cost the writer half again its
        # full-text CPU, and ingest a fifth to a third of its rate (decision 0013). FTS5 cannot
        # add a prefix index to a table: the rows are copied into a new one. PostgreSQL's GIN
        # index answers prefixes from its index of whole words: nothing changes there.
        sqlite=(
            f"CREATE VIRTUAL TABLE search_text_prefixed USING fts5({_FTS5_COLUMNS}, prefix = '4 5', "
            f"tokenize = '{FTS5_TOKENIZER}')",
            "INSERT INTO search_text_prefixed (rowid, body, heading, version_id, what, ref, kind, actors, cites, "
            "citation, ord) SELECT rowid, body, heading, version_id, what, ref, kind, actors, cites, citation, ord "
            "FROM search_text",
            "DROP TABLE search_text",
            "ALTER TABLE search_text_prefixed RENAME TO search_text",
            *_VERSION_SOURCES.format(key="INTEGER", blob="BLOB").split(";"),
        ),
        postgresql=tuple(_VERSION_SOURCES.format(key="BIGINT", blob="BYTEA").split(";")),
    ),
    Migration(
        3,
        "SQLite's full-text index merges its segments eight at a time instead of four; versions are indexed by "
        "the name of their source file; PostgreSQL: an index of the pairs of adjacent words of each full-text "
        "row, so that a phrase reads only the rows where its words stand side by side, and an index of an eighth "
        "of the rows (16 in every 128), among which a search that matches very many is ranked, so that it no "
        "longer lists every match first",
        # SQLite: FTS5 writes its words out in segments (one each time a megabyte of them is
        # pending) and merges the segments of one level into the next when there are `automerge`
        # of them. At 4 (the default) every word of a large ingest is rewritten at each of more
        # levels: at 8 the writer does about a fifth less work (callgrind, 100 synthetic
        # regulations: 3.56 -> 2.95 billion instructions; 1,000 regulations on a busy machine:
        # 17-18 -> 13.6 ms of CPU a document), and a search reads a few more segments, which did
        # not show in its latency (p99 17-19 ms both).
        # Both: a text stored without a model is matched to the regulation of its file name: that
        # was a scan of every version for each new one.
        # PostgreSQL: see _WORD_PAIRS and SAMPLED_ROWS above, and lawcode.store.search.
        sqlite=(
            "INSERT INTO search_text (search_text, rank) VALUES ('automerge', 8)",
            "CREATE INDEX versions_source_name ON versions (source_name)",
        ),
        postgresql=(
            "CREATE INDEX versions_source_name ON versions (source_name)",
            _WORD_PAIRS,
            "CREATE INDEX search_text_word_pairs ON search_text USING GIN (lawcode_word_pairs(document))",
            f"CREATE INDEX search_text_sampled ON search_text USING GIN (document) WHERE {SAMPLED_ROWS}",
        ),
    ),
    Migration(
        4,
        "PostgreSQL: a quarter of the full-text rows (keys, versions, kinds and words only) in a narrow table "
        "of their own, kept by a trigger, with an index of all of them and one of the sampled eighth, so that a "
        "search that matches very many rows reads its candidates from fewer pages",
        # PostgreSQL only: see _SAMPLE_TABLE above, and lawcode.store.search.
        sqlite=(),
        postgresql=_SAMPLE_TABLE,
    ),
    Migration(
        5,
        "one full-text row per article (its words and its provisions', with the map of where each provision's "
        "words stand) instead of one per provision, so that the store writes about half as much per text and a "
        "search ranks a ninth of the rows; every stored version's rows are made anew from its stored text; "
        "PostgreSQL: the sample of the rows (migrations 3 and 4) is dropped",
        # See lawcode.store.rows and docs/decisions/0013. SQLite: FTS5 cannot add a column, so the
        # norm rows are copied into a new table (keys unchanged: a version's provision rows are now
        # fewer, so theirs never reach the norms'), whose provision rows are then made anew.
        sqlite=(
            f"CREATE VIRTUAL TABLE search_text_articles USING fts5({_FTS5_COLUMNS}, parts UNINDEXED, "
            f"prefix = '4 5', tokenize = '{FTS5_TOKENIZER}')",
            "INSERT INTO search_text_articles (search_text_articles, rank) VALUES ('automerge', 8)",
            "INSERT INTO search_text_articles (rowid, body, heading, version_id, what, ref, kind, actors, cites, "
            "citation, ord, parts) SELECT rowid, body, heading, version_id, what, ref, kind, actors, cites, "
            "citation, ord, '' FROM search_text WHERE what = 'norm'",
            "DROP TABLE search_text",
            "ALTER TABLE search_text_articles RENAME TO search_text",
        ),
        # PostgreSQL: the sample of the rows (migrations 3 and 4) goes first, so that neither the
        # rows removed nor those made anew pass through its trigger. A search that matches very many
        # rows ranked its first candidates among the sample, which held them in fewer pages; with a
        # ninth of the rows it no longer pays for the trigger on every row written (lawcode.store.search).
        postgresql=(
            "DROP TRIGGER search_text_sample_insert ON search_text",
            "DROP TRIGGER search_text_sample_delete ON search_text",
            "DROP TRIGGER search_text_sample_update ON search_text",
            "DROP FUNCTION lawcode_sample_row()",
            "DROP TABLE search_sample",
            "ALTER TABLE search_text ADD COLUMN parts TEXT NOT NULL DEFAULT ''",
            "DELETE FROM search_text WHERE what = 'provision'",
        ),
        remake_provision_rows=True,
    ),
    Migration(
        6,
        "PostgreSQL: ANALYZE no longer gathers statistics of the word pairs of the full-text rows, which cost it "
        "nine tenths of its time and changed no plan of a search",
        # PostgreSQL only. A plain ANALYZE of search_text (autovacuum's, or an ingest's: see
        # PostgresBackend.bulk_writes) also gathers statistics of each expression an index holds, and
        # so computed lawcode_word_pairs() for each of its 30,000 sampled rows: 3.3 s of the server's CPU
        # on 2,000 synthetic regulations, against 0.4 s for all the columns. The planner used them to
        # guess how many rows a phrase's pairs match; with none, the 1,000 queries of the store
        # benchmark get the same plans (only the order of a join with a one-row CTE differs in 9). A
        # store analyzed before keeps the statistics it had: ANALYZE no longer replaces them.
        sqlite=(),
        postgresql=("ALTER INDEX search_text_word_pairs ALTER COLUMN 1 SET STATISTICS 0",),
    ),
    Migration(
        7,
        "a chapter, part or section of articles is cited with the containers it is in (\"Chapter IV, Section 2\", "
        "not \"s. 2\"; \"Part 2, Chapter 1\", not \"Chapter 1\"): the stored container rows are cited anew",
        sqlite=(),
        postgresql=(),
        recite_containers=True,
    ),
    Migration(
        8,
        "each full-text row names the kinds of provision or norm it holds in a column of the full-text index, "
        "so that a search narrowed by kind is answered by the index instead of reading every matching row",
        # See lawcode.store.rows (kinds, kind_marker) and docs/decisions/0015. SQLite: FTS5 cannot add a
        # column, so the rows are copied into a new table, each article row's kinds read from its map of
        # parts (as kind_marker writes them).
        sqlite=(
            f"CREATE VIRTUAL TABLE search_text_kinds USING fts5({FTS5_COLUMNS}, "
            f"prefix = '4 5', tokenize = '{FTS5_TOKENIZER}')",
            "INSERT INTO search_text_kinds (search_text_kinds, rank) VALUES ('automerge', 8)",
            "INSERT INTO search_text_kinds (rowid, body, heading, kinds, version_id, what, ref, kind, actors, cites, "
            "citation, ord, parts) SELECT rowid, body, heading, CASE WHEN parts = '' "
            "THEN 'kind' || replace(kind, '_', '') ELSE (SELECT group_concat(k, ' ') FROM (SELECT DISTINCT "
            "'kind' || replace(json_extract(value, '$[2]'), '_', '') AS k FROM json_each(parts) ORDER BY k)) END, "
            "version_id, what, ref, kind, actors, cites, citation, ord, parts FROM search_text",
            "DROP TABLE search_text",
            "ALTER TABLE search_text_kinds RENAME TO search_text",
        ),
        postgresql=(
            "ALTER TABLE search_text ADD COLUMN kinds TEXT NOT NULL DEFAULT ''",
            "UPDATE search_text SET kinds = CASE WHEN parts = '' THEN 'kind' || replace(kind, '_', '') ELSE "
            "array_to_string(array(SELECT DISTINCT 'kind' || replace(part->>2, '_', '') FROM "
            "json_array_elements(parts::json) AS part ORDER BY 1), ' ') END",
            # An index of the markers, which the planner combines with the words' index for a kind
            # that few rows hold (its statistics tell it which), so that such a search reads only
            # the rows that hold both (docs/decisions/0015).
            "CREATE INDEX search_text_kinds ON search_text USING GIN (to_tsvector('simple', kinds))",
        ),
    ),
    Migration(
        9,
        "an article row's map of parts no longer holds each part's citation: a search works it out from the "
        "eIds and the map for the parts it shows",
        # No statement: maps stored before keep their citations, which a search reads (see
        # lawcode.store.rows). The number tells an older lawcode, which expects a citation in every
        # part, that it cannot read the maps written since.
        sqlite=(),
        postgresql=(),
    ),
    Migration(
        10,
        "SQLite's full-text index has no prefix indexes (migration 2) any more: a prefix query (perso*) merges the "
        "lists of rows of the words it begins, which since an article is a row (migration 5) takes 5-18 ms on "
        "2,000 regulations, and each word of an ingest is indexed once instead of three times; the index gathers "
        "up to 16 MB of new words in memory before it writes them out, so that a batch of an ingest is one "
        "segment; every full-text row is copied into the new table",
        # SQLite only; see docs/decisions/0016 (round ten). Migration 2 added the prefix indexes when
        # a provision was a row: a common 5-letter prefix then took 25-65 ms without them. With a row
        # per article (nine times fewer rows), the store benchmark's 1,000 queries on 2,000 synthetic
        # regulations, each timed twice, best kept: p99 12.0 ms without, 7.9 with; its prefix queries
        # median 5.8 against 4.5 ms, the slowest (with*, contr*, perso*) 16-18 against 8; the hits,
        # scores, snippets and caps of those and 150 more prefix queries of 3, 4 and 6 letters are the
        # same. The writer: 9.1 million instructions a text against 13.3 (cachegrind, 200 synthetic
        # regulations in batches of 25), the store 12% smaller.
        # hashsize: FTS5 writes the words it has gathered when a transaction commits, or sooner when
        # it holds that many bytes; at the default 1 MB a batch of 25 of the benchmark's texts was
        # written out as several segments, each merged with the others again later (writer
        # instructions 9.6 million a text at 1 MB, 9.1 at 16; with the prefix indexes 16.1 and 13.3).
        # 16 MB leaves room for batches of larger texts (25 of GDPR's size); it is memory of the
        # writing process only while it writes.
        # FTS5 cannot drop a prefix index: the rows are copied into a new table, keys unchanged.
        sqlite=(
            f"CREATE VIRTUAL TABLE search_text_unprefixed USING fts5({FTS5_COLUMNS}, "
            f"tokenize = '{FTS5_TOKENIZER}')",
            f"INSERT INTO search_text_unprefixed (search_text_unprefixed, rank) VALUES ('automerge', {FTS5_AUTOMERGE})",
            f"INSERT INTO search_text_unprefixed (search_text_unprefixed, rank) VALUES ('hashsize', {FTS5_HASHSIZE})",
            "INSERT INTO search_text_unprefixed (rowid, body, heading, kinds, version_id, what, ref, kind, actors, "
            "cites, citation, ord, parts) SELECT rowid, body, heading, kinds, version_id, what, ref, kind, actors, "
            "cites, citation, ord, parts FROM search_text",
            "DROP TABLE search_text",
            "ALTER TABLE search_text_unprefixed RENAME TO search_text",
        ),
        postgresql=(),
        compact=True,
    ),
    Migration(
        11,
        "PostgreSQL: each full-text row keeps its tsvector in the row itself, not in the table's TOAST store, and "
        "the rows are partitioned by version, each partition twice as many versions as the one before, so that "
        "ranking a search's candidates reads no TOAST index and a word or prefix that very many rows hold lists "
        "the rows of the first partitions only, not of the whole table; the rows are copied into the new table",
        # PostgreSQL only; see docs/decisions/0017.
        # The tsvector in the row: an article row above 2 KB (heading, words, map of parts, tsvector) had
        # its largest values moved out, the tsvector too, and a search reads the tsvector of each of its up
        # to 1,001 candidates to rank them: three buffers a row through the TOAST index, most of the
        # search's time. STORAGE MAIN moves the words and the map out first and keeps the tsvector in the
        # row unless the row would not fit in a page (the largest of 2,000 synthetic regulations' are about
        # 4 KB). The store benchmark's 1,000 queries, the candidates found and ranked alone (three
        # interleaved rounds): median 5.2-5.8 ms against 7.8-8.5, their sum a third less.
        # The partitions: a search ranks the first CANDIDATES + 1 rows stored that match, but the GIN index
        # lists every matching row of the table before the first is read: for a common word or prefix of
        # 2,000 synthetic regulations (perso*: 65,000 rows) that took 10-14 ms, the slowest part of the
        # slowest searches. Each partition has its own indexes, and the rows are read partition by
        # partition, in the order of their keys, until enough match. The same queries, 8 equal partitions
        # against one table (the phrases left out, which the index of word pairs narrows first): median
        # 4.1 ms against 5.6-6.0, p99 8.0-9.7 against 15.0-17.1. Which rows are candidates is unchanged.
        # A partition is made when a version's rows are first written to it (lawcode_search_partition).
        # Each holds twice the versions of the one before (1, 2-3, 4-7, ... 1,024-2,047): the first
        # 1,001 rows of a common word are in the first, small ones, and n versions make log2(n) + 1
        # partitions, which planning a search reads each of (11 for 2,000 versions, 21 for a million),
        # where partitions of a fixed size would grow with the corpus.
        # The tsvectors are made anew as the rows are copied (a generated column cannot be copied), and
        # the index of word pairs: 31 s for 2,000 regulations, once.
        sqlite=(),
        postgresql=(
            "ALTER TABLE search_text ALTER COLUMN document SET STORAGE MAIN",
            "ALTER TABLE search_text RENAME TO search_text_unpartitioned",
            "CREATE TABLE search_text (LIKE search_text_unpartitioned INCLUDING DEFAULTS INCLUDING GENERATED "
            "INCLUDING STORAGE) PARTITION BY RANGE (id)",
            _search_partition("CREATE FUNCTION", 1),
            "SELECT lawcode_search_partition(version_id) FROM (SELECT DISTINCT version_id FROM "
            "search_text_unpartitioned) AS stored",
            f"INSERT INTO search_text ({_PG_ROW_COLUMNS}) SELECT {_PG_ROW_COLUMNS} FROM search_text_unpartitioned "
            "ORDER BY id",
            "DROP TABLE search_text_unpartitioned",
            "ALTER TABLE search_text ADD PRIMARY KEY (id)",
            "ALTER TABLE search_text ADD FOREIGN KEY (version_id) REFERENCES versions(id) ON DELETE CASCADE",
            "CREATE INDEX search_text_version ON search_text (version_id)",
            "CREATE INDEX search_text_document ON search_text USING GIN (document)",
            "CREATE INDEX search_text_word_pairs ON search_text USING GIN (lawcode_word_pairs(document))",
            "ALTER INDEX search_text_word_pairs ALTER COLUMN 1 SET STATISTICS 0",
            "CREATE INDEX search_text_kinds ON search_text USING GIN (to_tsvector('simple', kinds))",
        ),
    ),
    Migration(
        12,
        "PostgreSQL: the first partition of the full-text rows holds every version below 128 (partitions 0 to 6 "
        "of migration 11 are one), so that planning a search reads 5 partitions instead of 11 for 2,000 "
        "versions; the rows of those versions are copied into it",
        # PostgreSQL only; see docs/decisions/0017 (round twelve). Planning a search reads every
        # partition and its indexes: on 2,000 synthetic regulations, 0.49 ms with the seven first
        # partitions as one against 0.86, the search's total 5% less; running it costs the same (a
        # common word's first 1,001 rows are in the first 30 versions or so, which the seven made
        # one bitmap of rows either way). Each later partition still holds twice the versions of the
        # one before, so that their number grows as the log of the corpus. The rows copied wait in
        # the GIN indexes' lists of pending entries, which every search would read through until
        # autovacuum's next round (searches a quarter slower): they are put in the indexes at once.
        # The new partition is left to autovacuum to analyze, as migration 11 left the table: ANALYZE
        # in the transaction that made the partition gathered statistics of its word pairs, which
        # migration 6 turned off.
        sqlite=(),
        postgresql=(
            _search_partition("CREATE OR REPLACE FUNCTION", _FIRST_PARTITION_BITS),
            f"""DO $$
DECLARE
    merged BOOLEAN := false;
BEGIN
    FOR k IN 0..{_FIRST_PARTITION_BITS - 1} LOOP
        IF to_regclass('search_text_' || k) IS NOT NULL THEN
            EXECUTE 'ALTER TABLE search_text DETACH PARTITION search_text_' || k;
            EXECUTE 'ALTER TABLE search_text_' || k || ' RENAME TO search_text_merged_' || k;
            merged := true;
        END IF;
    END LOOP;
    IF merged THEN
        PERFORM lawcode_search_partition(1);
        FOR k IN 0..{_FIRST_PARTITION_BITS - 1} LOOP
            IF to_regclass('search_text_merged_' || k) IS NOT NULL THEN
                EXECUTE 'INSERT INTO search_text ({_PG_ROW_COLUMNS}) SELECT {_PG_ROW_COLUMNS} '
                    || 'FROM search_text_merged_' || k || ' ORDER BY id';
                EXECUTE 'DROP TABLE search_text_merged_' || k;
            END IF;
        END LOOP;
        PERFORM gin_clean_pending_list(x.indexrelid::regclass) FROM pg_index x JOIN pg_class c
            ON c.oid = x.indexrelid JOIN pg_am a ON a.oid = c.relam
            WHERE x.indrelid = to_regclass('search_text_0') AND a.amname = 'gin';
    END IF;
END
$$""",
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version
