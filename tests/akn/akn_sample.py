"""A small hand-built regulation (synthetic words) that exercises every AKN construct lawcode writes.

Test modules import :func:`widget_document` from here: a plain module, not a conftest.py, so
that it does not shadow the top-level conftest module that other test folders import from.

Its references are in reading order (by provision, then by where their words stand), the order
the parser gives and the importer restores.
"""

from __future__ import annotations

from lawcode.text.document import Document, Node, Reference


def _item(parent: str, n: int, text: str, line: int, **kw) -> Node:
    return Node(f"{parent}__list_1__item_{n}", "item", f"({n})", None, text, line=line, **kw)


def widget_document() -> Document:
    para1 = "chp_I__art_1__para_nn_1"
    nested = _item(
        para1, 2, "sell widgets, namely:", 12,
        children=(
            Node(f"{para1}__list_1__item_2__list_1__item_a", "item", "(a)", None, "blue ones;", line=13),
            Node(f"{para1}__list_1__item_2__list_1__item_b", "item", "(b)", None, "red ones,", line=14),
        ),
        wrap_up="at a fair price;",
    )
    art1 = Node(
        "chp_I__art_1", "article", "1", None, "",
        children=(
            Node(para1, "paragraph", None, None, "Makers shall, as article 2 and the Gadget Act say:",
                 children=(_item(para1, 1, "make widgets;", 11), nested,
                           _item(para1, 3, "keep the records the preceding item needs.", 16)),
                 wrap_up="All of this applies from the start.", line=10),
            Node("chp_I__art_1__para_nn_2", "paragraph", None, None,
                 "Sellers & <buyers> keep \"quotes\", as Articles 1 and 2 say.", line=18),
        ),
        line=9,
    )
    art2 = Node(
        "chp_I__art_2", "article", "2", "Scope", "Article 1 covers these widgets:",
        children=(Node("chp_I__art_2__para_1", "paragraph", "1.", None, "Small ones.", line=22),
                  Node("chp_I__art_2__para_2", "paragraph", "2.", None, "Large ones.\nAlso very large ones.", line=23)),
        wrap_up="Toys are not widgets.", line=21,
    )
    chapter1 = Node("chp_I", "chapter", "I", "General rules", "", children=(art1, art2), line=7)
    chapter2 = Node("chp_II", "chapter", "II", "Final rules", "", line=30,
                    children=(Node("chp_II__art_3", "article", "3", None, "", line=31),))
    refs = (
        Reference(para1, "article 2", target="chp_I__art_2"),
        Reference(para1, "the Gadget Act", external="Gadget Act"),
        Reference(f"{para1}__list_1__item_3", "the preceding item"),
        Reference("chp_I__art_1__para_nn_2", "Articles 1 and 2", target="chp_I__art_1"),
        Reference("chp_I__art_1__para_nn_2", "Articles 1 and 2", target="chp_I__art_2"),
        Reference("chp_I__art_2", "Article 1", target="chp_I__art_1"),
        Reference("chp_I__art_2", "Toys", external="Toy Law 1999"),
        Reference("chp_II__art_3", "words that are not there", target="chp_I"),
    )
    return Document(
        "widgets.txt", "The Widget Regulations", (chapter1, chapter2), refs,
        preamble="Made by the widget board.\nIn force.", frbr_uri="/akn/xx/act/regulation/2021/widgets",
    )
