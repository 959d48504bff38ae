"""Server mode: the same index against a real ``chroma run`` server on loopback."""

import pytest

from assistant.config import load_settings
from assistant.devtools.chroma_server import running_chroma
from assistant.service import Assistant

pytestmark = pytest.mark.slow  # a real `chroma run` server


@pytest.fixture
def chroma_server(tmp_path):
    with running_chroma(tmp_path / "chroma") as url:
        yield url


def test_ingest_and_search_through_a_chroma_server(chroma_server, small_kb, isolated_data):
    s = load_settings(knowledge_dir=small_kb, embeddings="hashing", chroma_url=chroma_server, min_relevance=0.0)
    a = Assistant(s)
    first = a.ingest()
    assert len(first.added) == 3
    assert a.index.stats()["index_location"] == chroma_server
    assert a.index.store.count() == len(a.index.chunks())
    hits = a.search("delegate results check-in moments", 2)
    assert hits.passages[0].meta["title"] == "Control and trust"
    again = Assistant(s).ingest()  # a second process sees the same server-side vectors
    assert again.embedded == 0 and len(again.unchanged) == 3
    answer = a.ask("How do I delegate results?")
    assert answer.citations


def test_bad_chroma_url_is_a_clear_error(small_kb):
    from assistant.errors import ConfigError

    with pytest.raises(ConfigError, match="is not a URL"):
        Assistant(load_settings(knowledge_dir=small_kb, embeddings="hashing", chroma_url="nonsense"))
