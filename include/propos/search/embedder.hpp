/// @file embedder.hpp
/// @brief `Embedder`: turns texts into fixed-length float vectors for semantic search, with two
/// implementations: the built-in hashing embedder (offline, no model files, no network) and a
/// client for OpenAI-compatible `/v1/embeddings` servers (OpenAI, Ollama, vLLM, llama.cpp).
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
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
};

/// @brief An embedder that calls `POST {base_url}/v1/embeddings` with
/// `{"model", "input": [...], "dimensions", "encoding_format": "float"}` through `http`.
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

/// @brief Cosine similarity of two vectors of equal length: their inner product divided by both
/// lengths; 0 when either is the zero vector. Throws `Error(kInvalidArgument)` on a length
/// mismatch.
PROPOS_EXPORT float cosine_similarity(std::span<const float> a, std::span<const float> b);

}  // namespace propos
