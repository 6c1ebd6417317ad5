"""Properties of the model loader: whatever the file holds, a model or one ModelError with a real line."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from lawcode.errors import ModelError
from lawcode.model.loader import read_model
from lawcode.service import read_document

FIXTURES = Path(__file__).parents[1] / "model" / "fixtures"
GARDEN = (FIXTURES / "garden.yaml").read_text(encoding="utf-8").replace(
    "FINGERPRINT", read_document(FIXTURES / "garden.txt").fingerprint())
GARDEN_LINES = GARDEN.splitlines(keepends=True)


def _load(content: bytes) -> None:
    """Load ``content`` as a model file: a model, or a ModelError whose line is in the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.yaml"
        path.write_bytes(content)
        try:
            read_model(path)
        except ModelError as error:
            assert error.file == str(path)
            assert "\n" not in str(error), str(error)
            if error.line is not None:
                assert 1 <= error.line <= _lines(content), (error.line, str(error))


def _lines(content: bytes) -> int:
    """Lines as YAML (and an editor) counts them: LF, CR LF, CR, NEL, LS and PS end a line."""
    text = content.decode("utf-8", "replace")
    return len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", text)) + 1


@given(st.binary(max_size=2000))
def test_any_bytes_are_a_model_or_one_clear_error(content: bytes) -> None:
    _load(content)


@given(st.text(max_size=2000))
def test_any_text_is_a_model_or_one_clear_error(text: str) -> None:
    _load(text.encode("utf-8", "surrogatepass"))


plain = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                  st.dates())
keys = st.one_of(st.sampled_from(["regulation", "actors", "norms", "id", "kind", "cites", "text", "file",
                                  "condition", "validity", "end", "start", "in_force", "repealed"]),
                 st.text(max_size=10))
documents = st.recursive(plain, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(keys, inner, max_size=5)), max_leaves=40)


@given(documents)
def test_any_yaml_data_is_a_model_or_one_clear_error(data: object) -> None:
    _load(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


@given(st.data())
def test_an_edited_valid_model_is_a_model_or_one_clear_error(data: st.DataObject) -> None:
    lines = list(GARDEN_LINES)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(lines) - 1))
        edit = data.draw(st.sampled_from(["drop", "repeat", "insert", "indent", "dedent"]))
        if edit == "drop":
            del lines[at]
        elif edit == "repeat":
            lines.insert(at, lines[at])
        elif edit == "insert":
            cut = data.draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + data.draw(st.text(max_size=8)) + lines[at][cut:]
        elif edit == "indent":
            lines[at] = "  " + lines[at]
        else:
            lines[at] = lines[at].lstrip()
        if not lines:
            break
    _load("".join(lines).encode("utf-8", "surrogatepass"))


def test_the_unedited_model_loads() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.yaml"
        path.write_text(GARDEN, encoding="utf-8")
        assert not read_model(path).issues
