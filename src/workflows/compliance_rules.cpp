// Rule packs: schema validation, applicability, the deadline calendar and legal repair deadlines
// (see compliance.hpp). The calendar's private date helpers live in compliance_dates.hpp.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "compliance_dates.hpp"
#include "core/json_schema.hpp"
#include "propos/core/time.hpp"
#include "propos/workflows/compliance.hpp"

extern const char kCompliancePackSchema[];
extern const char kCompliancePackNyc[];
extern const char kCompliancePackCa[];
extern const char kCompliancePackTx[];
extern const char kCompliancePackGeneric[];

namespace propos {
namespace {

const detail::CompiledJsonSchema& compiled_schema() {
    static const detail::CompiledJsonSchema s(Json::parse(rule_pack_schema()), "data/compliance/schema.json");
    return s;
}

[[noreturn]] void fail(const std::string& where, const std::string& pointer, const std::string& what) {
    throw Error(ErrorCode::kInvalidArgument, where + ": " + pointer + ": " + what);
}

void check_month_day(const Json& md, const std::string& where, const std::string& pointer) {
    if (!md.is_object()) return;
    const int m = md.at("month").get<int>(), d = md.at("day").get<int>();
    if (!dates::valid_month_day(m, d)) {
        fail(where, pointer + "/day", "day " + std::to_string(d) + " does not exist in month " + std::to_string(m));
    }
}

void check_date(const Json& v, const std::string& where, const std::string& pointer) {
    if (!v.is_string()) return;
    const auto d = dates::parse_date(v.get<std::string>());
    if (!d) fail(where, pointer, "'" + v.get<std::string>() + "' is not a date");
    if (d->year < dates::kFirstYear || d->year > dates::kLastYear) {
        // Found by fuzz_rule_pack: a cycle starting in 4052 overflowed the calendar's times.
        fail(where, pointer,
             "'" + v.get<std::string>() + "' is outside the years " + std::to_string(dates::kFirstYear) + "-" +
                 std::to_string(dates::kLastYear));
    }
}

void check_period(const Json& v, const std::string& where, const std::string& pointer) {
    if (!v.is_string()) return;
    if (!dates::parse_period(v.get<std::string>())) {
        fail(where, pointer,
             "'" + v.get<std::string>() + "' is not a period of at least one day and at most " +
                 std::to_string(dates::kMaxPeriodYears) + " years");
    }
}

void check_duration(const Json& holder, const char* key, const std::string& where, const std::string& pointer) {
    if (!holder.contains(key) || !holder[key].is_string()) return;
    try {
        (void)parse_duration(holder[key].get<std::string>());
    } catch (const Error& e) {
        fail(where, pointer + "/" + key, e.what());
    }
}

// What the schema cannot say: real dates in the calendar's years, periods and durations it can hold,
// unique ids, defined classes.
void check_semantics(const Json& doc, const std::string& where) {
    check_duration(doc, "at_risk_lead", where, "");
    std::set<std::string> ids;
    const auto& rules = doc.at("rules");
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const auto& r = rules[i];
        const std::string at = "/rules/" + std::to_string(i);
        if (!ids.insert(r.at("id").get<std::string>()).second) {
            fail(where, at + "/id", "duplicate rule id '" + r.at("id").get<std::string>() + "'");
        }
        check_duration(r, "at_risk_lead", where, at);
        const auto& s = r.at("schedule");
        for (const char* k : {"due", "window_start"}) {
            if (!s.contains(k)) continue;
            check_month_day(s[k], where, at + "/schedule/" + k);
            check_date(s[k], where, at + "/schedule/" + k);
        }
        if (s.contains("cycle_start")) check_date(s["cycle_start"], where, at + "/schedule/cycle_start");
        if (s.contains("period")) check_period(s["period"], where, at + "/schedule/period");
        if (s.value("type", "") == "every" && s.value("from", "") == "cycle_start" && !s.contains("cycle_start")) {
            fail(where, at + "/schedule", "\"from\": \"cycle_start\" needs a cycle_start date");
        }
        if (s.contains("windows")) {
            for (std::size_t w = 0; w < s["windows"].size(); ++w) {
                const auto p = at + "/schedule/windows/" + std::to_string(w);
                check_date(s["windows"][w]["start"], where, p + "/start");
                check_date(s["windows"][w]["end"], where, p + "/end");
                if (s["windows"][w]["end"].get<std::string>() < s["windows"][w]["start"].get<std::string>()) {
                    fail(where, p + "/end", "the window ends before it starts");
                }
            }
        }
        if (r.contains("notice")) {
            const auto& n = r["notice"];
            check_month_day(n["reply_by"], where, at + "/notice/reply_by");
            if (n.contains("follow_ups")) {
                for (std::size_t f = 0; f < n["follow_ups"].size(); ++f) {
                    const auto p = at + "/notice/follow_ups/" + std::to_string(f);
                    check_month_day(n["follow_ups"][f]["due"], where, p + "/due");
                    if (f == 0 && n["follow_ups"][f]["when"] == "previous_open") {
                        fail(where, p + "/when", "the first follow-up has no previous one");
                    }
                }
            }
            if (r.value("scope", "") != "unit") fail(where, at + "/scope", "a tenant notice must have scope \"unit\"");
        }
    }
    const auto& rd = doc.at("repair_deadlines");
    if (rd.contains("heat_season")) {
        check_month_day(rd["heat_season"]["start"], where, "/repair_deadlines/heat_season/start");
        check_month_day(rd["heat_season"]["end"], where, "/repair_deadlines/heat_season/end");
    }
    const auto& classes = rd.at("classes");
    for (const auto& [name, cls] : classes.items()) {
        check_duration(cls, "due", where, "/repair_deadlines/classes/" + name);
        check_duration(cls, "at_risk_lead", where, "/repair_deadlines/classes/" + name);
    }
    const auto& mapping = rd.at("mapping");
    for (std::size_t i = 0; i < mapping.size(); ++i) {
        const auto cls = mapping[i].at("class").get<std::string>();
        if (!classes.contains(cls)) {
            fail(where, "/repair_deadlines/mapping/" + std::to_string(i) + "/class",
                 "class '" + cls + "' is not defined in /repair_deadlines/classes");
        }
    }
}

Millis lead_of(const Json& rule, const Json& pack) {
    if (rule.contains("at_risk_lead")) return parse_duration(rule["at_risk_lead"].get<std::string>());
    if (pack.contains("at_risk_lead")) return parse_duration(pack["at_risk_lead"].get<std::string>());
    return std::chrono::hours(24 * 30);
}

int unit_total(const CalendarInput& in) {
    if (in.property.unit_count > 0) return in.property.unit_count;
    int n = 0;
    for (const auto& u : in.units) n += u.property_id == in.property.id ? 1 : 0;
    return n;
}

bool property_matches(const Json& cond, const CalendarInput& in) {
    const auto& p = in.property;
    if (cond.contains("year_built_before")) {
        if (p.year_built <= 0 || p.year_built >= cond["year_built_before"].get<int>()) return false;
    }
    if (cond.contains("min_units") && unit_total(in) < cond["min_units"].get<int>()) return false;
    if (cond.contains("min_stories") && p.stories < cond["min_stories"].get<int>()) return false;
    const std::pair<const char*, bool> flags[] = {{"has_boiler", p.has_boiler},
                                                  {"has_elevator", p.has_elevator},
                                                  {"has_cooling_tower", p.has_cooling_tower},
                                                  {"has_gas_piping", p.has_gas_piping},
                                                  {"rent_stabilized", p.rent_stabilized}};
    for (const auto& [name, value] : flags) {
        if (cond.contains(name) && cond[name].get<bool>() != value) return false;
    }
    return true;
}

std::vector<const Tenant*> tenants_of(const CalendarInput& in, const UnitId& unit) {
    std::vector<const Tenant*> out;
    for (const auto& t : in.tenants) {
        if (t.unit_id == unit) out.push_back(&t);
    }
    return out;
}

bool unit_matches(const Json& cond, const CalendarInput& in, const UnitId& unit) {
    const auto tenants = tenants_of(in, unit);
    auto any = [&](bool Tenant::*flag) {
        return std::any_of(tenants.begin(), tenants.end(), [&](const Tenant* t) { return t->*flag; });
    };
    if (cond.contains("unit_child_under_6") && any(&Tenant::child_under_6) != cond["unit_child_under_6"].get<bool>()) {
        return false;
    }
    if (cond.contains("unit_child_10_or_under") &&
        any(&Tenant::child_10_or_under) != cond["unit_child_10_or_under"].get<bool>()) {
        return false;
    }
    return true;
}

std::optional<int> attribute_value(const std::string& attribute, const Property& p) {
    if (attribute == "nyc_block_last_digit") {
        if (p.nyc_block <= 0) return std::nullopt;
        return p.nyc_block % 10;
    }
    if (attribute == "nyc_community_district") {
        if (p.nyc_community_district <= 0) return std::nullopt;
        return p.nyc_community_district;
    }
    return std::nullopt;
}

}  // namespace

// ---- packs ----

const std::string& rule_pack_schema() {
    static const std::string text(kCompliancePackSchema);
    return text;
}

RulePack parse_rule_pack(std::string_view text, const std::string& where) {
    Json doc;
    try {
        doc = Json::parse(text);
    } catch (const Json::exception& e) {
        // parse_error, or out_of_range for a number too large for a double (fuzz_rule_pack).
        throw Error(ErrorCode::kInvalidArgument, where + ": not valid JSON: " + e.what());
    }
    if (const auto v = compiled_schema().deepest_violation(doc)) {
        fail(where, detail::json_pointer_of(v->context), v->description + " (schema: data/compliance/schema.json)");
    }
    check_semantics(doc, where);
    RulePack pack;
    pack.jurisdiction = doc.at("jurisdiction").get<std::string>();
    pack.name = doc.at("name").get<std::string>();
    pack.origin = where;
    pack.document = std::move(doc);
    return pack;
}

RulePack load_rule_pack_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw Error(ErrorCode::kNotFound, "compliance rule pack '" + path.string() + "' does not exist");
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) {
        throw Error(ErrorCode::kIo, "compliance rule pack '" + path.string() + "' cannot be read");
    }
    return parse_rule_pack(text.str(), path.string());
}

std::vector<RulePack> builtin_rule_packs() {
    return {parse_rule_pack(kCompliancePackCa, "builtin:ca"), parse_rule_pack(kCompliancePackGeneric, "builtin:generic"),
            parse_rule_pack(kCompliancePackNyc, "builtin:nyc"), parse_rule_pack(kCompliancePackTx, "builtin:tx")};
}

RuleBook::RuleBook() {
    for (auto& p : builtin_rule_packs()) add(std::move(p));
}

void RuleBook::add(RulePack pack) {
    auto key = pack.jurisdiction;
    auto shared = std::make_shared<const RulePack>(std::move(pack));
    std::lock_guard lock(mu_);
    packs_[key] = std::move(shared);
}

void RuleBook::load_file(const std::filesystem::path& path) { add(load_rule_pack_file(path)); }

std::shared_ptr<const RulePack> RuleBook::find(const std::string& jurisdiction) const {
    std::lock_guard lock(mu_);
    auto it = packs_.find(jurisdiction);
    return it == packs_.end() ? nullptr : it->second;
}

std::shared_ptr<const RulePack> RuleBook::resolve(const std::string& jurisdiction, bool* known) const {
    auto p = find(jurisdiction);
    if (known) *known = p != nullptr;
    if (p) return p;
    p = find("generic");
    if (!p) throw Error(ErrorCode::kFailedPrecondition, "no compliance rule pack for 'generic'");
    return p;
}

std::vector<std::string> RuleBook::jurisdictions() const {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    for (const auto& [k, v] : packs_) out.push_back(k);
    return out;
}

// ---- applicability and calendar ----

std::vector<std::string> applicable_rules(const RulePack& pack, const CalendarInput& in) {
    std::vector<std::string> out;
    for (const auto& r : pack.document.at("rules")) {
        const Json cond = r.value("applies_if", Json::object());
        if (!property_matches(cond, in)) continue;
        if (r.at("schedule").value("type", "") == "cycle" &&
            !attribute_value(r["schedule"]["attribute"].get<std::string>(), in.property)) {
            continue;  // the attribute that picks the cycle is unknown
        }
        if (r.at("scope") == "unit") {
            const bool any = std::any_of(in.units.begin(), in.units.end(), [&](const Unit& u) {
                return u.property_id == in.property.id && !tenants_of(in, u.id).empty() && unit_matches(cond, in, u.id);
            });
            if (!any) continue;
        }
        out.push_back(r.at("id").get<std::string>());
    }
    return out;
}

std::vector<ComplianceOccurrence> compliance_calendar(const RulePack& pack, const CalendarInput& in, Timestamp from,
                                                      Timestamp to) {
    std::vector<ComplianceOccurrence> out;
    const auto applicable = applicable_rules(pack, in);
    const auto& tz = in.timezone;
    const int first_year = dates::local_date(from, tz).year - 1;
    const int last_year = dates::local_date(to, tz).year + 1;
    for (const auto& r : pack.document.at("rules")) {
        const auto id = r.at("id").get<std::string>();
        if (std::find(applicable.begin(), applicable.end(), id) == applicable.end()) continue;
        ComplianceOccurrence base;
        base.rule_id = id;
        base.kind = r.at("kind").get<std::string>();
        base.title = r.at("title").get<std::string>();
        base.source = r.at("source").get<std::string>();
        base.jurisdiction = pack.jurisdiction;
        base.property_id = in.property.id;
        base.notice = r.contains("notice");
        base.requires_proof = r.value("requires_proof", false);
        base.confirmed = r.value("confirmed", true);
        base.note = r.value("note", "");
        base.at_risk_lead = lead_of(r, pack.document);
        const auto& s = r.at("schedule");
        const auto type = s.at("type").get<std::string>();

        // The occurrences of the rule for one unit key ("" for the property).
        auto emit = [&](const std::optional<UnitId>& unit) {
            auto add = [&](std::optional<Timestamp> start, Timestamp due, const std::string& recurrence) {
                if (due < from || due > to) return;
                auto o = base;
                o.unit_id = unit;
                o.window_start = start;
                o.due_at = due;
                o.recurrence = recurrence;
                out.push_back(std::move(o));
            };
            if (type == "yearly") {
                const auto due = dates::month_day_of(s["due"]);
                for (int y = first_year; y <= last_year; ++y) {
                    std::optional<Timestamp> start;
                    if (s.contains("window_start")) {
                        start = dates::start_of_day(dates::on(y, dates::month_day_of(s["window_start"])), tz);
                    }
                    add(start, dates::end_of_day(dates::on(y, due), tz), "yearly");
                }
            } else if (type == "once") {
                std::optional<Timestamp> start;
                if (s.contains("window_start")) {
                    start = dates::start_of_day(*dates::parse_date(s["window_start"].get<std::string>()), tz);
                }
                add(start, dates::end_of_day(*dates::parse_date(s["due"].get<std::string>()), tz), "once");
            } else if (type == "every") {
                const auto period = s["period"].get<std::string>();
                const auto recurrence = "every " + period;
                if (s["from"] == "cycle_start") {
                    const auto start = *dates::parse_date(s["cycle_start"].get<std::string>());
                    const int k0 = dates::first_period_index(start, period, dates::local_date(from, tz));
                    for (int k = k0; k < k0 + 1000; ++k) {
                        const auto d = dates::add_period(start, period, k);
                        const auto due = dates::end_of_day(d, tz);
                        if (due > to) break;
                        add(std::nullopt, due, recurrence);
                    }
                } else {
                    const auto key = unit ? id + "@" + unit->str() : id;
                    auto it = in.last_completed.find(key);
                    const Timestamp anchor = it != in.last_completed.end() ? it->second : from;
                    auto d = dates::local_date(anchor, tz);
                    const int k0 = std::max(1, dates::first_period_index(d, period, dates::local_date(from, tz)));
                    for (int k = k0; k < k0 + 1000; ++k) {
                        const auto due = dates::end_of_day(dates::add_period(d, period, k), tz);
                        if (due > to) break;
                        add(std::nullopt, due, recurrence);
                    }
                }
            } else if (type == "cycle") {
                const auto value = *attribute_value(s["attribute"].get<std::string>(), in.property);
                const auto period = s["period"].get<std::string>();
                for (const auto& w : s["windows"]) {
                    const auto values = w["values"].get<std::vector<int>>();
                    if (std::find(values.begin(), values.end(), value) == values.end()) continue;
                    const auto start = *dates::parse_date(w["start"].get<std::string>());
                    const auto end = *dates::parse_date(w["end"].get<std::string>());
                    const int k0 = dates::first_period_index(end, period, dates::local_date(from, tz));
                    for (int k = k0; k < k0 + 1000; ++k) {
                        const auto due = dates::end_of_day(dates::add_period(end, period, k), tz);
                        if (due > to) break;
                        add(dates::start_of_day(dates::add_period(start, period, k), tz), due, "cycle " + period);
                    }
                }
            }
        };

        if (r.at("scope") == "unit") {
            const Json cond = r.value("applies_if", Json::object());
            for (const auto& u : in.units) {
                if (u.property_id != in.property.id || tenants_of(in, u.id).empty()) continue;
                if (!unit_matches(cond, in, u.id)) continue;
                emit(u.id);
            }
        } else {
            emit(std::nullopt);
        }
    }
    std::sort(out.begin(), out.end(), [](const ComplianceOccurrence& a, const ComplianceOccurrence& b) {
        if (a.due_at != b.due_at) return a.due_at < b.due_at;
        if (a.rule_id != b.rule_id) return a.rule_id < b.rule_id;
        return (a.unit_id ? a.unit_id->str() : "") < (b.unit_id ? b.unit_id->str() : "");
    });
    return out;
}

// ---- legal repair deadlines ----

bool in_heat_season(const RulePack& pack, Timestamp t, const std::string& timezone) {
    const auto& rd = pack.document.at("repair_deadlines");
    if (!rd.contains("heat_season")) return false;
    const auto d = dates::local_date(t, timezone);
    const auto start = dates::month_day_of(rd["heat_season"]["start"]);
    const auto end = dates::month_day_of(rd["heat_season"]["end"]);
    const int today = d.month * 100 + d.day, s = start.month * 100 + start.day, e = end.month * 100 + end.day;
    return s <= e ? (today >= s && today <= e) : (today >= s || today <= e);  // Oct 1-May 31 wraps the year
}

std::optional<LegalRepairDeadline> legal_repair_deadline(const RulePack& pack, const WorkOrder& wo,
                                                         Timestamp reported_at, const std::string& timezone) {
    const auto& rd = pack.document.at("repair_deadlines");
    std::string words = wo.title + "\n" + wo.description;
    for (const auto& r : wo.triage_reasons) words += "\n" + r;
    std::transform(words.begin(), words.end(), words.begin(), [](unsigned char c) { return std::tolower(c); });
    const bool season = in_heat_season(pack, reported_at, timezone);
    const std::string priority(enum_name(wo.priority));
    for (const auto& m : rd.at("mapping")) {
        auto listed = [&](const char* key, const std::string& v) {
            if (!m.contains(key)) return true;
            const auto list = m[key].get<std::vector<std::string>>();
            return std::find(list.begin(), list.end(), v) != list.end();
        };
        if (!listed("categories", wo.category) || !listed("priorities", priority)) continue;
        if (m.contains("emergency") && m["emergency"].get<bool>() != wo.emergency) continue;
        if (m.contains("heat_season") && m["heat_season"].get<bool>() != season) continue;
        if (m.contains("keywords")) {
            bool hit = false;
            for (const auto& k : m["keywords"]) {
                auto kw = k.get<std::string>();
                std::transform(kw.begin(), kw.end(), kw.begin(), [](unsigned char c) { return std::tolower(c); });
                hit = hit || words.find(kw) != std::string::npos;
            }
            if (!hit) continue;
        }
        const auto cls_name = m.at("class").get<std::string>();
        const auto& cls = rd.at("classes").at(cls_name);
        LegalRepairDeadline d;
        d.jurisdiction = pack.jurisdiction;
        d.violation_class = cls_name;
        d.title = cls.at("title").get<std::string>();
        d.due_at = reported_at + parse_duration(cls.at("due").get<std::string>());
        d.at_risk_lead = cls.contains("at_risk_lead") ? parse_duration(cls["at_risk_lead"].get<std::string>())
                                                      : Millis(0);
        d.basis = m.at("basis").get<std::string>() + "; " + cls.at("title").get<std::string>() + ": " +
                  cls.at("due").get<std::string>() + " (" + cls.at("source").get<std::string>() + ")";
        d.confirmed = cls.value("confirmed", true);
        d.note = cls.value("note", "");
        return d;
    }
    return std::nullopt;
}

// ---- notice replies ----

std::optional<NoticeAnswers> read_notice_reply(const std::string& text, const std::vector<std::string>& asks) {
    std::string t;
    for (unsigned char c : text) {
        if (c == '.' || c == '!' || c == ',' || c == '\r' || c == '\n' || c == '"' || c == '\'') continue;
        t += static_cast<char>(std::tolower(c));
    }
    const auto b = t.find_first_not_of(' ');
    if (b == std::string::npos) return std::nullopt;
    t = t.substr(b, t.find_last_not_of(' ') - b + 1);
    static const std::set<std::string> kYes = {"yes", "y", "si", "sí", "sÍ", "是", "是的", "有", "да", "oui"};
    static const std::set<std::string> kNo = {"no", "n", "不", "不是", "没有", "无", "нет", "non"};
    std::optional<bool> v;
    if (kYes.count(t)) v = true;
    if (kNo.count(t)) v = false;
    if (!v) return std::nullopt;
    NoticeAnswers a;
    for (const auto& q : asks) {
        if (q == "child_under_6") a.child_under_6 = v;
        if (q == "child_10_or_under") a.child_10_or_under = v;
    }
    return a;
}

}  // namespace propos
