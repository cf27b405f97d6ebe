"""``python -m nordval``."""

from .cli import main

main()
