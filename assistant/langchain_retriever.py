"""The hybrid retriever as a LangChain ``BaseRetriever``, for chains that expect one.

Kept apart from ``assistant.retrieval`` so that importing the app does not pay for LangChain's retriever and
tracing modules (about 0.2 s) unless this adapter is used.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class CoachRetriever(BaseRetriever):
    """The hybrid retriever as a LangChain ``BaseRetriever``."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    retriever: Any
    k: int = 5
    filters: dict[str, Any] = {}

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        result = self.retriever.retrieve(query, self.k, **self.filters)
        docs = []
        for p in result.passages:
            d = p.chunk.to_document()
            d.metadata.update(score=p.score, relevance=result.relevance)
            docs.append(d)
        return docs
