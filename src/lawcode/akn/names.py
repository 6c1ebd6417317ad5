"""Names shared by the Akoma Ntoso exporter and importer, so that both read and write one format.

lawcode writes plain Akoma Ntoso 3.0. The one thing AKN has no element for is where a provision
stood in the source text; the schema lets any element carry attributes from another namespace
(its ``core`` attribute group is ``anyAttribute namespace="##other"``), so each provision carries
``lc:line`` in lawcode's own namespace, which every AKN consumer may ignore.
"""

from __future__ import annotations

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LC_NS = "urn:lawcode:akn"
LINE = f"{{{LC_NS}}}line"
# A reference whose words are not in its provision's text (so cannot be marked up inline) is
# kept in <proprietary> metadata as an lc:reference element.
REFERENCE = f"{{{LC_NS}}}reference"

# The TLCOrganization that produced the document (identification/@source and FRBRauthor).
AUTHOR_EID = "lawcode"

# A reference whose target the parser could not resolve: AKN's generic named inline, because a
# <ref> must have an href and there is none to give.
UNRESOLVED = "unresolvedRef"

# TLCReference/@name of an external law a reference names but whose AKN work IRI is unknown.
EXTERNAL_CLASS = "externalLaw"
EXTERNAL_IRI = "/akn/ontology/externalLaw/"

# Node kind -> AKN element name, and back. Hierarchical kinds are the AKN elements themselves.
HIER_TAGS = frozenset({"part", "chapter", "section", "article", "paragraph", "subparagraph", "division", "subsection"})

# TLCTerm/@href of a term the text defines (the ontology IRI of a term, as Laws.Africa writes it).
TERM_IRI = "/ontology/term/this.eng."
