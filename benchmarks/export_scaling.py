"""Does Akoma Ntoso export stay linear when one provision cites a great deal?

    python benchmarks/export_scaling.py [--sizes 0.5 1 2 4] [--repeat 3]

For each size (MB), a text is generated at run time (nothing is read from the corpus): a title,
then articles of about 85 KB whose single paragraph cites other articles again and again ("...
under Article 1, under Article 2, ..."): some 4 500 citations per provision. The script times, in
this process, the parse (``parse_text``) and the export (``to_akn``) separately, best of
``--repeat``, and prints seconds, seconds per MB and the ratio of each size's time to the
smallest's. Linear time shows as a constant seconds-per-MB; a quadratic step shows as a ratio that
grows with the square of the size ratio.

A second table times the export alone of one provision holding 5 000 to 40 000 references,
each with its own words.

Before the export placed each reference after the one before it, placing compared every reference
with all those placed before it in the same provision (issue 11 measured a 4.7 MB text that
parsed in 2.6 s and exported in 41.5 s; this script's second table took 30 s for 20 000).
"""

from __future__ import annotations

import argparse
import gc
import time


def make_text(megabytes: float) -> str:
    """A text of about ``megabytes`` MB: articles of about 85 KB each (under the 100 000 characters
    above which a provision is not searched for citations), each citing articles 1..999 over and over."""
    parts = ["Harbour Regulations\n\n"]
    size = 0
    target = int(megabytes * 1_000_000)
    article = 0
    while size < target:
        article += 1
        clauses = [f"under Article {n % 999 + 1}," for n in range(4_500)]  # about 85 KB
        words = f"Article {article}: Owners shall act " + " ".join(clauses) + " and keep records.\n\n"
        parts.append(words)
        size += len(words)
    return "".join(parts)


def one_provision(count: int):
    """A Document of one provision whose words carry ``count`` references, each with its own words."""
    from lawcode.text.document import Document, Reference, make_node

    words = " ".join(f"under Article {n + 1}," for n in range(count))
    refs = tuple(Reference("art_1", f"Article {n + 1}", f"art_{n + 1}") for n in range(count))
    return Document(source="many.txt", title=None, body=(make_node("art_1", "article", "1", None, words),),
                    references=refs)


def best_of(repeat: int, run) -> tuple[float, object]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        result = run()
        best = min(best, time.process_time() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 4])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--references", type=int, nargs="+", default=[5_000, 10_000, 20_000, 40_000],
                        help="references in one provision, each with its own words, for the second table")
    args = parser.parse_args()

    from lawcode.akn.export import to_akn
    from lawcode.text.parse import parse_text

    rows = []
    for megabytes in args.sizes:
        text = make_text(megabytes)
        parse_s, doc = best_of(args.repeat, lambda text=text: parse_text(text))
        export_s, _ = best_of(args.repeat, lambda doc=doc: to_akn(doc))  # type: ignore[arg-type]
        rows.append((len(text) / 1e6, len(doc.references), parse_s, export_s))  # type: ignore[union-attr]
        print(f"{rows[-1][0]:.2f} MB: {rows[-1][1]} references, parse {parse_s:.2f} s, export {export_s:.2f} s",
              flush=True)
    base = rows[0]
    print("\n| text MB | references | parse s | export s | parse s/MB | export s/MB | export time / smallest's |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for mb, refs, parse_s, export_s in rows:
        print(f"| {mb:.2f} | {refs} | {parse_s:.2f} | {export_s:.2f} | {parse_s / mb:.2f} | {export_s / mb:.2f} "
              f"| {export_s / base[3]:.1f}x for {mb / base[0]:.1f}x the text |")
    print("\n| references in one provision | export s | time / smallest's |")
    print("|---:|---:|---:|")
    first = None
    for count in args.references:
        doc = one_provision(count)
        export_s, _ = best_of(args.repeat, lambda doc=doc: to_akn(doc))
        first = first or export_s
        print(f"| {count} | {export_s:.3f} | {export_s / first:.1f}x for {count / args.references[0]:.0f}x |",
              flush=True)


if __name__ == "__main__":
    main()
