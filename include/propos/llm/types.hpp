/// @file types.hpp
/// @brief Provider-neutral LLM request/response types: system blocks, messages made of text /
/// tool_use / tool_result blocks, tool definitions with JSON Schema, usage and stop reasons.
///
/// The llm layer is stateless and knows no domain: it only moves these types to and from providers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/crypto.hpp"
#include "propos/core/json.hpp"
#include "propos/export.hpp"

namespace propos::llm {

/// @brief Who said a message. Tool results travel in user messages (Anthropic's convention; the
/// OpenAI-compatible provider maps them to role "tool").
enum class Role { kUser, kAssistant };

/// @brief One block of message content.
struct PROPOS_EXPORT ContentBlock {
    enum class Type { kText, kToolUse, kToolResult };
    Type type = Type::kText;
    /// kText: the text. kToolResult: the result content (text, often JSON).
    std::string text;
    /// kToolUse: the call id. kToolResult: the id of the tool_use it answers.
    std::string id;
    /// kToolUse: the tool name.
    std::string name;
    /// kToolUse: the arguments (a JSON object).
    Json input = Json::object();
    /// kToolUse: set when the provider sent arguments that are not a JSON object (e.g. invalid JSON
    /// from an OpenAI-compatible server); the agent answers such a call with an error result.
    std::string input_error;
    /// kToolResult: the tool failed or its arguments were rejected.
    bool is_error = false;

    /// @brief A text block. Never throws except on allocation failure (as the other factories).
    static ContentBlock make_text(std::string text);
    /// @brief A tool_use block: the model's call `id` of tool `name` with `input` (expected to be a
    /// JSON object; nothing is validated here — the agent validates against the tool's schema).
    static ContentBlock tool_use(std::string id, std::string name, Json input);
    /// @brief A tool_result block answering the tool_use `tool_use_id`; `content` is the result
    /// text (JSON text for PropOS tools); `is_error` marks a failed or rejected call.
    static ContentBlock tool_result(std::string tool_use_id, std::string content,
                                    bool is_error = false);
    bool operator==(const ContentBlock&) const = default;
};

/// @brief One message of the conversation.
struct PROPOS_EXPORT ChatMessage {
    Role role = Role::kUser;
    std::vector<ContentBlock> content;

    static ChatMessage user(std::string text);
    static ChatMessage assistant(std::string text);
    /// @brief Concatenated text blocks.
    std::string text() const;
    /// @brief The tool_use blocks.
    std::vector<ContentBlock> tool_uses() const;
    bool operator==(const ChatMessage&) const = default;
};

/// @brief A tool offered to the model. `name` must match ^[a-zA-Z0-9_-]{1,64}$.
struct ToolDefinition {
    std::string name;
    std::string description;
    Json input_schema = Json::object();  ///< JSON Schema of the arguments object.
    bool operator==(const ToolDefinition&) const = default;
};

/// @brief How the model may use tools.
struct ToolChoice {
    enum class Mode { kAuto, kAny, kNone, kTool };
    Mode mode = Mode::kAuto;
    std::string name;  ///< With kTool: the tool to call.
    bool disable_parallel_tool_use = false;
    bool operator==(const ToolChoice&) const = default;
};

/// @brief A block of the system prompt. `cache` marks the end of a cacheable prefix.
struct SystemBlock {
    std::string text;
    bool cache = false;
    bool operator==(const SystemBlock&) const = default;
};

/// @brief A request to a model.
struct LlmRequest {
    std::string model;  ///< Empty: the provider's configured default.
    std::vector<SystemBlock> system;
    std::vector<ChatMessage> messages;
    std::vector<ToolDefinition> tools;
    ToolChoice tool_choice;
    int max_tokens = 1024;
    std::optional<double> temperature;
    Json metadata =
        Json::object();  ///< Passed through for tracing (run id, org); never sent as prompt.
    /// The facts of the run as data, for a host's own provider that would rather read them than
    /// parse the prompt; never sent to a remote model (the prompt carries the same facts as text).
    /// The agent runner sets it to the run's machine context (`AgentRun::context`) on every call.
    /// For a maintenance run: "organization_id", "tenant_id", "unit_id", "property_id",
    /// "message_id", "thread_id", "workflow" and "triage" (the deterministic triage of the
    /// tenant's message in the form of `triage_to_json`: "category", "priority", "emergency",
    /// "escalate", "reasons", "hazards"..., and "offline": true), plus "work_order_id" once a tool
    /// opened or merged one and "model_triage" (the arguments of its `triage_request`) once the
    /// model recorded its own triage.
    /// Empty for requests built by hand. Not part of the request hash.
    Json context = Json::object();
    /// `request_hash(*this)` when the caller already computed it (the agent runner does, for its
    /// audit), so providers that key or name a call by it (scripted cassettes, the rules provider's
    /// response id) need not hash the conversation again; empty: they compute it. Not part of the
    /// request's JSON or hash. Use `hash_of(request)` to read it.
    std::string prompt_hash;
    bool operator==(const LlmRequest&) const = default;
};

/// @brief Why the model stopped.
enum class StopReason {
    kEndTurn,
    kToolUse,
    kMaxTokens,
    kStopSequence,
    kRefusal,
    kPauseTurn,
    kContextWindowExceeded,
    kContentFilter,
    kOther,
};
/// @brief The wire name: "end_turn", "tool_use", "max_tokens", "stop_sequence", "refusal",
/// "pause_turn", "model_context_window_exceeded", "content_filter", "other".
PROPOS_EXPORT std::string_view to_string(StopReason r) noexcept;
/// @brief The inverse of `to_string`; any unknown text (or "other") gives kOther.
PROPOS_EXPORT StopReason parse_stop_reason(std::string_view text) noexcept;

/// @brief Token counts. `input_tokens` excludes cached tokens (Anthropic's convention; the
/// OpenAI-compatible provider subtracts `cached_tokens` to match).
struct PROPOS_EXPORT Usage {
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    std::int64_t cache_read_input_tokens = 0;
    std::int64_t cache_creation_input_tokens = 0;
    /// Of `cache_creation_input_tokens`, those written with the 1-hour lifetime (Anthropic's
    /// `usage.cache_creation.ephemeral_1h_input_tokens`), priced at their own rate; the rest are
    /// 5-minute writes. In JSON only when non-zero.
    std::int64_t cache_creation_1h_input_tokens = 0;
    Usage& operator+=(const Usage& o);
    /// @brief All input tokens: input + cache read + cache creation.
    std::int64_t total_input() const noexcept {
        return input_tokens + cache_read_input_tokens + cache_creation_input_tokens;
    }
    bool operator==(const Usage&) const = default;
};

/// @brief A model's reply.
struct PROPOS_EXPORT LlmResponse {
    std::string id;          ///< Provider's response/message id.
    std::string request_id;  ///< Provider's request id header, for support tickets.
    std::string provider;    ///< "anthropic", "openai", "rules", "scripted"...
    std::string model;
    std::vector<ContentBlock> content;
    StopReason stop_reason = StopReason::kEndTurn;
    Usage usage;
    Millis latency{0};
    /// Set by `FallbackProvider` when a provider after the first answered: why each provider before
    /// it did not ("anthropic: HTTP 401 authentication_error ...; ..."). Empty otherwise.
    std::string fallback_reason;
    /// @brief Concatenated text blocks (the model's stated reasoning / reply).
    std::string text() const;
    /// @brief The tool_use blocks.
    std::vector<ContentBlock> tool_uses() const;
    bool operator==(const LlmResponse&) const = default;
};

// JSON forms (durable run state, cassettes). Every type round-trips exactly:
// `from_json(to_json(x)) == x`. from_json throws `Error(kInvalidArgument)` naming the bad field.
//  - ContentBlock: {"type":"text","text"} | {"type":"tool_use","id","name","input"[,"input_error"]}
//  |
//    {"type":"tool_result","tool_use_id","content","is_error"}; fields that are unusual for the
//    type are written under their member names only when set.
//  - ChatMessage: {"role":"user"|"assistant","content":[blocks]} (a string content is read as one
//    text block).
//  - SystemBlock: {"text","cache"}; ToolChoice: {"mode":"auto"|"any"|"none"|"tool","name",
//    "disable_parallel_tool_use"}; Usage: the four token counts under their member names.
//  - LlmRequest: {"model","system","messages","tools","tool_choice","max_tokens","temperature"
//    (null when unset),"metadata"[,"context" when not empty]}.
//  - LlmResponse: {"id","request_id","provider","model","content","stop_reason","usage",
//    "latency_ms"[,"fallback_reason" when set]}.
PROPOS_EXPORT void to_json(Json& j, const ContentBlock& v);
PROPOS_EXPORT void from_json(const Json& j, ContentBlock& v);
PROPOS_EXPORT void to_json(Json& j, const ChatMessage& v);
PROPOS_EXPORT void from_json(const Json& j, ChatMessage& v);
PROPOS_EXPORT void to_json(Json& j, const ToolDefinition& v);
PROPOS_EXPORT void from_json(const Json& j, ToolDefinition& v);
PROPOS_EXPORT void to_json(Json& j, const SystemBlock& v);
PROPOS_EXPORT void from_json(const Json& j, SystemBlock& v);
PROPOS_EXPORT void to_json(Json& j, const ToolChoice& v);
PROPOS_EXPORT void from_json(const Json& j, ToolChoice& v);
PROPOS_EXPORT void to_json(Json& j, const Usage& v);
PROPOS_EXPORT void from_json(const Json& j, Usage& v);
PROPOS_EXPORT void to_json(Json& j, const LlmRequest& v);
PROPOS_EXPORT void from_json(const Json& j, LlmRequest& v);
PROPOS_EXPORT void to_json(Json& j, const LlmResponse& v);
PROPOS_EXPORT void from_json(const Json& j, LlmResponse& v);

/// @brief SHA-256 (64 hex digits) of the canonical JSON of the request's model, system, messages,
/// tools, tool choice and max_tokens, plus the temperature when one is set (metadata excluded): the
/// audit's prompt hash and the cassette key. Equal requests always give equal hashes. Never throws
/// except on allocation failure.
PROPOS_EXPORT std::string request_hash(const LlmRequest& request);

/// @brief `request.prompt_hash` when set, else `request_hash(request)`. Debug builds check that a
/// set `prompt_hash` is the request's hash.
PROPOS_EXPORT std::string hash_of(const LlmRequest& request);

/// @brief `request_hash` for the successive requests of one conversation, without re-serializing
/// or re-hashing what did not change: the parts other than the messages are serialized once (again
/// only when they differ from the last call's), and only the messages added since the last call
/// are serialized and fed to a SHA-256 state kept from call to call.
///
/// Contract: between two calls, `request.messages` only grows at the end (the messages already
/// hashed are unchanged); the agent's runs are append-only within one drive. A shorter list starts
/// over. Debug builds check every result against `request_hash`. Not thread-safe.
class PROPOS_EXPORT RequestHasher {
public:
    /// @brief Equal to `request_hash(request)` under the contract above.
    std::string hash(const LlmRequest& request);

private:
    LlmRequest fixed_;            // the last call's request, messages excluded
    bool have_fixed_ = false;
    Sha256 head_;                 // fed {"max_tokens":N,"messages":[ and the messages so far
    bool head_started_ = false;
    std::size_t messages_ = 0;    // how many messages head_ was fed
    std::string tail_;            // ],"model":...,"tools":[...]}
    std::string scratch_;         // the new messages' text, reused
};

/// @brief Appends the canonical JSON of `v` to `out`: byte for byte `canonical_json(Json(v))`,
/// written without building a Json tree (for hot paths such as the agent saving its runs). Never
/// throws except on allocation failure.
PROPOS_EXPORT void append_canonical_json(std::string& out, const ContentBlock& v);
PROPOS_EXPORT void append_canonical_json(std::string& out, const ChatMessage& v);
PROPOS_EXPORT void append_canonical_json(std::string& out, const SystemBlock& v);
/// @brief Appends `text` as a JSON string literal (see propos::append_json_string in core/json.hpp).
using propos::append_json_string;

/// @brief "user" or "assistant".
PROPOS_EXPORT std::string_view to_string(Role r) noexcept;

}  // namespace propos::llm
