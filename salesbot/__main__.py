"""`python -m salesbot`: the command line (salesbot/cli/main.py)."""

from __future__ import annotations

import sys

from salesbot.cli.main import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
