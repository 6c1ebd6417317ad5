"""The corpus store: many regulations, their versions and models, searched and compared.

SQLite in the user's data folder by default, PostgreSQL when ``LAWCODE_DATABASE_URL`` names one
(:mod:`.location`); one interface over both (:mod:`.backends`, :class:`.store.Store`); versioned
schema migrations (:mod:`.migrations`). Ingest (:mod:`.ingest`) parses in parallel and writes
each document in one transaction. The store holds regulations and models only, never records
about people.
"""
