// The llm layer: provider-neutral request/response records, the LlmProvider interface (Python
// subclasses through a trampoline) and the built-in providers.
#include "common.hpp"
#include "propos/llm/anthropic.hpp"
#include "propos/llm/fallback.hpp"
#include "propos/llm/openai.hpp"
#include "propos/llm/rules.hpp"
#include "propos/llm/scripted.hpp"
#include "propos/workflows/maintenance.hpp"

namespace propos_py {
namespace {

using namespace propos;
using namespace propos::llm;

/// Python subclasses of LlmProvider. py::trampoline_self_life_support + py::smart_holder: while C++
/// holds the provider (a shared_ptr), the Python object stays alive, whatever Python does with its
/// own references.
class PyLlmProvider : public LlmProvider, public py::trampoline_self_life_support {
public:
    LlmResponse complete(const LlmRequest& request) override {
        return call_override<LlmResponse, PyProviderError>(base(), "complete", "LlmProvider.complete",
                                                           request);
    }
    std::string name() const override {
        return call_override<std::string>(base(), "name", "LlmProvider.name");
    }
    std::string default_model() const override {
        return call_override<std::string>(base(), "default_model", "LlmProvider.default_model");
    }

private:
    const LlmProvider* base() const { return this; }
};

/// The Coordinator's offline provider: the maintenance rules on the RulesProvider.
std::shared_ptr<LlmProvider> offline_provider() {
    RulesOptions options;
    options.model = "propos-rules-1";
    options.no_match_text = "Done.";
    std::vector<Rule> rules{{"maintenance",
                             [](const LlmRequest& r) { return offers_tool(r, "create_work_order"); },
                             [](const LlmRequest& r) { return maintenance_rules_step(r); }}};
    return std::make_shared<RulesProvider>(std::move(rules), options);
}

}  // namespace

void bind_llm(py::module_& m) {
    // ---- records ----
    Record<ContentBlock>(m, "ContentBlock", "One block of message content: text, tool_use or tool_result.")
        .field("type", &ContentBlock::type)
        .field("text", &ContentBlock::text)
        .field("id", &ContentBlock::id)
        .field("name", &ContentBlock::name)
        .field("input", &ContentBlock::input)
        .field("input_error", &ContentBlock::input_error)
        .field("is_error", &ContentBlock::is_error)
        .json()
        .cls()
        .def_static("make_text", &ContentBlock::make_text, py::arg("text"))
        .def_static("tool_use", &ContentBlock::tool_use, py::arg("id"), py::arg("name"), py::arg("input"))
        .def_static("tool_result", &ContentBlock::tool_result, py::arg("tool_use_id"), py::arg("content"),
                    py::arg("is_error") = false);
    Record<ChatMessage>(m, "ChatMessage", "One message of a conversation with a model.")
        .field("role", &ChatMessage::role)
        .field("content", &ChatMessage::content)
        .json()
        .cls()
        .def_static("user", &ChatMessage::user, py::arg("text"))
        .def_static("assistant", &ChatMessage::assistant, py::arg("text"))
        .def("text", &ChatMessage::text, "The concatenated text blocks.")
        .def("tool_uses", &ChatMessage::tool_uses, "The tool_use blocks.");
    Record<ToolDefinition>(m, "ToolDefinition", "A tool offered to the model (JSON Schema arguments).")
        .field("name", &ToolDefinition::name)
        .field("description", &ToolDefinition::description)
        .field("input_schema", &ToolDefinition::input_schema)
        .json();
    Record<ToolChoice>(m, "ToolChoice", "How the model may use tools.")
        .field("mode", &ToolChoice::mode)
        .field("name", &ToolChoice::name)
        .field("disable_parallel_tool_use", &ToolChoice::disable_parallel_tool_use)
        .json();
    Record<SystemBlock>(m, "SystemBlock", "A block of the system prompt.")
        .field("text", &SystemBlock::text)
        .field("cache", &SystemBlock::cache)
        .json();
    Record<LlmRequest>(m, "LlmRequest", "A request to a model.")
        .field("model", &LlmRequest::model)
        .field("system", &LlmRequest::system)
        .field("messages", &LlmRequest::messages)
        .field("tools", &LlmRequest::tools)
        .field("tool_choice", &LlmRequest::tool_choice)
        .field("max_tokens", &LlmRequest::max_tokens)
        .field("temperature", &LlmRequest::temperature)
        .field("metadata", &LlmRequest::metadata)
        .field("context", &LlmRequest::context)
        .json();
    Record<Usage>(m, "Usage", "Token counts of a model call.")
        .field("input_tokens", &Usage::input_tokens)
        .field("output_tokens", &Usage::output_tokens)
        .field("cache_read_input_tokens", &Usage::cache_read_input_tokens)
        .field("cache_creation_input_tokens", &Usage::cache_creation_input_tokens)
        .field("cache_creation_1h_input_tokens", &Usage::cache_creation_1h_input_tokens)
        .json()
        .cls()
        .def("total_input", &Usage::total_input);
    Record<LlmResponse>(m, "LlmResponse", "A model's reply.")
        .field("id", &LlmResponse::id)
        .field("request_id", &LlmResponse::request_id)
        .field("provider", &LlmResponse::provider)
        .field("model", &LlmResponse::model)
        .field("content", &LlmResponse::content)
        .field("stop_reason", &LlmResponse::stop_reason)
        .field("usage", &LlmResponse::usage)
        .field("latency", &LlmResponse::latency)
        .json()
        .cls()
        .def("text", &LlmResponse::text, "The concatenated text blocks.")
        .def("tool_uses", &LlmResponse::tool_uses, "The tool_use blocks.");
    m.def("request_hash", &request_hash, py::arg("request"),
          "SHA-256 of the request's canonical form (the audit's prompt hash, the cassette key).");

    // ---- the interface ----
    py::class_<LlmProvider, PyLlmProvider, py::smart_holder> provider(
        m, "LlmProvider",
        "A model back end. Subclass it in Python and implement complete(request) -> LlmResponse, "
        "name() -> str and default_model() -> str; complete() is called from the thread that runs "
        "jobs, with the GIL held only for the call. Raise propos.Unavailable (or ConnectionError / "
        "TimeoutError) for failures worth retrying. A subclass missing one of the methods cannot be "
        "instantiated (TypeError).");
    provider.def(py::init<>())
        .def("complete", [](LlmProvider& p, const LlmRequest& r) { return nogil([&] { return p.complete(r); }); },
             py::arg("request"), "Sends one request (the GIL is released meanwhile).")
        .def("name", &LlmProvider::name)
        .def("default_model", &LlmProvider::default_model);
    require_methods(provider, {"complete", "name", "default_model"});

    // ---- built-in providers ----
    Record<Rule>(m, "Rule",
                 "One rule of a RulesProvider: when(request) -> bool (None: always) and "
                 "respond(request) -> list[ContentBlock] (empty: decline).")
        .field("name", &Rule::name)
        .field("when", &Rule::when)
        .field("respond", &Rule::respond);
    Record<RulesOptions>(m, "RulesOptions", "Configuration of RulesProvider.")
        .field("model", &RulesOptions::model)
        .field("no_match_text", &RulesOptions::no_match_text)
        .field("chars_per_token", &RulesOptions::chars_per_token);
    py::class_<RulesProvider, LlmProvider, py::smart_holder>(
        m, "RulesProvider", "A deterministic, offline provider answering from an ordered table of rules.")
        .def(py::init<std::vector<Rule>, RulesOptions>(), py::arg("rules") = std::vector<Rule>{},
             py::arg("options") = RulesOptions{})
        .def("add", &RulesProvider::add, py::arg("rule"))
        .def("rule_names", &RulesProvider::rule_names)
        .def("match", &RulesProvider::match, py::arg("request"));
    m.def("offline_provider", &offline_provider,
          "The Coordinator's default: the offline maintenance rules on a RulesProvider (deterministic, "
          "no network).");
    m.def("maintenance_rules_step", &maintenance_rules_step, py::arg("request"),
          "The offline maintenance rules' next tool calls for a request.");

    Record<RetryPolicy>(m, "RetryPolicy", "Retries of HTTP calls (SDK-style backoff).")
        .field("max_retries", &RetryPolicy::max_retries)
        .field("base_delay", &RetryPolicy::base_delay)
        .field("max_delay", &RetryPolicy::max_delay)
        .field("max_retry_after", &RetryPolicy::max_retry_after);
    Record<AnthropicOptions>(m, "AnthropicOptions",
                             "Configuration of AnthropicProvider (an empty api_key reads ANTHROPIC_API_KEY).")
        .field("api_key", &AnthropicOptions::api_key)
        .field("base_url", &AnthropicOptions::base_url)
        .field("model", &AnthropicOptions::model)
        .field("anthropic_version", &AnthropicOptions::anthropic_version)
        .field("timeout", &AnthropicOptions::timeout)
        .field("connect_timeout", &AnthropicOptions::connect_timeout)
        .field("retry", &AnthropicOptions::retry)
        .field("prompt_caching", &AnthropicOptions::prompt_caching)
        .field("cache_ttl", &AnthropicOptions::cache_ttl)
        .field("extra_headers", &AnthropicOptions::extra_headers);
    py::class_<AnthropicProvider, LlmProvider, py::smart_holder>(
        m, "AnthropicProvider", "The Anthropic Messages API over libcurl.")
        .def(py::init([](const AnthropicOptions& o) { return make_anthropic_provider(o); }),
             py::arg("options") = AnthropicOptions{})
        .def("build_body", &AnthropicProvider::build_body, py::arg("request"));
    Record<OpenAiOptions>(m, "OpenAiOptions",
                          "Configuration of OpenAiCompatibleProvider (an empty api_key reads "
                          "OPENAI_API_KEY; local servers need none).")
        .field("api_key", &OpenAiOptions::api_key)
        .field("base_url", &OpenAiOptions::base_url)
        .field("model", &OpenAiOptions::model)
        .field("provider_name", &OpenAiOptions::provider_name)
        .field("use_max_completion_tokens", &OpenAiOptions::use_max_completion_tokens)
        .field("send_tool_choice", &OpenAiOptions::send_tool_choice)
        .field("extra_headers", &OpenAiOptions::extra_headers)
        .field("timeout", &OpenAiOptions::timeout)
        .field("connect_timeout", &OpenAiOptions::connect_timeout)
        .field("retry", &OpenAiOptions::retry)
        .cls()
        .def_static("ollama", &OpenAiOptions::ollama, py::arg("model"), py::arg("base_url") = "http://localhost:11434",
                    "Preset for Ollama: provider 'ollama', no key, max_tokens, no tool_choice.")
        .def_static("vllm", &OpenAiOptions::vllm, py::arg("model"), py::arg("base_url") = "http://localhost:8000",
                    "Preset for vLLM: provider 'vllm', no key, max_tokens; its older error body is read.")
        .def_static("llama_cpp", &OpenAiOptions::llama_cpp, py::arg("model"),
                    py::arg("base_url") = "http://localhost:8080",
                    "Preset for the llama.cpp server: provider 'llama.cpp', no key, max_tokens.");
    py::class_<OpenAiCompatibleProvider, LlmProvider, py::smart_holder>(
        m, "OpenAiCompatibleProvider", "OpenAI chat completions and compatible servers (Ollama, vLLM...).")
        .def(py::init([](const OpenAiOptions& o) { return make_openai_provider(o); }),
             py::arg("options") = OpenAiOptions{})
        .def("build_body", &OpenAiCompatibleProvider::build_body, py::arg("request"))
        .def_property_readonly("url", &OpenAiCompatibleProvider::url);

    py::class_<ScriptedProvider, LlmProvider, py::smart_holder>(
        m, "ScriptedProvider",
        "Deterministic answers for tests: replay a cassette, record one from another provider, or "
        "play a queue of responses.")
        .def(py::init<>(), "An empty replay cassette; fill it with add().")
        .def_static("load", [](const PathArg& path) { return ScriptedProvider::load(path.path); }, py::arg("path"))
        .def_static(
            "record",
            [](std::shared_ptr<LlmProvider> inner, const PathArg& path) {
                return ScriptedProvider::record(std::move(inner), path.path);
            },
            py::arg("inner"), py::arg("path") = PathArg{})
        .def_static("sequence", &ScriptedProvider::sequence,
                    py::arg("responses") = std::vector<LlmResponse>{})
        .def("add", py::overload_cast<const LlmRequest&, LlmResponse>(&ScriptedProvider::add),
             py::arg("request"), py::arg("response"))
        .def("add_hash", py::overload_cast<const std::string&, LlmResponse>(&ScriptedProvider::add),
             py::arg("request_hash"), py::arg("response"))
        .def("push", &ScriptedProvider::push, py::arg("response"))
        .def(
            "push_error",
            [](ScriptedProvider& p, const std::string& code, const std::string& message, int http_status) {
                for (int c = 0; c <= static_cast<int>(ErrorCode::kInternal); ++c) {
                    if (to_string(static_cast<ErrorCode>(c)) == code) {
                        return p.push_error(ProviderError(static_cast<ErrorCode>(c), message, http_status));
                    }
                }
                throw Error(ErrorCode::kInvalidArgument, "unknown error code '" + code + "'");
            },
            py::arg("code"), py::arg("message"), py::arg("http_status") = 0,
            "Queues a ProviderError, e.g. push_error('unavailable', 'overloaded', 529).")
        .def("save", [](ScriptedProvider& p, const PathArg& path) { nogil([&] { p.save(path.path); }); },
             py::arg("path"))
        .def_property_readonly("mode", [](const ScriptedProvider& p) {
            switch (p.mode()) {
                case ScriptedProvider::Mode::kReplay: return "replay";
                case ScriptedProvider::Mode::kRecord: return "record";
                case ScriptedProvider::Mode::kSequence: break;
            }
            return "sequence";
        })
        .def("size", &ScriptedProvider::size)
        .def("remaining", &ScriptedProvider::remaining)
        .def("requests", &ScriptedProvider::requests)
        .def("keep_requests", &ScriptedProvider::keep_requests, py::arg("keep"),
             "Whether complete() keeps a copy of each request for requests() (default True); "
             "turn it off for long replays.")
        .def("contains", &ScriptedProvider::contains, py::arg("request_hash"));

    Record<FallbackOptions>(m, "FallbackOptions",
                            "When FallbackProvider moves on to the next provider (see llm/fallback.hpp).")
        .field("default_model_for_fallbacks", &FallbackOptions::default_model_for_fallbacks)
        .field("fall_back_on_any_error", &FallbackOptions::fall_back_on_any_error)
        .field("unusable_stop_reasons", &FallbackOptions::unusable_stop_reasons);
    py::class_<FallbackProvider, LlmProvider, py::smart_holder>(
        m, "FallbackProvider",
        "Tries providers in order: a failure or an unusable reply (refusal, content filter, cut off) "
        "moves on to the next (see FallbackOptions).")
        .def(py::init([](std::vector<std::shared_ptr<LlmProvider>> chain, const FallbackOptions& options) {
                 return std::make_shared<FallbackProvider>(std::move(chain), options);
             }),
             py::arg("providers"), py::arg("options") = FallbackOptions{})
        .def_property_readonly("chain", &FallbackProvider::chain, "The providers, in order.");
}

}  // namespace propos_py
