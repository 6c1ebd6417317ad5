"""Shared test fixtures.

Tests on the real regulation texts read them from ../shared/corpus (or LAWCODE_TEST_CORPUS).
Outside CI a missing text skips those tests; under CI=true it fails them, so that a CI run can
never pass by silently testing nothing.
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest

CORPUS = Path(os.environ.get("LAWCODE_TEST_CORPUS", Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))
TAR = "tar-counter-espionage-precautions-2021.txt"
GDPR = "eu-gdpr-2016-679-chapters-I-V.txt"
UK_EQUALITY = "uk-equality-act-2010-sections-1-60.txt"
CAPE_TOWN = "za-cape-town-community-fire-safety-bylaw-2002.txt"
COPPA = "us-15usc-ch91-coppa-6501-6506.txt"


@pytest.fixture(autouse=True, scope="session")
def _compiled_models_in_a_test_folder(tmp_path_factory):
    """Compiled models the tests make go to a folder of their own, not the user's cache."""
    folder = tmp_path_factory.mktemp("lawcode-cache")
    previous = os.environ.get("LAWCODE_CACHE")
    os.environ["LAWCODE_CACHE"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("LAWCODE_CACHE", None)
    else:
        os.environ["LAWCODE_CACHE"] = previous


@pytest.fixture(autouse=True, scope="session")
def _no_user_store(tmp_path_factory):
    """Tests never read or write the user's corpus store: the data folder is a test folder and
    LAWCODE_DATABASE_URL is unset (store tests set their own)."""
    saved = {name: os.environ.pop(name, None) for name in ("LAWCODE_DATABASE_URL", "XDG_DATA_HOME")}
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("lawcode-data"))
    yield
    for name, value in saved.items():
        os.environ.pop(name, None)
        if value is not None:
            os.environ[name] = value


def unavailable(message: str) -> NoReturn:
    """What a test does without a corpus text or a program of the system it needs: skip, saying
    why, except under ``CI=true``, where it fails (CI installs them all)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def needs_program(name: str, package: str) -> None:
    """Go on only where the program ``name`` is installed (see :func:`unavailable`)."""
    if shutil.which(name) is None:
        unavailable(f"no {name} on this machine (apt-get install {package})")


def corpus_file(name: str) -> Path:
    """Path of a real corpus text; fail under CI, skip elsewhere, when it is missing."""
    path = CORPUS / name
    if not path.is_file():
        unavailable(f"corpus text missing: {path}")
    return path


@pytest.fixture
def tar_path() -> Path:
    return corpus_file(TAR)


@pytest.fixture
def tar_document(tar_path):
    from lawcode.service import read_document

    return read_document(tar_path)


@pytest.fixture(scope="module")
def harbour():
    """The synthetic harbour regulation the procedure, calendar and catalog tests share."""
    from lawcode.service import load_model

    return load_model(Path(__file__).parent / "engine" / "fixtures" / "harbour.yaml")


@pytest.fixture(scope="module")
def tar_model():
    """The shipped model of the TAR regulation."""
    from lawcode.service import load_model

    return load_model("tar-counter-espionage-2021")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: runs the lawcode command many times (tests/adversarial); "
                                       "`pytest -m 'not slow'` is the quick run while editing")


# Property-based tests (tests/properties): a small budget by default, so the suite stays fast;
# HYPOTHESIS_PROFILE=release runs each property on thousands of examples (see docs/notes/security.md).
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", max_examples=40, deadline=None, database=None, derandomize=True)
settings.register_profile("release", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def run_main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the real ``lawcode`` entry point in-process: (exit code, standard output, standard error)."""
    from lawcode.cli import main

    monkeypatch.setattr(sys, "argv", ["lawcode", *args])
    code = 0
    try:
        main()
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


GARDEN_FIXTURES = Path(__file__).parent / "model" / "fixtures"


def garden(folder: Path, edits: dict[str, str] | None = None, text_edits: dict[str, str] | None = None,
           ) -> tuple[Path, Path]:
    """The synthetic garden model and text written to ``folder`` (the model carrying the text's
    real fingerprint), each edited by exact replacements that must match once: (model, text)."""
    from lawcode.service import read_document

    text = (GARDEN_FIXTURES / "garden.txt").read_text(encoding="utf-8")
    fingerprint = read_document(GARDEN_FIXTURES / "garden.txt").fingerprint()
    model = (GARDEN_FIXTURES / "garden.yaml").read_text(encoding="utf-8").replace("FINGERPRINT", fingerprint)
    for old, new in (edits or {}).items():
        assert model.count(old) == 1, old
        model = model.replace(old, new)
    for old, new in (text_edits or {}).items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "garden.txt").write_text(text, encoding="utf-8")
    (folder / "garden.yaml").write_text(model, encoding="utf-8")
    return folder / "garden.yaml", folder / "garden.txt"


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server for the whole run (initdb in a temporary folder, a free port;
    stopped at the end). Outside CI a machine without PostgreSQL skips what needs it; under
    ``CI=true`` it fails."""
    from lawcode.store import pgserver

    try:
        server = pgserver.start({"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"})
    except RuntimeError as error:
        unavailable(str(error))
    yield server
    server.stop()


@contextmanager
def postgres_schema(server_url: str) -> Iterator[str]:
    """The URL of an empty store in a schema of its own on the server, dropped when the block ends."""
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{server_url}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")
