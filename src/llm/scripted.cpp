#include "propos/llm/scripted.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

namespace propos::llm {
namespace {

constexpr const char* kName = "scripted";
constexpr int kCassetteVersion = 1;

std::string errno_text() {
    return std::strerror(errno);
}

}  // namespace

ScriptedProvider::ScriptedProvider() : ScriptedProvider(Mode::kReplay) {}
ScriptedProvider::ScriptedProvider(Mode mode) : mode_(mode) {}

std::unique_ptr<ScriptedProvider> ScriptedProvider::load(const std::string& path) {
    std::unique_ptr<ScriptedProvider> p(new ScriptedProvider(Mode::kReplay));
    p->load_file(path);
    p->path_ = path;
    return p;
}

std::unique_ptr<ScriptedProvider> ScriptedProvider::record(std::shared_ptr<LlmProvider> inner,
                                                           std::string path) {
    if (!inner) {
        throw Error(ErrorCode::kInvalidArgument,
                    "scripted provider: record mode needs a provider to record");
    }
    std::unique_ptr<ScriptedProvider> p(new ScriptedProvider(Mode::kRecord));
    p->inner_ = std::move(inner);
    if (!path.empty() && std::filesystem::exists(path)) p->load_file(path);
    p->path_ = std::move(path);
    return p;
}

std::unique_ptr<ScriptedProvider> ScriptedProvider::sequence(std::vector<LlmResponse> responses) {
    std::unique_ptr<ScriptedProvider> p(new ScriptedProvider(Mode::kSequence));
    for (auto& r : responses) p->queue_.emplace_back(std::move(r));
    return p;
}

void ScriptedProvider::load_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (!std::filesystem::exists(path)) {
            throw Error(ErrorCode::kNotFound, "cassette file not found: " + path);
        }
        throw Error(ErrorCode::kIo, "cannot read cassette " + path + ": " + errno_text());
    }
    std::stringstream buf;
    buf << in.rdbuf();
    Json j;
    try {
        j = Json::parse(buf.str());
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(ErrorCode::kCorrupt, "cassette " + path + " is not valid JSON (error at byte " +
                                             std::to_string(e.byte) + ")");
    } catch (const nlohmann::json::out_of_range&) {
        throw Error(ErrorCode::kCorrupt, "cassette " + path + " is not valid JSON (a number out of range)");
    }
    if (!j.is_object() || !j.contains("entries") || !j["entries"].is_array()) {
        throw Error(ErrorCode::kCorrupt, "cassette " + path + " has no \"entries\" array");
    }
    const int version = j.value("version", 0);
    if (version != kCassetteVersion) {
        throw Error(ErrorCode::kCorrupt,
                    "cassette " + path + " has version " + std::to_string(version) +
                        " (this PropOS reads version " + std::to_string(kCassetteVersion) + ")");
    }
    std::map<std::string, Entry> entries;
    std::size_t index = 0;
    for (const auto& e : j["entries"]) {
        try {
            const auto hash = json_get<std::string>(e, "request_hash", "cassette entry");
            Entry entry{json_get<LlmResponse>(e, "response", "cassette entry"),
                        e.contains("request") ? e["request"] : Json()};
            entries[hash] = std::move(entry);
        } catch (const Error& err) {
            throw Error(ErrorCode::kCorrupt, "cassette " + path + ": entry " +
                                                 std::to_string(index) + ": " + err.what());
        }
        ++index;
    }
    std::lock_guard lock(mu_);
    entries_ = std::move(entries);
}

void ScriptedProvider::save(const std::string& path) const {
    std::lock_guard lock(mu_);
    save_locked(path);
}

void ScriptedProvider::save_locked(const std::string& path) const {
    Json entries = Json::array();
    for (const auto& [hash, entry] : entries_) {
        Json e{{"request_hash", hash}, {"response", entry.response}};
        if (!entry.request.is_null()) e["request"] = entry.request;
        entries.push_back(std::move(e));
    }
    const std::string text =
        Json{{"version", kCassetteVersion}, {"entries", std::move(entries)}}.dump(
            2, ' ', false, Json::error_handler_t::replace) +
        "\n";

    const std::string tmp = path + ".tmp-" + std::to_string(std::random_device{}());
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) throw Error(ErrorCode::kIo, "cannot write cassette " + path + ": " + errno_text());
    bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size() && std::fflush(f) == 0;
#if defined(__unix__) || defined(__APPLE__)
    ok = ok && ::fsync(::fileno(f)) == 0;
#endif
    const std::string why = ok ? std::string() : errno_text();
    ok = (std::fclose(f) == 0) && ok;
    std::error_code ec;
    if (ok) std::filesystem::rename(tmp, path, ec);
    if (!ok || ec) {
        std::filesystem::remove(tmp, ec);
        throw Error(ErrorCode::kIo,
                    "cannot write cassette " + path + ": " + (why.empty() ? ec.message() : why));
    }
}

void ScriptedProvider::add(const std::string& request_hash, LlmResponse response) {
    std::lock_guard lock(mu_);
    entries_[request_hash] = Entry{std::move(response), Json()};
}

void ScriptedProvider::add(const LlmRequest& request, LlmResponse response) {
    const auto hash = hash_of(request);
    std::lock_guard lock(mu_);
    entries_[hash] = Entry{std::move(response), Json(request)};
}

void ScriptedProvider::push(LlmResponse response) {
    std::lock_guard lock(mu_);
    queue_.emplace_back(std::move(response));
}

void ScriptedProvider::push_error(ProviderError error) {
    std::lock_guard lock(mu_);
    queue_.emplace_back(std::move(error));
}

std::size_t ScriptedProvider::size() const {
    std::lock_guard lock(mu_);
    return entries_.size();
}

std::size_t ScriptedProvider::remaining() const {
    std::lock_guard lock(mu_);
    return queue_.size();
}

std::vector<LlmRequest> ScriptedProvider::requests() const {
    std::lock_guard lock(mu_);
    return seen_;
}

void ScriptedProvider::keep_requests(bool keep) {
    std::lock_guard lock(mu_);
    keep_requests_ = keep;
    if (!keep) std::vector<LlmRequest>().swap(seen_);
}

bool ScriptedProvider::contains(const std::string& request_hash) const {
    std::lock_guard lock(mu_);
    return entries_.count(request_hash) > 0;
}

std::string ScriptedProvider::name() const {
    return kName;
}

std::string ScriptedProvider::default_model() const {
    return inner_ ? inner_->default_model() : std::string(kName);
}

LlmResponse ScriptedProvider::complete(const LlmRequest& request) {
    if (mode_ == Mode::kRecord) {
        {
            std::lock_guard lock(mu_);
            if (keep_requests_) seen_.push_back(request);
        }
        LlmResponse response = inner_->complete(request);  // outside the lock: may be slow
        const auto hash = hash_of(request);
        std::lock_guard lock(mu_);
        entries_[hash] = Entry{response, Json(request)};
        if (!path_.empty()) save_locked(path_);
        return response;
    }

    std::lock_guard lock(mu_);
    if (keep_requests_) seen_.push_back(request);
    if (mode_ == Mode::kSequence) {
        if (queue_.empty()) {
            throw ProviderError(ErrorCode::kFailedPrecondition,
                                "scripted provider: the response queue is empty after " +
                                    std::to_string(served_) + " response(s); push more responses");
        }
        Queued next = std::move(queue_.front());
        queue_.pop_front();
        ++served_;
        if (auto* error = std::get_if<ProviderError>(&next)) throw *error;
        auto response = std::get<LlmResponse>(std::move(next));
        if (response.provider.empty()) response.provider = kName;
        return response;
    }

    const auto hash = hash_of(request);
    auto it = entries_.find(hash);
    if (it == entries_.end()) {
        throw ProviderError(
            ErrorCode::kNotFound,
            "scripted provider: no recorded response for request " + hash + " (cassette " +
                (path_.empty() ? std::string("in memory") : path_) + " has " +
                std::to_string(entries_.size()) +
                " entries); the prompt changed or the cassette must be re-recorded");
    }
    LlmResponse response = it->second.response;
    response.provider = kName;
    return response;
}

}  // namespace propos::llm
