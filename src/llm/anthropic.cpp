#include "propos/llm/anthropic.hpp"

#include <chrono>
#include <cstdlib>
#include <set>

#include "core/log.hpp"
#include "llm/http_provider.hpp"

namespace propos::llm {
namespace {

constexpr const char* kName = "anthropic";
constexpr int kMaxCacheBreakpoints = 4;

std::int64_t count(const Json& usage, const char* key) {
    auto it = usage.find(key);
    if (it == usage.end() || !it->is_number()) return 0;
    return it->get<std::int64_t>();
}

std::string str(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Json block_json(const ContentBlock& b) {
    switch (b.type) {
        case ContentBlock::Type::kText:
            return Json{{"type", "text"}, {"text", b.text}};
        case ContentBlock::Type::kToolUse:
            // Arguments that were not a JSON object (input_error) go back as {}: the tool_result
            // that follows carries the error.
            return Json{{"type", "tool_use"},
                        {"id", b.id},
                        {"name", b.name},
                        {"input", b.input.is_object() ? b.input : Json::object()}};
        case ContentBlock::Type::kToolResult:
            return Json{{"type", "tool_result"},
                        {"tool_use_id", b.id},
                        {"content", b.text},
                        {"is_error", b.is_error}};
    }
    return Json::object();
}

ErrorCode code_for_error_type(const std::string& type) {
    if (type == "authentication_error" || type == "permission_error")
        return ErrorCode::kPermissionDenied;
    if (type == "invalid_request_error" || type == "not_found_error" ||
        type == "request_too_large") {
        return ErrorCode::kInvalidArgument;
    }
    return ErrorCode::kUnavailable;  // overloaded_error, rate_limit_error, api_error, unknown
}

[[noreturn]] void throw_api_error(const HttpResponse& response, int attempts,
                                  const RetryPolicy& policy) {
    std::string type, message;
    std::string request_id = response.header("request-id");
    bool parsed = false;
    try {
        const Json j = Json::parse(response.body);
        if (j.is_object()) {
            if (auto e = j.find("error"); e != j.end() && e->is_object()) {
                type = str(*e, "type");
                message = str(*e, "message");
                parsed = true;
            }
            if (request_id.empty()) request_id = str(j, "request_id");
        }
    } catch (const nlohmann::json::exception&) {
    }
    const ErrorCode code = response.status == 200 ? code_for_error_type(type)
                                                  : detail::code_for_status(response.status);
    std::string text = std::string(kName) + ": HTTP " + std::to_string(response.status);
    if (!type.empty()) text += " " + type;
    if (parsed && !message.empty()) {
        text += ": " + detail::truncate(message, 500);
    } else if (!parsed) {
        text += ": non-JSON error body (" + std::to_string(response.body.size()) + " bytes)";
    }
    text += detail::error_suffix(request_id, attempts);
    throw ProviderError(code, text, response.status, type, request_id,
                        detail::unslept_retry_after(response, policy));
}

}  // namespace

AnthropicProvider::AnthropicProvider(AnthropicOptions options) : options_(std::move(options)) {
    if (options_.api_key.empty()) {
        throw Error(ErrorCode::kInvalidArgument,
                    "anthropic: no API key: set ANTHROPIC_API_KEY or AnthropicOptions::api_key");
    }
    options_.base_url = detail::trim_slashes(options_.base_url);
    if (options_.base_url.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "anthropic: base_url is empty");
    }
    if (options_.model.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "anthropic: the default model is empty");
    }
    url_ = options_.base_url + "/v1/messages";
    options_.http = detail::client_or_default(std::move(options_.http));
}

std::string AnthropicProvider::name() const {
    return kName;
}
std::string AnthropicProvider::default_model() const {
    return options_.model;
}

Json AnthropicProvider::build_body(const LlmRequest& request) const {
    detail::validate_tool_names(request, kName);
    Json cache_control{{"type", "ephemeral"}};
    if (!options_.cache_ttl.empty()) cache_control["ttl"] = options_.cache_ttl;

    Json body{{"model", request.model.empty() ? options_.model : request.model},
              {"max_tokens", request.max_tokens}};

    // Breakpoints: the last tool (caches the tool list), then the marked system blocks and the last
    // one (caches tools + system). The API allows at most 4; the later ones cover the most.
    const bool cache_tools = options_.prompt_caching && !request.tools.empty();
    std::vector<std::size_t> system_idx;  // indices of non-empty system blocks
    for (std::size_t i = 0; i < request.system.size(); ++i) {
        if (!request.system[i].text.empty()) system_idx.push_back(i);
    }
    std::set<std::size_t> cached;
    if (options_.prompt_caching && !system_idx.empty()) {
        std::vector<std::size_t> wanted;
        for (std::size_t k = 0; k < system_idx.size(); ++k) {
            if (request.system[system_idx[k]].cache || k + 1 == system_idx.size()) {
                wanted.push_back(system_idx[k]);
            }
        }
        const std::size_t room = kMaxCacheBreakpoints - (cache_tools ? 1 : 0);
        for (std::size_t k = wanted.size() > room ? wanted.size() - room : 0; k < wanted.size();
             ++k) {
            cached.insert(wanted[k]);
        }
    }
    if (!system_idx.empty()) {
        Json system = Json::array();
        for (std::size_t i : system_idx) {
            Json block{{"type", "text"}, {"text", request.system[i].text}};
            if (cached.count(i)) block["cache_control"] = cache_control;
            system.push_back(std::move(block));
        }
        body["system"] = std::move(system);
    }

    if (!request.tools.empty()) {
        Json tools = Json::array();
        for (const auto& t : request.tools) {
            Json tool{{"name", t.name}, {"input_schema", t.input_schema}};
            if (!t.description.empty()) tool["description"] = t.description;
            tools.push_back(std::move(tool));
        }
        if (cache_tools) tools.back()["cache_control"] = cache_control;
        body["tools"] = std::move(tools);

        const auto& c = request.tool_choice;
        Json choice;
        switch (c.mode) {
            case ToolChoice::Mode::kAuto:
                choice = Json{{"type", "auto"}};
                break;
            case ToolChoice::Mode::kAny:
                choice = Json{{"type", "any"}};
                break;
            case ToolChoice::Mode::kNone:
                choice = Json{{"type", "none"}};
                break;
            case ToolChoice::Mode::kTool:
                choice = Json{{"type", "tool"}, {"name", c.name}};
                break;
        }
        if (c.disable_parallel_tool_use && c.mode != ToolChoice::Mode::kNone) {
            choice["disable_parallel_tool_use"] = true;
        }
        body["tool_choice"] = std::move(choice);
    }

    Json messages = Json::array();
    for (const auto& m : request.messages) {
        Json content = Json::array();
        for (const auto& b : m.content) {
            if (b.type == ContentBlock::Type::kText && b.text.empty())
                continue;  // rejected by the API
            content.push_back(block_json(b));
        }
        if (content.empty()) continue;
        messages.push_back(Json{{"role", to_string(m.role)}, {"content", std::move(content)}});
    }
    body["messages"] = std::move(messages);
    if (request.temperature) body["temperature"] = *request.temperature;
    return body;
}

LlmResponse AnthropicProvider::complete(const LlmRequest& request) {
    const auto start = std::chrono::steady_clock::now();
    HttpRequest http;
    http.method = "POST";
    http.url = url_;
    http.timeout = options_.timeout;
    http.connect_timeout = options_.connect_timeout;
    http.headers = {{"x-api-key", options_.api_key},
                    {"anthropic-version", options_.anthropic_version},
                    {"content-type", "application/json"},
                    {"accept", "application/json"}};
    for (const auto& h : options_.extra_headers) http.headers.push_back(h);
    http.body = build_body(request).dump(-1, ' ', false, Json::error_handler_t::replace);

    int attempts = 0;
    const HttpResponse response =
        detail::send_json(*options_.http, http, options_.retry, options_.sleeper, kName, attempts);
    if (response.status < 200 || response.status > 299) throw_api_error(response, attempts, options_.retry);

    std::string request_id = response.header("request-id");
    const Json j = detail::parse_response_body(response, kName, request_id);
    if (str(j, "type") == "error") throw_api_error(response, attempts, options_.retry);

    LlmResponse out;
    out.provider = kName;
    out.request_id = request_id;
    try {
        out.id = str(j, "id");
        out.model = str(j, "model");
        if (out.model.empty()) out.model = request.model.empty() ? options_.model : request.model;
        auto content = j.find("content");
        if (content == j.end() || !content->is_array()) {
            throw ProviderError(ErrorCode::kUnavailable,
                                std::string(kName) + ": malformed response: no content array" +
                                    detail::error_suffix(request_id, 0),
                                response.status, {}, request_id);
        }
        for (const auto& b : *content) {
            const auto type = str(b, "type");
            if (type == "text") {
                out.content.push_back(ContentBlock::make_text(str(b, "text")));
            } else if (type == "tool_use") {
                ContentBlock call =
                    ContentBlock::tool_use(str(b, "id"), str(b, "name"), Json::object());
                if (auto in = b.find("input"); in != b.end() && in->is_object()) {
                    call.input = *in;
                } else if (in != b.end() && !in->is_null()) {
                    call.input_error =
                        std::string("tool arguments must be a JSON object, got ") + in->type_name();
                }
                out.content.push_back(std::move(call));
            } else {
                propos::detail::logger()->debug("{}: skipping a '{}' content block", kName, type);
            }
        }
        auto stop = j.find("stop_reason");
        out.stop_reason = stop != j.end() && stop->is_string()
                              ? parse_stop_reason(stop->get<std::string>())
                              : StopReason::kOther;
        if (auto u = j.find("usage"); u != j.end() && u->is_object()) {
            out.usage.input_tokens = count(*u, "input_tokens");
            out.usage.output_tokens = count(*u, "output_tokens");
            out.usage.cache_read_input_tokens = count(*u, "cache_read_input_tokens");
            out.usage.cache_creation_input_tokens = count(*u, "cache_creation_input_tokens");
            if (auto c = u->find("cache_creation"); c != u->end() && c->is_object()) {
                out.usage.cache_creation_1h_input_tokens =
                    count(*c, "ephemeral_1h_input_tokens");
            } else if (options_.cache_ttl == "1h") {
                out.usage.cache_creation_1h_input_tokens = out.usage.cache_creation_input_tokens;
            }
        }
    } catch (const nlohmann::json::exception&) {
        throw ProviderError(ErrorCode::kUnavailable,
                            std::string(kName) + ": malformed response: unexpected JSON shape" +
                                detail::error_suffix(request_id, 0),
                            response.status, {}, request_id);
    }
    out.latency = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - start);
    return out;
}

std::unique_ptr<AnthropicProvider> make_anthropic_provider(AnthropicOptions options) {
    if (options.api_key.empty()) {
        if (const char* key = std::getenv("ANTHROPIC_API_KEY")) options.api_key = key;
    }
    if (options.api_key.empty()) {
        throw Error(ErrorCode::kInvalidArgument,
                    "ANTHROPIC_API_KEY is not set: export your Anthropic API key or pass "
                    "AnthropicOptions::api_key (or use the offline rules provider)");
    }
    return std::make_unique<AnthropicProvider>(std::move(options));
}

}  // namespace propos::llm
