"""search index

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 21:40:00.000000

Per searchable kind (song, artist, album, genre, playlist) a ``search_<kind>`` table of
folded names and word documents, kept exact by triggers on the tables it derives from
(no reindex job), and a lexicon of words for typo candidates.

PostgreSQL: ``unaccent`` wrapped in IMMUTABLE functions; a weighted ``tsvector`` per row
(A: the name, B: artists' names, C: the album's title) under GIN; the folded name under a
btree for exact and prefix matches; popularity copied beside it so ranked reads never
touch the catalog tables; ``search_term``, the lexicon, under a pg_trgm GIN index.
``search_rebuild()`` refills everything in bulk (this migration, bulk loads).

SQLite: FTS5 tables (unicode61, diacritics removed; the name column ends with a sentinel
token so an exact name is a phrase match anchored at both ends) and fts5vocab tables over
them as the lexicon.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("song", "artist", "album", "genre", "playlist")

# ---------------------------------------------------------------- PostgreSQL
PG_FUNCTIONS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # unaccent() is STABLE (it reads its dictionary); with the dictionary named, it is
    # safe to index. Apostrophes vanish ("Don't" is "dont"), other characters that are not
    # letters or digits separate words. One function level: SQL functions that cannot be
    # inlined (this one cannot) cost a call each, six times as much in a bulk index.
    """CREATE FUNCTION search_key(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT btrim(regexp_replace(
        translate(lower(public.unaccent('public.unaccent'::regdictionary, value)), '''', ''),
        '[^[:alnum:]]+', ' ', 'g'))
    $$""",
    """CREATE FUNCTION search_words(value text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT string_to_array(search_key(value), ' ')
    $$""",
    # The words as lexemes, verbatim (each is a run of letters and digits), with a weight.
    """CREATE FUNCTION search_doc(value text, weight "char") RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple'::regconfig, search_key(coalesce(value, ''))), weight)
    $$""",
]

PG_TABLES = [
    *(
        f"""CREATE TABLE search_{kind} (
        id integer PRIMARY KEY REFERENCES {kind} (id) ON DELETE CASCADE,
        name_key text COLLATE "C" NOT NULL,
        doc tsvector NOT NULL,
        popularity integer NOT NULL DEFAULT 0,
        plays integer NOT NULL DEFAULT 0{extra})"""
        for kind, extra in (
            ("song", ""),
            ("artist", ""),
            ("album", ""),
            ("genre", ""),
            ("playlist", ", owner_id integer NOT NULL, is_public boolean NOT NULL"),
        )
    ),
    "CREATE TABLE search_term (term text PRIMARY KEY)",
    "CREATE INDEX ix_search_term_trgm ON search_term USING gin (term gin_trgm_ops)",
]

PG_INDEXES = [
    statement
    for kind in KINDS
    for statement in (
        f"CREATE INDEX ix_search_{kind}_name_key ON search_{kind} "
        "(name_key, popularity DESC, plays DESC, id)",
        f"CREATE INDEX ix_search_{kind}_doc ON search_{kind} USING gin (doc)",
    )
]

_ARTIST_NAMES = """(SELECT string_agg(a.name, ' ' ORDER BY l.position)
    FROM {link} AS l JOIN artist AS a ON a.id = l.artist_id WHERE l.{owner} = {row}.id)"""

# SELECT lists filling search_<kind> (FROM the kind's table, aliased "r").
PG_ROWS = {
    "song": "r.id, search_key(r.title), search_doc(r.title, 'A') || search_doc("
    + _ARTIST_NAMES.format(link="song_artist", owner="song_id", row="r")
    + ", 'B') || search_doc((SELECT al.title FROM album AS al WHERE al.id = r.album_id), 'C'),"
    " r.like_count, r.play_count",
    "artist": "r.id, search_key(r.name), search_doc(r.name, 'A'), r.follower_count, 0",
    "album": "r.id, search_key(r.title), search_doc(r.title, 'A') || search_doc("
    + _ARTIST_NAMES.format(link="album_artist", owner="album_id", row="r")
    + ", 'B'), 0, 0",
    "genre": "r.id, search_key(r.name), search_doc(r.name, 'A'), 0, 0",
    "playlist": "r.id, search_key(r.name), search_doc(r.name, 'A'), r.follower_count, 0,"
    " r.owner_id, r.is_public",
}
_PG_COLUMNS = "id, name_key, doc, popularity, plays"

# The same rows for a whole table at once: artists' names aggregated in one pass and
# joined, rather than a subquery per row.
_NAMES_OF = """LEFT JOIN (SELECT l.{owner} AS owner, string_agg(a.name, ' ' ORDER BY l.position)
    AS names FROM {link} AS l JOIN artist AS a ON a.id = l.artist_id GROUP BY l.{owner}) AS n
    ON n.owner = r.id"""
PG_BULK_ROWS = {
    **{k: f"{v} FROM {k} AS r" for k, v in PG_ROWS.items() if k not in ("song", "album")},
    "song": "r.id, search_key(r.title), search_doc(r.title, 'A') || search_doc(n.names, 'B')"
    " || search_doc(al.title, 'C'), r.like_count, r.play_count FROM song AS r "
    + _NAMES_OF.format(owner="song_id", link="song_artist")
    + " LEFT JOIN album AS al ON al.id = r.album_id",
    "album": "r.id, search_key(r.title), search_doc(r.title, 'A') || search_doc(n.names, 'B'),"
    " 0, 0 FROM album AS r " + _NAMES_OF.format(owner="album_id", link="album_artist"),
}


def _pg_columns(kind: str) -> str:
    return _PG_COLUMNS + (", owner_id, is_public" if kind == "playlist" else "")


def _pg_refresh_function(kind: str) -> str:
    columns = _pg_columns(kind)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns.split(", ")[1:])
    return f"""CREATE FUNCTION search_refresh_{kind}(ids integer[]) RETURNS void
    LANGUAGE sql AS $$
    INSERT INTO search_{kind} ({columns})
    SELECT {PG_ROWS[kind]} FROM {kind} AS r WHERE r.id = ANY(ids)
    ON CONFLICT (id) DO UPDATE SET {updates}
    $$"""


_TABLE_NAMES = ", ".join(f"'search_{k}'" for k in KINDS)
PG_REBUILD = (
    """CREATE FUNCTION search_rebuild() RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
        definitions text[];
        definition text;
    BEGIN
        -- Indexes are built once after the load, several times faster than row by row.
        SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid)), '{}') INTO definitions
        FROM pg_index AS i
        WHERE i.indrelid = ANY(ARRAY[@NAMES@]::regclass[]) AND NOT i.indisprimary;
        FOR definition IN
            SELECT format('DROP INDEX %s', i.indexrelid::regclass) FROM pg_index AS i
            WHERE i.indrelid = ANY(ARRAY[@NAMES@]::regclass[]) AND NOT i.indisprimary
        LOOP
            EXECUTE definition;
        END LOOP;
        TRUNCATE @TABLES@;
        @INSERTS@
        FOREACH definition IN ARRAY definitions LOOP
            EXECUTE definition;
        END LOOP;
    END
    $$""".replace("@NAMES@", _TABLE_NAMES)
    .replace("@TABLES@", ", ".join(f"search_{k}" for k in KINDS))
    .replace(
        "@INSERTS@",
        "\n        ".join(
            f"INSERT INTO search_{k} ({_pg_columns(k)}) SELECT {PG_BULK_ROWS[k]};" for k in KINDS
        ),
    )
)

# The lexicon takes every word of four letters or more (a typo candidate of a query word of
# five or more is at least four long). Words are never removed: a word no document holds
# any more only adds a typo candidate that matches nothing.
PG_LEXICON = [
    """CREATE FUNCTION search_term_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_term (term)
        SELECT DISTINCT w FROM added, unnest(tsvector_to_array(added.doc)) AS w
        WHERE length(w) >= 4
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END
    $$""",
    *(
        f"CREATE TRIGGER search_{kind}_terms_{event.lower()} AFTER {event} ON search_{kind} "
        "REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_term_add()"
        for kind in KINDS
        for event in ("INSERT", "UPDATE")
    ),
]

# (table, trigger events, the refresh calls its row triggers make; NEW/OLD as plpgsql).
_SONGS_OF_ARTIST = "ARRAY(SELECT song_id FROM song_artist WHERE artist_id = NEW.id)"
_ALBUMS_OF_ARTIST = "ARRAY(SELECT album_id FROM album_artist WHERE artist_id = NEW.id)"
PG_WATCHED: list[tuple[str, str, str]] = [
    ("song", "INSERT OR UPDATE OF title, album_id, like_count, play_count",
     "PERFORM search_refresh_song(ARRAY[NEW.id]);"),
    ("song_artist", "INSERT OR UPDATE OR DELETE",
     "PERFORM search_refresh_song(ARRAY[NEW.song_id, OLD.song_id]);"),
    ("artist", "INSERT OR UPDATE OF name, follower_count",
     "PERFORM search_refresh_artist(ARRAY[NEW.id]);"
     " IF TG_OP = 'UPDATE' AND NEW.name IS DISTINCT FROM OLD.name THEN"
     f" PERFORM search_refresh_song({_SONGS_OF_ARTIST});"
     f" PERFORM search_refresh_album({_ALBUMS_OF_ARTIST}); END IF;"),
    ("album", "INSERT OR UPDATE OF title",
     "PERFORM search_refresh_album(ARRAY[NEW.id]);"
     " IF TG_OP = 'UPDATE' THEN"
     " PERFORM search_refresh_song(ARRAY(SELECT id FROM song WHERE album_id = NEW.id));"
     " END IF;"),
    ("album_artist", "INSERT OR UPDATE OR DELETE",
     "PERFORM search_refresh_album(ARRAY[NEW.album_id, OLD.album_id]);"),
    ("genre", "INSERT OR UPDATE OF name", "PERFORM search_refresh_genre(ARRAY[NEW.id]);"),
    ("playlist", "INSERT OR UPDATE OF name, is_public, owner_id, follower_count",
     "PERFORM search_refresh_playlist(ARRAY[NEW.id]);"),
]  # fmt: skip


def _pg_triggers() -> list[str]:
    statements = []
    for table, events, body in PG_WATCHED:
        statements.append(
            f"""CREATE FUNCTION search_{table}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN {body} RETURN NULL; END $$"""
        )
        statements.append(
            f"CREATE TRIGGER search_{table}_changed AFTER {events} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION search_{table}_changed()"
        )
    return statements


def _pg_upgrade() -> None:
    for statement in [*PG_FUNCTIONS, *PG_TABLES, *PG_LEXICON]:
        op.execute(statement)
    for kind in KINDS:
        op.execute(_pg_refresh_function(kind))
    op.execute(PG_REBUILD)
    op.execute("SELECT search_rebuild()")
    for statement in [*PG_INDEXES, *_pg_triggers()]:
        op.execute(statement)
    op.execute(f"ANALYZE search_term, {', '.join(f'search_{k}' for k in KINDS)}")


def _pg_downgrade() -> None:
    for table, _, _ in PG_WATCHED:
        op.execute(f"DROP TRIGGER IF EXISTS search_{table}_changed ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS search_{table}_changed()")
    op.execute("DROP FUNCTION IF EXISTS search_rebuild()")
    for kind in KINDS:
        op.execute(f"DROP FUNCTION IF EXISTS search_refresh_{kind}(integer[])")
        op.execute(f"DROP TABLE IF EXISTS search_{kind}")
    op.execute("DROP FUNCTION IF EXISTS search_term_add()")
    op.execute("DROP TABLE IF EXISTS search_term")
    for function in ('search_doc(text, "char")', "search_words(text)", "search_key(text)"):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
    op.execute("DROP EXTENSION IF EXISTS unaccent")


# ---------------------------------------------------------------- SQLite
TOKENIZER = "unicode61 remove_diacritics 2"
SENTINEL = "char(57344)"  # U+E000, a private-use character: a token of its own


def _clean(expression: str) -> str:
    """The text FTS5 indexes: apostrophes removed, as on PostgreSQL."""
    return f"replace(replace(coalesce({expression}, ''), '''', ''), char(8217), '')"


_SQLITE_NAMES = {"song": "title", "artist": "name", "album": "title", "genre": "name",
                 "playlist": "name"}  # fmt: skip
_SQLITE_ARTISTS = """(SELECT group_concat(a.name, ' ') FROM {link} AS l
    JOIN artist AS a ON a.id = l.artist_id WHERE l.{owner} = r.id)"""
SQLITE_COLUMNS = {
    "song": ("name", "artists", "album"),
    "album": ("name", "artists"),
    "artist": ("name",),
    "genre": ("name",),
    "playlist": ("name",),
}


def _sqlite_values(kind: str) -> str:
    values = [f"{_clean('r.' + _SQLITE_NAMES[kind])} || ' ' || {SENTINEL}"]
    if kind == "song":
        values.append(_clean(_SQLITE_ARTISTS.format(link="song_artist", owner="song_id")))
        values.append(_clean("(SELECT al.title FROM album AS al WHERE al.id = r.album_id)"))
    if kind == "album":
        values.append(_clean(_SQLITE_ARTISTS.format(link="album_artist", owner="album_id")))
    return ", ".join(values)


def _sqlite_refresh(kind: str, ids: str) -> str:
    """Statements (for a trigger body) that rewrite the FTS rows of ``ids`` (a SQL list)."""
    columns = ", ".join(("rowid", *SQLITE_COLUMNS[kind]))
    return (
        f"DELETE FROM search_{kind} WHERE rowid IN {ids}; "
        f"INSERT INTO search_{kind} ({columns}) SELECT r.id, {_sqlite_values(kind)} "
        f"FROM {kind} AS r WHERE r.id IN {ids};"
    )


_SQLITE_WATCHED: list[tuple[str, str, str]] = [
    ("song_written", "INSERT ON song", _sqlite_refresh("song", "(NEW.id)")),
    ("song_renamed", "UPDATE OF title, album_id ON song", _sqlite_refresh("song", "(NEW.id)")),
    ("song_deleted", "DELETE ON song", "DELETE FROM search_song WHERE rowid = OLD.id;"),
    ("song_artist_added", "INSERT ON song_artist", _sqlite_refresh("song", "(NEW.song_id)")),
    ("song_artist_changed", "UPDATE ON song_artist",
     _sqlite_refresh("song", "(NEW.song_id, OLD.song_id)")),
    ("song_artist_removed", "DELETE ON song_artist", _sqlite_refresh("song", "(OLD.song_id)")),
    ("artist_written", "INSERT ON artist", _sqlite_refresh("artist", "(NEW.id)")),
    ("artist_renamed", "UPDATE OF name ON artist",
     _sqlite_refresh("artist", "(NEW.id)")
     + _sqlite_refresh("song", "(SELECT song_id FROM song_artist WHERE artist_id = NEW.id)")
     + _sqlite_refresh("album", "(SELECT album_id FROM album_artist WHERE artist_id = NEW.id)")),
    ("artist_deleted", "DELETE ON artist", "DELETE FROM search_artist WHERE rowid = OLD.id;"),
    ("album_written", "INSERT ON album", _sqlite_refresh("album", "(NEW.id)")),
    ("album_renamed", "UPDATE OF title ON album",
     _sqlite_refresh("album", "(NEW.id)")
     + _sqlite_refresh("song", "(SELECT id FROM song WHERE album_id = NEW.id)")),
    ("album_deleted", "DELETE ON album", "DELETE FROM search_album WHERE rowid = OLD.id;"),
    ("album_artist_added", "INSERT ON album_artist", _sqlite_refresh("album", "(NEW.album_id)")),
    ("album_artist_changed", "UPDATE ON album_artist",
     _sqlite_refresh("album", "(NEW.album_id, OLD.album_id)")),
    ("album_artist_removed", "DELETE ON album_artist",
     _sqlite_refresh("album", "(OLD.album_id)")),
    ("genre_written", "INSERT ON genre", _sqlite_refresh("genre", "(NEW.id)")),
    ("genre_renamed", "UPDATE OF name ON genre", _sqlite_refresh("genre", "(NEW.id)")),
    ("genre_deleted", "DELETE ON genre", "DELETE FROM search_genre WHERE rowid = OLD.id;"),
    ("playlist_written", "INSERT ON playlist", _sqlite_refresh("playlist", "(NEW.id)")),
    ("playlist_renamed", "UPDATE OF name ON playlist", _sqlite_refresh("playlist", "(NEW.id)")),
    ("playlist_deleted", "DELETE ON playlist",
     "DELETE FROM search_playlist WHERE rowid = OLD.id;"),
]  # fmt: skip


def _sqlite_upgrade() -> None:
    for kind in KINDS:
        columns = ", ".join(SQLITE_COLUMNS[kind])
        op.execute(
            f"CREATE VIRTUAL TABLE search_{kind} USING fts5({columns}, tokenize = '{TOKENIZER}')"
        )
        op.execute(f"CREATE VIRTUAL TABLE search_{kind}_vocab USING fts5vocab(search_{kind}, row)")
        op.execute(
            f"INSERT INTO search_{kind} (rowid, {columns}) "
            f"SELECT r.id, {_sqlite_values(kind)} FROM {kind} AS r"
        )
    for name, event, body in _SQLITE_WATCHED:
        op.execute(f"CREATE TRIGGER search_{name} AFTER {event} FOR EACH ROW BEGIN {body} END")


def _sqlite_downgrade() -> None:
    for name, _, _ in _SQLITE_WATCHED:
        op.execute(f"DROP TRIGGER IF EXISTS search_{name}")
    for kind in KINDS:
        op.execute(f"DROP TABLE IF EXISTS search_{kind}_vocab")
        op.execute(f"DROP TABLE IF EXISTS search_{kind}")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _pg_upgrade()
    else:
        _sqlite_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _pg_downgrade()
    else:
        _sqlite_downgrade()
