/// @file rules.hpp
/// @brief `RulesProvider`: a deterministic, offline `LlmProvider` that answers from an ordered
/// table of rules. The mechanism only: the domain rules (triage, dispatch...) are registered by the
/// layers that know the domain.
#pragma once

#include <cstdint>
#include <functional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "propos/export.hpp"
#include "propos/llm/provider.hpp"

namespace propos::llm {

/// @brief One rule: when `when` holds for a request, `respond` produces the reply's content blocks
/// (text and tool_use calls).
struct Rule {
    /// Shown in the response id ("rule-<name>-...") and in logs. Should be unique.
    std::string name;
    /// The predicate. Null: always matches.
    std::function<bool(const LlmRequest&)> when;
    /// The reply. Must not be null. tool_use blocks with an empty id get "rule_<step>_<k>" (step:
    /// the number of messages in the request; k: the index among this reply's calls), unique within
    /// a conversation and identical on every replay. Returning no blocks declines: the next rule is
    /// tried.
    std::function<std::vector<ContentBlock>(const LlmRequest&)> respond;
};

/// @brief Configuration of `RulesProvider`.
struct RulesOptions {
    /// The model name reported in responses (and priced at 0). Default: "rules".
    std::string model = "rules";
    /// The text answered (with end_turn) when no rule matches. Default: "No rule applies; nothing
    /// to do."
    std::string no_match_text = "No rule applies; nothing to do.";
    /// Token estimate: characters per token (so budgets work offline). Default: 4.
    int chars_per_token = 4;
};

/// @brief Answers from the first matching rule of an ordered table.
///
/// `complete` evaluates the rules in order; the first whose `when` holds and whose `respond`
/// returns blocks answers, with stop reason kToolUse when the reply holds a tool_use block, else
/// kEndTurn. When no rule answers, the reply is one text block (`no_match_text`) with kEndTurn.
/// Usage is an estimate (characters / `chars_per_token`, rounded up) of the request and the reply;
/// latency is 0; the id is "rule-<name>-<first 16 hex digits of request_hash>" ("rule-none-..."
/// without a match). The same request always gets the same reply.
///
/// Errors: an `Error` thrown by a rule propagates unchanged; any other exception becomes
/// `ProviderError(kInternal)` naming the rule. A rule without `respond` is rejected by the
/// constructor and `add` (`Error(kInvalidArgument)`).
///
/// Thread-safety: `complete` and `add` may be called from any thread; rules run under a shared
/// lock, so they must not call `add` themselves.
class PROPOS_EXPORT RulesProvider final : public LlmProvider {
public:
    explicit RulesProvider(std::vector<Rule> rules = {}, RulesOptions options = {});

    /// @brief Appends a rule (lowest priority so far).
    void add(Rule rule);
    /// @brief The rules' names, in order.
    std::vector<std::string> rule_names() const;
    /// @brief The name of the rule that would answer `request`, or "" when none would.
    std::string match(const LlmRequest& request) const;

    LlmResponse complete(const LlmRequest& request) override;
    /// @brief "rules".
    std::string name() const override;
    /// @brief `options.model`.
    std::string default_model() const override;

private:
    RulesOptions options_;
    mutable std::shared_mutex mu_;
    std::vector<Rule> rules_;
};

// --- helpers for writing predicates and replies
// ---------------------------------------------------

/// @brief True when the request offers a tool named `tool`.
PROPOS_EXPORT bool offers_tool(const LlmRequest& request, std::string_view tool);
/// @brief The text of the last user message that has text ("" when none).
PROPOS_EXPORT std::string last_user_text(const LlmRequest& request);
/// @brief True when the last message is a user message holding tool_result blocks.
PROPOS_EXPORT bool ends_with_tool_results(const LlmRequest& request);
/// @brief True when an assistant message of the conversation called `tool`.
PROPOS_EXPORT bool has_called(const LlmRequest& request, std::string_view tool);
/// @brief The tool_result blocks of the last message (empty when it holds none).
PROPOS_EXPORT std::vector<ContentBlock> last_tool_results(const LlmRequest& request);
/// @brief ceil(characters / chars_per_token); 0 for empty text.
PROPOS_EXPORT std::int64_t estimate_tokens(std::string_view text, int chars_per_token = 4) noexcept;

}  // namespace propos::llm
