// The follow-up cadence unit (see cadence.hpp).
#include "propos/workflows/cadence.hpp"

#include <algorithm>
#include <chrono>
#include <regex>
#include <set>

#include "ops.hpp"
#include "propos/channels/contact.hpp"
#include "propos/core/time.hpp"
#include "propos/core/timezone.hpp"
#include "propos/workflows/intake.hpp"

namespace propos {
namespace {

using std::chrono::hours;

constexpr const char* kCursorKind = "cadence_cursor";
constexpr const char* kClosedCursor = "work_order.closed";
constexpr const char* kPostRepair = "post_repair";

// ---- definitions ----

std::vector<CadenceDefinition> definitions_in(Transaction& tx, const OrgId& org) {
    auto out = tx.list<CadenceDefinition>(org);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::set<std::string> own;
    for (const auto& d : out) own.insert(d.name);
    for (const auto& d : builtin_cadences()) {
        if (!own.count(d.name)) out.push_back(d);
    }
    return out;
}

CadenceDefinition choose_definition(Transaction& tx, const OrgId& org, const CadenceRequest& r) {
    const auto defs = definitions_in(tx, org);
    if (!r.cadence.empty()) {
        for (const auto& d : defs) {
            if (d.name != r.cadence) continue;
            if (!r.purpose.empty() && r.purpose != d.purpose) {
                throw Error(ErrorCode::kInvalidArgument, "cadence '" + d.name + "' is for purpose '" + d.purpose +
                                                             "', not '" + r.purpose + "'");
            }
            return d;
        }
        std::string names;
        for (const auto& d : defs) names += (names.empty() ? "" : ", ") + d.name;
        throw Error(ErrorCode::kNotFound, "unknown cadence '" + r.cadence + "' in " + org.str() + " (known: " + names + ")");
    }
    if (r.purpose.empty()) throw Error(ErrorCode::kInvalidArgument, "a cadence enrolment needs a purpose or a cadence");
    for (const auto& d : defs) {
        if (d.purpose == r.purpose) return d;
    }
    std::set<std::string> purposes;
    for (const auto& d : defs) purposes.insert(d.purpose);
    std::string list;
    for (const auto& p : purposes) list += (list.empty() ? "" : ", ") + p;
    throw Error(ErrorCode::kNotFound, "no cadence for purpose '" + r.purpose + "' in " + org.str() +
                                          " (purposes with a cadence: " + list +
                                          "; define one with set_cadence_definitions)");
}

const CadenceStepDefinition* step_definition(const CadenceDefinition& d, const std::string& step) {
    for (const auto& s : d.steps) {
        if (s.name == step) return &s;
    }
    return nullptr;
}

// ---- rendering ----

using Values = std::map<std::string, std::string>;

std::string first_word(const std::string& name) {
    const auto b = name.find_first_not_of(' ');
    if (b == std::string::npos) return "";
    const auto e = name.find(' ', b);
    return name.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

Values values_for(Transaction& tx, const OrgId& org, const Tenant& t, const std::map<std::string, std::string>& refs) {
    Values v;
    const auto tz = ops::org_timezone(tx, org);
    v["name"] = t.name;
    v["first_name"] = first_word(t.name);
    if (const auto o = tx.find_organization(org)) v["organization"] = o->name.empty() ? org.str() : o->name;
    if (const auto u = tx.find<Unit>(org, t.unit_id.str())) {
        v["unit"] = u->label;
        if (const auto p = tx.find<Property>(org, u->property_id.str())) v["property"] = p->name;
    }
    if (const auto it = refs.find("work_order_id"); it != refs.end()) {
        const auto wo = tx.find<WorkOrder>(org, it->second);
        if (!wo) throw Error(ErrorCode::kNotFound, "work order " + it->second + " not found in " + org.str());
        v["work_order_id"] = wo->id.str();
        v["work_order_summary"] = wo->title.empty() ? wo->category : wo->title;
    }
    if (const auto it = refs.find("document"); it != refs.end() && !it->second.empty()) v["document"] = it->second;
    std::optional<Lease> lease;
    if (const auto it = refs.find("lease_id"); it != refs.end()) {
        lease = tx.find<Lease>(org, it->second);
        if (!lease) throw Error(ErrorCode::kNotFound, "lease " + it->second + " not found in " + org.str());
    } else {
        // The tenant's latest lease on their unit.
        for (auto& l : tx.list<Lease>(org, {.parent = t.unit_id.str()})) {
            if (std::find(l.tenant_ids.begin(), l.tenant_ids.end(), t.id) != l.tenant_ids.end() &&
                (!lease || l.end > lease->end)) {
                lease = l;
            }
        }
    }
    if (lease) v["lease_end"] = format_local_time(lease->end, tz, "%Y-%m-%d");
    return v;
}

const std::regex& brace() {
    static const std::regex kBrace(R"(\{([a-z_]+)\})");
    return kBrace;
}

// The placeholders of `text` with no value.
std::vector<std::string> missing(const std::string& text, const Values& v) {
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), brace()); it != std::sregex_iterator(); ++it) {
        if (!v.count((*it)[1].str())) out.push_back((*it)[1].str());
    }
    return out;
}

std::string render(const std::string& text, const Values& v) {
    std::string out;
    std::size_t last = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), brace()); it != std::sregex_iterator(); ++it) {
        out += text.substr(last, it->position() - last);
        const auto f = v.find((*it)[1].str());
        out += f == v.end() ? it->str() : f->second;
        last = it->position() + it->length();
    }
    return out + text.substr(last);
}

const char* reference_for(const std::string& placeholder) {
    if (placeholder == "work_order_summary" || placeholder == "work_order_id") return "work_order_id";
    if (placeholder == "document") return "document";
    if (placeholder == "lease_end") return "lease_id";
    return nullptr;
}

// Throws when a template of `d` needs a value the enrolment cannot give.
void require_values(const CadenceDefinition& d, const Values& v) {
    for (const auto& s : d.steps) {
        std::vector<const std::map<std::string, std::string>*> maps{&s.templates, &s.subjects};
        for (const auto* m : maps) {
            for (const auto& [lang, text] : *m) {
                for (const auto& p : missing(text, v)) {
                    const char* ref = reference_for(p);
                    throw Error(ErrorCode::kInvalidArgument,
                                "cadence '" + d.name + "' step '" + s.name + "' (" + lang + ") uses {" + p + "}: " +
                                    (ref ? "give the enrolment a '" + std::string(ref) + "' reference"
                                         : "the tenant's record has no value for it"));
                }
            }
        }
    }
}

std::string pick(const std::map<std::string, std::string>& by_lang, const std::string& lang) {
    if (const auto it = by_lang.find(lang); it != by_lang.end()) return it->second;
    if (const auto it = by_lang.find("en"); it != by_lang.end()) return it->second;
    return "";
}

// Channel and address for a step.
std::pair<Channel, std::string> address_for(const Tenant& t, CadenceChannel pref) {
    const bool sms = !t.phone.empty() && !t.sms_opt_out;
    const bool email = !t.email.empty();
    if (pref == CadenceChannel::kSms && sms) return {Channel::kSms, t.phone};
    if (pref == CadenceChannel::kEmail && email) return {Channel::kEmail, t.email};
    if (pref == CadenceChannel::kPreferred) {
        const auto c = channels::choose_channel(t);
        if (c.channel && (*c.channel == Channel::kSms || *c.channel == Channel::kEmail)) return {*c.channel, c.address};
    }
    if (sms) return {Channel::kSms, t.phone};
    if (email) return {Channel::kEmail, t.email};
    if (!t.phone.empty()) return {Channel::kSms, t.phone};  // opted out: queue_outbound suppresses it
    return {Channel::kSms, ""};
}

CadencePreviewStep render_step(const CadenceStepDefinition& sd, const Tenant& t, const Values& v) {
    CadencePreviewStep p;
    p.step = sd.name;
    p.language = sd.templates.count(t.language) ? t.language : "en";
    std::tie(p.channel, p.to) = address_for(t, sd.channel);
    p.body = render(pick(sd.templates, p.language), v);
    p.subject = render(pick(sd.subjects, p.language), v);
    if (p.subject.empty()) p.subject = v.count("organization") ? v.at("organization") : "Follow-up";
    return p;
}

// ---- timing ----

Timestamp step_due(Timestamp enrolled, const CadenceStepDefinition& s, const std::string& tz) {
    const Timestamp due = s.send_minute ? local_day_time(enrolled, tz, s.offset_days, *s.send_minute)
                                        : enrolled + hours(24 * s.offset_days);
    return std::max(due, enrolled);
}

// ---- state changes (each with its audit entry and event) ----

AuditEvent entry(const std::string& action, const CadenceEnrollment& e, const std::string& by, Timestamp now,
                 const std::string& correlation) {
    return AuditEvent::about(action, "cadence_enrollment", e.id, now, by.empty() ? "system" : by,
                             correlation.empty() ? e.id : correlation);
}

Json base_payload(const CadenceEnrollment& e) {
    Json p{{"enrollment_id", e.id}, {"tenant_id", e.tenant_id.str()}, {"cadence", e.cadence}, {"purpose", e.purpose}};
    if (const auto it = e.references.find("work_order_id"); it != e.references.end()) p["work_order_id"] = it->second;
    return p;
}

void decide(Transaction& tx, const OrgId& org, const std::string& action, const CadenceEnrollment& e,
            const std::string& by, Timestamp now, const std::string& correlation, Json extra = Json::object()) {
    Json payload = base_payload(e);
    payload.update(extra);
    auto a = entry(action, e, by, now, correlation);
    a.data = payload;
    record_decision(tx, org, std::move(a), std::move(payload));
}

void enqueue_step(Transaction& tx, const WorkflowServices& s, const OrgId& org, const CadenceEnrollment& e,
                  std::size_t index) {
    const auto& st = e.steps[index];
    s.jobs.enqueue(tx, org,
                   JobSpec{.type = job_types::kCadenceStep,
                           .payload = {{"enrollment_id", e.id}, {"step", index}, {"version", st.version}},
                           .run_at = st.due_at,
                           .idempotency_key = "cadence.step:" + e.id + ":" + std::to_string(index) + ":v" +
                                              std::to_string(st.version),
                           .correlation_id = e.id});
}

void end(Transaction& tx, const OrgId& org, CadenceEnrollment& e, CadenceStatus status, const std::string& reason,
         const std::string& by, Timestamp now, const std::string& correlation) {
    e.status = status;
    e.ended_at = now;
    e.end_reason = reason;
    for (auto& st : e.steps) {
        if (st.status == CadenceStepStatus::kPending) {
            st.status = CadenceStepStatus::kCancelled;
            st.done_at = now;
        }
    }
    tx.put(org, e);
    decide(tx, org, status == CadenceStatus::kCompleted ? "cadence.completed" : "cadence.cancelled", e, by, now,
           correlation, Json{{"reason", reason}});
}

void complete_if_done(Transaction& tx, const OrgId& org, CadenceEnrollment& e, const std::string& by, Timestamp now,
                      const std::string& correlation) {
    const bool pending = std::any_of(e.steps.begin(), e.steps.end(),
                                     [](const auto& st) { return st.status == CadenceStepStatus::kPending; });
    if (!pending) end(tx, org, e, CadenceStatus::kCompleted, "last_step", by, now, correlation);
}

CadenceEnrollment load(Transaction& tx, const OrgId& org, const std::string& id) {
    auto e = tx.find<CadenceEnrollment>(org, id);
    if (!e) throw Error(ErrorCode::kNotFound, "cadence enrolment " + id + " not found in " + org.str());
    return *e;
}

std::size_t step_index(const CadenceEnrollment& e, const std::string& step) {
    for (std::size_t i = 0; i < e.steps.size(); ++i) {
        if (e.steps[i].name == step) return i;
    }
    if (!step.empty() && step.find_first_not_of("0123456789") == std::string::npos && step.size() < 4) {
        const auto i = static_cast<std::size_t>(std::stoi(step));
        if (i < e.steps.size()) return i;
    }
    std::string names;
    for (const auto& st : e.steps) names += (names.empty() ? "" : ", ") + st.name;
    throw Error(ErrorCode::kNotFound, "cadence enrolment " + e.id + " has no step '" + step + "' (steps: " + names + ")");
}

void require_active(const CadenceEnrollment& e) {
    if (e.status != CadenceStatus::kActive) {
        throw Error(ErrorCode::kFailedPrecondition, "cadence enrolment " + e.id + " is " +
                                                        std::string(enum_name(e.status)) + ", not active");
    }
}

CadenceEnrollmentStep& pending_step(CadenceEnrollment& e, const std::string& step) {
    require_active(e);
    auto& st = e.steps[step_index(e, step)];
    if (st.status != CadenceStepStatus::kPending) {
        throw Error(ErrorCode::kFailedPrecondition, "step '" + st.name + "' of cadence enrolment " + e.id + " is " +
                                                        std::string(enum_name(st.status)) + ", not pending");
    }
    return st;
}

struct Planned {
    CadenceEnrollment enrollment;
    CadenceDefinition definition;
    Tenant tenant;
    Values values;
    bool existing = false;
};

// The enrolment `r` makes at `now` (the active one for tenant and purpose when there is one).
Planned plan(Transaction& tx, const OrgId& org, const CadenceRequest& r, Timestamp now) {
    const auto tenant = tx.find<Tenant>(org, r.tenant_id.str());
    if (!tenant) throw Error(ErrorCode::kNotFound, "tenant " + r.tenant_id.str() + " not found in " + org.str());
    Planned p;
    p.tenant = *tenant;
    p.definition = choose_definition(tx, org, r);
    const auto purpose = p.definition.purpose;
    for (auto& e : tx.list<CadenceEnrollment>(org, {.status = "active", .lookup = r.tenant_id.str() + "#" + purpose})) {
        if (e.tenant_id == r.tenant_id && e.purpose == purpose) {
            p.enrollment = std::move(e);
            p.existing = true;
            return p;
        }
    }
    if (tenant->phone.empty() && tenant->email.empty()) {
        throw Error(ErrorCode::kFailedPrecondition,
                    "tenant " + tenant->id.str() + " has no phone or email: a cadence cannot reach them");
    }
    p.values = values_for(tx, org, *tenant, r.references);
    require_values(p.definition, p.values);
    const auto tz = ops::org_timezone(tx, org);
    auto& e = p.enrollment;
    e.id = new_id("cad");
    e.cadence = p.definition.name;
    e.purpose = purpose;
    e.tenant_id = r.tenant_id;
    e.references = r.references;
    e.enrolled_at = now;
    e.enrolled_by = r.by.empty() ? "host" : r.by;
    for (const auto& sd : p.definition.steps) {
        CadenceEnrollmentStep st;
        st.name = sd.name;
        st.due_at = step_due(now, sd, tz);
        e.steps.push_back(std::move(st));
    }
    return p;
}

CadenceEnrollment enrol_in(Transaction& tx, const WorkflowServices& s, const OrgId& org, const CadenceRequest& r,
                           Timestamp now, bool* created = nullptr) {
    auto p = plan(tx, org, r, now);
    if (created) *created = !p.existing;
    if (p.existing) return p.enrollment;
    auto& e = p.enrollment;
    tx.put(org, e);
    Json steps = Json::array();
    for (const auto& st : e.steps) steps.push_back({{"name", st.name}, {"due_at", format_time(st.due_at)}});
    Json refs = Json::object();
    for (const auto& [k, v] : e.references) refs[k] = v;
    decide(tx, org, "cadence.enrolled", e, e.enrolled_by, now, e.id, Json{{"steps", steps}, {"references", refs}});
    for (std::size_t i = 0; i < e.steps.size(); ++i) enqueue_step(tx, s, org, e, i);
    return e;
}

std::vector<CadencePreviewStep> preview_of(Transaction& tx, const OrgId& org, const CadenceEnrollment& e,
                                           const CadenceDefinition& d, const Tenant& t, const Values& v) {
    std::vector<CadencePreviewStep> out;
    for (const auto& st : e.steps) {
        const auto* sd = step_definition(d, st.name);
        if (!sd) continue;
        auto p = render_step(*sd, t, v);
        p.due_at = st.due_at;
        p.status = st.status;
        out.push_back(std::move(p));
    }
    (void)tx;
    (void)org;
    return out;
}

std::optional<CadenceDefinition> definition_named(Transaction& tx, const OrgId& org, const std::string& name) {
    for (auto& d : definitions_in(tx, org)) {
        if (d.name == name) return d;
    }
    return std::nullopt;
}

}  // namespace

std::size_t cancel_cadences_of(Transaction& tx, const OrgId& org, const TenantId& tenant, const std::string& reason,
                               const std::string& by, Timestamp now, const std::string& correlation) {
    std::size_t n = 0;
    for (auto& e : tx.list<CadenceEnrollment>(org, {.parent = tenant.str(), .status = "active"})) {
        end(tx, org, e, CadenceStatus::kCancelled, reason, by, now, correlation);
        ++n;
    }
    return n;
}

void CadenceWorkflow::handle(const Job& job) {
    const auto& s = services_;
    const auto& org = job.org_id;
    const auto id = job.payload.value("enrollment_id", "");
    const auto index = job.payload.value("step", std::size_t{0});
    const auto version = job.payload.value("version", 0);
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        auto found = tx.find<CadenceEnrollment>(org, id);
        if (!found || found->status != CadenceStatus::kActive || index >= found->steps.size()) return;
        auto& e = *found;
        auto& st = e.steps[index];
        // Skipped, cancelled or sent already, or rescheduled (a newer job carries the new version).
        if (st.status != CadenceStepStatus::kPending || st.version != version) return;
        const auto tenant = tx.find<Tenant>(org, e.tenant_id.str());
        if (!tenant) return end(tx, org, e, CadenceStatus::kCancelled, "contact_gone", "system", now, job.correlation_id);
        const auto def = definition_named(tx, org, e.cadence);
        const auto* sd = def ? step_definition(*def, st.name) : nullptr;
        if (!sd) {
            return end(tx, org, e, CadenceStatus::kCancelled, "definition_removed", "system", now, job.correlation_id);
        }
        Values values;
        try {
            values = values_for(tx, org, *tenant, e.references);
            require_values(*def, values);
        } catch (const Error& err) {
            if (err.code() != ErrorCode::kNotFound && err.code() != ErrorCode::kInvalidArgument) throw;
            return end(tx, org, e, CadenceStatus::kCancelled, std::string("cannot_render: ") + err.what(), "system",
                       now, job.correlation_id);
        }
        const auto p = render_step(*sd, *tenant, values);
        if (p.to.empty()) return end(tx, org, e, CadenceStatus::kCancelled, "no_contact", "system", now, job.correlation_id);
        OutboundSpec spec;
        spec.channel = p.channel;
        spec.to = p.to;
        spec.subject = p.subject;
        spec.body = p.body;
        spec.tenant_id = tenant->id;
        if (const auto it = e.references.find("work_order_id"); it != e.references.end()) {
            spec.work_order_id = WorkOrderId(it->second);
        }
        spec.correlation_id = e.id;
        const auto msg = queue_outbound(tx, s, org, spec);
        st.status = CadenceStepStatus::kSent;
        st.message_id = msg.id;
        st.done_at = now;
        tx.put(org, e);
        decide(tx, org, "cadence.step_sent", e, "system", now, e.id,
               Json{{"step", st.name}, {"message_id", msg.id.str()}, {"channel", enum_name(msg.channel)},
                    {"language", p.language}, {"message_status", enum_name(msg.status)}});
        complete_if_done(tx, org, e, "system", now, e.id);
    });
}

void CadenceWorkflow::observe_tenant_message(const OrgId& org, const Message& message, const Tenant& tenant) {
    const auto& s = services_;
    if (message.direction != Direction::kInbound) return;
    const bool stop = message.channel == Channel::kSms &&
                      channels::detect_sms_keyword(message.body) == channels::SmsKeyword::kStop;
    s.store.write([&](Transaction& tx) {
        const auto now = s.clock->now();
        for (auto& e : tx.list<CadenceEnrollment>(org, {.parent = tenant.id.str(), .status = "active"})) {
            if (message.at < e.enrolled_at) continue;  // written before the enrolment
            end(tx, org, e, CadenceStatus::kCancelled, stop ? "opt_out" : "reply", "tenant:" + tenant.id.str(), now,
                message.id.str());
        }
    });
}

std::vector<CadenceDefinition> CadenceWorkflow::definitions(const OrgId& org) const {
    return services_.store.read_result([&](Transaction& tx) { return definitions_in(tx, org); });
}

std::vector<CadenceDefinition> CadenceWorkflow::set_definitions(const OrgId& org, const std::string& json_text,
                                                                const std::string& source) {
    const auto defs = parse_cadence_definitions(json_text, source.empty() ? "of organization " + org.str() : source);
    services_.store.write([&](Transaction& tx) {
        tx.require_organization(org);
        for (const auto& old : tx.list<CadenceDefinition>(org)) tx.erase<CadenceDefinition>(org, old.name);
        Json names = Json::array();
        for (const auto& d : defs) {
            tx.put(org, d);
            names.push_back(d.name);
        }
        AuditEvent a;
        a.at = services_.clock->now();
        a.actor = "host";
        a.action = "cadence.definitions_set";
        a.entity_kind = "organization";
        a.entity_id = org.str();
        a.data = {{"cadences", names}, {"source", defs.empty() ? "" : defs.front().source}};
        record_decision(tx, org, std::move(a), Json{{"cadences", names}});
    });
    return defs;
}

CadenceEnrollment CadenceWorkflow::enrol(const OrgId& org, const CadenceRequest& request) {
    return services_.store.write_result(
        [&](Transaction& tx) { return enrol_in(tx, services_, org, request, services_.clock->now()); });
}

std::vector<CadencePreviewStep> CadenceWorkflow::preview(const OrgId& org, const CadenceRequest& request) const {
    return services_.store.read_result([&](Transaction& tx) {
        auto p = plan(tx, org, request, services_.clock->now());
        if (p.existing) {
            p.values = values_for(tx, org, p.tenant, p.enrollment.references);
            if (auto d = definition_named(tx, org, p.enrollment.cadence)) p.definition = *d;
        }
        return preview_of(tx, org, p.enrollment, p.definition, p.tenant, p.values);
    });
}

std::vector<CadencePreviewStep> CadenceWorkflow::preview(const OrgId& org, const std::string& enrollment_id) const {
    return services_.store.read_result([&](Transaction& tx) {
        const auto e = load(tx, org, enrollment_id);
        const auto tenant = tx.find<Tenant>(org, e.tenant_id.str());
        if (!tenant) throw Error(ErrorCode::kNotFound, "tenant " + e.tenant_id.str() + " not found in " + org.str());
        const auto d = definition_named(tx, org, e.cadence);
        if (!d) throw Error(ErrorCode::kNotFound, "cadence '" + e.cadence + "' is no longer defined in " + org.str());
        return preview_of(tx, org, e, *d, *tenant, values_for(tx, org, *tenant, e.references));
    });
}

CadenceEnrollment CadenceWorkflow::cancel(const OrgId& org, const std::string& enrollment_id, const std::string& by,
                                          const std::string& reason) {
    return services_.store.write_result([&](Transaction& tx) {
        auto e = load(tx, org, enrollment_id);
        require_active(e);
        end(tx, org, e, CadenceStatus::kCancelled, reason.empty() ? "cancelled" : reason, by, services_.clock->now(),
            e.id);
        return e;
    });
}

CadenceEnrollment CadenceWorkflow::skip(const OrgId& org, const std::string& enrollment_id, const std::string& step,
                                        const std::string& by) {
    return services_.store.write_result([&](Transaction& tx) {
        const auto now = services_.clock->now();
        auto e = load(tx, org, enrollment_id);
        auto& st = pending_step(e, step);
        st.status = CadenceStepStatus::kSkipped;
        st.done_at = now;
        tx.put(org, e);
        decide(tx, org, "cadence.step_skipped", e, by, now, e.id, Json{{"step", st.name}});
        complete_if_done(tx, org, e, by, now, e.id);
        return e;
    });
}

CadenceEnrollment CadenceWorkflow::reschedule(const OrgId& org, const std::string& enrollment_id,
                                              const std::string& step, Timestamp due_at, bool rest,
                                              const std::string& by) {
    return services_.store.write_result([&](Transaction& tx) {
        const auto now = services_.clock->now();
        auto e = load(tx, org, enrollment_id);
        auto& st = pending_step(e, step);
        if (due_at < now) {
            throw Error(ErrorCode::kInvalidArgument, "cannot reschedule step '" + st.name + "' to " +
                                                         format_time(due_at) + ": that is in the past");
        }
        const auto delta = due_at - st.due_at;
        const auto first = step_index(e, step);
        Json moved = Json::array();
        for (std::size_t i = first; i < e.steps.size(); ++i) {
            auto& x = e.steps[i];
            if (i != first && (!rest || x.status != CadenceStepStatus::kPending)) continue;
            const auto from = x.due_at;
            x.due_at = i == first ? due_at : std::max(now, x.due_at + delta);
            ++x.version;
            moved.push_back({{"step", x.name}, {"from", format_time(from)}, {"to", format_time(x.due_at)}});
            enqueue_step(tx, services_, org, e, i);
        }
        tx.put(org, e);
        decide(tx, org, "cadence.rescheduled", e, by, now, e.id, Json{{"steps", moved}, {"rest", rest}});
        return e;
    });
}

std::vector<CadenceEnrollment> CadenceWorkflow::enrollments(const OrgId& org, const CadenceQuery& q) const {
    return services_.store.read_result([&](Transaction& tx) {
        if (!q.status.empty()) (void)parse_enum<CadenceStatus>(q.status);
        auto all = tx.list<CadenceEnrollment>(org, {.parent = q.tenant_id, .status = q.status, .newest_first = true});
        std::vector<CadenceEnrollment> out;
        for (auto& e : all) {
            if (!q.purpose.empty() && e.purpose != q.purpose) continue;
            out.push_back(std::move(e));
            if (q.limit && out.size() >= q.limit) break;
        }
        return out;
    });
}

CadenceEnrollment CadenceWorkflow::enrollment(const OrgId& org, const std::string& enrollment_id) const {
    return services_.store.read_result([&](Transaction& tx) { return load(tx, org, enrollment_id); });
}

std::vector<CadenceLogEntry> CadenceWorkflow::log(const OrgId& org, const std::string& enrollment_id) const {
    return services_.store.read_result([&](Transaction& tx) {
        const auto e = load(tx, org, enrollment_id);
        std::vector<CadenceLogEntry> out;
        for (const auto& st : e.steps) {
            CadenceLogEntry l;
            l.step = st.name;
            l.due_at = st.due_at;
            l.status = st.status;
            l.done_at = st.done_at;
            l.message_id = st.message_id;
            if (st.message_id) {
                if (const auto m = tx.find<Message>(org, st.message_id->str())) {
                    l.channel = m->channel;
                    l.message_status = m->status;
                    l.sent_at = m->at;
                    l.delivered_at = m->delivered_at;
                    l.opened_at = m->opened_at;
                    l.clicked_at = m->clicked_at;
                }
            }
            out.push_back(std::move(l));
        }
        return out;
    });
}

std::size_t CadenceWorkflow::enrol_closed_repairs(const OrgId& org) {
    // Read first: most calls find nothing new and need no write transaction.
    const bool work = services_.store.read_result([&](Transaction& tx) {
        const auto cursor = tx.find_record(org, kCursorKind, kClosedCursor);
        if (!cursor) return true;
        const auto after = Json::parse(*cursor).value("after", "evt_");
        return tx.count<Event>(org, {.lookup = kClosedCursor, .after_id = after}) > 0;
    });
    if (!work) return 0;
    return services_.store.write_result([&](Transaction& tx) -> std::size_t {
        const auto now = services_.clock->now();
        const auto cursor = tx.find_record(org, kCursorKind, kClosedCursor);
        auto save = [&](const std::string& after) {
            tx.put_record(org, kCursorKind, kClosedCursor, RecordKeys{.time_ms = to_unix_millis(now)},
                          Json{{"after", after}}.dump());
        };
        if (!cursor) {
            const auto latest = tx.list<Event>(org, {.newest_first = true, .limit = 1});
            save(latest.empty() ? "evt_" : latest.front().id);
            return 0;
        }
        const auto after = Json::parse(*cursor).value("after", "evt_");
        const auto events = tx.list<Event>(org, {.lookup = kClosedCursor, .after_id = after, .limit = 500});
        if (events.empty()) return 0;
        std::size_t n = 0;
        for (const auto& ev : events) {
            if (ev.type != kClosedCursor || ev.payload.value("status", "") != "closed") continue;
            const auto wo_id = ev.payload.value("work_order_id", "");
            const auto wo = tx.find<WorkOrder>(org, wo_id);
            if (!wo || wo->tenant_id.empty()) continue;
            bool done = false;
            for (const auto& e : tx.list<CadenceEnrollment>(org, {.lookup = wo_id})) {
                done = done || (e.purpose == kPostRepair && e.references.count("work_order_id") &&
                                e.references.at("work_order_id") == wo_id);
            }
            if (done) continue;
            CadenceRequest r;
            r.tenant_id = wo->tenant_id;
            r.purpose = kPostRepair;
            r.references = {{"work_order_id", wo_id}};
            r.by = "system";
            try {
                bool created = false;
                enrol_in(tx, services_, org, r, now, &created);
                if (created) ++n;
            } catch (const Error& err) {
                // A tenant who cannot be reached or a tenant record that is gone: no check to send;
                // the work order's own trail is unchanged.
                if (err.code() != ErrorCode::kNotFound && err.code() != ErrorCode::kInvalidArgument &&
                    err.code() != ErrorCode::kFailedPrecondition) {
                    throw;
                }
                AuditEvent a;
                a.at = now;
                a.actor = "system";
                a.action = "cadence.not_enrolled";
                a.entity_kind = "work_order";
                a.entity_id = wo_id;
                a.correlation_id = ev.correlation_id;
                a.data = {{"purpose", kPostRepair}, {"reason", err.what()}};
                record_decision(tx, org, std::move(a),
                                Json{{"work_order_id", wo_id}, {"tenant_id", wo->tenant_id.str()},
                                     {"purpose", kPostRepair}, {"reason", err.what()}});
            }
        }
        save(events.back().id);
        return n;
    });
}

}  // namespace propos
