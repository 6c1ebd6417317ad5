"""The server's library: what it holds, read or not yet, and how it follows the corpus store."""

from __future__ import annotations

# Synthetic regulations (invented words).
BRIDGE = """Invented Bridge Rules

Article 1: A carter shall pay the bridge toll at the gate.

Article 2: The warden may close the bridge in a storm.
"""

FERRY = """Invented Ferry Rules

Article 1: A passenger shall hold a ticket.

Article 2: The pilot may refuse a passenger who is drunk.
"""


def _store_with(tmp_path, monkeypatch, **texts: str) -> None:
    from lawcode.store.prepare import prepare
    from lawcode.store.store import Store

    monkeypatch.setenv("LAWCODE_DATABASE_URL", str(tmp_path / "store.sqlite3"))
    with Store.open() as store:
        for name, text in texts.items():
            path = tmp_path / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            store.add(prepare(str(path)))


def test_one_listing_whether_a_stored_regulation_was_read_or_not(tmp_path, monkeypatch):
    from lawcode.api.library import Library, Regulation, Stored

    _store_with(tmp_path, monkeypatch, bridge=BRIDGE, ferry=FERRY)
    library = Library.load(["tar-counter-espionage-2021"])
    listed = [(entry.id, entry.version if isinstance(entry, Regulation) else entry.version.ref)
              for entry in library.entries()]
    assert listed == [("tar-counter-espionage-2021", None), ("bridge", "bridge@1"), ("ferry", "ferry@1")]
    assert isinstance(library.regulations["ferry"], Stored)
    assert library.get("ferry").document is not None  # read when first asked for
    assert [entry.id for entry in library.entries()] == [entry for entry, _ in listed]  # in its place still
    assert [entry.summary()["version"] for entry in library.entries()][1:] == ["bridge@1", "ferry@1"]
    assert library.modelled() == ["tar-counter-espionage-2021"]


def test_a_regulation_read_is_still_answered_when_the_store_cannot_be_reached(tmp_path, monkeypatch):
    import pytest

    from lawcode.api.library import Library, StoreUnavailable

    _store_with(tmp_path, monkeypatch, bridge=BRIDGE, ferry=FERRY)
    library = Library.load(["tar-counter-espionage-2021"])
    library.fresh_for = 0  # look at the store on every request
    assert library.get("bridge").version == "bridge@1"
    monkeypatch.setenv("LAWCODE_DATABASE_URL", "postgresql://lawcode@127.0.0.1:1/corpus")  # nothing listens there
    assert library.get("bridge").version == "bridge@1"
    assert [entry.id for entry in library.entries()] == ["tar-counter-espionage-2021", "bridge", "ferry"]
    with pytest.raises(StoreUnavailable, match=r"127\.0\.0\.1:1"):
        library.get("ferry")  # not read yet: it needs the store
    with pytest.raises(StoreUnavailable):
        library.get("canal")  # not held: only the store could say whether it exists


def test_a_regulation_asked_for_is_looked_up_alone_and_a_newer_version_read(tmp_path, monkeypatch):
    from lawcode.api.library import Library
    from lawcode.store.prepare import prepare
    from lawcode.store.store import Store

    _store_with(tmp_path, monkeypatch, bridge=BRIDGE, ferry=FERRY)
    library = Library.load(["tar-counter-espionage-2021"])
    library.fresh_for = 0
    assert library.get("bridge").version == "bridge@1"
    listed = []
    every = Store.regulations
    monkeypatch.setattr(Store, "regulations", lambda store: listed.append(1) or every(store))
    (tmp_path / "bridge.txt").write_text(BRIDGE.replace("bridge toll", "bridge fee"), encoding="utf-8")
    with Store.open() as store:
        store.add(prepare(str(tmp_path / "bridge.txt")))
    bridge = library.get("bridge")
    assert bridge.version == "bridge@2" and "bridge fee" in bridge.document.get("art_1__para_nn_1").text
    assert listed == []  # one regulation's versions, not the whole store's
    assert [entry.id for entry in library.entries()][1:] == ["bridge", "ferry"] and listed == [1]


def test_a_store_created_after_start_is_followed_and_looking_for_it_creates_none(tmp_path, monkeypatch):
    """A server started before the first ``lawcode ingest`` (no LAWCODE_DATABASE_URL, no default
    SQLite file yet) serves what is ingested afterwards; one started with ``store=False`` does not."""
    import pytest

    from lawcode.api.library import Library, NotFound
    from lawcode.store.location import default_sqlite_path
    from lawcode.store.prepare import prepare
    from lawcode.store.store import Store

    monkeypatch.delenv("LAWCODE_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the default store's folder
    following = Library.load(["tar-counter-espionage-2021"])
    apart = Library.load(["tar-counter-espionage-2021"], store=False)
    following.fresh_for = apart.fresh_for = 0  # look at the store on every request
    with pytest.raises(NotFound):
        following.get("bridge")
    assert [entry.id for entry in following.entries()] == ["tar-counter-espionage-2021"]
    assert not default_sqlite_path().exists()  # looking for a store did not create one
    (tmp_path / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    with Store.open() as store:  # the first ingest, into the default store
        store.add(prepare(str(tmp_path / "bridge.txt")))
    assert default_sqlite_path().is_file()
    assert following.get("bridge").version == "bridge@1"
    assert [entry.id for entry in following.entries()] == ["tar-counter-espionage-2021", "bridge"]
    with pytest.raises(NotFound):
        apart.get("bridge")
    assert [entry.id for entry in apart.entries()] == ["tar-counter-espionage-2021"]
