#include "propos/agent/escalation.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "core/strings.hpp"
#include "propos/agent/emergency.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/time.hpp"
#include "propos/store/events.hpp"

namespace propos {
namespace {

// Lower-cases and turns everything but letters/digits (and UTF-8 bytes) into single spaces, padded
// with a space on each side, so phrases can be matched on word boundaries with a plain find().
std::string normalize(const std::string& raw) {
    const std::string text = detail::lower_utf8(raw);  // "ГАЗ" -> "газ", "É" -> "é"
    std::string out = " ";
    for (unsigned char c : text) {
        if (std::isalnum(c) || c >= 0x80) {
            out += static_cast<char>(std::tolower(c));
        } else if (c == '\'') {
            continue;  // "won't" -> "wont"
        } else if (out.back() != ' ') {
            out += ' ';
        }
    }
    if (out.back() != ' ') out += ' ';
    return out;
}

struct Phrase {
    const char* reason;
    const char* text;  // normalized words; a trailing '*' matches any word ending
};

// True when `phrase` occurs in `norm` on word boundaries (a trailing '*' matches any word ending).
// `norm` comes from normalize(): words separated by single spaces, with a space at each end.
bool contains(std::string_view norm, std::string_view phrase) {
    const bool prefix = !phrase.empty() && phrase.back() == '*';
    if (prefix) phrase.remove_suffix(1);
    for (auto pos = norm.find(phrase); pos != std::string_view::npos;
         pos = norm.find(phrase, pos + 1)) {
        if (pos == 0 || norm[pos - 1] != ' ') continue;
        const auto end = pos + phrase.size();
        if (prefix || (end < norm.size() && norm[end] == ' ')) return true;
    }
    return false;
}

constexpr Phrase kLegal[] = {
    {"lawyer", "lawyer*"},
    {"lawyer", "attorney*"},
    {"lawyer", "abogado"},
    {"lawsuit", "sue you"},
    {"lawsuit", "sue your"},
    {"lawsuit", "sue the"},
    {"lawsuit", "will sue"},
    {"lawsuit", "going to sue"},
    {"lawsuit", "gonna sue"},
    {"lawsuit", "suing"},
    {"lawsuit", "lawsuit"},
    {"lawsuit", "small claims"},
    {"lawsuit", "take you to court"},
    {"lawsuit", "legal action"},
    {"lawsuit", "demanda"},
    {"housing authority", "housing authority"},
    {"housing authority", "code enforcement"},
    {"housing authority", "housing court"},
    {"housing authority", "call 311"},
    {"housing authority", "report you"},
    {"housing authority", "building inspector"},
    {"rent withholding", "withhold rent"},
    {"rent withholding", "withholding rent"},
    {"rent withholding", "withhold my rent"},
    {"rent withholding", "withholding my rent"},
    {"rent withholding", "withholding the rent"},
    {"rent withholding", "rent strike"},
    {"rent withholding", "not paying rent"},
    {"rent withholding", "stop paying rent"},
    // Spanish, French, Portuguese, Russian (normalized: lower case, accents kept)
    {"lawyer", "abogada"},
    {"lawsuit", "demandar*"},
    {"lawsuit", "voy a demandar"},
    {"lawsuit", "los voy a demandar"},
    {"lawsuit", "a la corte"},
    {"lawsuit", "al tribunal"},
    {"housing authority", "vivienda de la ciudad"},
    {"rent withholding", "no voy a pagar la renta"},
    {"rent withholding", "no pagaré la renta"},
    {"rent withholding", "no pagare la renta"},
    {"lawyer", "avocat*"},
    {"lawsuit", "poursuivre en justice"},
    {"lawsuit", "vous poursuivre"},
    {"lawsuit", "porter plainte"},
    {"lawsuit", "procès"},
    {"lawsuit", "proces"},
    {"lawsuit", "tribunal"},
    {"lawsuit", "mise en demeure"},
    {"rent withholding", "ne paierai pas le loyer"},
    {"rent withholding", "retenir le loyer"},
    {"lawyer", "advogad*"},
    {"lawsuit", "processar"},
    {"lawsuit", "processo"},
    {"lawsuit", "na justiça"},
    {"lawsuit", "na justica"},
    {"lawsuit", "ação judicial"},
    {"lawsuit", "acao judicial"},
    {"rent withholding", "não vou pagar o aluguel"},
    {"rent withholding", "nao vou pagar o aluguel"},
    {"lawyer", "адвокат*"},
    {"lawyer", "юрист*"},
    {"lawsuit", "в суд"},
    {"lawsuit", "суд"},
    {"lawsuit", "иск"},
    {"housing authority", "жилинспекци*"},
    {"housing authority", "прокуратур*"},
    {"rent withholding", "не буду платить"},
};

constexpr Phrase kHarassment[] = {
    {"harassment", "harass*"},
    {"harassment", "acoso"},
    {"harassment", "stalk*"},
    {"discrimination", "discriminat*"},
    {"discrimination", "discriminación"},
    {"discrimination", "racis*"},
    {"discrimination", "fair housing"},
    {"discrimination", "because of my race"},
    {"discrimination", "because im black"},
    {"discrimination", "because of my religion"},
    {"discrimination", "because of my disability"},
    {"threats", "threaten*"},
    {"threats", "assault*"},
    {"threats", "retaliat*"},
    {"threats", "sexual*"},
};

constexpr const char* kHuman[] = {
    "speak to a person",       "talk to a person",    "speak to a human",
    "talk to a human",         "speak with a person", "talk with a person",
    "speak to someone",        "talk to someone",     "real person",
    "a human please",          "your manager",        "the manager",
    "property manager call",   "a supervisor",        "call me back",
    "stop texting me a robot", "is this a bot",       "are you a bot",
    "hablar con una persona",  "hablar con alguien",  "hablar con un humano",
    "hablar con el gerente",   "parler à quelquun",   "parler a quelquun",
    "parler à une personne",   "parler a une personne", "parler à un humain",
    "parler au gérant",        "parler au responsable", "falar com uma pessoa",
    "falar com alguém",        "falar com alguem",    "falar com um humano",
    "falar com o gerente",     "поговорить с человеком", "живой человек",
    "живым человеком",         "поговорить с менеджером", "соедините с оператором",
    "позовите менеджера"};

// Chinese: substrings of the lower-cased text.
constexpr Phrase kLegalCjk[] = {{"lawyer", "律师"},       {"lawsuit", "起诉"},
                                {"lawsuit", "法院"},      {"lawsuit", "告你"},
                                {"lawsuit", "打官司"},    {"housing authority", "投诉到"},
                                {"housing authority", "房屋局"}, {"rent withholding", "不交房租"},
                                {"rent withholding", "拒交房租"}};
constexpr const char* kHumanCjk[] = {"人工", "真人", "找经理", "跟人说", "和人说话", "找个人", "客服"};

std::vector<std::string> scan_normalized(std::string_view norm, const Phrase* begin,
                                         const Phrase* end) {
    std::vector<std::string> out;
    for (const Phrase* p = begin; p != end; ++p) {
        if (contains(norm, p->text) && std::find(out.begin(), out.end(), p->reason) == out.end()) {
            out.emplace_back(p->reason);
        }
    }
    return out;
}

// Emergencies in a message: the criteria model of emergency.hpp, under `heating` (whether no heat
// counts now), as the legacy reason names ("gas leak", "flooding", ...).
std::vector<std::string> scan_emergencies(const std::string& text, bool heating) {
    EmergencyConditions c;
    c.heating_season = heating;
    std::vector<std::string> out;
    for (const auto& h : assess_emergency(text, c).hazards) out.push_back(emergency_reason_name(h));
    return out;
}

bool asks_for_human_normalized(std::string_view norm) {
    return std::any_of(std::begin(kHuman), std::end(kHuman),
                       [&](const char* p) { return contains(norm, p); }) ||
           std::any_of(std::begin(kHumanCjk), std::end(kHumanCjk),
                       [&](const char* p) { return norm.find(p) != std::string_view::npos; });
}

std::vector<std::string> legal_normalized(std::string_view norm) {
    auto out = scan_normalized(norm, std::begin(kLegal), std::end(kLegal));
    for (const auto& p : kLegalCjk) {
        if (norm.find(p.text) != std::string_view::npos &&
            std::find(out.begin(), out.end(), p.reason) == out.end()) {
            out.emplace_back(p.reason);
        }
    }
    return out;
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

}  // namespace

std::vector<std::string> EscalationEngine::emergency_reasons(const std::string& text) {
    return scan_emergencies(text, true);
}
std::vector<std::string> EscalationEngine::legal_reasons(const std::string& text) {
    return legal_normalized(normalize(text));
}
std::vector<std::string> EscalationEngine::harassment_reasons(const std::string& text) {
    return scan_normalized(normalize(text), std::begin(kHarassment), std::end(kHarassment));
}
bool EscalationEngine::asks_for_human(const std::string& text) {
    return asks_for_human_normalized(normalize(text));
}

Millis EscalationEngine::sla(Severity s) noexcept {
    switch (s) {
        case Severity::kCritical:
            return std::chrono::hours(1);
        case Severity::kHigh:
            return std::chrono::hours(4);
        case Severity::kMedium:
            return std::chrono::hours(24);
        case Severity::kLow:
            return std::chrono::hours(72);
    }
    return std::chrono::hours(24);
}

EscalationEngine::EscalationEngine(Policy policy) : policy_(std::move(policy)) {
    const auto& h = policy_.heat_season;
    if (!h.valid()) {
        throw Error(ErrorCode::kInvalidArgument,
                    "Policy::heat_season needs months 1-12 and days 1-31, got " +
                        std::to_string(h.start_month) + "/" + std::to_string(h.start_day) + " to " +
                        std::to_string(h.end_month) + "/" + std::to_string(h.end_day));
    }
}

bool EscalationEngine::is_cold(Timestamp at,
                               std::optional<double> outdoor_temperature_c) const noexcept {
    if (outdoor_temperature_c) return *outdoor_temperature_c < policy_.cold_below_celsius;
    return policy_.heat_season.contains(at);
}

std::vector<std::string> EscalationEngine::emergency_reasons_at(
    const std::string& text, Timestamp at, std::optional<double> outdoor_temperature_c) const {
    return scan_emergencies(text, is_cold(at, outdoor_temperature_c));
}

namespace {

bool was_raised(const StepObservation& step, std::string_view reason) {
    return std::find(step.already_raised.begin(), step.already_raised.end(), reason) !=
           step.already_raised.end();
}

void most_severe_first(std::vector<EscalationTrigger>& out) {
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return static_cast<int>(a.severity) > static_cast<int>(b.severity);
    });
}

}  // namespace

std::vector<EscalationTrigger> EscalationEngine::evaluate_input(const StepObservation& step) const {
    std::vector<EscalationTrigger> out;
    if (step.inbound_text.empty()) return out;
    const std::string norm = normalize(step.inbound_text);
    const auto emergencies =
        scan_emergencies(step.inbound_text, is_cold(step.at, step.outdoor_temperature_c));
    const bool emergency = !emergencies.empty();
    if (emergency && !was_raised(step, "emergency")) {
        out.push_back({"emergency", Severity::kCritical, "Possible emergency: " + join(emergencies),
                       false, Json{{"reasons", emergencies}}});
    }
    if (!was_raised(step, "harassment_discrimination")) {
        if (auto r = scan_normalized(norm, std::begin(kHarassment), std::end(kHarassment));
            !r.empty()) {
            out.push_back({"harassment_discrimination", Severity::kHigh,
                           "Message raises " + join(r) + ": a person must respond", true,
                           Json{{"reasons", r}}});
        }
    }
    if (!was_raised(step, "legal_threat")) {
        if (auto r = legal_normalized(norm); !r.empty()) {
            out.push_back({"legal_threat", Severity::kHigh,
                           "Legal matter (" + join(r) + "): a person must respond", true,
                           Json{{"reasons", r}}});
        }
    }
    if (!was_raised(step, "human_requested") && asks_for_human_normalized(norm)) {
        out.push_back({"human_requested", Severity::kMedium, "The tenant asked to talk to a person",
                       true, Json::object()});
    }
    if (emergency) {
        // Emergency work must not wait for a person: the others only notify.
        for (auto& t : out) {
            if (t.pause) {
                t.pause = false;
                t.context["pause_waived"] = "emergency";
            }
        }
    }
    most_severe_first(out);
    return out;
}

std::vector<EscalationTrigger> EscalationEngine::evaluate_proposal(
    const StepObservation& step) const {
    std::vector<EscalationTrigger> out;
    if (!step.response) return out;
    const bool check_confidence = !was_raised(step, "low_confidence");
    const bool check_spend =
        !was_raised(step, "spend_above_limit") && !policy_.spend_arguments.empty();
    if (!check_confidence && !check_spend) return out;
    const Money limit = step.spend_limit.value_or(policy_.default_spend_limit);
    bool confidence_found = false;
    bool spend_found = false;
    for (const auto& block : step.response->content) {
        if (block.type != llm::ContentBlock::Type::kToolUse || !block.input.is_object()) continue;
        const Json& input = block.input;
        if (check_confidence && !confidence_found) {
            const auto it = input.find("confidence");
            if (it != input.end() && it->is_number() &&
                it->get<double>() < policy_.min_confidence) {
                confidence_found = true;
                out.push_back({"low_confidence", Severity::kMedium,
                               "The agent is not confident about " + block.name + " (" +
                                   std::to_string(it->get<double>()).substr(0, 4) + ")",
                               true, Json{{"tool", block.name}, {"confidence", *it}}});
            }
        }
        if (check_spend && !spend_found) {
            for (const auto& arg : policy_.spend_arguments) {
                const auto it = input.find(arg);
                if (it == input.end() || !it->is_number_integer()) continue;
                const std::int64_t cents =
                    it->is_number_unsigned()
                        ? static_cast<std::int64_t>(std::min<std::uint64_t>(
                              it->get<std::uint64_t>(), std::numeric_limits<std::int64_t>::max()))
                        : it->get<std::int64_t>();
                if (cents <= limit.in_cents()) continue;
                spend_found = true;
                out.push_back({"spend_above_limit", Severity::kHigh,
                               "The agent proposed " + block.name + " for " +
                                   Money::cents(cents).to_string() + ", above the limit " +
                                   limit.to_string() + ": a person must approve",
                               true,
                               Json{{"tool", block.name},
                                    {"argument", arg},
                                    {"amount_cents", cents},
                                    {"limit_cents", limit.in_cents()}}});
                break;
            }
        }
    }
    most_severe_first(out);
    return out;
}

std::vector<EscalationTrigger> EscalationEngine::evaluate_outcome(
    const StepObservation& step) const {
    std::vector<EscalationTrigger> out;
    if (!was_raised(step, "repeated_tool_failures") &&
        step.consecutive_tool_failures >= policy_.max_tool_failures) {
        out.push_back(
            {"repeated_tool_failures", Severity::kMedium,
             std::to_string(step.consecutive_tool_failures) + " tool calls failed in a row", true,
             Json{{"failures", step.consecutive_tool_failures}}});
    }
    return out;
}

std::vector<EscalationTrigger> EscalationEngine::evaluate(const StepObservation& step) const {
    auto out = evaluate_input(step);
    for (auto more : {evaluate_proposal(step), evaluate_outcome(step)}) {
        out.insert(out.end(), std::make_move_iterator(more.begin()),
                   std::make_move_iterator(more.end()));
    }
    most_severe_first(out);
    return out;
}

Escalation record_escalation(Transaction& tx, const OrgId& org, const EscalationTrigger& t,
                             Timestamp now, const std::string& run_id,
                             std::optional<WorkOrderId> work_order,
                             const std::string& correlation_id) {
    Escalation e;
    e.id = EscalationId(new_id("esc"));
    e.reason = t.reason;
    e.summary = t.summary;
    e.severity = t.severity;
    e.status = EscalationStatus::kOpen;
    e.work_order_id = std::move(work_order);
    e.run_id = t.pause ? run_id : "";
    e.context = t.context;
    e.context["pauses_run"] = t.pause;
    if (!run_id.empty()) e.context["run_id"] = run_id;
    e.created_at = now;
    e.sla_due_at = now + EscalationEngine::sla(t.severity);
    tx.put(org, e);
    AuditEvent a;
    a.at = now;
    a.actor = "agent";
    a.action = "escalation.raised";
    a.entity_kind = "escalation";
    a.entity_id = e.id.str();
    a.correlation_id = correlation_id;
    a.data = {{"reason", e.reason},
              {"severity", enum_name(e.severity)},
              {"summary", e.summary},
              {"pauses_run", t.pause},
              {"sla_due_at", format_time(e.sla_due_at)}};
    if (e.work_order_id) a.data["work_order_id"] = e.work_order_id->str();
    // The event commits with the escalation: a run that fails after raising it still announces it.
    Json payload{{"escalation_id", e.id.str()},
                 {"reason", e.reason},
                 {"severity", enum_name(e.severity)},
                 {"summary", e.summary}};
    if (const auto run = e.context.value("run_id", ""); !run.empty()) payload["run_id"] = run;
    if (e.work_order_id) payload["work_order_id"] = e.work_order_id->str();
    record_decision(tx, org, std::move(a), std::move(payload));
    return e;
}

Escalation resolve_escalation(Transaction& tx, const OrgId& org, const EscalationId& id,
                              const std::string& decision, const std::string& resolved_by,
                              Timestamp now) {
    if (decision.empty()) throw Error(ErrorCode::kInvalidArgument, "the decision is empty");
    if (resolved_by.empty()) throw Error(ErrorCode::kInvalidArgument, "resolved_by is empty");
    auto e = tx.get<Escalation>(org, id.str());
    if (e.status == EscalationStatus::kResolved) {
        throw Error(ErrorCode::kFailedPrecondition,
                    "escalation " + id.str() + " was already resolved by " + e.resolved_by +
                        " at " + format_time(e.resolved_at.value_or(now)));
    }
    e.status = EscalationStatus::kResolved;
    e.decision = decision;
    e.resolved_by = resolved_by;
    e.resolved_at = now;
    tx.put(org, e);
    AuditEvent a;
    a.at = now;
    a.actor = "user:" + resolved_by;
    a.action = "escalation.resolved";
    a.entity_kind = "escalation";
    a.entity_id = e.id.str();
    a.data = {{"reason", e.reason}, {"decision", decision}};
    tx.append_audit(org, a);
    return e;
}

}  // namespace propos
