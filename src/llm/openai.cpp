#include "propos/llm/openai.hpp"

#include <chrono>
#include <cstdlib>

#include "llm/http_provider.hpp"
#include "propos/core/crypto.hpp"

namespace propos::llm {
namespace {

std::int64_t count(const Json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number()) return 0;
    return it->get<std::int64_t>();
}

std::string str(const Json& j, const char* key) {
    if (!j.is_object()) return {};
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string join_texts(const std::vector<ContentBlock>& blocks) {
    std::string out;
    for (const auto& b : blocks) {
        if (b.type != ContentBlock::Type::kText || b.text.empty()) continue;
        if (!out.empty()) out += "\n\n";
        out += b.text;
    }
    return out;
}

// Text of a message "content": a string, null, or an array of parts ({"type":"text","text"}).
std::string content_text(const Json& c) {
    if (c.is_string()) return c.get<std::string>();
    std::string out;
    if (c.is_array()) {
        for (const auto& part : c) {
            if (part.is_string()) {
                out += part.get<std::string>();
            } else if (part.is_object()) {
                out += str(part, "text");
            }
        }
    }
    return out;
}

StopReason map_finish_reason(const std::string& r) {
    if (r == "tool_calls" || r == "function_call") return StopReason::kToolUse;
    if (r == "stop") return StopReason::kEndTurn;
    if (r == "length") return StopReason::kMaxTokens;
    if (r == "content_filter") return StopReason::kContentFilter;
    return StopReason::kOther;
}

// Decodes tool-call arguments defensively into `call.input` / `call.input_error`.
void decode_arguments(const Json* args, ContentBlock& call) {
    call.input = Json::object();
    if (args == nullptr || args->is_null()) return;
    Json value;
    if (args->is_string()) {
        const auto& text = args->get_ref<const std::string&>();
        if (text.find_first_not_of(" \t\r\n") == std::string::npos)
            return;  // "" means no arguments
        try {
            value = Json::parse(text);
        } catch (const nlohmann::json::parse_error& e) {
            call.input_error = "the arguments of '" + call.name +
                               "' are not valid JSON (error at byte " + std::to_string(e.byte) +
                               " of " + std::to_string(text.size()) +
                               "); send one JSON object matching the tool's schema";
            return;
        } catch (const nlohmann::json::out_of_range&) {
            call.input_error = "the arguments of '" + call.name +
                               "' are not valid JSON (a number too large); send one JSON object "
                               "matching the tool's schema";
            return;
        }
        // Some servers double-encode: a JSON string holding the JSON object.
        if (value.is_string()) {
            try {
                Json inner = Json::parse(value.get<std::string>());
                if (inner.is_object()) value = std::move(inner);
            } catch (const nlohmann::json::exception&) {
                // not JSON inside: the string stays the value and is refused below
            }
        }
    } else {
        value = *args;  // Ollama: arguments as an object
    }
    if (!value.is_object()) {
        call.input_error = "the arguments of '" + call.name + "' must be a JSON object, got " +
                           std::string(value.type_name());
        return;
    }
    call.input = std::move(value);
}

}  // namespace

namespace {
// A local server's options: its name, no key, `max_tokens`.
OpenAiOptions local_server(std::string name, std::string model, std::string base_url) {
    OpenAiOptions o;
    o.provider_name = std::move(name);
    o.model = std::move(model);
    o.base_url = std::move(base_url);
    o.use_max_completion_tokens = false;
    return o;
}
}  // namespace

OpenAiOptions OpenAiOptions::ollama(std::string model, std::string base_url) {
    auto o = local_server("ollama", std::move(model), std::move(base_url));
    o.send_tool_choice = false;
    return o;
}

OpenAiOptions OpenAiOptions::vllm(std::string model, std::string base_url) {
    return local_server("vllm", std::move(model), std::move(base_url));
}

OpenAiOptions OpenAiOptions::llama_cpp(std::string model, std::string base_url) {
    return local_server("llama.cpp", std::move(model), std::move(base_url));
}

OpenAiCompatibleProvider::OpenAiCompatibleProvider(OpenAiOptions options)
    : options_(std::move(options)) {
    options_.base_url = detail::trim_slashes(options_.base_url);
    if (options_.base_url.empty()) {
        throw Error(ErrorCode::kInvalidArgument, options_.provider_name + ": base_url is empty");
    }
    if (options_.model.empty()) {
        throw Error(ErrorCode::kInvalidArgument,
                    options_.provider_name + ": the default model is empty");
    }
    if (options_.provider_name.empty()) options_.provider_name = "openai";
    const std::string suffix = "/v1";
    const bool has_v1 = options_.base_url.size() >= suffix.size() &&
                        options_.base_url.compare(options_.base_url.size() - suffix.size(),
                                                  suffix.size(), suffix) == 0;
    url_ = options_.base_url + (has_v1 ? "" : "/v1") + "/chat/completions";
    options_.http = detail::client_or_default(std::move(options_.http));
}

std::string OpenAiCompatibleProvider::name() const {
    return options_.provider_name;
}
std::string OpenAiCompatibleProvider::default_model() const {
    return options_.model;
}

Json OpenAiCompatibleProvider::build_body(const LlmRequest& request) const {
    detail::validate_tool_names(request, options_.provider_name);
    Json messages = Json::array();
    std::string system;
    for (const auto& s : request.system) {
        if (s.text.empty()) continue;
        if (!system.empty()) system += "\n\n";
        system += s.text;
    }
    if (!system.empty()) messages.push_back(Json{{"role", "system"}, {"content", system}});

    for (const auto& m : request.messages) {
        const std::string text = join_texts(m.content);
        if (m.role == Role::kUser) {
            // Tool results first: they must directly follow the assistant message that called.
            for (const auto& b : m.content) {
                if (b.type != ContentBlock::Type::kToolResult) continue;
                messages.push_back(Json{{"role", "tool"},
                                        {"tool_call_id", b.id},
                                        {"content", b.is_error ? "ERROR: " + b.text : b.text}});
            }
            if (!text.empty()) messages.push_back(Json{{"role", "user"}, {"content", text}});
        } else {
            Json calls = Json::array();
            for (const auto& b : m.content) {
                if (b.type != ContentBlock::Type::kToolUse) continue;
                calls.push_back(
                    Json{{"id", b.id},
                         {"type", "function"},
                         {"function",
                          {{"name", b.name},
                           {"arguments", b.input.is_object() ? b.input.dump() : "{}"}}}});
            }
            if (text.empty() && calls.empty()) continue;
            Json msg{{"role", "assistant"}, {"content", text.empty() ? Json(nullptr) : Json(text)}};
            if (!calls.empty()) msg["tool_calls"] = std::move(calls);
            messages.push_back(std::move(msg));
        }
    }

    Json body{{"model", request.model.empty() ? options_.model : request.model},
              {"messages", std::move(messages)}};
    if (!request.tools.empty()) {
        Json tools = Json::array();
        for (const auto& t : request.tools) {
            Json params = t.input_schema;
            if (!params.is_object() || params.empty()) {
                params = Json{{"type", "object"}, {"properties", Json::object()}};
            }
            Json fn{{"name", t.name}, {"parameters", std::move(params)}};
            if (!t.description.empty()) fn["description"] = t.description;
            tools.push_back(Json{{"type", "function"}, {"function", std::move(fn)}});
        }
        body["tools"] = std::move(tools);
        const auto& c = request.tool_choice;
        switch (c.mode) {
            case ToolChoice::Mode::kAuto:
                body["tool_choice"] = "auto";
                break;
            case ToolChoice::Mode::kAny:
                body["tool_choice"] = "required";
                break;
            case ToolChoice::Mode::kNone:
                body["tool_choice"] = "none";
                break;
            case ToolChoice::Mode::kTool:
                body["tool_choice"] = Json{{"type", "function"}, {"function", {{"name", c.name}}}};
                break;
        }
        if (c.disable_parallel_tool_use) body["parallel_tool_calls"] = false;
        if (!options_.send_tool_choice) {
            body.erase("tool_choice");
            body.erase("parallel_tool_calls");
        }
    }
    body[options_.use_max_completion_tokens ? "max_completion_tokens" : "max_tokens"] =
        request.max_tokens;
    if (request.temperature) body["temperature"] = *request.temperature;
    return body;
}

LlmResponse OpenAiCompatibleProvider::complete(const LlmRequest& request) {
    const auto& pname = options_.provider_name;
    const auto start = std::chrono::steady_clock::now();
    HttpRequest http;
    http.method = "POST";
    http.url = url_;
    http.timeout = options_.timeout;
    http.connect_timeout = options_.connect_timeout;
    http.headers = {{"content-type", "application/json"}, {"accept", "application/json"}};
    if (!options_.api_key.empty())
        http.headers.emplace_back("authorization", "Bearer " + options_.api_key);
    for (const auto& h : options_.extra_headers) http.headers.push_back(h);
    http.body = build_body(request).dump(-1, ' ', false, Json::error_handler_t::replace);

    int attempts = 0;
    const HttpResponse response =
        detail::send_json(*options_.http, http, options_.retry, options_.sleeper, pname, attempts);
    const std::string request_id = response.header("x-request-id");

    if (response.status < 200 || response.status > 299) {
        std::string type, code, message;
        bool parsed = false;
        try {
            const Json j = Json::parse(response.body);
            // OpenAI's {"error":{...}}, or vLLM's older top-level {"object":"error",...}.
            const Json* e = nullptr;
            if (j.is_object()) {
                if (auto it = j.find("error"); it != j.end()) {
                    e = &*it;
                } else if (str(j, "object") == "error") {
                    e = &j;
                }
            }
            if (e) {
                parsed = true;
                if (e->is_string()) {
                    message = e->get<std::string>();  // Ollama
                } else if (e->is_object()) {
                    message = str(*e, "message");
                    type = str(*e, "type");
                    if (auto c = e->find("code"); c != e->end() && !c->is_null()) {
                        code = c->is_string() ? c->get<std::string>() : c->dump();
                    }
                }
            }
        } catch (const nlohmann::json::exception&) {
        }
        const std::string error_type = !type.empty() ? type : code;
        ErrorCode ec = detail::code_for_status(response.status);
        if (code == "insufficient_quota" || type == "insufficient_quota")
            ec = ErrorCode::kResourceExhausted;
        std::string text = pname + ": HTTP " + std::to_string(response.status);
        if (!error_type.empty()) text += " " + error_type;
        if (!code.empty() && code != error_type) text += " (" + code + ")";
        if (parsed && !message.empty()) {
            text += ": " + detail::truncate(message, 500);
        } else if (!parsed) {
            text += ": non-JSON error body (" + std::to_string(response.body.size()) + " bytes)";
        }
        throw ProviderError(ec, text + detail::error_suffix(request_id, attempts), response.status,
                            error_type, request_id,
                            detail::unslept_retry_after(response, options_.retry));
    }

    const Json j = detail::parse_response_body(response, pname, request_id);
    auto malformed = [&](const std::string& why) {
        return ProviderError(
            ErrorCode::kUnavailable,
            pname + ": malformed response: " + why + detail::error_suffix(request_id, 0),
            response.status, {}, request_id);
    };
    LlmResponse out;
    out.provider = pname;
    out.request_id = request_id;
    try {
        out.id = str(j, "id");
        out.model = str(j, "model");
        if (out.model.empty()) out.model = request.model.empty() ? options_.model : request.model;
        auto choices = j.find("choices");
        if (choices == j.end() || !choices->is_array() || choices->empty())
            throw malformed("no choices");
        const Json& choice = choices->front();
        const Json* message = nullptr;
        if (auto m = choice.find("message");
            choice.is_object() && m != choice.end() && m->is_object()) {
            message = &*m;
        }
        if (!message) throw malformed("the first choice has no message");

        if (auto c = message->find("content"); c != message->end()) {
            const std::string text = content_text(*c);
            if (!text.empty()) out.content.push_back(ContentBlock::make_text(text));
        }
        const std::string refusal = str(*message, "refusal");
        if (!refusal.empty()) out.content.push_back(ContentBlock::make_text(refusal));

        // tool_calls, or the legacy single function_call.
        Json calls = Json::array();
        if (auto tc = message->find("tool_calls"); tc != message->end() && tc->is_array()) {
            calls = *tc;
        } else if (auto fc = message->find("function_call");
                   fc != message->end() && fc->is_object()) {
            calls.push_back(Json{{"function", *fc}});
        }
        std::string req_hash;
        for (std::size_t i = 0; i < calls.size(); ++i) {
            const Json& tc = calls[i];
            const Json fn = tc.is_object() && tc.contains("function") && tc["function"].is_object()
                                ? tc["function"]
                                : Json::object();
            ContentBlock call =
                ContentBlock::tool_use(str(tc, "id"), str(fn, "name"), Json::object());
            const Json* args = fn.contains("arguments") ? &fn["arguments"] : nullptr;
            if (call.id.empty()) {
                // Stable across replays of the same request and reply, distinct across turns.
                if (req_hash.empty()) req_hash = hash_of(request);
                const std::string raw =
                    args ? (args->is_string() ? args->get<std::string>() : args->dump()) : "";
                call.id = "call_" + std::to_string(i) + "_" +
                          sha256_hex(req_hash + "\n" + out.id + "\n" + std::to_string(i) + "\n" +
                                     call.name + "\n" + raw)
                              .substr(0, 16);
            }
            if (call.name.empty()) {
                call.input_error = "the tool call has no function name";
            } else {
                decode_arguments(args, call);
            }
            out.content.push_back(std::move(call));
        }

        const std::string finish = str(choice, "finish_reason");
        out.stop_reason = map_finish_reason(finish);
        if (!calls.empty() && (out.stop_reason == StopReason::kEndTurn || finish.empty())) {
            out.stop_reason = StopReason::kToolUse;  // Ollama and others say "stop" with tool calls
        }
        if (!refusal.empty() && calls.empty()) out.stop_reason = StopReason::kRefusal;

        if (auto u = j.find("usage"); u != j.end() && u->is_object()) {
            std::int64_t cached = 0;
            if (auto d = u->find("prompt_tokens_details"); d != u->end() && d->is_object()) {
                cached = count(*d, "cached_tokens");
            }
            const std::int64_t prompt = count(*u, "prompt_tokens");
            out.usage.cache_read_input_tokens = std::max<std::int64_t>(0, cached);
            out.usage.input_tokens =
                std::max<std::int64_t>(0, prompt - out.usage.cache_read_input_tokens);
            out.usage.output_tokens = count(*u, "completion_tokens");
        }
    } catch (const nlohmann::json::exception&) {
        throw malformed("unexpected JSON shape");
    }
    out.latency = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - start);
    return out;
}

std::unique_ptr<OpenAiCompatibleProvider> make_openai_provider(OpenAiOptions options) {
    if (options.api_key.empty()) {
        if (const char* key = std::getenv("OPENAI_API_KEY")) options.api_key = key;
    }
    if (options.api_key.empty() && options.base_url.find("api.openai.com") != std::string::npos) {
        throw Error(
            ErrorCode::kInvalidArgument,
            "OPENAI_API_KEY is not set: export your OpenAI API key, pass OpenAiOptions::api_key, "
            "or point base_url at a local server (e.g. Ollama at http://localhost:11434)");
    }
    return std::make_unique<OpenAiCompatibleProvider>(std::move(options));
}

}  // namespace propos::llm
