#include "propos/agent/escalation.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "core/strings.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/time.hpp"

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

// Phrases removed before the emergency scan: equipment names that contain alarming words.
constexpr const char* kNotEmergency[] = {"détecteur de fumée",
                                         "détecteurs de fumée",
                                         "detecteur de fumee",
                                         "датчик дыма",
                                         "smoke detector",
                                         "smoke detectors",
                                         "smoke alarm battery",
                                         "smoke alarm batteries",
                                         "smoke alarm chirping",
                                         "smoke alarm is chirping",
                                         "smoke alarm keeps chirping",
                                         "smoke detector chirping",
                                         "fire extinguisher",
                                         "fire extinguishers",
                                         "fire alarm inspection",
                                         "fire escape",
                                         "fireplace",
                                         "no gas smell",
                                         "not smell gas",
                                         "dont smell gas",
                                         "gas stove",
                                         "gas bill",
                                         "fire drill",
                                         "no sparks"};

constexpr Phrase kEmergency[] = {
    {"gas leak", "smell gas"},
    {"gas leak", "smells like gas"},
    {"gas leak", "gas smell"},
    {"gas leak", "gas leak"},
    {"gas leak", "smell of gas"},
    {"gas leak", "rotten egg*"},
    {"gas leak", "olor a gas"},
    {"gas leak", "fuga de gas"},
    {"gas leak", "huele a gas"},
    {"fire or smoke", "fire"},
    {"fire or smoke", "on fire"},
    {"fire or smoke", "flames"},
    {"fire or smoke", "smoke coming"},
    {"fire or smoke", "smell smoke"},
    {"fire or smoke", "smoke in"},
    {"fire or smoke", "full of smoke"},
    {"fire or smoke", "burning smell"},
    {"fire or smoke", "smells like burning"},
    {"fire or smoke", "incendio"},
    {"fire or smoke", "humo"},
    {"fire or smoke", "fuego"},
    {"carbon monoxide", "carbon monoxide"},
    {"carbon monoxide", "co alarm"},
    {"carbon monoxide", "co detector"},
    {"carbon monoxide", "monoxido"},
    {"carbon monoxide", "monóxido"},
    {"flooding", "flood*"},
    {"flooding", "water everywhere"},
    {"flooding", "water pouring"},
    {"flooding", "pouring water"},
    {"flooding", "water gushing"},
    {"flooding", "burst pipe"},
    {"flooding", "pipe burst"},
    {"flooding", "pipe has burst"},
    {"flooding", "wont stop leaking"},
    {"flooding", "water coming through the ceiling"},
    {"flooding", "ceiling is leaking"},
    {"flooding", "ceiling collapsed"},
    {"flooding", "inundacion"},
    {"flooding", "inundación"},
    {"flooding", "inundado"},
    {"sewage backup", "sewage"},
    {"sewage backup", "sewer backup"},
    {"sewage backup", "sewer is backing up"},
    {"sewage backup", "sewage backing up"},
    {"sewage backup", "aguas negras"},
    {"electrical hazard", "sparks"},
    {"electrical hazard", "sparking"},
    {"electrical hazard", "electrical fire"},
    {"electrical hazard", "exposed wire*"},
    {"electrical hazard", "got shocked"},
    {"electrical hazard", "electric shock"},
    {"electrical hazard", "chispas"},
    {"no heat", "no heat"},
    {"no heat", "heat is out"},
    {"no heat", "heating is out"},
    {"no heat", "heat not working"},
    {"no heat", "heat isnt working"},
    {"no heat", "heat doesnt work"},
    {"no heat", "heater is not working"},
    {"no heat", "freezing in"},
    {"no heat", "sin calefaccion"},
    {"no heat", "sin calefacción"},
    {"no water", "no water"},
    {"no water", "sin agua"},
    {"no power", "no power"},
    {"no power", "power is out"},
    {"no power", "no electricity"},
    {"no power", "sin luz"},
    {"unsecured entry", "break in"},
    {"unsecured entry", "broken into"},
    {"unsecured entry", "broke in"},
    {"unsecured entry", "intruder"},
    {"unsecured entry", "door wont lock"},
    {"unsecured entry", "door will not lock"},
    {"unsecured entry", "cant lock"},
    {"unsecured entry", "cannot lock"},
    {"unsecured entry", "front door is broken"},
    {"unsecured entry", "lock is broken"},
    {"elevator entrapment", "stuck in the elevator"},
    {"elevator entrapment", "trapped in the elevator"},
    {"elevator entrapment", "stuck in elevator"},
    // French (accents kept, apostrophes dropped: "l'ascenseur" -> "lascenseur").
    {"gas leak", "odeur de gaz"},
    {"gas leak", "fuite de gaz"},
    {"gas leak", "sent le gaz"},
    {"fire or smoke", "incendie"},
    {"fire or smoke", "au feu"},
    {"fire or smoke", "fumée"},
    {"carbon monoxide", "monoxyde de carbone"},
    {"flooding", "inondation"},
    {"flooding", "inondé*"},
    {"flooding", "dégât des eaux"},
    {"flooding", "degat des eaux"},
    {"flooding", "tuyau a éclaté"},
    {"flooding", "tuyau éclaté"},
    {"sewage backup", "refoulement dégout"},
    {"sewage backup", "refoulement des égouts"},
    {"sewage backup", "eaux usées"},
    {"electrical hazard", "étincelles"},
    {"no heat", "pas de chauffage"},
    {"no heat", "plus de chauffage"},
    {"no heat", "chauffage ne marche pas"},
    {"no heat", "chauffage ne fonctionne pas"},
    {"no water", "pas deau"},
    {"no water", "plus deau"},
    {"no power", "pas délectricité"},
    {"no power", "plus délectricité"},
    {"no power", "pas de courant"},
    {"no power", "plus de courant"},
    {"elevator entrapment", "coincé dans lascenseur"},
    {"elevator entrapment", "coincés dans lascenseur"},
    {"elevator entrapment", "bloqué dans lascenseur"},
    {"elevator entrapment", "bloqués dans lascenseur"},
    // Russian (lower-cased by normalize()).
    {"gas leak", "запах газа"},
    {"gas leak", "пахнет газом"},
    {"gas leak", "утечка газа"},
    {"fire or smoke", "пожар"},
    {"fire or smoke", "дым"},
    {"carbon monoxide", "угарный газ"},
    {"flooding", "потоп"},
    {"flooding", "затопил*"},
    {"flooding", "заливает"},
    {"flooding", "прорвало"},
    {"flooding", "лопнула труба"},
    {"sewage backup", "канализация течёт"},
    {"sewage backup", "канализация течет"},
    {"electrical hazard", "искрит"},
    {"electrical hazard", "искры"},
    {"electrical hazard", "ударило током"},
    {"no heat", "нет отопления"},
    {"no heat", "не работает отопление"},
    {"no heat", "отопление не работает"},
    {"no water", "нет воды"},
    {"no power", "нет света"},
    {"no power", "нет электричества"},
    {"elevator entrapment", "застрял в лифте"},
    {"elevator entrapment", "застряла в лифте"},
    {"elevator entrapment", "застряли в лифте"},
    {"unsecured entry", "взлом*"},
    {"unsecured entry", "дверь не закрывается"},
};

// Chinese has no spaces between words: these are plain substrings of the (lower-cased) message.
constexpr Phrase kEmergencyCjk[] = {
    {"gas leak", "煤气味"},
    {"gas leak", "燃气味"},
    {"gas leak", "煤气泄漏"},
    {"gas leak", "燃气泄漏"},
    {"gas leak", "天然气泄漏"},
    {"gas leak", "漏煤气"},
    {"gas leak", "漏燃气"},
    {"fire or smoke", "着火"},
    {"fire or smoke", "失火"},
    {"fire or smoke", "火灾"},
    {"fire or smoke", "冒烟"},
    {"fire or smoke", "烟雾"},
    {"carbon monoxide", "一氧化碳"},
    {"flooding", "淹水"},
    {"flooding", "被淹"},
    {"flooding", "水漫"},
    {"flooding", "水管爆"},
    {"flooding", "爆管"},
    {"sewage backup", "污水倒灌"},
    {"sewage backup", "下水道反水"},
    {"electrical hazard", "冒火花"},
    {"electrical hazard", "漏电"},
    {"electrical hazard", "触电"},
    {"no heat", "没有暖气"},
    {"no heat", "没暖气"},
    {"no heat", "暖气坏"},
    {"no heat", "暖气不热"},
    {"no water", "停水"},
    {"no water", "没有水"},
    {"no power", "停电"},
    {"no power", "没电"},
    {"elevator entrapment", "困在电梯"},
    {"elevator entrapment", "被困电梯"},
    {"elevator entrapment", "电梯里困"},
    {"unsecured entry", "门锁坏"},
    {"unsecured entry", "有人闯入"},
};

// Equipment named after an emergency ("smoke alarm") and look-alikes ("没电池": no batteries, not
// no power), removed before the CJK scan.
constexpr const char* kNotEmergencyCjk[] = {"烟雾报警器", "烟雾探测器", "烟雾警报器", "火灾报警器",
                                            "一氧化碳报警器", "一氧化碳探测器", "没电池", "电池没电"};

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
    "hablar con una persona",  "hablar con alguien"};

// Equipment names that contain alarming words, blanked out of a normalized text.
std::string strip_equipment(std::string norm) {
    for (std::string_view p : kNotEmergency) {
        for (auto pos = norm.find(p); pos != std::string::npos;) {
            const auto end = pos + p.size();
            if (pos > 0 && norm[pos - 1] == ' ' && end < norm.size() && norm[end] == ' ') {
                norm.erase(pos, p.size() + 1);  // keeps the space before it
                pos = norm.find(p, pos);
            } else {
                pos = norm.find(p, pos + 1);
            }
        }
    }
    return norm;
}

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

// Emergencies in a message: the word-boundary phrases in its normalized form (equipment names
// removed) plus the CJK substrings in its lower-cased text.
std::vector<std::string> scan_emergencies(const std::string& text, const std::string& norm) {
    auto out = scan_normalized(strip_equipment(norm), std::begin(kEmergency), std::end(kEmergency));
    if (std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE3; })) {
        return out;  // no CJK characters (all start with a byte >= 0xE3 in UTF-8)
    }
    std::string cjk = text;
    for (std::string_view p : kNotEmergencyCjk) {
        for (auto pos = cjk.find(p); pos != std::string::npos; pos = cjk.find(p, pos)) cjk.erase(pos, p.size());
    }
    for (const auto& p : kEmergencyCjk) {
        if (cjk.find(p.text) != std::string::npos && std::find(out.begin(), out.end(), p.reason) == out.end()) {
            out.emplace_back(p.reason);
        }
    }
    return out;
}

bool asks_for_human_normalized(std::string_view norm) {
    return std::any_of(std::begin(kHuman), std::end(kHuman),
                       [&](const char* p) { return contains(norm, p); });
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

}  // namespace

std::vector<std::string> EscalationEngine::emergency_reasons(const std::string& text) {
    return scan_emergencies(text, normalize(text));
}
std::vector<std::string> EscalationEngine::legal_reasons(const std::string& text) {
    return scan_normalized(normalize(text), std::begin(kLegal), std::end(kLegal));
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
    auto reasons = emergency_reasons(text);
    if (!is_cold(at, outdoor_temperature_c)) {
        reasons.erase(std::remove(reasons.begin(), reasons.end(), "no heat"), reasons.end());
    }
    return reasons;
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
    auto emergencies = scan_emergencies(step.inbound_text, norm);
    if (!is_cold(step.at, step.outdoor_temperature_c)) {
        emergencies.erase(std::remove(emergencies.begin(), emergencies.end(), "no heat"),
                          emergencies.end());
    }
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
        if (auto r = scan_normalized(norm, std::begin(kLegal), std::end(kLegal)); !r.empty()) {
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
