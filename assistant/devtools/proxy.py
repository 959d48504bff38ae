"""nginx in front of several ``coach serve`` workers: the configuration of docs/scaling.md, runnable on loopback.

Gradio keeps a conversation's queue (its join and its event stream) in the worker that took it, so every request
of one client must reach the same worker. Open-source nginx has no sticky-cookie directive; instead the proxy
hashes a ``coach_route`` cookie, and a client without one is hashed by its request id and given that id as its
cookie, so everything it sends afterwards lands where its first request did. When a worker dies, nginx marks it
failed and the hash moves its clients to a live worker (``proxy_next_upstream``). ``gradio_client`` keeps the
cookies of its first response, as browsers do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from assistant.ports import free_port, stop_process, wait_until_ready

HTTP_BLOCK = """
  map $cookie_coach_route $coach_route {{ "" $request_id; default $cookie_coach_route; }}
  map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
  upstream coach_workers {{
    hash $coach_route consistent;
{servers}
  }}
  server {{
    listen {listen};
    client_max_body_size {max_body_mb}m;
    location / {{
      proxy_pass http://coach_workers;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_buffering off;
      proxy_read_timeout 300s;
      proxy_connect_timeout 2s;
      proxy_next_upstream error timeout http_502 http_503;
      add_header Set-Cookie "coach_route=$coach_route; Path=/; HttpOnly; SameSite=Lax" always;
    }}
  }}
"""


def http_block(worker_ports: Sequence[int], listen: str = "127.0.0.1:8080", max_body_mb: int = 25) -> str:
    """The ``http { }`` part of the proxy configuration: an upstream of the workers and one server."""
    servers = "\n".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=15s;" for p in worker_ports)
    return HTTP_BLOCK.format(servers=servers, listen=listen, max_body_mb=max_body_mb)


def nginx_conf(worker_ports: Sequence[int], listen: str, prefix: Path) -> str:
    """A whole nginx.conf that keeps every file under ``prefix`` (for a test or a trial run)."""
    temp = " ".join(f"{kind}_temp_path {prefix / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                      "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (f"{user}worker_processes 1;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'} warn;\n"
            f"events {{ worker_connections 1024; }}\nhttp {{\n"
            "  log_format upstream '$remote_addr $upstream_addr $status \"$request\"';\n"
            f"  access_log {prefix / 'access.log'} upstream;\n  {temp}\n"
            + http_block(worker_ports, listen) + "}\n")


def nginx_binary() -> str:
    """Debian's nginx (``apt-get install nginx-light``); an error naming the package when it is missing."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise RuntimeError("nginx not found: install Debian's nginx-light (or nginx)")
    return found


@contextmanager
def running_proxy(worker_ports: Sequence[int], prefix: Path, timeout: float = 20) -> Iterator[str]:
    """Run nginx on a free loopback port in front of ``worker_ports``; yield its URL."""
    prefix.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_conf(worker_ports, f"127.0.0.1:{port}", prefix), encoding="utf-8")
    log = (prefix / "stderr.log").open("wb")
    proc = subprocess.Popen([nginx_binary(), "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while time.time() < deadline and proc.poll() is None:
            if wait_until_ready(url + "/healthz", 1, lambda: proc.poll() is None):
                break
        if proc.poll() is not None:
            raise RuntimeError(f"nginx did not start: {(prefix / 'stderr.log').read_text()[-500:]}")
        yield url
    finally:
        stop_process(proc)
        log.close()
