"""Plugs an embedder written in Python into PropOS's history search.

    python examples/python/search_embedder.py [--db history.db] "water dripping from the ceiling"

The embedder below is a tiny bag-of-character-trigrams model in NumPy — replace ``embed`` with a
call to sentence-transformers, an ONNX model or a hosted API. PropOS calls it from C++ (holding the
GIL only for the call) whenever it indexes or searches, and keeps it alive as long as the search
uses it.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from datetime import timedelta
from typing import List

import numpy as np

import propos


class TrigramEmbedder(propos.Embedder):
    """Hashes character trigrams of each text into a fixed-size float32 vector."""

    def __init__(self, dimension: int = 256) -> None:
        super().__init__()  # required: initializes the C++ side
        self._dimension = dimension

    def dimension(self) -> int:
        return self._dimension

    def model(self) -> str:
        # Names the vectors: an index built with another model is refused until reindex().
        return f"example-trigrams/{self._dimension}"

    def embed(self, texts: List[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()}  "
            for i in range(len(padded) - 2):
                out[row, zlib.crc32(padded[i:i + 3].encode()) % self._dimension] += 1.0
        return out  # float32, C-contiguous: read by C++ without conversion


HISTORY = [
    ("The kitchen sink is leaking under the cabinet", "water_leak"),
    ("Water is dripping through the bathroom ceiling from upstairs", "water_leak"),
    ("No heat in the apartment since last night, radiators are cold", "heat_hot_water"),
    ("The front door lock is broken and will not latch", "door_window_lock"),
    ("Mice in the kitchen behind the stove", "pest"),
]


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=":memory:", help="SQLite file (default: in memory)")
    parser.add_argument("query", nargs="?", default="water dripping from the ceiling")
    args = parser.parse_args(argv)

    store = propos.open_sqlite_store(args.db)
    store.put_organization(propos.Organization(id="acme", name="Acme Property Management"))
    search = propos.HistorySearch(store, TrigramEmbedder(), propos.HistorySearchOptions(persist=False))

    when = propos.ManualClock.default_start()
    for i, (text, category) in enumerate(HISTORY):
        note = propos.Note(id=f"note-{i}", text=f"[{category}] {text}", author="user:demo",
                           at=when + timedelta(days=i))
        store.put("acme", note)
        search.index_note("acme", note.id)

    hits = search.search("acme", args.query, k=3)
    print(f"query: {args.query!r} (embedder {search.status('acme').model})")
    for hit in hits:
        print(f"  {hit.score:.4f}  similarity {hit.similarity:.2f}  {hit.text}")
    frame = None
    try:
        frame = hits.to_pandas()[["id", "score", "similarity", "keyword_rank", "vector_rank"]]
    except ImportError:
        pass
    if frame is not None:
        print(frame.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
