/// @file embedder.hpp
/// @brief `Embedder`: turns texts into fixed-length float vectors for semantic search, with two
/// implementations: the built-in hashing embedder (offline, no model files, no network) and a
/// client for OpenAI-compatible `/v1/embeddings` servers (OpenAI, Ollama, vLLM, llama.cpp).
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/error.hpp"
#include "propos/core/http.hpp"
#include "propos/export.hpp"

namespace propos {

/// @brief Maps texts to vectors whose inner products measure how alike the texts are.
///
/// Implementations must be thread-safe: `HistorySearch` calls `embed` from whichever thread indexes
/// or searches. Vectors need not be normalized; `HistorySearch` and `VectorIndex` normalize them.
class PROPOS_EXPORT Embedder {
public:
    virtual ~Embedder() = default;
    Embedder() = default;
    Embedder(const Embedder&) = delete;
    Embedder& operator=(const Embedder&) = delete;

    /// @brief The length of every vector `embed` returns: fixed for the object's lifetime, never 0.
    virtual std::size_t dimension() const noexcept = 0;

    /// @brief Names the model and the settings that shape its vectors, e.g. "propos-hash-v1/384" or
    /// "openai:text-embedding-3-small/384". Vectors of two embedders are comparable only when their
    /// names are equal: `HistorySearch` records the name beside an organization's vectors and
    /// refuses to mix vectors of different models.
    virtual std::string model() const = 0;

    /// @brief Embeds a batch: returns exactly one vector of `dimension()` floats per text, in the
    /// order of `texts`. An empty batch returns an empty result without doing any work.
    ///
    /// Throws `propos::Error` on failure, with kUnavailable when the model could not be reached or
    /// was overloaded (try again later), kPermissionDenied for a rejected key, kInvalidArgument
    /// when the input was refused, kFailedPrecondition when the model answered with vectors of
    /// another dimension. Nothing is partially returned.
    virtual std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) = 0;

    /// @brief Embeds a batch of search queries. Asymmetric models (e5, bge, hosted models with an
    /// "input_type") embed a short query differently from the documents it should find; `embed` is
    /// for documents, this for queries. `HistorySearch` calls it for `SearchQuery::text`. Same
    /// contract and errors as `embed`. Default: `embed(texts)` (a symmetric model).
    virtual std::vector<std::vector<float>> embed_queries(const std::vector<std::string>& texts) {
        return embed(texts);
    }
};

/// @brief Options of the built-in hashing embedder.
struct HashingEmbedderOptions {
    /// Vector length. Default: 384 (the size of common small sentence models, so indexes look
    /// alike).
    std::size_t dimension = 384;
    /// Add features for the property-maintenance vocabulary: trades, fixtures, rooms and symptoms
    /// with their synonyms ("drip", "leak", "water coming through the ceiling" share a "leak"
    /// feature). Default: true.
    bool domain_vocabulary = true;
};

/// @brief The built-in embedder: no model files, no network, deterministic, about 20 µs per short
/// message.
///
/// Each text is lower-cased and split into words; words are lightly stemmed ("leaking" -> "leak").
/// Its features are the words, word bigrams, character 3- and 4-grams of each word (so misspellings
/// and compounds still overlap) and, with `domain_vocabulary`, the maintenance concepts the text
/// mentions. Each feature is hashed to a signed slot of the vector with weight (1 + ln tf) times
/// its kind's weight (sublinear term frequency), and the vector is L2-normalized. Common English
/// stop words ("the", "is", "my"...) are dropped before any feature is made (but not "no", "not",
/// "off", "out", "up": "no heat" is not "heat"). A text with no other word gives the zero vector,
/// which is similar to nothing.
///
/// Good enough to find precedent in a property's history; it knows nothing beyond its vocabulary
/// (no paraphrase it has not been told about), so a hosted model does better on open-ended text.
/// Thread-safe. The caller owns the result.
PROPOS_EXPORT std::unique_ptr<Embedder> make_hashing_embedder(
    const HashingEmbedderOptions& options = {});

/// @brief Options of the OpenAI-compatible embeddings client.
struct OpenAiEmbedderOptions {
    /// Server root. "/v1/embeddings" is appended, or "/embeddings" when the URL already ends in
    /// "/v1". Default: "https://api.openai.com". Ollama: "http://localhost:11434".
    std::string base_url = "https://api.openai.com";
    /// Sent as "Authorization: Bearer <key>" when not empty (local servers usually need none).
    /// Never logged.
    std::string api_key;
    /// Model name. Default: "text-embedding-3-small".
    std::string model = "text-embedding-3-small";
    /// Vector length the server must return. Default: 384.
    std::size_t dimensions = 384;
    /// Send `"dimensions"` in the request (OpenAI's text-embedding-3 models shorten their vectors
    /// to it). Turn off for servers and models that reject the field; `dimensions` must then be the
    /// model's native size. Default: true.
    bool send_dimensions = true;
    /// Largest number of inputs per request; bigger batches are split. At most 2048 (OpenAI's
    /// limit). Default: 2048.
    std::size_t max_batch = 2048;
    /// Retries of 408/409/429/5xx answers and transport failures, as the provider SDKs do.
    RetryPolicy retry;
    /// Whole-request timeout. Default: 60 s.
    Millis timeout{60000};
    /// Prepended to every search query (`embed_queries`), for asymmetric models trained with
    /// prefixes: e5 "query: ", bge "Represent this sentence for searching relevant passages: ".
    /// Default: "" (none).
    std::string query_prefix;
    /// Prepended to every document (`embed`): e5 "passage: ". Default: "" (none).
    std::string document_prefix;
    /// Sent as the request's `"input_type"` field for queries, for servers that take one (e.g.
    /// "query", "search_query"). Default: "" (the field is not sent).
    std::string query_input_type;
    /// Sent as `"input_type"` for documents (e.g. "passage", "document", "search_document").
    /// Default: "" (not sent).
    std::string document_input_type;
    /// Each input (prefix included) is cut to this many characters (UTF-8 code points) before it
    /// is sent, so a long message cannot exceed the model's input limit; 0: never cut. Default:
    /// 4096.
    std::size_t max_input_chars = 4096;
};

/// @brief An embedder that calls `POST {base_url}/v1/embeddings` with
/// `{"model", "input": [...], "dimensions", "encoding_format": "float"}` (plus `"input_type"` when
/// configured) through `http`.
///
/// Queries (`embed_queries`) and documents (`embed`) get their own prefix and input type. A text
/// that is empty or only white space is not sent (servers refuse it or answer with a meaningless
/// vector): it gets the zero vector, which is similar to nothing. `model()` is
/// "openai:<model>/<dimensions>", followed by the prefixes and input types when any is set (e.g.
/// `openai:e5/384 [query:"query: " document:"passage: "]`), so an index records everything that
/// shapes its vectors.
///
/// Batches of more than `max_batch` texts are sent as several requests. Retryable failures are
/// retried with `send_with_retry` (waiting with `sleep`; default: really sleeping). Errors: a final
/// 401/403 throws kPermissionDenied; 400/404/413/422 kInvalidArgument (with the server's error
/// message, never the input); 408/409/429/5xx after the retries, or no response, kUnavailable; a
/// malformed answer, a wrong number of vectors or vectors of another length than `dimensions`
/// kFailedPrecondition.
///
/// Throws `Error(kInvalidArgument)` here when `base_url` or `model` is empty, `dimensions` is 0 or
/// `max_batch` is 0 or above 2048. `http` may be null: a libcurl client is then created. The caller
/// owns the result; it shares `http`. Thread-safe when `http` is.
PROPOS_EXPORT std::unique_ptr<Embedder> make_openai_embedder(std::shared_ptr<HttpClient> http,
                                                             const OpenAiEmbedderOptions& options,
                                                             Sleeper sleep = {});

/// @brief Similarity thresholds of one embedder: cosine similarities mean different things for
/// different models (the hashing embedder scores unrelated texts near 0, sentence models 0.1-0.4),
/// so each decision that compares a similarity with a fixed value takes it from here.
struct SimilarityThresholds {
    /// Semantic matches below this are not returned by `HistorySearch` (the default of
    /// `SearchQuery::min_similarity`).
    float min_similarity = 0.2f;
    /// A tenant message at least this similar to an open work order of the same unit is taken
    /// to report the same problem (duplicate detection), whatever trade triage gave it.
    float duplicate = 0.6f;
    /// Weight of the keyword (BM25) ranking in reciprocal rank fusion; the semantic ranking weighs
    /// 1. A model that understands paraphrase and other languages ranks better alone: BM25 then
    /// ranks documents that merely share a word, and a low weight keeps keyword matches as tie
    /// breakers and as results the model missed. Between 0 and 10. Default: 1 (equal weights).
    float keyword_weight = 1.0f;
    /// Where the values come from: "measured: ..." for a calibrated embedder, else a note saying
    /// they are a generic default to calibrate (docs/search.md, scripts/search-eval.py).
    std::string source;
};

/// @brief The measured thresholds for the embedder whose `Embedder::model()` is `model`: the
/// built-in hashing embedder ("propos-hash-...") and the multilingual Universal Sentence Encoder
/// v3 ("universal-sentence-encoder-multilingual-3" served by scripts/embedding-server.py), both
/// measured on tests/data/search_eval (tuning split; docs/benchmarks.md). Any other model gets
/// generic sentence-model values (min_similarity 0.2, duplicate 0.75) whose `source` says to
/// calibrate them. Never throws.
PROPOS_EXPORT SimilarityThresholds calibrated_thresholds(std::string_view model);

/// @brief Cosine similarity of two vectors of equal length: their inner product divided by both
/// lengths; 0 when either is the zero vector. Throws `Error(kInvalidArgument)` on a length
/// mismatch.
PROPOS_EXPORT float cosine_similarity(std::span<const float> a, std::span<const float> b);

}  // namespace propos
