"""The managed Neo4j: provisioned from Maven Central into DIPGRAPH_HOME and run on the machine's Java."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from graph.config import Settings
from graph.errors import ServerError

NEO4J_VERSION = "5.26.28"
BROWSER_VERSION = "5.24.0"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
# The server.jvm.additional defaults of Neo4j's distribution neo4j.conf (which the jars do not
# carry), less its TLS and diagnostics options: the JVM Neo4j is tuned and tested on.
# Not -XX:+ExitOnOutOfMemoryError: values built inside expressions escape the transaction
# memory limit, and with it one read-only query exited the JVM. Without it (measured on 5.26.28,
# 1 GiB heap) the allocating query fails with Neo.TransientError.General.OutOfMemoryError and
# the server goes on answering; a death from any other cause is the supervisor's to repair.
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dfile.encoding=UTF-8",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
)
POM_DEPENDENCY = (
    "<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId>"
    "<version>{v}</version></dependency>"
)
POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dipgraph</groupId><artifactId>neo4j-runtime</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>{deps}</dependencies>
</project>
"""
SERVER_ARTIFACTS = (
    ("org.neo4j", "neo4j", NEO4J_VERSION),
    ("org.neo4j", "neo4j-bolt", NEO4J_VERSION),
    ("org.neo4j.app", "neo4j-server", NEO4J_VERSION),
)
BROWSER_ARTIFACT = ("org.neo4j.client", "neo4j-browser", BROWSER_VERSION)


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    bolt_uri: str
    http_url: str

    def describe(self) -> str:
        if not self.running:
            return "Neo4j is stopped"
        return f"Neo4j {NEO4J_VERSION} is running (pid {self.pid}) at {self.bolt_uri}"


class ManagedNeo4j:
    """One Neo4j 5.26 Community server living in `<DIPGRAPH_HOME>/neo4j`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = settings.home_dir / "neo4j"
        self._proc: subprocess.Popen[bytes] | None = None

    # -- paths ---------------------------------------------------------------------------------
    @property
    def lib(self) -> Path:
        shared = self.settings.neo4j_lib
        return shared.expanduser().resolve() if shared else self.home / "lib"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "dipgraph-neo4j.pid"

    @property
    def stop_marker(self) -> Path:
        """Present while the server is stopped on purpose, so the supervisor leaves it down."""
        return self.home / "run" / "stopped-on-request"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.settings.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.http_port}"

    @property
    def browser_url(self) -> str:
        """Neo4j Browser with `connectURL` naming this server's Bolt port: the Browser
        otherwise proposes bolt://localhost:7687 whatever port the server listens on."""
        return f"{self.http_url}/browser/?{urlencode({'connectURL': self.bolt_uri})}"

    # -- provisioning --------------------------------------------------------------------------
    def provisioned(self) -> bool:
        marker = self.lib / ".complete"
        return marker.exists() and marker.read_text().strip() == NEO4J_VERSION

    def provision(self) -> bool:
        """Resolve the server jars with Maven once; returns True when it downloaded anything."""
        if self.provisioned():
            return False
        java_binary()
        mvn = shutil.which("mvn")
        if mvn is None:
            raise ServerError(
                "Maven (mvn) is not installed: install it (apt-get install maven) "
                "or set NEO4J_URI to use another Neo4j server"
            )
        self.lib.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="lib-", dir=self.lib.parent))
        try:
            self._resolve(mvn, staging, with_browser=True)
        except ServerError:
            shutil.rmtree(staging, ignore_errors=True)
            staging = Path(tempfile.mkdtemp(prefix="lib-", dir=self.lib.parent))
            self._resolve(mvn, staging, with_browser=False)
        (staging / ".complete").write_text(NEO4J_VERSION)
        shutil.rmtree(self.lib, ignore_errors=True)
        staging.rename(self.lib)
        return True

    def _resolve(self, mvn: str, out: Path, with_browser: bool) -> None:
        artifacts = SERVER_ARTIFACTS + ((BROWSER_ARTIFACT,) if with_browser else ())
        deps = "".join(POM_DEPENDENCY.format(g=g, a=a, v=v) for g, a, v in artifacts)
        pom = out / "pom.xml"
        pom.write_text(POM.format(deps=deps))
        cmd = [
            mvn,
            "-q",
            "-B",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={out}",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        pom.unlink()
        if proc.returncode != 0:
            tail = (proc.stdout + proc.stderr).strip().splitlines()[-15:]
            raise ServerError("Maven could not resolve Neo4j: " + "\n".join(tail))

    def make_private(self) -> None:
        """DIPGRAPH_HOME and the server's folders 0700 (an older home is tightened too): the
        store, auth.ini, logs and the password are nobody else's to read."""
        for folder in (self.settings.home_dir, self.home):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder.chmod(0o700)
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (self.home / sub).mkdir(mode=0o700, exist_ok=True)
            (self.home / sub).chmod(0o700)

    def write_config(self) -> None:
        self.make_private()
        private_write(self.home / "conf" / "neo4j.conf", self._config_text())

    def _config_text(self) -> str:
        s, h = self.settings, self.home
        lines = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{s.bolt_port}",
            "server.http.listen_address": f"127.0.0.1:{s.http_port}",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "server.directories.data": str(h / "data"),
            "server.directories.logs": str(h / "logs"),
            "server.directories.run": str(h / "run"),
            "server.directories.import": str(h / "import"),
            "server.directories.plugins": str(h / "plugins"),
            "server.memory.pagecache.size": "512m",
            "db.transaction.timeout": "60s",
            "db.memory.transaction.max": "512m",
            "dbms.usage_report.enabled": "false",
            "client.allow_telemetry": "false",
            "dbms.security.allow_csv_import_from_file_urls": "false",
        }
        return "".join(f"{k}={v}\n" for k, v in lines.items())

    def password(self) -> str:
        """The generated password, created (0600) and set before the very first start."""
        if self.password_file.exists():
            return self.password_file.read_text().strip()
        pw = new_password()
        self._admin("dbms", "set-initial-password", pw)
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(pw + "\n")
        return pw

    def _admin(self, *args: str) -> None:
        """neo4j-admin with its arguments in a 0600 java @argfile, removed afterwards: the
        launcher reads them from the file, so the password is never on a command line (which
        every user can read in /proc). AdminTool itself, not the Neo4jAdminCommand bootloader,
        which starts a second JVM with every argument on its command line."""
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}
        words = ["-cp", f"{self.lib}/*", "org.neo4j.cli.AdminTool", *args]
        argfile = self.home / "run" / f"admin-{secrets.token_hex(8)}.args"
        private_write(argfile, " ".join(f'"{w}"' for w in words) + "\n")
        try:
            proc = subprocess.run(
                [java_binary(), f"@{argfile}"],
                capture_output=True,
                text=True,
                env=env,
                check=False,
                umask=0o077,
            )
        finally:
            argfile.unlink(missing_ok=True)
        if proc.returncode != 0:
            raise ServerError(f"neo4j-admin {args[0]} {args[1]} failed: {proc.stderr[-2000:]}")

    # -- lifecycle -----------------------------------------------------------------------------
    def status(self) -> Status:
        pid = self._live_pid()
        return Status(pid is not None, pid, self.bolt_uri, self.http_url)

    def start(self, timeout: float = 180.0) -> tuple[Status, bool]:
        """Start the server unless it runs; returns its status and whether this call started it."""
        current = self.status()
        if current.running:
            return current, False
        self.make_private()
        self.provision()
        self.write_config()
        self.password()
        for port in (self.settings.bolt_port, self.settings.http_port):
            if port_open(port):
                raise ServerError(
                    f"port {port} on 127.0.0.1 is taken by another program; "
                    "set DIPGRAPH_NEO4J_BOLT_PORT / DIPGRAPH_NEO4J_HTTP_PORT"
                )
        self.stop_marker.unlink(missing_ok=True)
        proc = self._launch()
        self._wait_ready(proc, timeout)
        return self.status(), True

    def exit_status(self) -> int | None:
        """How the server this object launched ended (negative: a signal), if it did."""
        return self._proc.poll() if self._proc is not None else None

    def stopped_on_purpose(self) -> bool:
        return self.stop_marker.exists()

    def _launch(self) -> subprocess.Popen[bytes]:
        heap = self.settings.neo4j_heap
        h = self.home
        cmd = [
            java_binary(),
            # A fixed heap, as Neo4j advises: no pauses to grow it under a bulk load.
            f"-Xms{heap}",
            f"-Xmx{heap}",
            *JVM_FLAGS,
            "-cp",
            f"{h}/plugins/*:{h}/conf/*:{self.lib}/*",
            MAIN_CLASS,
            f"--home-dir={h}",
            f"--config-dir={h}/conf",
            "--console-mode",
        ]
        log = os.fdopen(
            os.open(self.console_log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "ab"
        )
        proc = subprocess.Popen(
            cmd,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=h,
            umask=0o077,  # store files, logs and auth.ini 0600
        )
        log.close()
        private_write(self.pid_file, str(proc.pid))
        self._proc = proc
        return proc

    def _wait_ready(self, proc: subprocess.Popen[bytes], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise ServerError(f"Neo4j exited with status {proc.returncode}:\n{self.log_tail()}")
            if port_open(self.settings.bolt_port) and b"Started." in self._log_bytes()[-4096:]:
                return
            time.sleep(0.25)
        self.stop()
        raise ServerError(f"Neo4j did not start within {timeout:.0f}s:\n{self.log_tail()}")

    def stop(self, timeout: float = 60.0) -> bool:
        """Shut the server down cleanly (SIGTERM, then SIGKILL after the timeout)."""
        pid = self._live_pid()
        if pid is None:
            return False
        private_write(self.stop_marker, "")
        os.kill(pid, signal.SIGTERM)
        if not wait_gone(pid, timeout):
            os.kill(pid, signal.SIGKILL)
            wait_gone(pid, 10)
        self.pid_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """SIGKILL the server, as a crash would; used by fault tests."""
        pid = self._live_pid()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            wait_gone(pid, 10)

    def _live_pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return None
        alive = MAIN_CLASS.encode() in cmdline and str(self.home).encode() in cmdline
        return pid if alive and not is_zombie(pid) else None

    def _log_bytes(self) -> bytes:
        try:
            return self.console_log.read_bytes()
        except FileNotFoundError:
            return b""

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self._log_bytes().decode("utf-8", "replace").splitlines()[-lines:])


def private_write(path: Path, text: str) -> None:
    """Write `text` to a file only its owner may read (0600, also when it existed)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)


def new_password() -> str:
    """192 random bits in hex. Not URL-safe base64: neo4j-admin takes a password that starts
    with "-" for an option ("Missing required parameter"), which failed one first start in 64."""
    return secrets.token_hex(24)


def java_binary() -> str:
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        raise ServerError(
            "Java 17 or 21 is not installed: install it (apt-get install openjdk-17-jre-headless) "
            "or set NEO4J_URI to use another Neo4j server"
        )
    return java


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not Path(f"/proc/{pid}").exists() or is_zombie(pid):
            _reap(pid)
            return True
        time.sleep(0.2)
    return False


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
