"""Choosing history search's embedder the way the ``propos`` app does (issue 20).

``make_embedder("hashing")`` is the built-in keyword-like embedder (offline); ``make_embedder(
"openai", base_url=..., model=..., dimensions=...)`` any OpenAI-compatible ``/v1/embeddings``
server (``scripts/embedding-server.py`` serves a real multilingual model on 127.0.0.1), with the
query/document prefixes and input types of asymmetric models; the key comes from ``api_key`` or
``OPENAI_API_KEY``. ``reembed_if_model_changed`` re-embeds the organizations whose search index was
built by another model, reporting progress. See docs/search.md.
"""
from __future__ import annotations

import os
from typing import Callable, Iterable, Optional

from . import _core

Progress = Callable[[str, int, int], None]


def make_embedder(kind: str = "hashing", *, base_url: Optional[str] = None, model: Optional[str] = None,
                  dimensions: Optional[int] = None, send_dimensions: bool = True,
                  query_prefix: str = "", document_prefix: str = "", query_input_type: str = "",
                  document_input_type: str = "", api_key: Optional[str] = None) -> _core.Embedder:
    """The embedder ``kind`` ("hashing" or "openai") with the CLI's --embed-* settings.

    Raises ValueError naming the setting for a value the kind does not take, a base URL that is
    not http(s), api.openai.com without a key, or a dimension below 1.
    """
    if dimensions is not None and dimensions < 1:
        raise ValueError(f"dimensions must be at least 1 (got {dimensions})")
    if kind == "hashing":
        for name, value in (("base_url", base_url), ("model", model), ("query_prefix", query_prefix),
                            ("document_prefix", document_prefix), ("query_input_type", query_input_type),
                            ("document_input_type", document_input_type), ("api_key", api_key)):
            if value:
                raise ValueError(f"{name} applies to the 'openai' embedder (the hashing embedder is built in)")
        o = _core.HashingEmbedderOptions()
        if dimensions:
            o.dimension = dimensions
        return _core.hashing_embedder(o)
    if kind != "openai":
        raise ValueError(f"unknown embedder {kind!r} (use 'hashing' or 'openai')")
    o = _core.OpenAiEmbedderOptions()
    if base_url:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"base_url {base_url!r} is not an http:// or https:// URL")
        o.base_url = base_url
    if model:
        o.model = model
    if dimensions:
        o.dimensions = dimensions
    o.send_dimensions = send_dimensions
    o.query_prefix, o.document_prefix = query_prefix, document_prefix
    o.query_input_type, o.document_input_type = query_input_type, document_input_type
    o.api_key = api_key if api_key is not None else os.environ.get("OPENAI_API_KEY", "")
    if not o.api_key and "api.openai.com" in o.base_url:
        raise ValueError("the 'openai' embedder needs an API key for api.openai.com: pass api_key or set "
                         "OPENAI_API_KEY, or point base_url at a local server (scripts/embedding-server.py)")
    return _core.openai_embedder(o)


def reembed_if_model_changed(search: _core.HistorySearch, orgs: Iterable[str],
                             progress: Optional[Progress] = None) -> list:
    """Re-embeds each organization of ``orgs`` whose documents another model embedded
    (``HistorySearch.indexed_model(org).current`` is false); ``progress(org, done, total)`` after
    each batch. Returns the ReindexResult of each organization re-embedded."""
    done = []
    for org in orgs:
        if search.indexed_model(org).current:
            continue
        cb = (lambda d, t, _org=org: progress(_org, d, t)) if progress else None
        done.append(search.reindex(org, cb))
    return done
