// OpenAI-compatible embeddings client: POST {base_url}/v1/embeddings.
#include <algorithm>
#include <utility>

#include "core/log.hpp"
#include "propos/core/json.hpp"
#include "propos/search/embedder.hpp"

namespace propos {
namespace {

constexpr std::size_t kMaxInputsPerRequest = 2048;

std::string endpoint(std::string base) {
    while (!base.empty() && base.back() == '/') base.pop_back();
    if (base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0)
        return base + "/embeddings";
    return base + "/v1/embeddings";
}

// The server's own explanation, from {"error":{"message":...}} (OpenAI) or {"error":"..."}
// (Ollama), shortened; never the request.
std::string server_message(const std::string& body) {
    std::string msg;
    try {
        const Json j = Json::parse(body);
        if (j.contains("error")) {
            const auto& e = j["error"];
            if (e.is_string()) msg = e.get<std::string>();
            if (e.is_object() && e.contains("message") && e["message"].is_string()) {
                msg = e["message"].get<std::string>();
            }
        }
    } catch (const nlohmann::json::exception&) {
    }
    if (msg.size() > 300) msg = msg.substr(0, 300) + "...";
    return msg;
}

class OpenAiEmbedder final : public Embedder {
public:
    OpenAiEmbedder(std::shared_ptr<HttpClient> http, const OpenAiEmbedderOptions& o, Sleeper sleep)
        : http_(std::move(http)),
          options_(o),
          url_(endpoint(o.base_url)),
          sleep_(std::move(sleep)) {
        if (!http_) http_ = make_curl_http_client();
        if (!sleep_) sleep_ = real_sleeper();
    }

    std::size_t dimension() const noexcept override { return options_.dimensions; }

    std::string model() const override {
        std::string name = "openai:" + options_.model + "/" + std::to_string(options_.dimensions);
        // Everything else that shapes the vectors, so that an index built with other prefixes or
        // input types is recognized as another model. Unset: the name of earlier versions.
        std::string shape;
        auto add = [&](const char* what, const std::string& value) {
            if (value.empty()) return;
            shape += (shape.empty() ? "" : " ") + std::string(what) + ":" + Json(value).dump();
        };
        add("query", options_.query_prefix);
        add("document", options_.document_prefix);
        add("query_type", options_.query_input_type);
        add("document_type", options_.document_input_type);
        return shape.empty() ? name : name + " [" + shape + "]";
    }

    std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) override {
        return embed_side(texts, options_.document_prefix, options_.document_input_type);
    }

    std::vector<std::vector<float>> embed_queries(const std::vector<std::string>& texts) override {
        return embed_side(texts, options_.query_prefix, options_.query_input_type);
    }

private:
    // Blank texts are not sent (servers refuse them or embed them as a meaningless constant): they
    // get the zero vector, similar to nothing, as with the hashing embedder.
    std::vector<std::vector<float>> embed_side(const std::vector<std::string>& texts,
                                               const std::string& prefix,
                                               const std::string& input_type) const {
        std::vector<std::vector<float>> out(texts.size());
        std::vector<std::string> sent;
        std::vector<std::size_t> where;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            if (texts[i].find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
                out[i].assign(options_.dimensions, 0.0f);
                continue;
            }
            sent.push_back(capped(prefix + texts[i]));
            where.push_back(i);
        }
        for (std::size_t begin = 0; begin < sent.size(); begin += options_.max_batch) {
            const std::size_t end = std::min(sent.size(), begin + options_.max_batch);
            auto part = request(sent, begin, end, input_type);
            for (std::size_t k = 0; k < part.size(); ++k) out[where[begin + k]] = std::move(part[k]);
        }
        return out;
    }

    // The first max_input_chars code points of `text` (never cutting a UTF-8 sequence).
    std::string capped(std::string text) const {
        if (options_.max_input_chars == 0) return text;
        std::size_t chars = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
            if (chars == options_.max_input_chars) {
                text.resize(i);
                break;
            }
            ++chars;
        }
        return text;
    }

    std::vector<std::vector<float>> request(const std::vector<std::string>& texts,
                                            std::size_t begin, std::size_t end,
                                            const std::string& input_type) const {
        const std::size_t n = end - begin;
        Json input = Json::array();
        for (std::size_t i = begin; i < end; ++i) input.push_back(texts[i]);
        Json body{
            {"model", options_.model}, {"input", std::move(input)}, {"encoding_format", "float"}};
        if (options_.send_dimensions) body["dimensions"] = options_.dimensions;
        if (!input_type.empty()) body["input_type"] = input_type;

        HttpRequest req;
        req.method = "POST";
        req.url = url_;
        req.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
        if (!options_.api_key.empty())
            req.headers.emplace_back("Authorization", "Bearer " + options_.api_key);
        req.body = body.dump();
        req.timeout = options_.timeout;

        int attempts = 0;
        const HttpResponse resp = send_with_retry(*http_, req, options_.retry, sleep_, &attempts);
        const std::string who = "embeddings server " + url_ + " (model " + options_.model + ")";
        if (resp.status < 200 || resp.status > 299) {
            const std::string why =
                "HTTP " + std::to_string(resp.status) +
                (server_message(resp.body).empty() ? "" : ": " + server_message(resp.body));
            if (resp.status == 401 || resp.status == 403) {
                throw Error(ErrorCode::kPermissionDenied,
                            who + " refused the credentials (" + why + "); check the API key");
            }
            if (is_retryable_status(resp.status)) {
                throw Error(ErrorCode::kUnavailable,
                            who + " failed after " + std::to_string(attempts) + " attempt(s) (" +
                                why + "); try again later");
            }
            throw Error(ErrorCode::kInvalidArgument, who + " rejected the request (" + why + ")");
        }

        Json j;
        try {
            j = Json::parse(resp.body);
        } catch (const nlohmann::json::exception&) {
            throw Error(ErrorCode::kFailedPrecondition,
                        who + " answered with something that is not JSON");
        }
        if (!j.is_object() || !j.contains("data") || !j["data"].is_array()) {
            throw Error(ErrorCode::kFailedPrecondition, who + " answered without a \"data\" list");
        }
        const auto& data = j["data"];
        if (data.size() != n) {
            throw Error(ErrorCode::kFailedPrecondition,
                        who + " returned " + std::to_string(data.size()) + " embeddings for " +
                            std::to_string(n) + " inputs");
        }
        std::vector<std::vector<float>> out(n);
        std::vector<bool> seen(n, false);
        for (std::size_t i = 0; i < n; ++i) {
            const auto& item = data[i];
            std::size_t index = i;
            if (item.is_object() && item.contains("index")) {
                if (!item["index"].is_number_unsigned() || item["index"].get<std::size_t>() >= n) {
                    throw Error(ErrorCode::kFailedPrecondition, who + " returned an invalid index");
                }
                index = item["index"].get<std::size_t>();
            }
            if (seen[index])
                throw Error(ErrorCode::kFailedPrecondition,
                            who + " returned index " + std::to_string(index) + " twice");
            seen[index] = true;
            if (!item.is_object() || !item.contains("embedding") || !item["embedding"].is_array()) {
                throw Error(ErrorCode::kFailedPrecondition,
                            who +
                                " returned an embedding that is not a list of floats (was "
                                "encoding_format ignored?)");
            }
            const auto& e = item["embedding"];
            if (e.size() != options_.dimensions) {
                throw Error(
                    ErrorCode::kFailedPrecondition,
                    who + " returned " + std::to_string(e.size()) + "-d vectors, " +
                        std::to_string(options_.dimensions) +
                        " were asked for; set dimensions to the model's size or use a model "
                        "that supports the \"dimensions\" parameter");
            }
            auto& v = out[index];
            v.reserve(e.size());
            for (const auto& x : e) {
                if (!x.is_number()) {
                    throw Error(ErrorCode::kFailedPrecondition,
                                who + " returned a non-numeric value");
                }
                v.push_back(x.get<float>());
            }
        }
        detail::logger()->debug("embedded {} text(s) with {} in {} attempt(s)", n, options_.model,
                                attempts);
        return out;
    }

    std::shared_ptr<HttpClient> http_;
    OpenAiEmbedderOptions options_;
    std::string url_;
    Sleeper sleep_;
};

}  // namespace

std::unique_ptr<Embedder> make_openai_embedder(std::shared_ptr<HttpClient> http,
                                               const OpenAiEmbedderOptions& options,
                                               Sleeper sleep) {
    if (options.base_url.empty())
        throw Error(ErrorCode::kInvalidArgument, "embeddings base_url is empty");
    if (options.model.empty())
        throw Error(ErrorCode::kInvalidArgument, "embeddings model is empty");
    if (options.dimensions == 0)
        throw Error(ErrorCode::kInvalidArgument, "embeddings dimensions is 0");
    if (options.max_batch == 0 || options.max_batch > kMaxInputsPerRequest) {
        throw Error(ErrorCode::kInvalidArgument, "embeddings max_batch must be between 1 and 2048");
    }
    return std::make_unique<OpenAiEmbedder>(std::move(http), options, std::move(sleep));
}

}  // namespace propos
