"""The SQLite module the store uses: pysqlite3's where it is installed, else Python's own ``sqlite3``.

Python's ``sqlite3`` runs the SQLite of the system it was built on: 3.40 (2022) on Debian 12, older
on older systems. pysqlite3-binary is the same DB-API module built with a current SQLite of its
own (3.51), and FTS5 has become cheaper since 3.40: on 2,000 synthetic regulations, writing a
document's full-text rows costs about a quarter fewer instructions, and the search statement about a
tenth fewer, with the same answers (see docs/decisions/0013-search-rows-per-provision.md). It is a
dependency where PyPI has its wheels (Linux on x86-64); elsewhere the store runs on Python's own
module, with the same results, only slower. Every part of lawcode opens SQLite through this module:
two SQLite libraries in one process must never open the same file, as each keeps its own record
of the process's locks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same interface: type-checked against Python's own module
    import sqlite3
else:
    try:
        from pysqlite3 import dbapi2 as sqlite3
    except ImportError:
        import sqlite3

__all__ = ["sqlite3"]
