"""``python -m lawcode``: the same command line as the ``lawcode`` script."""

from lawcode.cli import main

main()
