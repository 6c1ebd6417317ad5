"""Scenario tests: YAML cases a model author writes beside a model, run by ``lawcode test``.

:mod:`.schema` is the file format (published as JSON Schema by ``lawcode schema --tests``),
:mod:`.load` reads a file with the line of every case, :mod:`.run` puts each case's question to
the engine and compares, :mod:`.coverage` counts what the cases exercised, :mod:`.report`
renders the results for a reader.
"""
