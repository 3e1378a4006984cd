"""`python -m burgerflow.bench.peer --task-queue TQ`: the peer's worker."""

from burgerflow.bench.peer.worker import main

raise SystemExit(main())
