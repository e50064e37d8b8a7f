#include "propos/llm/rules.hpp"

#include <mutex>

#include "core/log.hpp"

namespace propos::llm {
namespace {

void check_rule(const Rule& rule) {
    if (!rule.respond) {
        throw Error(ErrorCode::kInvalidArgument,
                    "rules provider: rule '" + rule.name + "' has no respond function");
    }
}

std::size_t block_chars(const ContentBlock& b) {
    std::size_t n = b.text.size() + b.name.size() + b.id.size();
    if (b.type == ContentBlock::Type::kToolUse) n += b.input.dump().size();
    return n;
}

}  // namespace

std::int64_t estimate_tokens(std::string_view text, int chars_per_token) noexcept {
    const std::int64_t per = chars_per_token > 0 ? chars_per_token : 4;
    const auto n = static_cast<std::int64_t>(text.size());
    return (n + per - 1) / per;
}

bool offers_tool(const LlmRequest& request, std::string_view tool) {
    for (const auto& t : request.tools) {
        if (t.name == tool) return true;
    }
    return false;
}

std::string last_user_text(const LlmRequest& request) {
    for (auto it = request.messages.rbegin(); it != request.messages.rend(); ++it) {
        if (it->role != Role::kUser) continue;
        auto text = it->text();
        if (!text.empty()) return text;
    }
    return {};
}

std::vector<ContentBlock> last_tool_results(const LlmRequest& request) {
    std::vector<ContentBlock> out;
    if (request.messages.empty() || request.messages.back().role != Role::kUser) return out;
    for (const auto& b : request.messages.back().content) {
        if (b.type == ContentBlock::Type::kToolResult) out.push_back(b);
    }
    return out;
}

bool ends_with_tool_results(const LlmRequest& request) {
    return !last_tool_results(request).empty();
}

bool has_called(const LlmRequest& request, std::string_view tool) {
    for (const auto& m : request.messages) {
        if (m.role != Role::kAssistant) continue;
        for (const auto& b : m.content) {
            if (b.type == ContentBlock::Type::kToolUse && b.name == tool) return true;
        }
    }
    return false;
}

RulesProvider::RulesProvider(std::vector<Rule> rules, RulesOptions options)
    : options_(std::move(options)) {
    for (const auto& r : rules) check_rule(r);
    rules_ = std::move(rules);
    if (options_.chars_per_token <= 0) options_.chars_per_token = 4;
}

void RulesProvider::add(Rule rule) {
    check_rule(rule);
    std::unique_lock lock(mu_);
    rules_.push_back(std::move(rule));
}

std::vector<std::string> RulesProvider::rule_names() const {
    std::shared_lock lock(mu_);
    std::vector<std::string> out;
    for (const auto& r : rules_) out.push_back(r.name);
    return out;
}

std::string RulesProvider::name() const {
    return "rules";
}
std::string RulesProvider::default_model() const {
    return options_.model;
}

std::string RulesProvider::match(const LlmRequest& request) const {
    std::shared_lock lock(mu_);
    for (const auto& r : rules_) {
        if (r.when && !r.when(request)) continue;
        if (!r.respond(request).empty()) return r.name;
    }
    return {};
}

LlmResponse RulesProvider::complete(const LlmRequest& request) {
    LlmResponse out;
    out.provider = "rules";
    out.model = options_.model;
    std::string rule_name = "none";
    {
        std::shared_lock lock(mu_);
        for (const auto& r : rules_) {
            try {
                if (r.when && !r.when(request)) continue;
                auto blocks = r.respond(request);
                if (blocks.empty()) continue;
                out.content = std::move(blocks);
            } catch (const Error&) {
                throw;
            } catch (const std::exception& e) {
                throw ProviderError(ErrorCode::kInternal,
                                    "rules provider: rule '" + r.name + "' failed: " + e.what());
            }
            rule_name = r.name;
            break;
        }
    }
    if (out.content.empty()) out.content.push_back(ContentBlock::make_text(options_.no_match_text));

    const std::string step = std::to_string(request.messages.size());
    int k = 0;
    bool calls = false;
    for (auto& b : out.content) {
        if (b.type != ContentBlock::Type::kToolUse) continue;
        calls = true;
        if (b.id.empty()) b.id = "rule_" + step + "_" + std::to_string(k);
        ++k;
    }
    out.stop_reason = calls ? StopReason::kToolUse : StopReason::kEndTurn;
    out.id = "rule-" + rule_name + "-" + hash_of(request).substr(0, 16);

    // Token estimates, so step/token/cost budgets behave offline as they would online.
    std::size_t in_chars = 0;
    for (const auto& s : request.system) in_chars += s.text.size();
    for (const auto& t : request.tools)
        in_chars += t.name.size() + t.description.size() + t.input_schema.dump().size();
    for (const auto& m : request.messages) {
        for (const auto& b : m.content) in_chars += block_chars(b);
    }
    std::size_t out_chars = 0;
    for (const auto& b : out.content) out_chars += block_chars(b);
    const std::int64_t per = options_.chars_per_token;
    out.usage.input_tokens = (static_cast<std::int64_t>(in_chars) + per - 1) / per;
    out.usage.output_tokens = (static_cast<std::int64_t>(out_chars) + per - 1) / per;
    propos::detail::logger()->debug("rules: '{}' answered with {} block(s)", rule_name,
                                    out.content.size());
    return out;
}

}  // namespace propos::llm
