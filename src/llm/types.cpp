#include "propos/llm/types.hpp"


#include "propos/core/crypto.hpp"

namespace propos::llm {
namespace {

constexpr const char* kBlock = "content block";

std::string join_text(const std::vector<ContentBlock>& blocks) {
    std::string out;
    for (const auto& b : blocks) {
        if (b.type == ContentBlock::Type::kText) out += b.text;
    }
    return out;
}

std::vector<ContentBlock> only_tool_uses(const std::vector<ContentBlock>& blocks) {
    std::vector<ContentBlock> out;
    for (const auto& b : blocks) {
        if (b.type == ContentBlock::Type::kToolUse) out.push_back(b);
    }
    return out;
}

// tool_result content may be a string or (Anthropic) an array of text blocks.
std::string result_content(const Json& c) {
    if (c.is_string()) return c.get<std::string>();
    if (c.is_null()) return {};
    if (c.is_array()) {
        std::string out;
        for (const auto& part : c) {
            if (part.is_object() && part.value("type", "") == "text") {
                out += part.value("text", "");
            } else {
                out += part.dump();
            }
        }
        return out;
    }
    return c.dump();
}

std::string_view mode_name(ToolChoice::Mode m) {
    switch (m) {
        case ToolChoice::Mode::kAuto:
            return "auto";
        case ToolChoice::Mode::kAny:
            return "any";
        case ToolChoice::Mode::kNone:
            return "none";
        case ToolChoice::Mode::kTool:
            return "tool";
    }
    return "auto";
}

}  // namespace

ContentBlock ContentBlock::make_text(std::string text) {
    ContentBlock b;
    b.type = Type::kText;
    b.text = std::move(text);
    return b;
}

ContentBlock ContentBlock::tool_use(std::string id, std::string name, Json input) {
    ContentBlock b;
    b.type = Type::kToolUse;
    b.id = std::move(id);
    b.name = std::move(name);
    b.input = std::move(input);
    return b;
}

ContentBlock ContentBlock::tool_result(std::string tool_use_id, std::string content,
                                       bool is_error) {
    ContentBlock b;
    b.type = Type::kToolResult;
    b.id = std::move(tool_use_id);
    b.text = std::move(content);
    b.is_error = is_error;
    return b;
}

ChatMessage ChatMessage::user(std::string text) {
    return ChatMessage{Role::kUser, {ContentBlock::make_text(std::move(text))}};
}

ChatMessage ChatMessage::assistant(std::string text) {
    return ChatMessage{Role::kAssistant, {ContentBlock::make_text(std::move(text))}};
}

std::string ChatMessage::text() const {
    return join_text(content);
}
std::vector<ContentBlock> ChatMessage::tool_uses() const {
    return only_tool_uses(content);
}
std::string LlmResponse::text() const {
    return join_text(content);
}
std::vector<ContentBlock> LlmResponse::tool_uses() const {
    return only_tool_uses(content);
}

Usage& Usage::operator+=(const Usage& o) {
    input_tokens += o.input_tokens;
    output_tokens += o.output_tokens;
    cache_read_input_tokens += o.cache_read_input_tokens;
    cache_creation_input_tokens += o.cache_creation_input_tokens;
    cache_creation_1h_input_tokens += o.cache_creation_1h_input_tokens;
    return *this;
}

std::string_view to_string(Role r) noexcept {
    return r == Role::kUser ? "user" : "assistant";
}

std::string_view to_string(StopReason r) noexcept {
    switch (r) {
        case StopReason::kEndTurn:
            return "end_turn";
        case StopReason::kToolUse:
            return "tool_use";
        case StopReason::kMaxTokens:
            return "max_tokens";
        case StopReason::kStopSequence:
            return "stop_sequence";
        case StopReason::kRefusal:
            return "refusal";
        case StopReason::kPauseTurn:
            return "pause_turn";
        case StopReason::kContextWindowExceeded:
            return "model_context_window_exceeded";
        case StopReason::kContentFilter:
            return "content_filter";
        case StopReason::kOther:
            return "other";
    }
    return "other";
}

StopReason parse_stop_reason(std::string_view text) noexcept {
    for (auto r : {StopReason::kEndTurn, StopReason::kToolUse, StopReason::kMaxTokens,
                   StopReason::kStopSequence, StopReason::kRefusal, StopReason::kPauseTurn,
                   StopReason::kContextWindowExceeded, StopReason::kContentFilter}) {
        if (to_string(r) == text) return r;
    }
    return StopReason::kOther;
}

// --- ContentBlock -------------------------------------------------------------------------------

void to_json(Json& j, const ContentBlock& v) {
    using T = ContentBlock::Type;
    const bool default_input = v.input.is_object() && v.input.empty();
    switch (v.type) {
        case T::kText:
            j = Json{{"type", "text"}, {"text", v.text}};
            if (!v.id.empty()) j["id"] = v.id;
            if (!v.name.empty()) j["name"] = v.name;
            if (!default_input) j["input"] = v.input;
            if (v.is_error) j["is_error"] = true;
            break;
        case T::kToolUse:
            j = Json{{"type", "tool_use"}, {"id", v.id}, {"name", v.name}, {"input", v.input}};
            if (!v.text.empty()) j["text"] = v.text;
            if (v.is_error) j["is_error"] = true;
            break;
        case T::kToolResult:
            j = Json{{"type", "tool_result"},
                     {"tool_use_id", v.id},
                     {"content", v.text},
                     {"is_error", v.is_error}};
            if (!v.name.empty()) j["name"] = v.name;
            if (!default_input) j["input"] = v.input;
            break;
    }
    if (!v.input_error.empty()) j["input_error"] = v.input_error;
}

void from_json(const Json& j, ContentBlock& v) {
    const auto type = json_get<std::string>(j, "type", kBlock);
    ContentBlock b;
    if (type == "text") {
        b.type = ContentBlock::Type::kText;
        b.text = json_get_or<std::string>(j, "text", "", kBlock);
        b.id = json_get_or<std::string>(j, "id", "", kBlock);
    } else if (type == "tool_use") {
        b.type = ContentBlock::Type::kToolUse;
        b.id = json_get_or<std::string>(j, "id", "", kBlock);
        b.text = json_get_or<std::string>(j, "text", "", kBlock);
    } else if (type == "tool_result") {
        b.type = ContentBlock::Type::kToolResult;
        b.id = json_get_or<std::string>(j, "tool_use_id",
                                        json_get_or<std::string>(j, "id", "", kBlock), kBlock);
        if (auto it = j.find("content"); it != j.end()) b.text = result_content(*it);
    } else {
        throw Error(ErrorCode::kInvalidArgument, "content block: unknown type '" + type +
                                                     "' (expected text, tool_use or tool_result)");
    }
    b.name = json_get_or<std::string>(j, "name", "", kBlock);
    if (auto it = j.find("input"); it != j.end()) b.input = *it;
    b.input_error = json_get_or<std::string>(j, "input_error", "", kBlock);
    b.is_error = json_get_or<bool>(j, "is_error", false, kBlock);
    v = std::move(b);
}

// --- ChatMessage, tools, system, usage -----------------------------------------------------------

void to_json(Json& j, const ChatMessage& v) {
    j = Json{{"role", to_string(v.role)}, {"content", v.content}};
}

void from_json(const Json& j, ChatMessage& v) {
    constexpr const char* kWhat = "chat message";
    const auto role = json_get<std::string>(j, "role", kWhat);
    ChatMessage m;
    if (role == "user") {
        m.role = Role::kUser;
    } else if (role == "assistant") {
        m.role = Role::kAssistant;
    } else {
        throw Error(ErrorCode::kInvalidArgument,
                    "chat message: unknown role '" + role + "' (expected user or assistant)");
    }
    if (auto it = j.find("content"); it != j.end() && !it->is_null()) {
        if (it->is_string()) {
            m.content.push_back(ContentBlock::make_text(it->get<std::string>()));
        } else {
            m.content = json_get<std::vector<ContentBlock>>(j, "content", kWhat);
        }
    }
    v = std::move(m);
}

void to_json(Json& j, const ToolDefinition& v) {
    j = Json{{"name", v.name}, {"description", v.description}, {"input_schema", v.input_schema}};
}

void from_json(const Json& j, ToolDefinition& v) {
    constexpr const char* kWhat = "tool definition";
    ToolDefinition t;
    t.name = json_get<std::string>(j, "name", kWhat);
    t.description = json_get_or<std::string>(j, "description", "", kWhat);
    if (auto it = j.find("input_schema"); it != j.end()) t.input_schema = *it;
    v = std::move(t);
}

void to_json(Json& j, const SystemBlock& v) {
    j = Json{{"text", v.text}, {"cache", v.cache}};
}

void from_json(const Json& j, SystemBlock& v) {
    constexpr const char* kWhat = "system block";
    v.text = json_get_or<std::string>(j, "text", "", kWhat);
    v.cache = json_get_or<bool>(j, "cache", false, kWhat);
}

void to_json(Json& j, const ToolChoice& v) {
    j = Json{{"mode", mode_name(v.mode)},
             {"name", v.name},
             {"disable_parallel_tool_use", v.disable_parallel_tool_use}};
}

void from_json(const Json& j, ToolChoice& v) {
    constexpr const char* kWhat = "tool choice";
    ToolChoice c;
    const auto mode = json_get_or<std::string>(j, "mode", "auto", kWhat);
    if (mode == "auto") {
        c.mode = ToolChoice::Mode::kAuto;
    } else if (mode == "any") {
        c.mode = ToolChoice::Mode::kAny;
    } else if (mode == "none") {
        c.mode = ToolChoice::Mode::kNone;
    } else if (mode == "tool") {
        c.mode = ToolChoice::Mode::kTool;
    } else {
        throw Error(ErrorCode::kInvalidArgument,
                    "tool choice: unknown mode '" + mode + "' (expected auto, any, none or tool)");
    }
    c.name = json_get_or<std::string>(j, "name", "", kWhat);
    c.disable_parallel_tool_use = json_get_or<bool>(j, "disable_parallel_tool_use", false, kWhat);
    v = std::move(c);
}

void to_json(Json& j, const Usage& v) {
    j = Json{{"input_tokens", v.input_tokens},
             {"output_tokens", v.output_tokens},
             {"cache_read_input_tokens", v.cache_read_input_tokens},
             {"cache_creation_input_tokens", v.cache_creation_input_tokens}};
    if (v.cache_creation_1h_input_tokens != 0) {
        j["cache_creation_1h_input_tokens"] = v.cache_creation_1h_input_tokens;
    }
}

void from_json(const Json& j, Usage& v) {
    constexpr const char* kWhat = "usage";
    v.input_tokens = json_get_or<std::int64_t>(j, "input_tokens", 0, kWhat);
    v.output_tokens = json_get_or<std::int64_t>(j, "output_tokens", 0, kWhat);
    v.cache_read_input_tokens = json_get_or<std::int64_t>(j, "cache_read_input_tokens", 0, kWhat);
    v.cache_creation_input_tokens =
        json_get_or<std::int64_t>(j, "cache_creation_input_tokens", 0, kWhat);
    v.cache_creation_1h_input_tokens =
        json_get_or<std::int64_t>(j, "cache_creation_1h_input_tokens", 0, kWhat);
}

// --- request / response --------------------------------------------------------------------------

void to_json(Json& j, const LlmRequest& v) {
    j = Json{{"model", v.model},
             {"system", v.system},
             {"messages", v.messages},
             {"tools", v.tools},
             {"tool_choice", v.tool_choice},
             {"max_tokens", v.max_tokens},
             {"temperature", v.temperature},
             {"metadata", v.metadata}};
    if (!v.context.empty()) j["context"] = v.context;
}

void from_json(const Json& j, LlmRequest& v) {
    constexpr const char* kWhat = "llm request";
    LlmRequest r;
    r.model = json_get_or<std::string>(j, "model", "", kWhat);
    r.system = json_get_or<std::vector<SystemBlock>>(j, "system", {}, kWhat);
    r.messages = json_get_or<std::vector<ChatMessage>>(j, "messages", {}, kWhat);
    r.tools = json_get_or<std::vector<ToolDefinition>>(j, "tools", {}, kWhat);
    r.tool_choice = json_get_or<ToolChoice>(j, "tool_choice", {}, kWhat);
    r.max_tokens = json_get_or<int>(j, "max_tokens", 1024, kWhat);
    r.temperature = json_get_or<std::optional<double>>(j, "temperature", std::nullopt, kWhat);
    if (auto it = j.find("metadata"); it != j.end() && !it->is_null()) r.metadata = *it;
    if (auto it = j.find("context"); it != j.end() && !it->is_null()) r.context = *it;
    v = std::move(r);
}

void to_json(Json& j, const LlmResponse& v) {
    j = Json{{"id", v.id},
             {"request_id", v.request_id},
             {"provider", v.provider},
             {"model", v.model},
             {"content", v.content},
             {"stop_reason", to_string(v.stop_reason)},
             {"usage", v.usage},
             {"latency_ms", v.latency.count()}};
    if (!v.fallback_reason.empty()) j["fallback_reason"] = v.fallback_reason;
}

void from_json(const Json& j, LlmResponse& v) {
    constexpr const char* kWhat = "llm response";
    LlmResponse r;
    r.id = json_get_or<std::string>(j, "id", "", kWhat);
    r.request_id = json_get_or<std::string>(j, "request_id", "", kWhat);
    r.provider = json_get_or<std::string>(j, "provider", "", kWhat);
    r.model = json_get_or<std::string>(j, "model", "", kWhat);
    r.content = json_get_or<std::vector<ContentBlock>>(j, "content", {}, kWhat);
    r.stop_reason =
        parse_stop_reason(json_get_or<std::string>(j, "stop_reason", "end_turn", kWhat));
    r.usage = json_get_or<Usage>(j, "usage", {}, kWhat);
    r.latency = Millis(json_get_or<std::int64_t>(j, "latency_ms", 0, kWhat));
    r.fallback_reason = json_get_or<std::string>(j, "fallback_reason", "", kWhat);
    v = std::move(r);
}

// --- canonical JSON without a Json tree
// ------------------------------------------------------------
//
// Byte for byte what canonical_json(Json(v)) writes (keys sorted, no whitespace), but straight into
// a string: the agent serializes its requests and runs on every step. llm_types_test checks the
// equality on every shape.

namespace {

void append_key(std::string& out, std::string_view key, bool first) {
    if (!first) out += ',';
    out += '"';
    out += key;  // keys are plain ASCII literals
    out += "\":";
}

void append_bool(std::string& out, bool v) {
    out += v ? "true" : "false";
}

void append_value(std::string& out, const Json& v) {
    propos::append_canonical_json(out, v);
}

template <class T>
void append_array(std::string& out, const std::vector<T>& items) {
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        append_canonical_json(out, items[i]);
    }
    out += ']';
}

void append_tool_definition(std::string& out, const ToolDefinition& v) {
    out += '{';
    append_key(out, "description", true);
    append_json_string(out, v.description);
    append_key(out, "input_schema", false);
    append_value(out, v.input_schema);
    append_key(out, "name", false);
    append_json_string(out, v.name);
    out += '}';
}

}  // namespace

void append_canonical_json(std::string& out, const ContentBlock& v) {
    using T = ContentBlock::Type;
    const bool default_input = v.input.is_object() && v.input.empty();
    out += '{';
    bool first = true;
    auto key = [&](std::string_view k) {
        append_key(out, k, first);
        first = false;
    };
    switch (v.type) {
        case T::kText:
            if (!v.id.empty()) {
                key("id");
                append_json_string(out, v.id);
            }
            if (!default_input) {
                key("input");
                append_value(out, v.input);
            }
            if (!v.input_error.empty()) {
                key("input_error");
                append_json_string(out, v.input_error);
            }
            if (v.is_error) {
                key("is_error");
                append_bool(out, true);
            }
            if (!v.name.empty()) {
                key("name");
                append_json_string(out, v.name);
            }
            key("text");
            append_json_string(out, v.text);
            key("type");
            out += "\"text\"";
            break;
        case T::kToolUse:
            key("id");
            append_json_string(out, v.id);
            key("input");
            append_value(out, v.input);
            if (!v.input_error.empty()) {
                key("input_error");
                append_json_string(out, v.input_error);
            }
            if (v.is_error) {
                key("is_error");
                append_bool(out, true);
            }
            key("name");
            append_json_string(out, v.name);
            if (!v.text.empty()) {
                key("text");
                append_json_string(out, v.text);
            }
            key("type");
            out += "\"tool_use\"";
            break;
        case T::kToolResult:
            key("content");
            append_json_string(out, v.text);
            if (!default_input) {
                key("input");
                append_value(out, v.input);
            }
            if (!v.input_error.empty()) {
                key("input_error");
                append_json_string(out, v.input_error);
            }
            key("is_error");
            append_bool(out, v.is_error);
            if (!v.name.empty()) {
                key("name");
                append_json_string(out, v.name);
            }
            key("tool_use_id");
            append_json_string(out, v.id);
            key("type");
            out += "\"tool_result\"";
            break;
    }
    out += '}';
}

void append_canonical_json(std::string& out, const ChatMessage& v) {
    out += '{';
    append_key(out, "content", true);
    append_array(out, v.content);
    append_key(out, "role", false);
    append_json_string(out, to_string(v.role));
    out += '}';
}

void append_canonical_json(std::string& out, const SystemBlock& v) {
    out += '{';
    append_key(out, "cache", true);
    append_bool(out, v.cache);
    append_key(out, "text", false);
    append_json_string(out, v.text);
    out += '}';
}

namespace {

// Everything after the messages: `],"model":...,"tools":[...]}`.
void append_request_tail(std::string& text, const LlmRequest& request) {
    text += ']';
    append_key(text, "model", false);
    append_json_string(text, request.model);
    append_key(text, "system", false);
    append_array(text, request.system);
    if (request.temperature) {
        append_key(text, "temperature", false);
        append_value(text, Json(*request.temperature));
    }
    append_key(text, "tool_choice", false);
    append_value(text, Json(request.tool_choice));
    append_key(text, "tools", false);
    text += '[';
    for (std::size_t i = 0; i < request.tools.size(); ++i) {
        if (i) text += ',';
        append_tool_definition(text, request.tools[i]);
    }
    text += "]}";
}

void append_request_head(std::string& text, const LlmRequest& request) {
    text += '{';
    append_key(text, "max_tokens", true);
    append_value(text, Json(request.max_tokens));
    append_key(text, "messages", false);
    text += '[';
}

bool same_fixed_parts(const LlmRequest& a, const LlmRequest& b) {
    return a.max_tokens == b.max_tokens && a.model == b.model && a.temperature == b.temperature &&
           a.tool_choice == b.tool_choice && a.system == b.system && a.tools == b.tools;
}

}  // namespace

std::string request_hash(const LlmRequest& request) {
    // {"max_tokens","messages","model","system"[,"temperature"],"tool_choice","tools"}
    std::string text;
    text.reserve(4096);
    append_request_head(text, request);
    for (std::size_t i = 0; i < request.messages.size(); ++i) {
        if (i) text += ',';
        append_canonical_json(text, request.messages[i]);
    }
    append_request_tail(text, request);
    return sha256_hex(text);
}

std::string hash_of(const LlmRequest& request) {
    if (request.prompt_hash.empty()) return request_hash(request);
#ifndef NDEBUG
    if (request.prompt_hash != request_hash(request)) {
        throw Error(ErrorCode::kInternal,
                    "LlmRequest::prompt_hash is not the hash of the request (changed after it was set)");
    }
#endif
    return request.prompt_hash;
}

std::string RequestHasher::hash(const LlmRequest& request) {
    if (!have_fixed_ || !same_fixed_parts(fixed_, request)) {
        fixed_.model = request.model;
        fixed_.system = request.system;
        fixed_.tools = request.tools;
        fixed_.tool_choice = request.tool_choice;
        fixed_.max_tokens = request.max_tokens;
        fixed_.temperature = request.temperature;
        have_fixed_ = true;
        tail_.clear();
        append_request_tail(tail_, request);
        head_started_ = false;
    }
    // The new bytes are fed at once, after they are all serialized, so an exception midway never
    // leaves part of a message fed (after a restart, the next call restarts again).
    scratch_.clear();
    std::size_t fed = messages_;
    const bool restart = request.messages.size() < messages_ || !head_started_;
    if (restart) {
        head_started_ = false;
        head_.reset();
        fed = 0;
        append_request_head(scratch_, request);
    }
    for (; fed < request.messages.size(); ++fed) {
        if (fed > 0) scratch_ += ',';
        append_canonical_json(scratch_, request.messages[fed]);
    }
    head_.update(scratch_);
    head_started_ = true;
    messages_ = fed;
    auto h = head_.hex(tail_);
#ifndef NDEBUG
    if (h != request_hash(request)) {
        throw Error(ErrorCode::kInternal,
                    "RequestHasher: the messages changed in place between two calls");
    }
#endif
    return h;
}

}  // namespace propos::llm
