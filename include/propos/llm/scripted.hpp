/// @file scripted.hpp
/// @brief `ScriptedProvider`: deterministic answers for tests — record/replay cassettes keyed by
/// `request_hash`, and a simple queue of responses returned in order.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "propos/export.hpp"
#include "propos/llm/provider.hpp"

namespace propos::llm {

/// @brief Replays recorded model replies, records them from another provider, or plays a queue.
///
/// Modes:
/// - **replay** (`ScriptedProvider()`, `load()`): `complete` returns the response recorded for
///   `request_hash(request)`; an unknown hash throws `ProviderError(kNotFound)` naming the hash and
///   the number of entries (a test whose prompt changed fails loudly instead of calling a model).
/// - **record** (`record()`): `complete` forwards to the wrapped provider, stores hash -> response
/// (and
///   the request, for diffing) and, when a path was given, rewrites the cassette file atomically
///   after each new entry. Errors of the wrapped provider propagate and are not recorded.
/// - **sequence** (`sequence()`): `complete` returns the queued responses (or throws the queued
///   errors) in order, whatever the request; an empty queue throws
///   `ProviderError(kFailedPrecondition)`.
///
/// Replayed responses have `provider` set to "scripted" (the cassette keeps the recorded one);
/// queued responses get "scripted" when they name no provider; everything else is returned exactly
/// as stored. Recorded calls return the wrapped provider's response unchanged.
///
/// Cassette file: `{"version":1,"entries":[{"request_hash","request","response"}]}`, entries sorted
/// by hash, pretty-printed so diffs stay readable. `request` is optional (informational).
///
/// Thread-safety: all methods may be called from any thread (one internal mutex); in record mode
/// the wrapped provider is called outside the lock.
class PROPOS_EXPORT ScriptedProvider final : public LlmProvider {
public:
    enum class Mode { kReplay, kRecord, kSequence };

    /// @brief An empty replay cassette; fill it with `add()`.
    ScriptedProvider();

    /// @brief Replays the cassette at `path`. Throws `Error(kNotFound)` when the file does not
    /// exist, `Error(kCorrupt)` when it is not a valid cassette (the message names the path and the
    /// problem).
    static std::unique_ptr<ScriptedProvider> load(const std::string& path);
    /// @brief Records the replies of `inner` (which must not be null: `Error(kInvalidArgument)`).
    /// With a non-empty `path`, an existing cassette there is loaded first and the file is
    /// rewritten after each new entry.
    static std::unique_ptr<ScriptedProvider> record(std::shared_ptr<LlmProvider> inner,
                                                    std::string path = {});
    /// @brief Returns `responses` in order.
    static std::unique_ptr<ScriptedProvider> sequence(std::vector<LlmResponse> responses = {});

    /// @brief Adds (or replaces) the reply for a request hash / for `request`.
    void add(const std::string& request_hash, LlmResponse response);
    void add(const LlmRequest& request, LlmResponse response);
    /// @brief Sequence mode: appends a reply / an error to the queue.
    void push(LlmResponse response);
    void push_error(ProviderError error);

    /// @brief Writes the cassette to `path` atomically (temporary file, flush, rename). Throws
    /// `Error(kIo)` naming the path on failure; the previous file is then left untouched.
    void save(const std::string& path) const;

    Mode mode() const noexcept { return mode_; }
    /// @brief Number of cassette entries.
    std::size_t size() const;
    /// @brief Sequence mode: responses and errors still queued.
    std::size_t remaining() const;
    /// @brief Every request `complete` received, in order (for assertions in tests); empty while
    /// `keep_requests(false)`.
    std::vector<LlmRequest> requests() const;
    /// @brief Whether `complete` keeps a copy of each request for `requests()` (default: yes).
    /// Turn it off for long replays (benchmarks, evaluations): the copies, whole conversations,
    /// would grow without bound. Turning it off also drops the copies kept so far.
    void keep_requests(bool keep);
    /// @brief True when the cassette has a reply for `request_hash`.
    bool contains(const std::string& request_hash) const;

    LlmResponse complete(const LlmRequest& request) override;
    /// @brief "scripted".
    std::string name() const override;
    /// @brief The wrapped provider's default model in record mode, else "scripted".
    std::string default_model() const override;

private:
    struct Entry {
        LlmResponse response;
        Json request;  // null when unknown
    };
    using Queued = std::variant<LlmResponse, ProviderError>;

    explicit ScriptedProvider(Mode mode);
    void load_file(const std::string& path);
    void save_locked(const std::string& path) const;

    Mode mode_;
    std::shared_ptr<LlmProvider> inner_;
    std::string path_;
    mutable std::mutex mu_;
    std::map<std::string, Entry> entries_;
    std::deque<Queued> queue_;
    std::size_t served_ = 0;
    std::vector<LlmRequest> seen_;
    bool keep_requests_ = true;
};

}  // namespace propos::llm
