"""The Neo4j side of dipgraph: the managed server, the schema, writes, reads and analytics."""
