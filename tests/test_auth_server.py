"""Sign-in on a live server: a wrong password gets nothing, each user sees only their own data."""

import shutil

import httpx
import pytest

from assistant.auth import hash_password
from assistant.storage import Storage
from tests.conftest import running_app


@pytest.fixture(scope="module")
def auth_server(real_data_dir, tmp_path_factory):
    data = tmp_path_factory.mktemp("auth") / "data"
    shutil.copytree(real_data_dir, data)
    users = f"ann:{hash_password('ann-pw')},bob:{hash_password('bob-pw')}"
    with running_app(data, tmp_path_factory.mktemp("authcwd"), COACH_USERS=users) as url:
        yield url, data


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
