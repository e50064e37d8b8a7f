#include "propos/agent/escalation.hpp"

#include <algorithm>
#include <cctype>

#include "propos/core/ids.hpp"
#include "propos/core/time.hpp"

namespace propos {
namespace {

// Lower-cases and turns everything but letters/digits (and UTF-8 bytes) into single spaces, padded
// with a space on each side, so phrases can be matched on word boundaries with a plain find().
std::string normalize(const std::string& text) {
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

bool contains(const std::string& norm, std::string_view phrase) {
    if (!phrase.empty() && phrase.back() == '*') {
        return norm.find(" " + std::string(phrase.substr(0, phrase.size() - 1))) != std::string::npos;
    }
    return norm.find(" " + std::string(phrase) + " ") != std::string::npos;
}

// Phrases removed before the emergency scan: equipment names that contain alarming words.
constexpr const char* kNotEmergency[] = {
    "smoke detector", "smoke detectors", "smoke alarm battery", "smoke alarm batteries",
    "smoke alarm chirping", "smoke alarm is chirping", "smoke alarm keeps chirping",
    "smoke detector chirping", "fire extinguisher", "fire extinguishers", "fire alarm inspection",
    "fire escape", "fireplace", "no gas smell", "not smell gas", "dont smell gas", "gas stove",
    "gas bill", "fire drill", "no sparks"};

constexpr Phrase kEmergency[] = {
    {"gas leak", "smell gas"}, {"gas leak", "smells like gas"}, {"gas leak", "gas smell"},
    {"gas leak", "gas leak"}, {"gas leak", "smell of gas"}, {"gas leak", "rotten egg*"},
    {"gas leak", "olor a gas"}, {"gas leak", "fuga de gas"}, {"gas leak", "huele a gas"},
    {"fire or smoke", "fire"}, {"fire or smoke", "on fire"}, {"fire or smoke", "flames"},
    {"fire or smoke", "smoke coming"}, {"fire or smoke", "smell smoke"},
    {"fire or smoke", "smoke in"}, {"fire or smoke", "full of smoke"},
    {"fire or smoke", "burning smell"}, {"fire or smoke", "smells like burning"},
    {"fire or smoke", "incendio"}, {"fire or smoke", "humo"}, {"fire or smoke", "fuego"},
    {"carbon monoxide", "carbon monoxide"}, {"carbon monoxide", "co alarm"},
    {"carbon monoxide", "co detector"}, {"carbon monoxide", "monoxido"},
    {"carbon monoxide", "monóxido"},
    {"flooding", "flood*"}, {"flooding", "water everywhere"}, {"flooding", "water pouring"},
    {"flooding", "pouring water"}, {"flooding", "water gushing"}, {"flooding", "burst pipe"},
    {"flooding", "pipe burst"}, {"flooding", "pipe has burst"}, {"flooding", "wont stop leaking"},
    {"flooding", "water coming through the ceiling"}, {"flooding", "ceiling is leaking"},
    {"flooding", "ceiling collapsed"}, {"flooding", "inundacion"}, {"flooding", "inundación"},
    {"flooding", "inundado"},
    {"sewage backup", "sewage"}, {"sewage backup", "sewer backup"},
    {"sewage backup", "sewer is backing up"}, {"sewage backup", "sewage backing up"},
    {"sewage backup", "aguas negras"},
    {"electrical hazard", "sparks"}, {"electrical hazard", "sparking"},
    {"electrical hazard", "electrical fire"}, {"electrical hazard", "exposed wire*"},
    {"electrical hazard", "got shocked"}, {"electrical hazard", "electric shock"},
    {"electrical hazard", "chispas"},
    {"no heat", "no heat"}, {"no heat", "heat is out"}, {"no heat", "heating is out"},
    {"no heat", "heat not working"}, {"no heat", "heat isnt working"},
    {"no heat", "heat doesnt work"}, {"no heat", "heater is not working"},
    {"no heat", "freezing in"}, {"no heat", "sin calefaccion"}, {"no heat", "sin calefacción"},
    {"no water", "no water"}, {"no water", "sin agua"},
    {"no power", "no power"}, {"no power", "power is out"}, {"no power", "no electricity"},
    {"no power", "sin luz"},
    {"unsecured entry", "break in"}, {"unsecured entry", "broken into"},
    {"unsecured entry", "broke in"}, {"unsecured entry", "intruder"},
    {"unsecured entry", "door wont lock"}, {"unsecured entry", "door will not lock"},
    {"unsecured entry", "cant lock"}, {"unsecured entry", "cannot lock"},
    {"unsecured entry", "front door is broken"}, {"unsecured entry", "lock is broken"},
    {"elevator entrapment", "stuck in the elevator"}, {"elevator entrapment", "trapped in the elevator"},
    {"elevator entrapment", "stuck in elevator"},
};

constexpr Phrase kLegal[] = {
    {"lawyer", "lawyer*"}, {"lawyer", "attorney*"}, {"lawyer", "abogado"},
    {"lawsuit", "sue you"}, {"lawsuit", "sue your"}, {"lawsuit", "sue the"}, {"lawsuit", "will sue"},
    {"lawsuit", "going to sue"}, {"lawsuit", "gonna sue"}, {"lawsuit", "suing"}, {"lawsuit", "lawsuit"}, {"lawsuit", "small claims"},
    {"lawsuit", "take you to court"}, {"lawsuit", "legal action"}, {"lawsuit", "demanda"},
    {"housing authority", "housing authority"}, {"housing authority", "code enforcement"},
    {"housing authority", "housing court"}, {"housing authority", "call 311"},
    {"housing authority", "report you"}, {"housing authority", "building inspector"},
    {"rent withholding", "withhold rent"}, {"rent withholding", "withholding rent"},
    {"rent withholding", "withhold my rent"}, {"rent withholding", "withholding my rent"},
    {"rent withholding", "withholding the rent"},
    {"rent withholding", "rent strike"}, {"rent withholding", "not paying rent"},
    {"rent withholding", "stop paying rent"},
};

constexpr Phrase kHarassment[] = {
    {"harassment", "harass*"}, {"harassment", "acoso"}, {"harassment", "stalk*"},
    {"discrimination", "discriminat*"}, {"discrimination", "discriminación"},
    {"discrimination", "racis*"}, {"discrimination", "fair housing"},
    {"discrimination", "because of my race"}, {"discrimination", "because im black"},
    {"discrimination", "because of my religion"}, {"discrimination", "because of my disability"},
    {"threats", "threaten*"}, {"threats", "assault*"}, {"threats", "retaliat*"},
    {"threats", "sexual*"},
};

constexpr const char* kHuman[] = {
    "speak to a person", "talk to a person", "speak to a human", "talk to a human",
    "speak with a person", "talk with a person", "speak to someone", "talk to someone",
    "real person", "a human please", "your manager", "the manager", "property manager call",
    "a supervisor", "call me back", "stop texting me a robot", "is this a bot", "are you a bot",
    "hablar con una persona", "hablar con alguien"};

std::vector<std::string> scan(const std::string& text, const Phrase* begin, const Phrase* end,
                              bool strip_equipment) {
    std::string norm = normalize(text);
    if (strip_equipment) {
        for (const char* p : kNotEmergency) {
            const std::string needle = " " + std::string(p) + " ";
            for (auto pos = norm.find(needle); pos != std::string::npos; pos = norm.find(needle)) {
                norm.replace(pos, needle.size(), " ");
            }
        }
    }
    std::vector<std::string> out;
    for (const Phrase* p = begin; p != end; ++p) {
        if (contains(norm, p->text) &&
            std::find(out.begin(), out.end(), p->reason) == out.end()) {
            out.emplace_back(p->reason);
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
    return scan(text, std::begin(kEmergency), std::end(kEmergency), true);
}
std::vector<std::string> EscalationEngine::legal_reasons(const std::string& text) {
    return scan(text, std::begin(kLegal), std::end(kLegal), false);
}
std::vector<std::string> EscalationEngine::harassment_reasons(const std::string& text) {
    return scan(text, std::begin(kHarassment), std::end(kHarassment), false);
}
bool EscalationEngine::asks_for_human(const std::string& text) {
    const std::string norm = normalize(text);
    for (const char* p : kHuman) {
        if (contains(norm, p)) return true;
    }
    return false;
}

Millis EscalationEngine::sla(Severity s) noexcept {
    switch (s) {
        case Severity::kCritical: return std::chrono::hours(1);
        case Severity::kHigh: return std::chrono::hours(4);
        case Severity::kMedium: return std::chrono::hours(24);
        case Severity::kLow: return std::chrono::hours(72);
    }
    return std::chrono::hours(24);
}

std::vector<EscalationTrigger> EscalationEngine::evaluate(const StepObservation& step) const {
    std::vector<EscalationTrigger> out;
    auto raised = [&](const std::string& r) {
        return std::find(step.already_raised.begin(), step.already_raised.end(), r) !=
               step.already_raised.end();
    };
    if (!raised("emergency")) {
        if (auto r = emergency_reasons(step.inbound_text); !r.empty()) {
            out.push_back({"emergency", Severity::kCritical, "Possible emergency: " + join(r), false,
                           Json{{"reasons", r}}});
        }
    }
    if (!raised("harassment_discrimination")) {
        if (auto r = harassment_reasons(step.inbound_text); !r.empty()) {
            out.push_back({"harassment_discrimination", Severity::kHigh,
                           "Message raises " + join(r) + ": a person must respond", true,
                           Json{{"reasons", r}}});
        }
    }
    if (!raised("legal_threat")) {
        if (auto r = legal_reasons(step.inbound_text); !r.empty()) {
            out.push_back({"legal_threat", Severity::kHigh,
                           "Legal matter (" + join(r) + "): a person must respond", true,
                           Json{{"reasons", r}}});
        }
    }
    if (!raised("human_requested") && asks_for_human(step.inbound_text)) {
        out.push_back({"human_requested", Severity::kMedium, "The tenant asked to talk to a person",
                       true, Json::object()});
    }
    if (!raised("repeated_tool_failures") &&
        step.consecutive_tool_failures >= policy_.max_tool_failures) {
        out.push_back({"repeated_tool_failures", Severity::kMedium,
                       std::to_string(step.consecutive_tool_failures) +
                           " tool calls failed in a row",
                       true, Json{{"failures", step.consecutive_tool_failures}}});
    }
    if (step.response && !raised("low_confidence")) {
        for (const auto& call : step.response->tool_uses()) {
            const auto it = call.input.find("confidence");
            if (it != call.input.end() && it->is_number() &&
                it->get<double>() < policy_.min_confidence) {
                out.push_back({"low_confidence", Severity::kMedium,
                               "The agent is not confident about " + call.name + " (" +
                                   std::to_string(it->get<double>()).substr(0, 4) + ")",
                               true, Json{{"tool", call.name}, {"confidence", *it}}});
                break;
            }
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return static_cast<int>(a.severity) > static_cast<int>(b.severity);
    });
    return out;
}

Escalation record_escalation(Transaction& tx, const OrgId& org, const EscalationTrigger& t,
                             Timestamp now, const std::string& run_id,
                             std::optional<WorkOrderId> work_order, const std::string& correlation_id) {
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
    a.data = {{"reason", e.reason}, {"severity", enum_name(e.severity)}, {"summary", e.summary},
              {"pauses_run", t.pause}, {"sla_due_at", format_time(e.sla_due_at)}};
    if (e.work_order_id) a.data["work_order_id"] = e.work_order_id->str();
    tx.append_audit(org, a);
    return e;
}

Escalation resolve_escalation(Transaction& tx, const OrgId& org, const EscalationId& id,
                              const std::string& decision, const std::string& resolved_by,
                              Timestamp now) {
    if (decision.empty()) throw Error(ErrorCode::kInvalidArgument, "the decision is empty");
    if (resolved_by.empty()) throw Error(ErrorCode::kInvalidArgument, "resolved_by is empty");
    auto e = tx.get<Escalation>(org, id.str());
    if (e.status == EscalationStatus::kResolved) {
        throw Error(ErrorCode::kFailedPrecondition, "escalation " + id.str() + " was already resolved by " +
                                                        e.resolved_by + " at " +
                                                        format_time(e.resolved_at.value_or(now)));
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
