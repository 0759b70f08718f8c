"""Shared fixtures for end-to-end tests: real processes on loopback, real clients.

The binary under test comes from $SWITCHYARD_BIN (the test runner sets it); each fixture
starts its own process on a free port and stops it afterwards.
"""
import os
import socket
import subprocess
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The routers every gateway has without configuration, in the order `/v1/models` lists them.
PRESET_ROUTERS = ["auto", "economy", "quality", "fast", "savings"]


def binary() -> str:
    return os.environ.get("SWITCHYARD_BIN", str(REPO / ".build" / "debug" / "switchyard"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 15.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited early with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} not healthy after {timeout}s")


class Proc:
    """A started process with its base URL and captured output files."""

    def __init__(self, args, port, tmp_path, name, env=None):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = tmp_path / f"{name}.log"
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT,
                                     env={**os.environ, **(env or {})})
        wait_healthy(self.base + "/health", self.proc)

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self, sig=None):
        if self.proc.poll() is None:
            if sig is None:
                self.proc.terminate()
            else:
                self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


class QuietHandler(BaseHTTPRequestHandler):
    """An HTTP/1.1 request handler that logs nothing: the base of the tests' fake upstreams."""
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass


class ThreadedServer:
    """Serves `handler` on a free loopback port from daemon threads until `stop`."""

    def __init__(self, handler):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def start_sim(tmp_path, name="sim", *flags):
    port = free_port()
    return Proc([binary(), "sim", "--listen", f"127.0.0.1:{port}", *flags], port, tmp_path, name)


def with_upstream_client(config_text: str) -> str:
    """The config with `server.upstream_client` set from SWITCHYARD_E2E_UPSTREAM_CLIENT, when given:
    scripts/test.sh runs the suite's transport-heavy modules once more with curl, so both upstream
    clients meet the same SDKs, faults and fuzz."""
    client = os.environ.get("SWITCHYARD_E2E_UPSTREAM_CLIENT")
    if not client or "upstream_client" in config_text:
        return config_text
    lines = config_text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("server:"):
            rest = line[len("server:"):].strip()
            if rest.startswith("{"):
                lines[i] = "server: {upstream_client: " + client + ", " + rest[1:]
            else:
                lines.insert(i + 1, "  upstream_client: " + client)
            return "\n".join(lines)
    return config_text + "\nserver:\n  upstream_client: " + client + "\n"


def start_gateway(tmp_path, config_text: str, name="gateway", env=None):
    port = free_port()
    cfg = tmp_path / f"{name}.yaml"
    cfg.write_text(with_upstream_client(config_text).replace("{PORT}", str(port)))
    return Proc([binary(), "serve", "--config", str(cfg)], port, tmp_path, name, env=env)


def gateway_on_sim(tmp_path_factory, name: str, config):
    """A module's simulator and gateway: `config(sim_base, data_dir)` gives the gateway's YAML.
    Yields {"gw", "sim", "db"} and stops both afterwards (use with `yield from`)."""
    tmp = tmp_path_factory.mktemp(name)
    sim = start_sim(tmp)
    gw = start_gateway(tmp, config(sim.base, str(tmp / "data")))
    try:
        yield {"gw": gw, "sim": sim, "db": tmp / "data" / "switchyard.db"}
    finally:
        gw.stop()
        sim.stop()


def ledger_row(db, request_id: str, timeout: float = 5.0) -> dict:
    """The ledger row of `request_id` as a dict, once the writer has committed it."""
    import sqlite3
    deadline = time.time() + timeout
    while time.time() < deadline:
        with sqlite3.connect(db) as con:
            con.row_factory = sqlite3.Row
            row = con.execute("SELECT * FROM requests WHERE request_id = ?", (request_id,)).fetchone()
        if row:
            return dict(row)
        time.sleep(0.05)
    raise AssertionError(f"no ledger row for {request_id}")


def sim_config(sim_base: str, data_dir: str, extra: str = "") -> str:
    return f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data_dir}
timeouts:
  first_byte_ms: 5000
  idle_ms: 5000
providers:
  - name: sim
    type: openai-compatible
    base_url: {sim_base}/v1
    api_keys: ["sk-upstream-secret-123456"]
models:
  - name: gpt-4o-mini
    provider: sim
  - name: small
    provider: sim
    upstream_model: sim-small-v2
{extra}
"""


@pytest.fixture
def sim(tmp_path):
    p = start_sim(tmp_path)
    yield p
    p.stop()


@pytest.fixture
def gateway(tmp_path, sim):
    g = start_gateway(tmp_path, sim_config(sim.base, str(tmp_path / "data")))
    yield g
    g.stop()
