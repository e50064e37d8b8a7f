// The compliance unit (see compliance.hpp): the daily check, notices and replies, the proof log,
// completions with their next occurrence, and the legal repair deadline jobs of work orders.
#include "propos/workflows/compliance.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>

#include "compliance_dates.hpp"
#include "ops.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/core/crypto.hpp"
#include "propos/core/time.hpp"

namespace propos {
namespace {

using std::chrono::hours;

bool closed(ComplianceStatus s) { return s == ComplianceStatus::kDone || s == ComplianceStatus::kWaived; }

const Json* rule_of(const RulePack& pack, const std::string& rule_id) {
    const auto base = rule_id.substr(0, rule_id.find('.'));  // a follow-up's id is "<rule>.<kind>"
    for (const auto& r : pack.document.at("rules")) {
        if (r.at("id").get<std::string>() == base) return &r;
    }
    return nullptr;
}

bool from_last_completion(const Json& rule) {
    const auto& s = rule.at("schedule");
    return s.value("type", "") == "every" && s.value("from", "") == "last_completion";
}

std::string compact_date(Timestamp t, const std::string& tz) { return format_local_time(t, tz, "%Y%m%d"); }

std::string item_id(const PropertyId& property, const std::string& rule, const std::optional<UnitId>& unit,
                    Timestamp due, const std::string& tz) {
    return "cmp_" + property.str() + "_" + rule + (unit ? "_" + unit->str() : "") + "_" + compact_date(due, tz);
}

AuditEvent entry(const std::string& action, const ComplianceItem& item, Timestamp now, const std::string& actor,
                 const std::string& correlation) {
    return AuditEvent::about(action, "compliance_item", item.id.str(), now, actor, correlation);
}

Json item_payload(const ComplianceItem& item) {
    Json p{{"compliance_item_id", item.id.str()}, {"property_id", item.property_id.str()}, {"kind", item.kind},
           {"due_at", format_time(item.due_at)},  {"status", enum_name(item.status)}};
    if (item.unit_id) p["unit_id"] = item.unit_id->str();
    if (!item.jurisdiction.empty()) p["jurisdiction"] = item.jurisdiction;
    if (!item.rule_id.empty()) p["rule_id"] = item.rule_id;
    if (!item.source.empty()) p["source"] = item.source;
    return p;
}

ComplianceItem from_occurrence(const ComplianceOccurrence& o, const std::string& tz) {
    ComplianceItem item;
    item.id = ComplianceItemId(item_id(o.property_id, o.rule_id, o.unit_id, o.due_at, tz));
    item.property_id = o.property_id;
    item.unit_id = o.unit_id;
    item.kind = o.kind;
    item.description = o.title + (o.confirmed ? "" : " [configurable: " + o.note + "]");
    item.due_at = o.due_at;
    item.recurrence = o.recurrence == "once" ? "" : o.recurrence;
    item.jurisdiction = o.jurisdiction;
    item.rule_id = o.rule_id;
    item.source = o.source;
    item.window_start = o.window_start;
    item.requires_proof = o.requires_proof;
    return item;
}

CalendarInput input_for(Transaction& tx, const OrgId& org, const Property& property, const std::string& tz,
                        const std::vector<ComplianceItem>& items) {
    CalendarInput in;
    in.property = property;
    in.timezone = tz;
    in.units = tx.list<Unit>(org, {.parent = property.id.str()});
    for (const auto& u : in.units) {
        for (auto& t : tx.list<Tenant>(org, {.parent = u.id.str()})) in.tenants.push_back(std::move(t));
    }
    for (const auto& i : items) {
        if (i.status != ComplianceStatus::kDone || !i.completed_at || i.rule_id.empty()) continue;
        const auto key = i.unit_id ? i.rule_id + "@" + i.unit_id->str() : i.rule_id;
        auto& slot = in.last_completed[key];
        slot = std::max(slot, *i.completed_at);
    }
    return in;
}

// Fills the {placeholders} of a notice text.
std::string fill(std::string text, const std::map<std::string, std::string>& values) {
    for (const auto& [k, v] : values) {
        const auto key = "{" + k + "}";
        for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + v.size())) {
            text.replace(pos, key.size(), v);
        }
    }
    return text;
}

std::string in_language(const Json& texts, const std::string& language) {
    return texts.contains(language) ? texts[language].get<std::string>() : texts.at("en").get<std::string>();
}

// The warning of a property whose own jurisdiction has no pack, so the generic pack applies to it
// (`compliance.jurisdiction_unknown`): an explicit `jurisdiction` no pack is loaded for, or no
// explicit one and a state (New York outside the city, or no state at all) no built-in pack covers.
// nullopt when the property's own pack applies, or the host chose "generic" explicitly.
std::optional<Json> unknown_jurisdiction(const Property& p, const std::string& jurisdiction, bool known,
                                         const std::string& used) {
    Json w{{"property_id", p.id.str()}, {"jurisdiction", jurisdiction}, {"using", used}};
    if (!known) {
        w["warning"] = "no compliance rule pack for '" + jurisdiction + "': the " + used + " pack applies. Load a pack for '" +
                       jurisdiction + "' to apply it.";
        return w;
    }
    if (jurisdiction != "generic" || !p.jurisdiction.empty()) return std::nullopt;
    w["state"] = p.state;
    w["city"] = p.city;
    if (p.state.empty()) {
        w["warning"] = "the property has no state on record: the " + used +
                       " pack applies. Set its state, or its jurisdiction to a pack you load.";
        return w;
    }
    std::string state = p.state;
    for (auto& c : state) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string where = p.city;
    if (state == "NY" || state == "NEW YORK") where += (where.empty() ? "" : "; ") + std::string("the nyc pack covers New York City only");
    w["warning"] = "no compliance rule pack for the state " + p.state + (where.empty() ? "" : " (" + where + ")") + ": the " +
                   used + " pack applies. Load a pack and set the property's jurisdiction to it to apply another.";
    return w;
}

Json answers_json(const NoticeAnswers& a) {
    Json j = Json::object();
    if (a.child_under_6) j["child_under_6"] = *a.child_under_6;
    if (a.child_10_or_under) j["child_10_or_under"] = *a.child_10_or_under;
    return j;
}

}  // namespace

// ---- legal repair deadlines on work orders ----
// Counted from the work order's creation (when the condition was reported). Called again after a
// re-triage (`ops::raise_to_emergency`) it only ever moves the deadline earlier; the jobs of the old
// deadline (keys carry the deadline) then find it changed and do nothing.

void apply_legal_deadline(Transaction& tx, const WorkflowServices& s, const OrgId& org, WorkOrder& wo,
                          const Property& property, Timestamp now, const std::string& correlation) {
    if (!s.compliance_rules) return;
    const auto tz = ops::org_timezone(tx, org);
    const auto pack = s.compliance_rules->resolve(jurisdiction_of(property));
    // Counted from when the condition was reported (the work order's creation).
    const auto reported = wo.created_at != Timestamp{} ? wo.created_at : now;
    const auto d = legal_repair_deadline(*pack, wo, reported, tz);
    if (!d) return;
    if (wo.legal_due_at && *wo.legal_due_at <= d->due_at) return;  // re-triage only ever tightens it
    wo.legal_due_at = d->due_at;
    wo.legal_class = d->violation_class;
    wo.legal_basis = d->jurisdiction + " " + d->violation_class + ": " + d->basis;
    const Json base{{"work_order_id", wo.id.str()}, {"due_at", format_time(d->due_at)}};
    Json at_risk = base;
    at_risk["stage"] = "at_risk";
    s.jobs.enqueue(tx, org,
                   JobSpec{.type = job_types::kLegalDeadline,
                           .payload = at_risk,
                           .run_at = std::max(now, d->due_at - d->at_risk_lead),
                           .idempotency_key = "legal_deadline:at_risk:" + wo.id.str() + ":" + format_time(d->due_at),
                           .correlation_id = correlation});
    Json missed = base;
    missed["stage"] = "missed";
    s.jobs.enqueue(tx, org,
                   JobSpec{.type = job_types::kLegalDeadline,
                           .payload = missed,
                           .run_at = d->due_at,
                           .idempotency_key = "legal_deadline:missed:" + wo.id.str() + ":" + format_time(d->due_at),
                           .correlation_id = correlation});
}

void ComplianceWorkflow::run_legal_deadline(const Job& job) {
    const auto& s = services_;
    const auto& org = job.org_id;
    const auto stage = job.payload.value("stage", "");
    const auto due = parse_time(job.payload.at("due_at").get<std::string>());
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto wo = tx.find<WorkOrder>(org, job.payload.value("work_order_id", ""));
        if (!wo || !wo->legal_due_at || *wo->legal_due_at != due) return;  // gone, or the deadline changed
        AuditEvent a{.at = now, .actor = "system", .entity_kind = "work_order", .entity_id = wo->id.str(),
                     .correlation_id = job.correlation_id};
        Json payload{{"work_order_id", wo->id.str()}, {"legal_due_at", format_time(due)},
                     {"legal_class", wo->legal_class}, {"legal_basis", wo->legal_basis}};
        const bool done = wo->completed_at.has_value() || is_terminal(wo->status);
        if (done) {
            if (stage != "missed") return;
            const auto at = wo->completed_at ? *wo->completed_at : wo->closed_at.value_or(now);
            a.action = "work_order.legal_deadline_met";
            payload["completed_at"] = format_time(at);
            payload["on_time"] = at <= due;
            record_decision(tx, org, a, payload);
            return;
        }
        const bool missed = stage == "missed";
        const std::string reason = missed ? "legal_deadline_missed" : "legal_deadline_at_risk";
        for (const auto& e : tx.list<Escalation>(org, {.parent = wo->id.str()})) {
            if (e.reason == reason) return;  // raised once
        }
        const auto tz = ops::org_timezone(tx, org);
        const auto label = ops::unit_label(tx, org, wo->unit_id);
        const auto when = format_local_time(due, tz, "%Y-%m-%d %H:%M");
        const auto e = ops::raise(
            tx, org, reason, missed ? Severity::kCritical : Severity::kHigh,
            missed ? "Legal repair deadline passed (" + when + ") for work order " + wo->id.str() + " (unit " + label +
                         ", " + wo->category + "): " + wo->legal_basis
                   : "Legal repair deadline " + when + " is close for work order " + wo->id.str() + " (unit " + label +
                         ", " + wo->category + ", " + std::string(enum_name(wo->status)) + "): " + wo->legal_basis,
            wo->id, payload, now, job.correlation_id);
        payload["escalation_id"] = e.id.str();
        a.action = missed ? "work_order.legal_deadline_missed" : "work_order.legal_deadline_at_risk";
        record_decision(tx, org, a, payload);
    });
}

// ---- the unit ----

ComplianceWorkflow::ComplianceWorkflow(const WorkflowServices& services, std::shared_ptr<RuleBook> rules,
                                       ComplianceOptions options)
    : services_(services), rules_(std::move(rules)), options_(std::move(options)) {
    if (!rules_) rules_ = std::make_shared<RuleBook>();
    for (const auto& f : options_.pack_files) rules_->load_file(f);
}

void ComplianceWorkflow::handle(const Job& job) {
    if (job.type == job_types::kLegalDeadline) return run_legal_deadline(job);
    check(job.org_id);
}

std::size_t ComplianceWorkflow::check(const OrgId& org) {
    const auto& s = services_;
    std::size_t created = 0;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        const auto tz = ops::org_timezone(tx, org);
        const std::string corr = "compliance.check:" + compact_date(now, tz);
        auto put_new = [&](ComplianceItem item, const std::string& why) {
            if (tx.find<ComplianceItem>(org, item.id.str())) return false;
            tx.put(org, item);
            auto payload = item_payload(item);
            payload["why"] = why;
            record_decision(tx, org, entry("compliance.item_created", item, now, "system", corr), payload);
            ++created;
            return true;
        };
        for (const auto& property : tx.list<Property>(org)) {
            const auto jurisdiction = jurisdiction_of(property);
            bool known = true;
            const auto pack = rules_->resolve(jurisdiction, &known);
            if (auto warning = unknown_jurisdiction(property, jurisdiction, known, pack->jurisdiction)) {
                const auto audit = tx.list_audit_for(org, "property", property.id.str());
                const bool warned = std::any_of(audit.begin(), audit.end(), [](const AuditEvent& a) {
                    return a.action == "compliance.jurisdiction_unknown";
                });
                if (!warned) {
                    AuditEvent a{.at = now, .actor = "system", .action = "compliance.jurisdiction_unknown",
                                 .entity_kind = "property", .entity_id = property.id.str(), .correlation_id = corr};
                    record_decision(tx, org, a, std::move(*warning));
                }
            }
            auto items = tx.list<ComplianceItem>(org, {.parent = property.id.str()});
            const auto in = input_for(tx, org, property, tz, items);

            // 1. The calendar's occurrences in the window become items (deterministic ids).
            for (const auto& o : compliance_calendar(*pack, in, now - options_.lookback, now + options_.lookahead)) {
                const auto* rule = rule_of(*pack, o.rule_id);
                if (rule && from_last_completion(*rule)) continue;  // chained from completions below
                put_new(from_occurrence(o, tz), "calendar");
            }
            // "every N from the last completion": one open item per rule (and unit) at a time.
            const auto applicable = applicable_rules(*pack, in);
            const auto far = compliance_calendar(*pack, in, now, now + hours(24 * 366 * 12));
            for (const auto& o : far) {
                const auto* rule = rule_of(*pack, o.rule_id);
                if (!rule || !from_last_completion(*rule)) continue;
                const bool open = std::any_of(items.begin(), items.end(), [&](const ComplianceItem& i) {
                    return i.rule_id == o.rule_id && i.unit_id == o.unit_id && !closed(i.status);
                });
                if (open) continue;
                items.push_back(from_occurrence(o, tz));
                put_new(items.back(), "recurrence");
            }
            items = tx.list<ComplianceItem>(org, {.parent = property.id.str()});

            // 2. Tenant notices whose window opened go out in each tenant's language.
            for (auto& item : items) {
                const auto* rule = rule_of(*pack, item.rule_id);
                if (!rule || !rule->contains("notice") || item.rule_id.find('.') != std::string::npos) continue;
                if (closed(item.status) || item.notice_sent_at || !item.unit_id) continue;
                if (item.window_start && *item.window_start > now) continue;
                const auto& notice = (*rule)["notice"];
                const auto due_date = dates::local_date(item.due_at, tz);
                const auto reply_by = dates::end_of_day(dates::on(due_date.year, dates::month_day_of(notice["reply_by"])), tz);
                const auto label = ops::unit_label(tx, org, *item.unit_id);
                Json sent = Json::array();
                for (const auto& t : tx.list<Tenant>(org, {.parent = item.unit_id->str()})) {
                    OutboundSpec spec;
                    const bool email = t.preferred_channel == Channel::kEmail && !t.email.empty();
                    spec.channel = email || t.phone.empty() ? Channel::kEmail : Channel::kSms;
                    spec.to = spec.channel == Channel::kEmail ? t.email : t.phone;
                    if (spec.to.empty()) continue;
                    const std::map<std::string, std::string> values{
                        {"unit", label},
                        {"property", property.name},
                        {"reply_by", format_local_time(reply_by, tz, "%Y-%m-%d")}};
                    spec.subject = fill(in_language(notice["subject"], t.language), values);
                    spec.body = fill(in_language(notice["body"], t.language), values);
                    spec.tenant_id = t.id;
                    spec.correlation_id = corr;
                    spec.topic = "compliance_notice";
                    const auto m = queue_outbound(tx, s, org, spec);
                    item.notice_message_ids.push_back(m.id.str());
                    sent.push_back({{"tenant_id", t.id.str()},
                                    {"message_id", m.id.str()},
                                    {"language", notice["body"].contains(t.language) ? t.language : "en"}});
                }
                if (sent.empty()) continue;  // nobody to tell: the at-risk / overdue escalations say so
                item.notice_sent_at = now;
                item.reply_due_at = reply_by;
                item.status = ComplianceStatus::kDone;
                item.completed_at = now;
                item.completed_by = "system";
                item.completion_note = "notice sent to " + std::to_string(sent.size()) + " tenant(s)";
                tx.put(org, item);
                auto payload = item_payload(item);
                payload["reply_due_at"] = format_time(reply_by);
                payload["sent"] = sent;
                record_decision(tx, org, entry("compliance.notice_sent", item, now, "system", corr), payload);
            }

            // 3. Follow-ups of notices that got no (negative) answer by their reply date.
            for (const auto& item : items) {
                const auto* rule = rule_of(*pack, item.rule_id);
                if (!rule || !rule->contains("notice") || !item.reply_due_at || now <= *item.reply_due_at) continue;
                const auto& notice = (*rule)["notice"];
                if (!notice.contains("follow_ups")) continue;
                const auto asks = notice["asks"].get<std::vector<std::string>>();
                const bool answered_no = item.reply_received_at && std::all_of(asks.begin(), asks.end(), [&](const std::string& q) {
                    return item.reply.contains(q) && item.reply[q] == false;
                });
                const int year = dates::local_date(*item.reply_due_at, tz).year;
                std::optional<ComplianceItem> previous;
                for (const auto& f : notice["follow_ups"]) {
                    const auto kind = f["kind"].get<std::string>();
                    const auto id = item.id.str() + "_" + kind;
                    const auto existing = tx.find<ComplianceItem>(org, id);
                    bool create = false;
                    if (f["when"] == "unless_answered_no") create = !answered_no;
                    else create = previous && !closed(previous->status) && now > previous->due_at;
                    if (!existing && create) {
                        ComplianceItem fu;
                        fu.id = ComplianceItemId(id);
                        fu.property_id = item.property_id;
                        fu.unit_id = item.unit_id;
                        fu.kind = kind;
                        fu.description = f["title"].get<std::string>() +
                                         (f.value("confirmed", true) ? "" : " [configurable: " + f.value("note", "") + "]");
                        fu.due_at = dates::end_of_day(dates::on(year, dates::month_day_of(f["due"])), tz);
                        fu.jurisdiction = item.jurisdiction;
                        fu.rule_id = item.rule_id + "." + kind;
                        fu.source = f["source"].get<std::string>();
                        fu.parent_id = item.id.str();
                        fu.window_start = now;
                        const auto e = ops::raise(
                            tx, org, "compliance_follow_up",
                            parse_enum<Severity>(f.value("severity", "medium")),
                            fu.description + " (unit " + ops::unit_label(tx, org, *item.unit_id) + ", due " +
                                format_local_time(fu.due_at, tz, "%Y-%m-%d") + "; " + fu.source + ")",
                            std::nullopt, item_payload(fu), now, corr);
                        fu.at_risk_escalation_id = e.id.str();  // the person already knows: no second at-risk
                        tx.put(org, fu);
                        auto payload = item_payload(fu);
                        payload["parent_id"] = item.id.str();
                        payload["escalation_id"] = e.id.str();
                        record_decision(tx, org, entry("compliance.follow_up_created", fu, now, "system", corr), payload);
                        ++created;
                        previous = fu;
                    } else {
                        previous = existing;
                    }
                    if (!previous) break;
                }
            }
            items = tx.list<ComplianceItem>(org, {.parent = property.id.str()});

            // 4. At risk before the due date, overdue after it: each escalation once.
            for (auto& item : items) {
                if (closed(item.status)) continue;
                const auto* rule = item.rule_id.empty() ? nullptr : rule_of(*pack, item.rule_id);
                Millis lead = hours(24 * 30);
                if (pack->document.contains("at_risk_lead")) lead = parse_duration(pack->document["at_risk_lead"].get<std::string>());
                if (rule && rule->contains("at_risk_lead") && item.rule_id.find('.') == std::string::npos) {
                    lead = parse_duration((*rule)["at_risk_lead"].get<std::string>());
                }
                if (options_.at_risk_lead) lead = *options_.at_risk_lead;
                const auto where = item.unit_id ? property.name + " unit " + ops::unit_label(tx, org, *item.unit_id)
                                                : property.name;
                const auto due_text = format_local_time(item.due_at, tz, "%Y-%m-%d");
                const auto cite = item.source.empty() ? std::string() : " (" + item.source + ")";
                // Raises one escalation for the item, keeps its id on the item, audits both.
                auto escalate = [&](bool overdue, const std::string& summary) {
                    if (overdue) item.status = ComplianceStatus::kOverdue;
                    const auto e = ops::raise(tx, org, overdue ? "compliance_overdue" : "compliance_at_risk",
                                              overdue ? Severity::kHigh : Severity::kMedium,
                                              summary + item.description + " at " + where + cite, std::nullopt,
                                              item_payload(item), now, corr);
                    (overdue ? item.overdue_escalation_id : item.at_risk_escalation_id) = e.id.str();
                    tx.put(org, item);
                    auto payload = item_payload(item);
                    payload["escalation_id"] = e.id.str();
                    if (!overdue) payload["lead"] = format_duration(lead);
                    record_decision(tx, org,
                                    entry(overdue ? "compliance.overdue" : "compliance.at_risk", item, now, "system", corr),
                                    payload);
                };
                if (now > item.due_at) {
                    if (item.overdue_escalation_id.empty()) escalate(true, "Overdue since " + due_text + ": ");
                } else if (now >= item.due_at - lead && item.at_risk_escalation_id.empty()) {
                    escalate(false, "Due " + due_text + " and not done: ");
                }
            }
        }
    });
    return created;
}

std::vector<ComplianceItem> ComplianceWorkflow::items(const OrgId& org, const ComplianceQuery& q) {
    auto out = services_.store.read_result([&](Transaction& tx) {
        tx.require_organization(org);
        return tx.list<ComplianceItem>(org, {.parent = q.property_id});
    });
    std::erase_if(out, [&](const ComplianceItem& i) {
        return (q.open_only && closed(i.status)) || (q.due_before && i.due_at > *q.due_before);
    });
    std::stable_sort(out.begin(), out.end(), [](const ComplianceItem& a, const ComplianceItem& b) {
        return a.due_at < b.due_at;
    });
    return out;
}

std::vector<ComplianceOccurrence> ComplianceWorkflow::calendar(const OrgId& org, const PropertyId& property,
                                                               Timestamp from, Timestamp to) {
    return services_.store.read_result([&](Transaction& tx) {
        const auto p = tx.get<Property>(org, property.str());
        const auto tz = ops::org_timezone(tx, org);
        const auto items = tx.list<ComplianceItem>(org, {.parent = property.str()});
        return compliance_calendar(*rules_->resolve(jurisdiction_of(p)), input_for(tx, org, p, tz, items), from, to);
    });
}

ComplianceItem ComplianceWorkflow::complete(const OrgId& org, const ComplianceItemId& id, const std::string& by,
                                            const std::string& note) {
    const auto& s = services_;
    return s.store.write_result([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto item = tx.get<ComplianceItem>(org, id.str());
        if (closed(item.status)) {
            throw Error(ErrorCode::kFailedPrecondition, "compliance item '" + id.str() + "' is already " +
                                                            std::string(enum_name(item.status)));
        }
        if (item.requires_proof && item.proofs.empty()) {
            throw Error(ErrorCode::kFailedPrecondition,
                        "compliance item '" + id.str() + "' (" + item.kind +
                            ") needs a proof: attach the report, certificate or photo first");
        }
        const auto tz = ops::org_timezone(tx, org);
        item.status = ComplianceStatus::kDone;
        item.completed_at = now;
        item.completed_by = by;
        item.completion_note = note;
        tx.put(org, item);
        Json resolved = Json::array();
        for (const auto& eid : {item.at_risk_escalation_id, item.overdue_escalation_id}) {
            auto e = eid.empty() ? std::nullopt : tx.find<Escalation>(org, eid);
            if (!e || e->status != EscalationStatus::kOpen) continue;
            const std::string decision = "compliance item " + item.id.str() + " completed";
            resolve_escalation(tx, org, e->id, decision, by, now);
            emit_event(tx, org, "escalation.resolved", "compliance:" + item.id.str(),
                       Json{{"escalation_id", eid}, {"reason", e->reason}, {"decision", decision}, {"resolved_by", by}},
                       now);
            resolved.push_back(eid);
        }
        // The next occurrence: from the rule (its calendar after this due date, or one period after
        // today for "from the last completion"), else from an imported item's recurrence text.
        std::optional<ComplianceItem> next;
        const auto property = tx.find<Property>(org, item.property_id.str());
        if (property && !item.rule_id.empty() && item.parent_id.empty()) {
            const auto pack = rules_->resolve(jurisdiction_of(*property));
            const auto* rule = rule_of(*pack, item.rule_id);
            const auto items = tx.list<ComplianceItem>(org, {.parent = item.property_id.str()});
            const auto in = input_for(tx, org, *property, tz, items);
            const auto start = rule && from_last_completion(*rule) ? now : item.due_at + std::chrono::seconds(1);
            for (const auto& o : compliance_calendar(*pack, in, start, start + hours(24 * 366 * 12))) {
                if (o.rule_id == item.rule_id && o.unit_id == item.unit_id) {
                    next = from_occurrence(o, tz);
                    break;
                }
            }
        } else if (!item.recurrence.empty() && item.rule_id.empty()) {
            try {
                next = item;
                next->due_at = item.due_at + parse_duration(item.recurrence);
                next->id = ComplianceItemId(item.id.str() + "_" + compact_date(next->due_at, tz));
                next->status = ComplianceStatus::kOpen;
                next->completed_at.reset();
                next->proofs.clear();
                next->completed_by.clear();
                next->completion_note.clear();
                next->at_risk_escalation_id.clear();
                next->overdue_escalation_id.clear();
            } catch (const Error&) {
                next.reset();  // a recurrence that is not a duration: said in the event below
            }
        }
        auto payload = item_payload(item);
        payload["completed_by"] = by;
        payload["on_time"] = now <= item.due_at;
        payload["resolved_escalations"] = resolved;
        Json hashes = Json::array();
        for (const auto& p : item.proofs) hashes.push_back(p.sha256);
        payload["proof_sha256"] = hashes;
        if (next && !tx.find<ComplianceItem>(org, next->id.str())) {
            tx.put(org, *next);
            payload["next_item_id"] = next->id.str();
            payload["next_due_at"] = format_time(next->due_at);
        } else if (!next && !item.recurrence.empty()) {
            payload["next_item_id"] = nullptr;
            payload["warning"] = "recurrence '" + item.recurrence + "' gives no next date";
        }
        auto a = entry("compliance.completed", item, now, by, "compliance:" + item.id.str());
        a.data = payload;
        record_decision(tx, org, a, payload);
        return item;
    });
}

channels::BlobStore& ComplianceWorkflow::proof_store(const OrgId& org) {
    if (options_.proof_store) return *options_.proof_store;
    std::lock_guard lock(mu_);
    auto& slot = proof_stores_[org.str()];
    if (!slot) {
        if (services_.store.shared()) {
            // Several workers on other machines share the database: a proof kept in one
            // process's memory or on its disk would be lost to the others.
            throw Error(ErrorCode::kFailedPrecondition,
                        "proofs of a store shared by several machines (" + services_.store.location() +
                            ") need a blob store every worker shares: set ComplianceOptions::proof_store "
                            "(e.g. channels::make_local_blob_store on a shared volume)");
        }
        const auto file = services_.store.local_file();
        if (file.empty()) {
            slot = channels::make_memory_blob_store();
        } else {
            slot = channels::make_local_blob_store(std::filesystem::path(file + ".proofs") / org.str());
        }
    }
    return *slot;
}

ComplianceItem ComplianceWorkflow::attach_proof(const OrgId& org, const ComplianceItemId& id, std::string_view data,
                                                const std::string& name, const std::string& content_type,
                                                const std::string& by) {
    const auto& s = services_;
    if (data.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "proof for compliance item '" + id.str() + "' is empty");
    }
    // The item must exist before bytes are kept (a typo must not leave an orphan blob behind).
    s.store.read([&](Transaction& tx) { (void)tx.get<ComplianceItem>(org, id.str()); });
    const auto key = proof_store(org).put(data);
    return s.store.write_result([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto item = tx.get<ComplianceItem>(org, id.str());
        ComplianceProof p;
        p.blob_key = key;
        p.sha256 = key.substr(key.find(':') + 1);
        p.name = name;
        p.content_type = content_type;
        p.size = static_cast<std::int64_t>(data.size());
        p.at = now;
        p.by = by;
        item.proofs.push_back(p);
        tx.put(org, item);
        auto payload = item_payload(item);
        payload["sha256"] = p.sha256;
        payload["blob_key"] = p.blob_key;
        payload["name"] = name;
        payload["content_type"] = content_type;
        payload["size"] = p.size;
        auto a = entry("compliance.proof_attached", item, now, by, "compliance:" + item.id.str());
        a.data = payload;
        record_decision(tx, org, a, payload);
        return item;
    });
}

ComplianceItem ComplianceWorkflow::attach_proof_file(const OrgId& org, const ComplianceItemId& id,
                                                     const std::filesystem::path& file,
                                                     const std::string& content_type, const std::string& by) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        throw Error(ErrorCode::kNotFound, "proof file '" + file.string() + "' does not exist");
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) throw Error(ErrorCode::kIo, "proof file '" + file.string() + "' cannot be read");
    return attach_proof(org, id, bytes.str(), file.filename().string(), content_type, by);
}

ComplianceItem ComplianceWorkflow::record_reply(const OrgId& org, const ComplianceItemId& id,
                                                const NoticeAnswers& answers, const std::string& by) {
    const auto& s = services_;
    return s.store.write_result([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto item = tx.get<ComplianceItem>(org, id.str());
        if (!item.notice_sent_at || !item.unit_id) {
            throw Error(ErrorCode::kFailedPrecondition,
                        "compliance item '" + id.str() + "' is not a tenant notice that was sent");
        }
        const auto given = answers_json(answers);
        if (given.empty()) throw Error(ErrorCode::kInvalidArgument, "the reply answers nothing");
        item.reply.update(given);
        item.reply.erase("unread");
        if (!item.reply_received_at) item.reply_received_at = now;
        tx.put(org, item);
        // The tenant records learn the answer (the next check applies the rules that depend on it).
        Json updated = Json::array();
        for (auto t : tx.list<Tenant>(org, {.parent = item.unit_id->str()})) {
            if (answers.child_under_6) t.child_under_6 = *answers.child_under_6;
            if (answers.child_10_or_under) t.child_10_or_under = *answers.child_10_or_under;
            if (answers.child_under_6 && *answers.child_under_6) t.child_10_or_under = true;
            tx.put(org, t);
            updated.push_back(t.id.str());
        }
        // A "no" to every question makes the follow-ups of the notice moot.
        Json waived = Json::array();
        const bool all_no = std::all_of(given.begin(), given.end(), [](const Json& v) { return v == false; });
        if (all_no) {
            for (auto fu : tx.list<ComplianceItem>(org, {.parent = item.property_id.str()})) {
                if (fu.parent_id != item.id.str() || closed(fu.status)) continue;
                fu.status = ComplianceStatus::kWaived;
                fu.completed_at = now;
                fu.completed_by = by;
                fu.completion_note = "the tenant answered no";
                tx.put(org, fu);
                waived.push_back(fu.id.str());
            }
        }
        auto payload = item_payload(item);
        payload["answers"] = given;
        payload["tenants_updated"] = updated;
        payload["follow_ups_waived"] = waived;
        payload["by"] = by;
        auto a = entry("compliance.notice_reply", item, now, by, "compliance:" + item.id.str());
        a.data = payload;
        record_decision(tx, org, a, payload);
        return item;
    });
}

// A tenant's message while a notice of their unit awaits a reply: a plain yes/no is the answer
// (recorded on every awaiting notice of the unit); with `only_plain` false any other message is
// recorded as an unread reply and a person is asked to read it.
bool ComplianceWorkflow::record_message_reply(const OrgId& org, const Message& message, const Tenant& tenant,
                                              bool only_plain) {
    const auto& s = services_;
    // Most messages come while no notice waits: a read decides, and nothing is written then. A
    // message answers a notice only when the notice is the last thing sent to this tenant before it
    // (a "yes" to a renewal offer or a repair check is not an answer about children in the unit).
    const bool waiting = s.store.read_result([&](Transaction& tx) {
        const auto unit = tx.find<Unit>(org, tenant.unit_id.str());
        if (!unit) return false;
        std::vector<std::string> notices;  // the awaiting notices' messages
        bool legacy = false;               // a notice sent before their ids were kept
        for (const auto& i : tx.list<ComplianceItem>(org, {.parent = unit->property_id.str()})) {
            if (i.unit_id == tenant.unit_id && i.notice_sent_at &&
                (!i.reply_received_at || i.reply_message_id == message.id.str())) {
                notices.insert(notices.end(), i.notice_message_ids.begin(), i.notice_message_ids.end());
                legacy = legacy || i.notice_message_ids.empty();
            }
        }
        if (notices.empty() && !legacy) return false;
        const auto last = ops::last_sent_to_tenant(tx, org, tenant.id, message.at, message.id);
        return legacy || (last && std::find(notices.begin(), notices.end(), last->id.str()) != notices.end());
    });
    if (!waiting) return false;
    bool answered = false;
    s.store.write([&](Transaction& tx) {
        const auto unit = tx.find<Unit>(org, tenant.unit_id.str());
        if (!unit) return;
        const auto property = tx.find<Property>(org, unit->property_id.str());
        if (!property) return;
        const auto pack = rules_->resolve(jurisdiction_of(*property));
        const auto now = s.clock->now();
        for (auto item : tx.list<ComplianceItem>(org, {.parent = property->id.str()})) {
            if (item.unit_id != tenant.unit_id || !item.notice_sent_at) continue;
            if (item.reply_message_id == message.id.str()) {  // a retried job: recorded already
                answered = answered || !item.reply.contains("unread");
                continue;
            }
            if (item.reply_received_at) continue;
            const auto* rule = rule_of(*pack, item.rule_id);
            const auto asks = rule && rule->contains("notice") ? (*rule)["notice"]["asks"].get<std::vector<std::string>>()
                                                               : std::vector<std::string>{};
            const auto read = read_notice_reply(message.body, asks);
            if (!read && only_plain) continue;
            item.reply_received_at = now;
            item.reply_message_id = message.id.str();
            item.reply = read ? answers_json(*read) : Json{{"unread", true}};
            auto payload = item_payload(item);
            payload["message_id"] = message.id.str();
            payload["tenant_id"] = tenant.id.str();
            payload["answers"] = item.reply;
            if (read) {
                for (auto t : tx.list<Tenant>(org, {.parent = tenant.unit_id.str()})) {
                    if (read->child_under_6) t.child_under_6 = *read->child_under_6;
                    if (read->child_10_or_under) t.child_10_or_under = *read->child_10_or_under;
                    tx.put(org, t);
                }
                answered = true;
            } else {
                const auto e = ops::raise(tx, org, "compliance_reply_review", Severity::kLow,
                                          "Tenant of unit " + unit->label + " answered the " + item.kind +
                                              " notice in words PropOS cannot read as yes/no: record the answer",
                                          std::nullopt, payload, now, message.id.str());
                payload["escalation_id"] = e.id.str();
            }
            tx.put(org, item);
            auto a = entry("compliance.notice_reply", item, now, "tenant:" + tenant.id.str(), message.id.str());
            a.data = payload;
            record_decision(tx, org, a, payload);
        }
    });
    return answered;
}

void ComplianceWorkflow::observe_tenant_message(const OrgId& org, const Message& message, const Tenant& tenant) {
    (void)record_message_reply(org, message, tenant, true);
}

bool ComplianceWorkflow::take_tenant_message(const OrgId& org, const Message& message, const Tenant& tenant,
                                             const IntentAssessment& intent) {
    // Plain answers were recorded by observe_tenant_message: they stop here. Other words that are
    // no request of their own (intent other or question) are kept as the reply for a person.
    const bool plain = record_message_reply(org, message, tenant, true);
    if (plain) return true;
    if (intent.intent == Intent::kOther || intent.intent == Intent::kQuestion) {
        (void)record_message_reply(org, message, tenant, false);
    }
    return false;
}

}  // namespace propos
