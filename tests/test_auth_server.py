"""Sign-in on a live server: a wrong password gets nothing, each user sees only their own data."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.auth import hash_password
from assistant.storage import Storage

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def auth_server(real_data_dir, tmp_path_factory):
    from assistant.backends.local import free_port

    data = tmp_path_factory.mktemp("auth") / "data"
    shutil.copytree(real_data_dir, data)
    port = free_port()
    users = f"ann:{hash_password('ann-pw')},bob:{hash_password('bob-pw')}"
    env = {**os.environ, "COACH_DATA_DIR": str(data), "COACH_USERS": users, "HF_HUB_OFFLINE": "1",
           "COACH_KNOWLEDGE_DIR": str(ROOT / "knowledge")}
    log = (tmp_path_factory.mktemp("authlog") / "log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    yield url, data
    proc.kill()
    proc.wait(10)
    log.close()


def test_wrong_password_and_no_login_get_nothing(auth_server):
    url, _ = auth_server
    r = httpx.post(url + "/login", data={"username": "ann", "password": "wrong"})
    assert r.status_code in (400, 401)
    from gradio_client import Client

    with pytest.raises(Exception):  # noqa: B017 - any refusal will do, as long as nothing is answered
        Client(url + "/", verbose=False).predict("My team resists change", [], api_name="/chat")


def test_each_user_sees_only_their_own(auth_server):
    url, data = auth_server
    from gradio_client import Client

    ann = Client(url + "/", auth=("ann", "ann-pw"), verbose=False)
    d = ann.predict("My team resists change", [], api_name="/chat")
    assert d["citations"]
    storage = Storage(data / "app.sqlite")
    assert storage.messages(d["conversation_id"], "ann")
    assert storage.messages(d["conversation_id"], "bob") == []
    assert [c["id"] for c in storage.conversations("bob")] == []
