"""What an ingest worker makes of a text: the shipped model it matches, by its fingerprint or its file name."""

from __future__ import annotations

from pathlib import Path

from lawcode.store.prepare import ShippedModels, prepare, slug

TAR_ID = "tar-counter-espionage-2021"
TAR_WORK = "/akn/cn-xz/act/regulation/2021/counter-espionage-security-precautions"


def test_a_shipped_text_is_stored_with_its_shipped_model(tar_path: Path) -> None:
    prepared = prepare(str(tar_path))
    assert (prepared.regulation_id, prepared.work_uri) == (TAR_ID, TAR_WORK)
    assert prepared.model is not None and prepared.model.id == TAR_ID and prepared.model.file == "model.yaml"
    norms = [row for row in prepared.rows if row[0] == "norm"]
    assert norms and len(prepared.rows) == prepared.provision_rows + len(norms)


def test_a_changed_text_under_a_shipped_file_name_joins_its_regulation_without_the_model(
        tar_path: Path, tmp_path: Path) -> None:
    changed = tmp_path / tar_path.name
    changed.write_bytes(tar_path.read_bytes().replace(b"security", b"safety", 1))
    prepared = prepare(str(changed))
    assert (prepared.regulation_id, prepared.work_uri, prepared.model) == (TAR_ID, TAR_WORK, None)
    assert not prepared.uri_from_file_name
    assert all(row[0] == "provision" for row in prepared.rows)


def test_the_same_text_under_another_name_still_has_its_shipped_model(tar_path: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "counter-espionage.txt"
    renamed.write_bytes(tar_path.read_bytes())
    prepared = prepare(str(renamed))
    assert prepared.model is not None and prepared.model.id == TAR_ID


def test_a_text_no_shipped_model_knows_is_named_after_its_file(tar_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "Harbour Rules.txt"
    other.write_bytes(tar_path.read_bytes().replace(b"security", b"safety", 1))
    prepared = prepare(str(other))
    assert (prepared.regulation_id, prepared.work_uri, prepared.model) == ("harbour-rules", "/akn/xx/act/harbour-rules",
                                                                           None)
    assert prepared.uri_from_file_name


def test_the_shipped_models_are_looked_up_in_the_index_given(tar_path: Path) -> None:
    # An ingest loads the shipped models once for all its texts: what it passes is what is consulted.
    shipped = ShippedModels.load()
    assert shipped.written_for and shipped.by_text_file
    assert prepare(str(tar_path), shipped=shipped).regulation_id == TAR_ID
    unaware = prepare(str(tar_path), shipped=ShippedModels({}, {}))
    assert (unaware.regulation_id, unaware.model) == (slug(tar_path.stem), None)
