"""`python -m burgerflow` runs the CLI."""

from burgerflow.cli import main

raise SystemExit(main())
