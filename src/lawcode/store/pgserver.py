"""A throwaway PostgreSQL server in a temporary folder, for the tests and the benchmarks.

``initdb`` into a fresh folder, start on a free port on 127.0.0.1, stop and delete at the end.
PostgreSQL refuses to run as root: when we are root, the server runs as the ``postgres`` user
(or ``nobody``) through ``runuser``, and the folder is given to that user. The binaries are
found on ``PATH`` or under ``/usr/lib/postgresql/*/bin`` (Debian's layout).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

USER = "lawcode"


def binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    for folder in reversed(folders):
        if (Path(folder) / "initdb").is_file():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_as() -> str | None:
    """The user to run the server as when we are root (PostgreSQL refuses root), else None."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


@dataclass
class Server:
    """A running throwaway server; :meth:`stop` ends it and removes its folder."""

    folder: Path
    port: int
    bin: Path
    user: str | None
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/postgres"

    def _command(self, *args: str) -> list[str]:
        return (["runuser", "-u", self.user, "--"] if self.user else []) + list(args)

    def start(self) -> Server:
        data = self.folder / "data"
        subprocess.run(self._command(str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", USER,
                                     "-E", "UTF8", "--no-sync"), check=True, capture_output=True)
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        options += "".join(f" -c {key}={value}" for key, value in self.settings.items())
        subprocess.run(self._command(str(self.bin / "pg_ctl"), "-D", str(data), "-o", options,
                                     "-l", str(self.folder / "log"), "-w", "start"), check=True, capture_output=True)
        return self

    def stop(self) -> None:
        subprocess.run(self._command(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                                     "-w", "stop"), capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def start(settings: dict[str, str] | None = None) -> Server:
    """Start a server (see the module's docstring); raises RuntimeError when PostgreSQL is missing."""
    folder_of_bin = binaries()
    if folder_of_bin is None:
        raise RuntimeError("PostgreSQL is not installed (no initdb on PATH or under /usr/lib/postgresql)")
    user = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="lawcode-pg-"))
    if user is not None:
        record = pwd.getpwnam(user)
        os.chown(folder, record.pw_uid, record.pw_gid)
    server = Server(folder, _free_port(), folder_of_bin, user, dict(settings or {}))
    try:
        return server.start()
    except subprocess.CalledProcessError as error:
        log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
        server.stop()
        raise RuntimeError(f"PostgreSQL did not start: {error.stderr.decode(errors='replace')}{log}") from None
