"""Akoma Ntoso 3.0: export a Document (:mod:`.export`), read one back (:mod:`.importer`), and check
files against the OASIS schema (:mod:`.validate`). :mod:`.names` holds what export and import share.
"""
