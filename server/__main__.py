"""`python -m bilateral.server ...` runs the `bilateral` command."""

from __future__ import annotations

from bilateral.server.cli import main

if __name__ == "__main__":
    main()
