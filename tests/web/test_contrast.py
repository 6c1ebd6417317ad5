"""Every colour of text in the web application's style sheet is readable: a contrast ratio of at
least 4.5:1 (WCAG 2 level AA for normal text) against every background it can stand on.

Read from the style sheet itself, so a colour changed there is checked: a rule's own text colour
against its own background; a text colour set alone against every light surface of the sheet
(the page, the tinted panels, the highlighted target, a reading); and the white text of badges
and buttons against every dark background. The print style (black on white) is left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import lawcode.web

STYLE = Path(lawcode.web.__file__).parent / "static" / "style.css"
AA = 4.5
WHITE = "#ffffff"


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) of every rule outside ``@media print``; custom properties resolved."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    print_block = re.search(r"@media print\s*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", css)
    if print_block:
        css = css.replace(print_block.group(0), "")
    css = re.sub(r"@media[^{]*\{", "", css)  # other media blocks: their rules count as they are
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = {}
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            if value.strip():
                declarations[name.strip()] = value.replace("!important", "").strip()
        rules.append((selector.strip(), declarations))
    variables = {name: value for _, declarations in rules for name, value in declarations.items()
                 if name.startswith("--")}
    for _, declarations in rules:
        for name, value in declarations.items():
            declarations[name] = re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m.group(1)], value)
    return rules


def _hex(value: str | None) -> str | None:
    """The colour a declaration sets, as #rrggbb, or None when it is not a plain colour."""
    if value is None:
        return None
    found = re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value.strip())
    if not found:
        return None
    digits = found.group(1)
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits).lower()


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _pairs() -> list[tuple[str, str, str]]:
    """(what, text colour, background colour) to check."""
    rules = _rules(STYLE.read_text(encoding="utf-8"))
    backgrounds = {_hex(d.get("background") or d.get("background-color")) for _, d in rules} - {None}
    light = sorted(b for b in backgrounds if b is not None and _luminance(b) > 0.5)
    dark = sorted(b for b in backgrounds if b is not None and _luminance(b) <= 0.5)
    pairs = []
    for selector, declarations in rules:
        text = _hex(declarations.get("color"))
        own = _hex(declarations.get("background") or declarations.get("background-color"))
        if text is not None and own is not None:
            pairs.append((selector, text, own))
        elif text is not None:
            pairs += [(f"{selector} on {surface}", text, surface) for surface in light]
    pairs += [(f"white text on {background}", WHITE, background) for background in dark]
    return pairs


def test_the_style_sheet_is_read_whole():
    rules = _rules(STYLE.read_text(encoding="utf-8"))
    assert any(selector == "body" and _hex(d.get("color")) for selector, d in rules)
    assert len(_pairs()) > 20  # text colours times surfaces: a parser that found nothing would pass below


@pytest.mark.parametrize(("what", "text", "background"), _pairs(), ids=lambda value: str(value))
def test_text_contrast_is_at_least_aa(what, text, background):
    assert contrast(text, background) >= AA, f"{what}: {text} on {background} is {contrast(text, background):.2f}:1"


def test_the_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near miss
