"""Build large benchmark inputs from the TAR regulation, in plain text and in bluebell markup.

The corpus text is read at run time (never copied into the repository): its title, then its body
(from the first chapter heading on, without the web-page lines lawcode's cleaner reports as
removed) repeated as often as needed, with chapters and articles renumbered so that every copy is
a new stretch of the same regulation. Everything is written to the git-ignored benchmarks/work/.

The bluebell version is the same content in bluebell's markup (``CHAPTER I - heading``,
``ARTICLE 13 -``, ``PARA``, ``ITEMS``/``ITEM (1)``, two-space indentation), converted line by
line by :func:`to_bluebell`, so both parsers produce the same Akoma Ntoso structure: chapters,
articles, unnumbered paragraphs and items in a block list after their lead-in paragraph.

    python benchmarks/make_inputs.py 2 10      # sizes in MB
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "work"
TAR = "tar-counter-espionage-precautions-2021.txt"
_CHAPTER = re.compile(r"^Chapter ([IVXLCDM]+):\s*(.*)$")
_ARTICLE = re.compile(r"^Article (\d+):\s*(.*)$")
_ITEM = re.compile(r"^(\(\d+\))\s*(.*)$")
_SPECIAL = re.compile(r"(\*\*|//|__|\{\{|\\)")
_KEYWORD = re.compile(r"^[A-Z]{1,20}\b")


def corpus_path() -> Path:
    """The TAR text: in LAWCODE_CORPUS (first folder) or ../shared/corpus beside the repository."""
    folders = [Path(p) for p in os.environ.get("LAWCODE_CORPUS", "").split(os.pathsep) if p]
    for folder in folders + [ROOT.parent / "shared" / "corpus"]:
        if (folder / TAR).is_file():
            return folder / TAR
    sys.exit(f"cannot find {TAR}: set LAWCODE_CORPUS to the folder holding it")


def title_and_body(path: Path) -> tuple[str, list[str]]:
    """The regulation's title and its body lines, as lawcode reads them (cruft lines dropped)."""
    from lawcode.text.parse import parse_text

    data = path.read_bytes()
    doc = parse_text(data, str(path))
    removed = {d.line for d in doc.removed}
    lines = data.decode("utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if _CHAPTER.match(line))
    body = [line.strip() for no, line in enumerate(lines[first:], first + 1) if no not in removed]
    while body and not body[-1]:
        body.pop()
    return doc.title or "", body


def roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=False):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total


def repeated(title: str, body: list[str], target_bytes: int) -> str:
    """Title plus copies of the body, renumbered, until the text is about ``target_bytes`` long."""
    chapters = sum(1 for line in body if _CHAPTER.match(line))
    articles = sum(1 for line in body if _ARTICLE.match(line))
    copy_size = len("\n".join(body).encode("utf-8")) + 2
    copies = max(1, round(target_bytes / copy_size))
    out = [title, ""]
    for k in range(copies):
        for line in body:
            if m := _CHAPTER.match(line):
                line = f"Chapter {roman(from_roman(m.group(1)) + k * chapters)}: {m.group(2)}"
            elif m := _ARTICLE.match(line):
                line = f"Article {int(m.group(1)) + k * articles}: {m.group(2)}"
            out.append(line)
        out.append("")
    return "\n".join(out) + "\n"


def to_bluebell(text: str) -> str:
    """The plain regulation text in bluebell markup, with the structure lawcode gives it."""
    lines = text.splitlines()
    out = ["PREFACE", "", "  " + _escape(lines[0]), "", "BODY", ""]
    in_items = False
    for line in lines[1:]:
        if not line:
            continue
        if m := _CHAPTER.match(line):
            out += [f"CHAPTER {m.group(1)} - {_escape(m.group(2))}", ""]
            in_items = False
        elif m := _ARTICLE.match(line):
            out += [f"  ARTICLE {m.group(1)} -", "", "    PARA", "      " + _escape(m.group(2)), ""]
            in_items = False
        elif m := _ITEM.match(line):
            if not in_items:
                out += ["      ITEMS", ""]
                in_items = True
            out += [f"        ITEM {m.group(1)}", "          " + _escape(m.group(2)), ""]
        else:
            out += ["    PARA", "      " + _escape(line), ""]
            in_items = False
    return "\n".join(out) + "\n"


def _escape(words: str) -> str:
    """Backslash-escape bluebell's inline markers and a leading all-caps word (a block keyword)."""
    words = _SPECIAL.sub(lambda m: "".join("\\" + c for c in m.group(1)), words)
    return "\\" + words if _KEYWORD.match(words) else words


def build(sizes_mb: list[float]) -> list[tuple[float, Path, Path]]:
    """Write work/tar-<size>mb.txt and its bluebell twin work/tar-<size>mb.bluebell for each size."""
    WORK.mkdir(parents=True, exist_ok=True)
    title, body = title_and_body(corpus_path())
    made = []
    for size in sizes_mb:
        text = repeated(title, body, int(size * 1_000_000))
        plain = WORK / f"tar-{size:g}mb.txt"
        markup = WORK / f"tar-{size:g}mb.bluebell"
        plain.write_text(text, encoding="utf-8")
        markup.write_text(to_bluebell(text), encoding="utf-8")
        made.append((size, plain, markup))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=float, help="input sizes in MB")
    for size, plain, markup in build(parser.parse_args().sizes):
        print(f"{size:g} MB: {plain} ({plain.stat().st_size:,} B), {markup} ({markup.stat().st_size:,} B)")


if __name__ == "__main__":
    main()
