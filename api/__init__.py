"""The front doors of dipgraph: the FastAPI app and the `dipgraph` command."""
