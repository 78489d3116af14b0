"""Entry layer: `python -m mkdesk` runs the command line."""

from mkdesk.cli import main

raise SystemExit(main())
