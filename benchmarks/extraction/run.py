"""Extraction benchmark: how close does `lawcode draft` get to the hand-written models?

For every shipped model (src/lawcode/regulations/*/model.yaml, found automatically) and every
model given with --model, the text it was written for is drafted from the text alone - the
lexicon knows only the text's own words, never the model being measured against - and the
draft is compared with the model norm by norm (lawcode.draft.compare): coverage, kind, bearer
(after mapping the draft's actors onto the model's) and condition presence, each as precision
(of what the draft says) and recall (of what the model says). Every other text of the corpus is
drafted too, and `lawcode check` is run on each draft.

    .venv/bin/python benchmarks/extraction/run.py [--corpus ../shared/corpus] [--model PATH ...]
        [--format markdown|json]

Drafts are written to benchmarks/work/extraction/ (git-ignored) so that they can be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from lawcode import service  # noqa: E402
from lawcode.draft import draft_document  # noqa: E402
from lawcode.draft.compare import compare  # noqa: E402
from lawcode.draft.emit import model_data, model_yaml  # noqa: E402
from lawcode.model.check import check_model  # noqa: E402
from lawcode.model.objects import Model  # noqa: E402
from lawcode.model.schema import validate  # noqa: E402

TARGETS = {"kind": 0.9, "bearer": 0.9, "coverage": 0.85}
WORK = ROOT / "benchmarks" / "work" / "extraction"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_corpus = os.environ.get("LAWCODE_CORPUS", str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--corpus", default=default_corpus, help="folder of regulation texts")
    parser.add_argument("--model", action="append", default=[], help="a further hand-written model to measure against")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    WORK.mkdir(parents=True, exist_ok=True)

    models = [*service.shipped_model_paths().values(), *(Path(m) for m in args.model)]
    measured, modelled_texts = [], set()
    for path in models:
        reviewed, lenient = _reviewed_model(path)
        text = corpus / reviewed.regulation.text.file
        if not text.is_file():
            sys.exit(f"run.py: the text of {path} is not in {corpus}: {text.name}")
        modelled_texts.add(text.name)
        drafted, seconds = _draft(text)
        result = compare(reviewed, validate(model_data(drafted)))
        measured.append(
            {
                "model": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
                "text": text.name,
                "seconds": round(seconds, 2),
                "read_leniently": lenient,
                "reviewed_norms": len(reviewed.norms),
                "drafted_norms": len(drafted.norms),
                "measures": [m.to_dict() for m in result.measures()],
                "by_confidence": _by_confidence(result),
            }
        )
    checked = []
    for text in sorted(corpus.glob("*.txt")):
        drafted, seconds = _draft(text)
        out = WORK / f"{text.stem}.yaml"
        out.write_text(model_yaml(drafted), encoding="utf-8")
        report = check_model(service.load_model(out, strict=False), service.read_document(text))
        checked.append(
            {
                "text": text.name,
                "has_model": text.name in modelled_texts,
                "seconds": round(seconds, 2),
                "norms": len(drafted.norms),
                "kinds": dict(Counter(n.kind for n in drafted.norms).most_common()),
                "actors": len(drafted.lexicon.actors),
                "facts": len(drafted.facts),
                "to_review": len(drafted.review),
                "articles": len(drafted.document.articles()),
                "articles_without_norms": len(drafted.articles_without_norms()),
                "errors": len(report.errors),
                "warnings": len(report.warnings),
                "lint": dict(Counter(i.code for i in report.lint).most_common()),
            }
        )
    if args.format == "json":
        print(json.dumps({"measured": measured, "checked": checked}, indent=2))
    else:
        print(_markdown(measured, checked))


BANDS = ((0.85, 1.01), (0.7, 0.85), (0.0, 0.7))


def _by_confidence(result: Any) -> list[dict[str, Any]]:
    """Kind and bearer agreement of the drafted norms that have a partner, by the confidence the
    drafter gave them: does a higher confidence mean a better draft?"""
    from lawcode.draft.emit import parse_drafted_note

    out = []
    for low, high in BANDS:
        pairs = [
            p
            for p in result.by_drafted
            if p.reviewed is not None and low <= (parse_drafted_note(p.drafted.note) or ("", 0.0))[1] < high
        ]
        out.append(
            {
                "confidence": f"{low:.2f}-{min(high, 1.0):.2f}",
                "norms": len(pairs),
                "kind": round(sum(p.kind_agrees for p in pairs) / len(pairs), 3) if pairs else None,
                "bearer": round(sum(p.bearer_agrees for p in pairs) / len(pairs), 3) if pairs else None,
            }
        )
    return out


def _reviewed_model(path: Path) -> tuple[Model, bool]:
    """The hand-written model; read leniently (only actors, norms and the regulation, with the
    fields this checkout's schema knows) when it uses fields from a newer schema."""
    from lawcode.errors import ModelError

    try:
        return service.load_model(path, strict=False).model, False
    except ModelError:
        import yaml

        from lawcode.model.schema import Actor, Norm, Regulation

        data = yaml.safe_load(path.read_text(encoding="utf-8"))

        def keep(item: dict, cls: type) -> dict:
            return {k: v for k, v in item.items() if k in cls.model_fields or k == "from" or k == "to"}

        model = validate(
            {
                "regulation": keep(data["regulation"], Regulation),
                "actors": [keep(a, Actor) for a in data.get("actors", [])],
                "norms": [{**keep(n, Norm), "overrides": []} for n in data.get("norms", [])],
            }
        )
        return model, True


def _draft(text: Path) -> tuple[Any, float]:
    document = service.read_document(text)
    started = time.perf_counter()
    drafted = draft_document(document)
    return drafted, time.perf_counter() - started


def _markdown(measured: list[dict], checked: list[dict]) -> str:
    lines = ["### Drafts against hand-written models", ""]
    for item in measured:
        lenient = " - read leniently: fields of a newer schema ignored" if item["read_leniently"] else ""
        lines += [
            f"`{item['model']}` ({item['text']}: {item['reviewed_norms']} reviewed norms, "
            f"{item['drafted_norms']} drafted, {item['seconds']} s{lenient})",
            "",
            "| measure | precision | recall | target | drafted right/all | reviewed right/all |",
            "|---|---|---|---|---|---|",
        ]
        for m in item["measures"]:
            target = TARGETS.get(m["measure"])
            mark = (
                ""
                if target is None
                else (f"{target} " + ("met" if min(m["precision"], m["recall"]) >= target else "NOT met"))
            )
            lines.append(
                f"| {m['measure']} | {m['precision']:.3f} | {m['recall']:.3f} | {mark} | "
                f"{m['drafted'][0]}/{m['drafted'][1]} | {m['reviewed'][0]}/{m['reviewed'][1]} |"
            )
        lines += [
            "",
            "| drafted confidence | norms with a partner | kind agrees | bearer agrees |",
            "|---|---|---|---|",
        ]
        lines += [f"| {b['confidence']} | {b['norms']} | {b['kind']} | {b['bearer']} |" for b in item["by_confidence"]]
        lines.append("")
    lines += [
        "### `lawcode check` on the draft of every corpus text",
        "",
        "| text | norms | kinds | to review | articles without norm | errors | warnings | lint notes | s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for item in checked:
        kinds = ", ".join(f"{n} {k}" for k, n in item["kinds"].items())
        lint = sum(item["lint"].values())
        lines.append(
            f"| {item['text']} | {item['norms']} | {kinds} | {item['to_review']} | "
            f"{item['articles_without_norms']}/{item['articles']} | {item['errors']} | {item['warnings']} | "
            f"{lint} | {item['seconds']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
