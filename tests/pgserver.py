"""A throwaway PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder, Unix socket only.

Started once per test session (per xdist worker) by the `pg_server` fixture and
stopped at its end. The machine's own server binaries are used (PATH, /usr/local/bin,
/usr/lib/postgresql/*/bin). initdb refuses to run as root, so as root the server runs
as an unprivileged user ("nobody") that owns the folder. Where no binaries exist the
PostgreSQL tests skip saying so; under CI=1 that skip fails (tests/conftest.py).
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

ADMIN = "tracker_admin"  # the superuser of the throwaway cluster (owner of every test database)


def server_binaries() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None."""
    found = shutil.which("pg_ctl")
    candidates = [Path(found).parent] if found else []
    candidates += [Path("/usr/local/bin")] + [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for d in candidates:
        if all((d / b).exists() for b in ("initdb", "pg_ctl", "postgres")):
            return d
    return None


class PgServer:
    def __init__(self) -> None:
        self.bin = server_binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="tpg"))  # short: a socket path has ~100 characters
        self.data = self.folder / "data"
        self.socket = self.folder / "s"
        self.as_user: list[str] = []

    def _run(self, *args: str) -> None:
        r = subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=120)
        if r.returncode:
            raise RuntimeError(f"{' '.join(args)} failed: {r.stdout}{r.stderr}")

    def start(self) -> "PgServer":
        assert self.bin is not None
        self.socket.mkdir()
        if os.geteuid() == 0:
            import pwd

            user = pwd.getpwnam("nobody")
            for p in (self.folder, self.socket):
                os.chown(p, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", "nobody", "--"]
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", ADMIN, "-A", "trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        opts = f"-k {self.socket} -c listen_addresses='' -F -c max_connections=60 -c shared_buffers=64MB"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"), "-o", opts, "-w", "start")
        return self

    def stop(self) -> None:
        if self.bin is not None and self.data.exists():
            subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                           capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, db: str = "postgres", user: str = ADMIN) -> str:
        return f"postgresql://{user}@/{db}?host={self.socket}"

    def new_database(self) -> str:
        """A fresh empty database's URL (as the cluster's owner)."""
        import psycopg

        name = "t" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def sql(self, url: str, statement: str, params: list | None = None) -> list:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            cur = conn.execute(statement, params)
            return cur.fetchall() if cur.description else []


@pytest.fixture(scope="session")
def pg_server():
    """The session's throwaway server (skips, saying why, where the machine has no PostgreSQL binaries)."""
    if server_binaries() is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl, postgres) on this machine")
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")
    server = PgServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A new empty database on the session's server."""
    return pg_server.new_database()
