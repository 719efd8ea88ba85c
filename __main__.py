"""`python -m cancu` runs the command line."""

from cancu.cli import main

main()
