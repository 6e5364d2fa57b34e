"""`python -m bilateral ...` runs the `bilateral` command."""

from __future__ import annotations

from bilateral.cli.commands import main

if __name__ == "__main__":
    main()
