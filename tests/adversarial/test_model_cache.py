"""A cache folder someone else wrote to: the question is answered from the model file, never from it."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from cli_runner import run_cli

from lawcode.model import snapshot
from lawcode.service import shipped_model_paths

TAR_MODEL = shipped_model_paths()["tar-counter-espionage-2021"]

pytestmark = pytest.mark.slow  # runs the lawcode command in a fresh process, many times


class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_under_the_predicted_name_is_not_run(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    models = cache / "models"
    models.mkdir(parents=True, mode=0o700)
    cache.chmod(0o700)
    marker = tmp_path / "code-ran"
    key = snapshot.cache_key(TAR_MODEL)
    planted = models / f"{TAR_MODEL.stem}-{key[:32]}.json"  # the name lawcode would read
    for name in (planted, planted.with_suffix(".pickle")):
        name.write_bytes(pickle.dumps(_Payload(marker)))
        name.chmod(0o600)
    run = run_cli("ask", "-r", "tar-counter-espionage-2021", "--as", "enterprise", "--format", "json",
                  cwd=tmp_path, env={"LAWCODE_CACHE": str(cache)})
    assert run.code == 0, run.stderr
    assert not marker.exists()
    assert '"findings"' in run.stdout


def test_a_cache_folder_anyone_can_write_is_not_used_and_the_user_is_told(tmp_path: Path) -> None:
    cache = tmp_path / "shared-cache"
    cache.mkdir()
    cache.chmod(0o777)
    run = run_cli("ask", "-r", "tar-counter-espionage-2021", "--as", "enterprise", "--format", "json",
                  cwd=tmp_path, env={"LAWCODE_CACHE": str(cache)})
    assert run.code == 0, run.stderr
    assert "only you can write" in run.stderr and str(cache) in run.stderr
    assert list(cache.iterdir()) == []
