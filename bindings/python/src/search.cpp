// The search layer: the Embedder interface (Python subclasses through a trampoline; vectors in and
// out as NumPy arrays), the built-in embedders, HistorySearch and VectorIndex.
#include <pybind11/numpy.h>

#include <atomic>
#include <cstring>

#include "common.hpp"
#include "propos/search/embedder.hpp"
#include "propos/search/history_search.hpp"
#include "propos/search/vector_index.hpp"

namespace propos_py {
namespace {

using namespace propos;
using FloatArray = py::array_t<float, py::array::c_style | py::array::forcecast>;

/// (n, d) float32 array of `rows` (one copy: the C++ interface returns one vector per text).
py::array_t<float> to_matrix(const std::vector<std::vector<float>>& rows, std::size_t dimension) {
    py::array_t<float> out({rows.size(), dimension});
    auto* data = out.mutable_data();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].size() != dimension) {
            throw Error(ErrorCode::kFailedPrecondition, "embedder returned a vector of length " +
                                                            std::to_string(rows[i].size()) + ", expected " +
                                                            std::to_string(dimension));
        }
        std::memcpy(data + i * dimension, rows[i].data(), dimension * sizeof(float));
    }
    return out;
}

/// A span over a float32 C-contiguous array (no copy when the array already is one).
std::span<const float> as_span(const FloatArray& a) {
    return {a.data(), static_cast<std::size_t>(a.size())};
}

/// Python subclasses of Embedder: implement dimension() -> int, model() -> str and
/// embed(texts: list[str]) returning a (len(texts), dimension) array (any float dtype; float32
/// C-contiguous arrays are read without conversion) or a list of lists.
class PyEmbedder : public Embedder, public py::trampoline_self_life_support {
public:
    std::size_t dimension() const noexcept override {
        if (auto d = dimension_.load()) return d;
        try {
            const auto d = call_override<std::size_t>(base(), "dimension", "Embedder.dimension");
            dimension_.store(d);
            return d;
        } catch (const std::exception&) {
            return 0;  // HistorySearch refuses a 0 dimension with a clear error
        }
    }
    std::string model() const override { return call_override<std::string>(base(), "model", "Embedder.model"); }
    std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) override {
        return call_embed(texts, "embed");
    }
    // Issue 20: a Python subclass may define embed_queries(texts) for asymmetric models; without
    // one, queries go to embed().
    std::vector<std::vector<float>> embed_queries(const std::vector<std::string>& texts) override {
        bool own = false;
        {
            py::gil_scoped_acquire gil;
            own = static_cast<bool>(py::get_override(base(), "embed_queries"));
        }
        return call_embed(texts, own ? "embed_queries" : "embed");
    }

private:
    std::vector<std::vector<float>> call_embed(const std::vector<std::string>& texts, const char* method) {
        if (texts.empty()) return {};
        const auto d = dimension();
        const std::string what = std::string("Embedder.") + method;
        py::gil_scoped_acquire gil;
        py::function fn = py::get_override(base(), method);
        if (!fn) throw Error(ErrorCode::kFailedPrecondition, what + " is not implemented by the Python class");
        FloatArray a;
        try {
            a = FloatArray::ensure(fn(py::cast(texts)));
            if (!a) throw py::error_already_set();
        } catch (py::error_already_set& e) {
            rethrow_as_error(e, what);
        }
        if (a.ndim() != 2 || static_cast<std::size_t>(a.shape(0)) != texts.size() ||
            static_cast<std::size_t>(a.shape(1)) != d) {
            std::string shape;
            for (py::ssize_t i = 0; i < a.ndim(); ++i) shape += (i ? ", " : "") + std::to_string(a.shape(i));
            throw Error(ErrorCode::kFailedPrecondition,
                        what + " returned an array of shape (" + shape + "), expected (" +
                            std::to_string(texts.size()) + ", " + std::to_string(d) + ")");
        }
        std::vector<std::vector<float>> out(texts.size());
        const float* data = a.data();
        for (std::size_t i = 0; i < texts.size(); ++i) out[i].assign(data + i * d, data + (i + 1) * d);
        return out;
    }

    const Embedder* base() const { return this; }
    mutable std::atomic<std::size_t> dimension_{0};
};

}  // namespace

void bind_search(py::module_& m) {
    py::class_<Embedder, PyEmbedder, py::smart_holder> embedder(
        m, "Embedder",
        "Maps texts to vectors. Subclass it in Python and implement dimension() -> int, model() -> "
        "str and embed(texts) -> array of shape (len(texts), dimension); C++ calls embed() from "
        "whichever thread indexes or searches, holding the GIL only for the call. A subclass missing "
        "one of the methods cannot be instantiated (TypeError).");
    embedder.def(py::init<>())
        .def("dimension", &Embedder::dimension)
        .def("model", &Embedder::model)
        .def(
            "embed",
            [](Embedder& e, const std::vector<std::string>& texts) {
                const auto rows = nogil([&] { return e.embed(texts); });
                return to_matrix(rows, e.dimension());
            },
            py::arg("texts"), "Embeds a batch of documents: a float32 array of shape (len(texts), dimension).")
        .def(
            "embed_queries",
            [](Embedder& e, const std::vector<std::string>& texts) {
                const auto rows = nogil([&] { return e.embed_queries(texts); });
                return to_matrix(rows, e.dimension());
            },
            py::arg("texts"),
            "Embeds a batch of search queries (asymmetric models: with the query prefix or input type); "
            "defaults to embed(). A Python subclass may override it.");
    require_methods(embedder, {"dimension", "model", "embed"});

    Record<HashingEmbedderOptions>(m, "HashingEmbedderOptions", "Options of the built-in hashing embedder.")
        .field("dimension", &HashingEmbedderOptions::dimension)
        .field("domain_vocabulary", &HashingEmbedderOptions::domain_vocabulary);
    m.def(
        "hashing_embedder",
        [](const HashingEmbedderOptions& o) { return std::shared_ptr<Embedder>(make_hashing_embedder(o)); },
        py::arg("options") = HashingEmbedderOptions{},
        "The built-in embedder: offline, deterministic, no model files.");
    Record<OpenAiEmbedderOptions>(m, "OpenAiEmbedderOptions", "Options of the OpenAI-compatible embeddings client.")
        .field("base_url", &OpenAiEmbedderOptions::base_url)
        .field("api_key", &OpenAiEmbedderOptions::api_key)
        .field("model", &OpenAiEmbedderOptions::model)
        .field("dimensions", &OpenAiEmbedderOptions::dimensions)
        .field("send_dimensions", &OpenAiEmbedderOptions::send_dimensions)
        .field("max_batch", &OpenAiEmbedderOptions::max_batch)
        .field("retry", &OpenAiEmbedderOptions::retry)
        .field("timeout", &OpenAiEmbedderOptions::timeout)
        .field("query_prefix", &OpenAiEmbedderOptions::query_prefix)
        .field("document_prefix", &OpenAiEmbedderOptions::document_prefix)
        .field("query_input_type", &OpenAiEmbedderOptions::query_input_type)
        .field("document_input_type", &OpenAiEmbedderOptions::document_input_type)
        .field("max_input_chars", &OpenAiEmbedderOptions::max_input_chars);
    Record<SimilarityThresholds>(m, "SimilarityThresholds",
                                 "Similarity thresholds of one embedder (search floor, duplicate detection).")
        .field("min_similarity", &SimilarityThresholds::min_similarity)
        .field("duplicate", &SimilarityThresholds::duplicate)
        .field("keyword_weight", &SimilarityThresholds::keyword_weight)
        .field("source", &SimilarityThresholds::source);
    m.def(
        "calibrated_thresholds", [](const std::string& model) { return calibrated_thresholds(model); },
        py::arg("model"),
        "The measured thresholds for an embedder's model() name (a documented default for unknown models).");
    m.def(
        "openai_embedder",
        [](const OpenAiEmbedderOptions& o) { return std::shared_ptr<Embedder>(make_openai_embedder(nullptr, o)); },
        py::arg("options") = OpenAiEmbedderOptions{},
        "An embedder calling POST {base_url}/v1/embeddings (OpenAI, Ollama, vLLM, llama.cpp).");
    m.def(
        "cosine_similarity",
        [](const FloatArray& a, const FloatArray& b) { return cosine_similarity(as_span(a), as_span(b)); },
        py::arg("a"), py::arg("b"));

    // ---- HistorySearch ----
    Record<SearchQuery>(m, "SearchQuery", "What to look for; only `text` is required.")
        .field("text", &SearchQuery::text)
        .field("k", &SearchQuery::k)
        .field("kinds", &SearchQuery::kinds)
        .field("property_id", &SearchQuery::property_id)
        .field("unit_id", &SearchQuery::unit_id)
        .field("from_", &SearchQuery::from)
        .field("until", &SearchQuery::until)
        .field("keyword", &SearchQuery::keyword)
        .field("semantic", &SearchQuery::semantic)
        .field("min_similarity", &SearchQuery::min_similarity);
    Record<SearchHit>(m, "SearchHit", "One search result (work-order fields set for work orders).")
        .field("id", &SearchHit::id)
        .field("kind", &SearchHit::kind)
        .field("org", &SearchHit::org)
        .field("score", &SearchHit::score)
        .field("text", &SearchHit::text)
        .field("at", &SearchHit::at)
        .field("property_id", &SearchHit::property_id)
        .field("unit_id", &SearchHit::unit_id)
        .field("keyword_rank", &SearchHit::keyword_rank)
        .field("vector_rank", &SearchHit::vector_rank)
        .field("similarity", &SearchHit::similarity)
        .field("work_order_id", &SearchHit::work_order_id)
        .field("title", &SearchHit::title)
        .field("status", &SearchHit::status)
        .field("category", &SearchHit::category)
        .field("resolution", &SearchHit::resolution)
        .field("vendor_id", &SearchHit::vendor_id)
        .field("vendor_name", &SearchHit::vendor_name)
        .field("cost", &SearchHit::cost)
        .field("completed_at", &SearchHit::completed_at)
        // staff decisions (kind "decision", issue 20)
        .field("decision_kind", &SearchHit::decision_kind)
        .field("decided_by", &SearchHit::decided_by)
        .field("decision", &SearchHit::decision)
        .field("note", &SearchHit::note)
        .field("escalation_reason", &SearchHit::escalation_reason)
        .field("amount", &SearchHit::amount);
    Record<VectorIndexOptions>(m, "VectorIndexOptions", "Settings of a VectorIndex.")
        .field("dimension", &VectorIndexOptions::dimension)
        .field("exact_threshold", &VectorIndexOptions::exact_threshold)
        .field("m", &VectorIndexOptions::m)
        .field("ef_construction", &VectorIndexOptions::ef_construction)
        .field("ef_search", &VectorIndexOptions::ef_search)
        .field("compaction_ratio", &VectorIndexOptions::compaction_ratio)
        .field("build_threads", &VectorIndexOptions::build_threads)
        .field("seed", &VectorIndexOptions::seed);
    Record<HistorySearchOptions>(m, "HistorySearchOptions", "Settings of a HistorySearch.")
        .field("index_dir", &HistorySearchOptions::index_dir)
        .field("persist", &HistorySearchOptions::persist)
        .field("vectors", &HistorySearchOptions::vectors)
        .field("candidates", &HistorySearchOptions::candidates)
        .field("rrf_k", &HistorySearchOptions::rrf_k)
        .field("snippet_chars", &HistorySearchOptions::snippet_chars)
        .field("autosave_changes", &HistorySearchOptions::autosave_changes)
        .field("keyword_fallback", &HistorySearchOptions::keyword_fallback)
        .field("embed_batch", &HistorySearchOptions::embed_batch)
        .field("thresholds", &HistorySearchOptions::thresholds);
    Record<IndexedModel>(m, "IndexedModel", "Which model embedded an organization's search documents.")
        .field("model", &IndexedModel::model)
        .field("dimension", &IndexedModel::dimension)
        .field("documents", &IndexedModel::documents)
        .field("current", &IndexedModel::current);
    Record<ReindexResult>(m, "ReindexResult", "What reindex() did.")
        .field("work_orders", &ReindexResult::work_orders)
        .field("messages", &ReindexResult::messages)
        .field("notes", &ReindexResult::notes)
        .field("knowledge_articles", &ReindexResult::knowledge_articles)
        .field("decisions", &ReindexResult::decisions)  // issue 20
        .field("documents", &ReindexResult::documents)
        .field("elapsed", &ReindexResult::elapsed);
    Record<SearchIndexStatus>(m, "SearchIndexStatus", "The state of one organization's search index.")
        .field("model", &SearchIndexStatus::model)
        .field("dimension", &SearchIndexStatus::dimension)
        .field("documents", &SearchIndexStatus::documents)
        .field("seq", &SearchIndexStatus::seq)
        .field("vectors", &SearchIndexStatus::vectors)
        .field("tombstones", &SearchIndexStatus::tombstones)
        .field("hnsw", &SearchIndexStatus::hnsw)
        .field("index_file", &SearchIndexStatus::index_file)
        .field("unsaved_changes", &SearchIndexStatus::unsaved_changes);

    const auto release = py::call_guard<py::gil_scoped_release>();
    py::class_<HistorySearch>(
        m, "HistorySearch",
        "Semantic + keyword search over an organization's history (messages, work orders, notes). "
        "The store must stay open (the HistorySearch keeps it alive).")
        .def(py::init([](Store& store, std::shared_ptr<Embedder> embedder, const HistorySearchOptions& o) {
                 if (embedder) embedder->dimension();  // a Python embedder's errors surface here
                 return nogil([&] { return std::make_unique<HistorySearch>(store, std::move(embedder), o); });
             }),
             py::arg("store"), py::arg("embedder"), py::arg("options") = HistorySearchOptions{},
             py::keep_alive<1, 2>())
        .def(
            "search",
            [](HistorySearch& h, const OrgId& org, py::object query, const py::kwargs& kw) {
                SearchQuery q;
                if (py::isinstance<py::str>(query)) {
                    py::object tmp = py::cast(SearchQuery{});
                    apply_keywords(tmp, kw, "search");
                    tmp.attr("text") = query;
                    q = tmp.cast<SearchQuery>();
                } else {
                    q = query.cast<SearchQuery>();
                }
                return record_list(nogil([&] { return h.search(org, q); }));
            },
            py::arg("org"), py::arg("query"),
            "The best documents of `org`, best first. `query` is a SearchQuery or its text with the "
            "other SearchQuery fields as keywords: search('harbor', 'leak under sink', k=5).")
        .def("index_work_order", &HistorySearch::index_work_order, py::arg("org"), py::arg("id"), release)
        .def("index_message", &HistorySearch::index_message, py::arg("org"), py::arg("id"), release)
        .def("index_note", &HistorySearch::index_note, py::arg("org"), py::arg("id"), release)
        .def("index_knowledge_article", &HistorySearch::index_knowledge_article, py::arg("org"), py::arg("id"),
             release)
        .def("index_decision", &HistorySearch::index_decision, py::arg("org"), py::arg("id"), release)  // issue 20
        .def("index_entities", &HistorySearch::index_entities, py::arg("org"), py::arg("kind"), py::arg("ids"),
             release)
        .def("remove", &HistorySearch::remove, py::arg("org"), py::arg("kind"), py::arg("id"), release)
        .def(
            "reindex",
            [](HistorySearch& h, const OrgId& org, py::object progress) {
                ReindexProgress cb;
                if (!progress.is_none()) {
                    cb = [progress](std::size_t done, std::size_t total) {
                        py::gil_scoped_acquire gil;
                        try {
                            progress(done, total);
                        } catch (py::error_already_set& e) {
                            rethrow_as_error(e, "reindex progress callback");
                        }
                    };
                }
                return nogil([&] { return h.reindex(org, cb); });
            },
            py::arg("org"), py::arg("progress") = py::none(),
            "Re-embeds the organization's history; progress(done, total) is called after each batch.")
        .def("indexed_model", &HistorySearch::indexed_model, py::arg("org"), release)
        .def("thresholds", [](const HistorySearch& h) { return h.thresholds(); })
        .def("reindex_if_stale", &HistorySearch::reindex_if_stale, py::arg("org"), release)
        .def("flush", &HistorySearch::flush, release)
        .def("status", &HistorySearch::status, py::arg("org"), release)
        .def("close", [](HistorySearch& h) { nogil([&] { h.flush(); }); }, "Saves the indexes now.");

    // ---- VectorIndex (NumPy in and out, no copies of the inputs) ----
    py::class_<VectorIndex>(m, "VectorIndex",
                            "Nearest neighbours by cosine similarity over labelled float32 vectors.")
        .def(py::init<const VectorIndexOptions&>(), py::arg("options") = VectorIndexOptions{})
        .def(
            "add",
            [](VectorIndex& ix, std::uint64_t label, const FloatArray& v) {
                nogil([&] { ix.add(label, as_span(v)); });
            },
            py::arg("label"), py::arg("vector"))
        .def(
            "add_batch",
            [](VectorIndex& ix, const py::array_t<std::uint64_t, py::array::c_style | py::array::forcecast>& labels,
               const FloatArray& vectors) {
                if (vectors.ndim() != 2 || vectors.shape(0) != labels.size()) {
                    throw Error(ErrorCode::kInvalidArgument,
                                "add_batch needs a (len(labels), dimension) array of vectors");
                }
                nogil([&] {
                    ix.add_batch({labels.data(), static_cast<std::size_t>(labels.size())}, as_span(vectors));
                });
            },
            py::arg("labels"), py::arg("vectors"))
        .def("remove", &VectorIndex::remove, py::arg("label"))
        .def("contains", &VectorIndex::contains, py::arg("label"))
        .def("__contains__", &VectorIndex::contains)
        .def("__len__", &VectorIndex::size)
        .def(
            "search",
            [](const VectorIndex& ix, const FloatArray& q, std::size_t k, std::size_t ef) {
                VectorSearchParams p;
                p.ef = ef;
                const auto hits = nogil([&] { return ix.search(as_span(q), k, p); });
                py::array_t<std::uint64_t> labels(hits.size());
                py::array_t<float> scores(hits.size());
                for (std::size_t i = 0; i < hits.size(); ++i) {
                    labels.mutable_at(i) = hits[i].label;
                    scores.mutable_at(i) = hits[i].score;
                }
                return py::make_tuple(labels, scores);
            },
            py::arg("query"), py::arg("k"), py::arg("ef") = 0,
            "The k most similar vectors: (labels uint64 array, scores float32 array), best first.")
        .def("compact", &VectorIndex::compact, release)
        .def("size", &VectorIndex::size)
        .def("deleted_count", &VectorIndex::deleted_count)
        .def("is_hnsw", &VectorIndex::is_hnsw)
        .def(
            "save", [](const VectorIndex& ix, const PathArg& path, std::int64_t tag) {
                nogil([&] { ix.save(path.path, tag); });
            },
            py::arg("path"), py::arg("tag") = 0)
        .def_static(
            "load",
            [](const PathArg& path, const VectorIndexOptions& o) {
                return nogil([&] { return VectorIndex::load(path.path, o); });
            },
            py::arg("path"), py::arg("options") = VectorIndexOptions{});
}

}  // namespace propos_py
