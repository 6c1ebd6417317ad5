"""Models the engine tests share: the synthetic harbour regulation and the shipped TAR model."""

from pathlib import Path

import pytest

from lawcode.service import load_model

HARBOUR = Path(__file__).parent / "fixtures_h6" / "harbour.yaml"
TAR_MODEL = "tar-counter-espionage-2021"


@pytest.fixture(scope="module")
def harbour():
    return load_model(HARBOUR)


@pytest.fixture(scope="module")
def tar_model():
    return load_model(TAR_MODEL)
