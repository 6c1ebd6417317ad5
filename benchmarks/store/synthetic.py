"""Synthetic regulations made at run time from the corpus texts, for the store benchmarks.

Nothing made here is kept in the repository: texts are written to a temporary folder that the
benchmark deletes. Each synthetic regulation is one corpus text (in turn) with its articles (or
sections) renumbered by an offset and about 3% of its longer lower-case words swapped for other
words of the same text, chosen by a seeded random generator: as many texts as needed, all
different, all with the structure of a real regulation.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_WORD = re.compile(r"\b[a-z]{5,}\b")
_HEADING = re.compile(r"^(Article |§ ?|Section )(\d+)", re.MULTILINE)


def corpus_folder() -> Path:
    """LAWCODE_CORPUS (first folder), else ../shared/corpus beside the checkout."""
    given = os.environ.get("LAWCODE_CORPUS", "").split(os.pathsep)[0]
    for folder in (Path(given) if given else None, ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")):
        if folder is not None and folder.is_dir():
            return folder
    raise SystemExit("no corpus folder: set LAWCODE_CORPUS to the folder of regulation texts")


def sources() -> list[tuple[str, str]]:
    """(name, text) of each corpus text that lawcode parses."""
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(corpus_folder().glob("*.txt"))]


def perturb(text: str, seed: int, offset: int, share: float = 0.03) -> str:
    """``text`` with its headings renumbered by ``offset`` and ``share`` of its long words swapped."""
    chance = random.Random(seed)
    vocabulary = _WORD.findall(text)
    text = _HEADING.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + offset}", text)
    return _WORD.sub(lambda m: chance.choice(vocabulary) if chance.random() < share else m.group(0), text)


def write_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` synthetic regulations in ``folder`` (one file each), in turn from each corpus text."""
    bases = sources()
    paths = []
    for number in range(count):
        name, text = bases[number % len(bases)]
        path = folder / f"{name}-synthetic-{number:05d}.txt"
        path.write_text(perturb(text, seed=number, offset=(number // len(bases)) % 50), encoding="utf-8")
        paths.append(path)
    return paths


def long_text(articles: int, seed: int = 0) -> str:
    """A regulation of ``articles`` articles, each a corpus article with a fifth of its long words swapped."""
    from lawcode.text.parse import parse_text

    pool = []
    for name, text in sources():
        for article in parse_text(text, source=name).articles():
            words = " ".join(article.full_text().split())
            if len(words.split()) >= 8:
                pool.append(words)
    chance = random.Random(seed)
    vocabulary = _WORD.findall(" ".join(pool))
    lines = ["Synthetic Regulation for the Diff Benchmark", ""]
    for number in range(1, articles + 1):
        body = _WORD.sub(lambda m: chance.choice(vocabulary) if chance.random() < 0.2 else m.group(0),
                         chance.choice(pool))
        lines += [f"Article {number}: {body}", ""]
    return "\n".join(lines)


def amend(text: str, seed: int = 1) -> str:
    """A later version of a :func:`long_text`: some articles reworded, some removed, some inserted
    (which renumbers all that follow), a few moved to another place."""
    chance = random.Random(seed)
    blocks = [b for b in text.split("\n\n") if b.strip()]
    head = [b for b in blocks if not b.startswith("Article ")]
    articles = [b.split(": ", 1)[1] for b in blocks if b.startswith("Article ")]
    vocabulary = _WORD.findall(text)
    out = []
    for body in articles:
        roll = chance.random()
        if roll < 0.02:
            continue  # removed
        if roll < 0.12:
            body = _WORD.sub(lambda m: chance.choice(vocabulary) if chance.random() < 0.1 else m.group(0), body)
        out.append(body)
        if chance.random() < 0.02:
            out.append(" ".join(chance.sample(vocabulary, 30)) + ".")  # inserted
    for _ in range(5):  # moved
        out.insert(chance.randrange(len(out)), out.pop(chance.randrange(len(out))))
    lines = [head[0], ""]
    for number, body in enumerate(out, 1):
        lines += [f"Article {number}: {body}", ""]
    return "\n".join(lines)
