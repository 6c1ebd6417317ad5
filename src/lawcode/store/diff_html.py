"""A comparison as one self-contained HTML page: old and new side by side, article by article.

Removed words are struck through on the left, added words underlined on the right; unchanged
articles are folded to one line; the norms to review are listed first. Everything taken from the
texts is HTML-escaped.
"""

from __future__ import annotations

from html import escape

from lawcode.store.diff import Article, Comparison, Pair

_FOLDED = 20  # words shown of an article whose words did not change

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td,th{border-top:1px solid #ddd;padding:.5em;vertical-align:top;text-align:left}
th{background:#f4f4f4}
del{background:#fdd;text-decoration:line-through}
ins{background:#dfd;text-decoration:underline}
.tag{font-size:12px;color:#555;font-weight:600;text-transform:uppercase;margin-left:.5em}
.cite{font-weight:600}
.same td{color:#888}
.empty{background:#fafafa}
"""


def render_html(comparison: Comparison) -> str:
    summary = comparison.summary()
    lines = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{escape(comparison.old_label)} → {escape(comparison.new_label)}</title>",
             f"<style>{_STYLE}</style></head><body>",
             f"<h1>{escape(comparison.old_label)} → {escape(comparison.new_label)}</h1>",
             "<p>" + ", ".join(f"{n} {escape(name.replace('_', ' '))}" for name, n in summary.items()) + "</p>"]
    if comparison.norms:
        lines.append(f"<h2>Norms to review (model {escape(comparison.model or '')})</h2><ul>")
        for norm in comparison.norms:
            reasons = escape("; ".join(norm.reasons))
            lines.append(f"<li><b>{escape(norm.norm)}</b> ({escape(norm.kind)}): {reasons}</li>")
        lines.append("</ul>")
    lines.append(f"<table><tr><th>{escape(comparison.old_label)}</th><th>{escape(comparison.new_label)}</th></tr>")
    rows = [(p.new.position, 0, _pair_row(p)) for p in comparison.pairs]
    rows += [(a.position, 1, f'<tr><td class="empty"></td><td>{_head(a, "added")}<ins>{escape(" ".join(a.words))}'
                             "</ins></td></tr>") for a in comparison.added]
    removed = [f'<tr><td>{_head(a, "removed")}<del>{escape(" ".join(a.words))}</del></td><td class="empty"></td></tr>'
               for a in comparison.removed]
    lines += [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]))] + removed
    lines.append("</table></body></html>")
    return "\n".join(lines) + "\n"


def _head(article: Article, tag: str = "") -> str:
    title = escape(article.citation + (f" {article.heading}" if article.heading else ""))
    return f'<div class="cite">{title}' + (f'<span class="tag">{escape(tag)}</span>' if tag else "") + "</div>"


def _pair_row(pair: Pair) -> str:
    tags = ", ".join(s for s in pair.status if s != "unchanged")
    if not pair.diff:
        cls = ' class="same"' if pair.status == ("unchanged",) else ""
        shown = pair.new.words
        text = escape(" ".join(shown[:_FOLDED]) + (" …" if len(shown) > _FOLDED else ""))
        return f"<tr{cls}><td>{_head(pair.old)}{text}</td><td>{_head(pair.new, tags)}{text}</td></tr>"
    left, right = [], []
    for op, words in pair.diff:
        if op == "=":
            left.append(escape(words))
            right.append(escape(words))
        else:
            marked = _mark("del" if op == "-" else "ins", words)
            (left if op == "-" else right).append(marked)
    return (f"<tr><td>{_head(pair.old)}{''.join(left)}</td>"
            f"<td>{_head(pair.new, tags)}{''.join(right)}</td></tr>")


def _mark(tag: str, words: str) -> str:
    """``words`` in ``<tag>``, with the spaces around them left outside the mark."""
    core = words.strip()
    lead, trail = words[: len(words) - len(words.lstrip())], words[len(words.rstrip()):]
    return f"{lead}<{tag}>{escape(core)}</{tag}>{trail}"
