"""One module per `dipgraph` command group; each exposes `register(app)`."""
