// The onboarding unit (see onboarding.hpp).
#include "propos/workflows/onboarding.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "ops.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/channels/blob_store.hpp"
#include "propos/core/time.hpp"
#include "propos/core/timezone.hpp"

namespace propos {
namespace {

using std::chrono::hours;

// The daily check runs at a fixed hour; two reminders `every_days` apart may be a little less
// than that many whole days apart when a job ran late the day before.
constexpr auto kSpacingSlack = hours(2);

std::string onboarding_id_for(const LeaseId& lease) { return "onb_" + lease.str(); }

// ---- tenant-facing text, by language ----
struct Phrases {
    const char* welcome;  // {org} {unit} {move_in} {items} {report}
    const char* report;
    const char* items_intro;
    const char* none_open;
    const char* reminder;  // {items}
    const char* received;  // {item}
    const char* still_open;
    const char* all_done;
    const char* document_to_person;
    const char* status_done;  // {item}
    const char* status_open;  // {item} {due}
    const char* to_person;
};

const std::map<std::string, Phrases>& phrases() {
    static const std::map<std::string, Phrases> p = {
        {"en",
         {"Welcome to {unit}, {org}! Your move-in date is {move_in}. {report}{items}",
          "To report a repair, reply to this number or email with what is wrong (a photo helps); we track it "
          "until it is fixed. Emergencies (gas smell, fire or smoke, flooding, no heat in winter, CO alarm): "
          "call 911 first if anyone is in danger, then message us - we answer day and night. ",
          "Before you move in, please: ", "", "Reminder from {org}: please {items}. Reply to this message with "
          "the document.",
          "Thanks, we received your {item}.", " Still open: ", " Your move-in checklist is complete.",
          "Thanks, we received your document; a member of our team will file it and get back to you.",
          "{item}: done.", "{item}: due {due}.",
          "Thanks, we received your message about your move-in. A member of our team will get back to you "
          "within one business day."}},
        {"es",
         {"¡Bienvenido a {unit}, {org}! Su fecha de mudanza es el {move_in}. {report}{items}",
          "Para reportar una reparación, responda a este número o correo con lo que pasa (una foto ayuda); le "
          "damos seguimiento hasta que quede resuelto. Emergencias (olor a gas, fuego o humo, inundación, sin "
          "calefacción en invierno, alarma de CO): llame primero al 911 si alguien corre peligro y luego "
          "escríbanos - respondemos día y noche. ",
          "Antes de mudarse, por favor: ", "", "Recordatorio de {org}: por favor {items}. Responda a este "
          "mensaje con el documento.",
          "Gracias, recibimos su {item}.", " Pendiente: ", " Su lista de mudanza está completa.",
          "Gracias, recibimos su documento; alguien de nuestro equipo lo archivará y le responderá.",
          "{item}: listo.", "{item}: vence el {due}.",
          "Gracias, recibimos su mensaje sobre su mudanza. Alguien de nuestro equipo le responderá en un día "
          "hábil."}},
        {"zh",
         {"欢迎入住 {unit}（{org}）！您的入住日期是 {move_in}。{report}{items}",
          "报修：请回复此号码或邮件说明问题（附照片更好），我们会跟进到修好为止。紧急情况（燃气味、火灾或烟雾、"
          "漏水成灾、冬季无暖气、一氧化碳报警）：如有人身危险请先拨打911，然后联系我们——我们全天候回复。",
          "入住前请：", "", "{org} 提醒您：请{items}。请回复此消息并附上文件。", "谢谢，我们已收到您的{item}。",
          " 尚未完成：", " 您的入住清单已全部完成。", "谢谢，我们已收到您的文件，工作人员会归档并回复您。",
          "{item}：已完成。", "{item}：截止 {due}。", "谢谢，我们已收到您关于入住的消息，工作人员会在一个工作日内回复您。"}},
        {"ru",
         {"Добро пожаловать в {unit}, {org}! Дата заезда: {move_in}. {report}{items}",
          "Чтобы сообщить о поломке, ответьте на этот номер или письмо и опишите проблему (фото поможет); мы "
          "ведём заявку до устранения. Аварии (запах газа, огонь или дым, затопление, нет отопления зимой, "
          "датчик CO): если кому-то грозит опасность, сначала звоните 911, затем напишите нам - мы отвечаем "
          "круглосуточно. ",
          "До заезда, пожалуйста: ", "", "Напоминание от {org}: пожалуйста, {items}. Ответьте на это сообщение "
          "с документом.",
          "Спасибо, мы получили: {item}.", " Ещё не сделано: ", " Ваш список заезда выполнен.",
          "Спасибо, мы получили ваш документ; сотрудник его оформит и ответит вам.", "{item}: готово.",
          "{item}: срок {due}.", "Спасибо, мы получили ваше сообщение о заезде. Сотрудник ответит вам в течение "
          "одного рабочего дня."}},
        {"fr",
         {"Bienvenue au {unit}, {org} ! Votre date d'emménagement est le {move_in}. {report}{items}",
          "Pour signaler une réparation, répondez à ce numéro ou à cet e-mail en décrivant le problème (une "
          "photo aide) ; nous suivons la demande jusqu'à la réparation. Urgences (odeur de gaz, feu ou fumée, "
          "inondation, pas de chauffage en hiver, alarme CO) : appelez d'abord le 911 si quelqu'un est en "
          "danger, puis écrivez-nous - nous répondons jour et nuit. ",
          "Avant d'emménager, merci de : ", "", "Rappel de {org} : merci de {items}. Répondez à ce message avec "
          "le document.",
          "Merci, nous avons bien reçu : {item}.", " Reste à faire : ", " Votre liste d'emménagement est complète.",
          "Merci, nous avons reçu votre document ; un membre de l'équipe le classera et vous répondra.",
          "{item} : fait.", "{item} : à faire avant le {due}.",
          "Merci, nous avons reçu votre message sur votre emménagement. Un membre de l'équipe vous répondra sous "
          "un jour ouvré."}},
    };
    return p;
}

const Phrases& phrases_for(const std::string& language) {
    const auto& p = phrases();
    const auto it = p.find(language);
    return it == p.end() ? p.at("en") : it->second;
}

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
    for (const auto& [k, v] : values) {
        const std::string token = "{" + k + "}";
        for (auto pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + v.size())) {
            text.replace(pos, token.size(), v);
        }
    }
    return text;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

bool is_word_char(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// A keyword names an item when it starts a word of the text; a keyword of ASCII letters must also
// end one ("id" is not "idea"); others (Cyrillic stems, CJK) may continue.
bool mentions(const std::string& text, const std::string& keyword) {
    const bool ascii = std::all_of(keyword.begin(), keyword.end(), [](unsigned char c) { return c < 0x80; });
    const bool cjk = !keyword.empty() && static_cast<unsigned char>(keyword[0]) >= 0xE0;
    for (auto pos = text.find(keyword); pos != std::string::npos; pos = text.find(keyword, pos + 1)) {
        const bool starts = cjk || pos == 0 || !is_word_char(static_cast<unsigned char>(text[pos - 1]));
        const auto end = pos + keyword.size();
        const bool ends = !ascii || end >= text.size() || !is_word_char(static_cast<unsigned char>(text[end])) ||
                          (text[end] == 's' && (end + 1 >= text.size() ||
                                                !is_word_char(static_cast<unsigned char>(text[end + 1]))));
        if (starts && ends) return true;
    }
    return false;
}

std::optional<Checklist> org_checklist(Transaction& tx, const OrgId& org) {
    const auto rec = tx.find<OnboardingChecklistRecord>(org, "checklist");
    if (!rec) return std::nullopt;
    return parse_checklist(rec->checklist, "checklist of org " + org.str());
}

Checklist checklist_in(Transaction& tx, const OrgId& org) {
    auto c = org_checklist(tx, org);
    return c ? *c : default_checklist();
}

const ChecklistItem* spec_of(const Checklist& c, const std::string& key) {
    for (const auto& i : c.items) {
        if (i.key == key) return &i;
    }
    return nullptr;
}

AuditEvent entry(const std::string& action, const Onboarding& o, Timestamp now, const std::string& actor,
                 const std::string& correlation, Json data) {
    data["onboarding_id"] = o.id;
    data["lease_id"] = o.lease_id.str();
    return AuditEvent::about(action, "onboarding", o.id, now, actor, correlation, std::move(data));
}

void decide(Transaction& tx, const OrgId& org, const std::string& action, const Onboarding& o, Timestamp now,
            const std::string& actor, const std::string& correlation, Json data = Json::object()) {
    auto a = entry(action, o, now, actor, correlation, std::move(data));
    Json payload = a.data;
    payload["status"] = enum_name(o.status);
    record_decision(tx, org, std::move(a), std::move(payload));
}

std::string local_day(Timestamp t, const std::string& tz) { return format_local_time(t, tz, "%Y-%m-%d"); }

std::string item_instruction(const Checklist& c, const OnboardingItem& i, const std::string& language) {
    if (const auto* spec = spec_of(c, i.key)) {
        auto it = spec->instructions.find(language);
        if (it == spec->instructions.end()) it = spec->instructions.find("en");
        if (it != spec->instructions.end()) return it->second;
    }
    return i.title;
}

std::vector<const OnboardingItem*> open_tenant_items(const Onboarding& o) {
    std::vector<const OnboardingItem*> out;
    for (const auto& i : o.items) {
        if (i.status == OnboardingItemStatus::kOpen && i.actor == "tenant") out.push_back(&i);
    }
    return out;
}

std::string join_instructions(const Checklist& c, const std::vector<const OnboardingItem*>& items,
                              const std::string& language, const std::string& tz) {
    std::string out;
    for (const auto* i : items) {
        if (!out.empty()) out += "; ";
        out += item_instruction(c, *i, language) + " (" + local_day(i->due_at, tz) + ")";
    }
    return out;
}

// Sends `body_for(tenant)` to each tenant of the onboarding with a contact; returns how many.
template <class BodyFor>
int message_tenants(Transaction& tx, const WorkflowServices& s, const OrgId& org, const Onboarding& o,
                    const std::string& subject, const std::string& correlation, BodyFor body_for) {
    int sent = 0;
    for (const auto& id : o.tenant_ids) {
        const auto t = tx.find<Tenant>(org, id.str());
        if (!t) continue;
        OutboundSpec spec;
        const bool sms = !t->phone.empty() && !(t->preferred_channel == Channel::kEmail && !t->email.empty());
        spec.channel = sms ? Channel::kSms : Channel::kEmail;
        spec.to = sms ? t->phone : t->email;
        if (spec.to.empty()) continue;
        spec.subject = subject;
        spec.body = body_for(*t);
        spec.tenant_id = t->id;
        spec.correlation_id = correlation;
        queue_outbound(tx, s, org, spec);
        ++sent;
    }
    return sent;
}

void resolve_overdue(Transaction& tx, const OrgId& org, const OnboardingItem& item, const std::string& by,
                     Timestamp now, const std::string& correlation) {
    if (item.overdue_escalation_id.empty()) return;
    const auto e = tx.find<Escalation>(org, item.overdue_escalation_id);
    if (!e || e->status != EscalationStatus::kOpen) return;
    const std::string decision = "closed automatically: onboarding item '" + item.key + "' is " +
                                 std::string(enum_name(item.status)) + " (" + by + ")";
    resolve_escalation(tx, org, e->id, decision, "system", now);
    emit_event(tx, org, "escalation.resolved", correlation,
               Json{{"escalation_id", e->id.str()}, {"reason", e->reason}, {"decision", decision},
                    {"resolved_by", "system"}},
               now);
}

// Completes the onboarding when nothing is open; true when it did.
bool maybe_complete(Transaction& tx, const OrgId& org, Onboarding& o, Timestamp now, const std::string& correlation) {
    if (o.status != OnboardingStatus::kOpen) return false;
    const bool open = std::any_of(o.items.begin(), o.items.end(),
                                  [](const OnboardingItem& i) { return i.status == OnboardingItemStatus::kOpen; });
    if (open) return false;
    o.status = OnboardingStatus::kCompleted;
    o.completed_at = now;
    tx.put(org, o);
    int waived = 0;
    for (const auto& i : o.items) waived += i.status == OnboardingItemStatus::kWaived ? 1 : 0;
    decide(tx, org, "onboarding.completed", o, now, "system", correlation,
           Json{{"items", o.items.size()}, {"waived", waived}, {"move_in_at", format_time(o.move_in_at)}});
    return true;
}

// Marks `item` done (or waived) and writes its decision; the caller stores `o`.
void mark(Transaction& tx, const OrgId& org, Onboarding& o, OnboardingItem& item, const OnboardingCheck& check,
          const std::string& message_id, Timestamp now, const std::string& correlation) {
    item.status = check.waive ? OnboardingItemStatus::kWaived : OnboardingItemStatus::kDone;
    item.done_at = now;
    item.done_by = check.checked_by;
    item.note = check.note;
    if (!check.proof_blob_key.empty()) {
        item.proof_blob_key = check.proof_blob_key;
        item.proof_sha256 = check.proof_blob_key.substr(std::string("sha256:").size());
    }
    item.proof_message_id = message_id;
    tx.put(org, o);
    Json data{{"item", item.key}, {"item_status", enum_name(item.status)}, {"checked_by", check.checked_by}};
    if (!item.proof_sha256.empty()) {
        data["proof_blob_key"] = item.proof_blob_key;
        data["proof_sha256"] = item.proof_sha256;
    }
    if (!message_id.empty()) data["message_id"] = message_id;
    if (!check.note.empty()) data["note"] = check.note;
    decide(tx, org, check.waive ? "onboarding.item_waived" : "onboarding.item_checked", o, now, check.checked_by,
           correlation, std::move(data));
    resolve_overdue(tx, org, item, check.checked_by, now, correlation);
}

struct StartFacts {
    ChecklistFacts facts;
    Lease lease;
    Unit unit;
    Property property;
};

StartFacts facts_of(Transaction& tx, const OrgId& org, const Lease& lease) {
    StartFacts f{.facts = {}, .lease = lease, .unit = {}, .property = {}};
    const auto unit = tx.find<Unit>(org, lease.unit_id.str());
    if (!unit) {
        throw Error(ErrorCode::kFailedPrecondition,
                    "lease " + lease.id.str() + ": its unit '" + lease.unit_id.str() + "' is not on record");
    }
    const auto property = tx.find<Property>(org, unit->property_id.str());
    if (!property) {
        throw Error(ErrorCode::kFailedPrecondition, "lease " + lease.id.str() + ": the property '" +
                                                        unit->property_id.str() + "' of unit " + unit->label +
                                                        " is not on record");
    }
    f.unit = *unit;
    f.property = *property;
    auto& x = f.facts;
    x.jurisdiction = jurisdiction_of(*property);
    x.state = property->state;
    x.year_built = property->year_built;
    x.unit_count = property->unit_count != 0
                       ? property->unit_count
                       : static_cast<int>(tx.count<Unit>(org, {.parent = property->id.str()}));
    x.bedrooms = unit->bedrooms;
    x.lease_days = lease.end > lease.start
                       ? static_cast<int>(std::chrono::duration_cast<hours>(lease.end - lease.start).count() / 24)
                       : 0;
    x.move_in_at = lease.start;
    x.rent_stabilized = property->rent_stabilized;
    for (const auto& t : lease.tenant_ids) {
        if (const auto tenant = tx.find<Tenant>(org, t.str()); tenant && tenant->child_under_6) x.child_under_6 = true;
    }
    return f;
}

std::vector<TenantId> tenants_of(Transaction& tx, const OrgId& org, const Lease& lease) {
    if (!lease.tenant_ids.empty()) return lease.tenant_ids;
    std::vector<TenantId> out;
    for (const auto& t : tx.list<Tenant>(org, {.parent = lease.unit_id.str()})) out.push_back(t.id);
    return out;
}

std::string welcome_text(const Checklist& c, const Onboarding& o, const Tenant& t, const std::string& org_name,
                         const std::string& unit_label, const std::string& tz) {
    const auto& p = phrases_for(t.language);
    const auto open = open_tenant_items(o);
    const std::string items = open.empty() ? std::string(p.none_open)
                                           : std::string(p.items_intro) + join_instructions(c, open, t.language, tz) + ".";
    std::string tmpl = p.welcome;
    if (auto it = c.welcome.find(t.language); it != c.welcome.end()) tmpl = it->second;
    else if (auto en = c.welcome.find("en"); en != c.welcome.end() && !phrases().count(t.language)) tmpl = en->second;
    return fill(tmpl, {{"org", org_name}, {"unit", unit_label}, {"move_in", local_day(o.move_in_at, tz)},
                       {"items", items}, {"report", p.report}});
}

// Sends the welcome message, marks the system's welcome item done; with nobody to write to, a
// person is asked to welcome the tenant.
void welcome(Transaction& tx, const WorkflowServices& s, const OrgId& org, Onboarding& o, const Checklist& c,
             Timestamp now, const std::string& correlation) {
    const auto organization = tx.require_organization(org);
    const auto tz = ops::org_timezone(tx, org);
    const auto label = ops::unit_label(tx, org, o.unit_id);
    const int sent = message_tenants(tx, s, org, o, "Welcome to " + label, correlation, [&](const Tenant& t) {
        return welcome_text(c, o, t, organization.name, label, tz);
    });
    if (sent == 0) {
        const auto e = ops::raise(tx, org, "onboarding_no_contact", Severity::kMedium,
                                  "No phone or email on record for the tenants moving into " + label + " on " +
                                      local_day(o.move_in_at, tz) +
                                      ": welcome them and tell them how to report repairs, then check "
                                      "the welcome item",
                                  std::nullopt, Json{{"onboarding_id", o.id}, {"lease_id", o.lease_id.str()}}, now,
                                  correlation);
        decide(tx, org, "onboarding.welcome_failed", o, now, "system", correlation,
               Json{{"escalation_id", e.id.str()}});
        return;
    }
    o.welcome_sent_at = now;
    if (auto* item = o.item("welcome_message"); item && item->status == OnboardingItemStatus::kOpen) {
        item->status = OnboardingItemStatus::kDone;
        item->done_at = now;
        item->done_by = "system";
    }
    tx.put(org, o);
    decide(tx, org, "onboarding.welcome_sent", o, now, "system", correlation, Json{{"recipients", sent}});
}

Onboarding start_in(Transaction& tx, const WorkflowServices& s, const OrgId& org, const Lease& lease,
                    const std::string& by, Timestamp now, const std::string& correlation) {
    if (auto existing = tx.find<Onboarding>(org, onboarding_id_for(lease.id))) return *existing;
    const auto c = checklist_in(tx, org);
    const auto f = facts_of(tx, org, lease);
    bool unknown = false;
    Onboarding o;
    o.id = onboarding_id_for(lease.id);
    o.lease_id = lease.id;
    o.unit_id = lease.unit_id;
    o.property_id = f.property.id;
    o.tenant_ids = tenants_of(tx, org, lease);
    o.items = applicable_items(c, f.facts, &unknown);
    o.jurisdiction = unknown ? "generic" : (f.facts.jurisdiction.empty() ? "generic" : f.facts.jurisdiction);
    o.checklist = c.name + " v" + std::to_string(c.version);
    o.move_in_at = lease.start;
    o.started_at = now;
    o.started_by = by;
    tx.put(org, o);
    Json keys = Json::array();
    for (const auto& i : o.items) keys.push_back(i.key);
    decide(tx, org, "onboarding.started", o, now, by, correlation,
           Json{{"unit_id", o.unit_id.str()}, {"jurisdiction", o.jurisdiction}, {"checklist", o.checklist},
                {"move_in_at", format_time(o.move_in_at)}, {"items", keys}});
    if (unknown) {
        decide(tx, org, "onboarding.unknown_jurisdiction", o, now, "system", correlation,
               Json{{"jurisdiction", f.facts.jurisdiction}, {"property_id", f.property.id.str()},
                    {"used", "generic"},
                    {"warning", "the checklist '" + c.name + "' has no items for jurisdiction '" +
                                    f.facts.jurisdiction + "': the generic items apply; review them"}});
    }
    welcome(tx, s, org, o, c, now, correlation);
    maybe_complete(tx, org, o, now, correlation);
    return o;
}

// Reminder and overdue escalations of one open onboarding (the daily check).
void follow_up(Transaction& tx, const WorkflowServices& s, const OrgId& org, Onboarding& o, const Checklist& c,
               Timestamp now, const std::string& correlation) {
    const auto tz = ops::org_timezone(tx, org);
    const auto organization = tx.require_organization(org);
    const auto open = open_tenant_items(o);
    if (!open.empty() && o.reminders_sent < c.reminders.max) {
        Timestamp first_due = open.front()->due_at;
        for (const auto* i : open) first_due = std::min(first_due, i->due_at);
        std::optional<Timestamp> last = o.last_reminder_at ? o.last_reminder_at : o.welcome_sent_at;
        const bool in_window = now >= first_due - hours(24 * c.reminders.lead_days);
        const bool spaced = !last || now - *last >= hours(24 * c.reminders.every_days) - kSpacingSlack;
        if (in_window && spaced) {
            const int sent = message_tenants(tx, s, org, o, "Your move-in checklist", correlation, [&](const Tenant& t) {
                return fill(phrases_for(t.language).reminder,
                            {{"org", organization.name}, {"items", join_instructions(c, open, t.language, tz)}});
            });
            ++o.reminders_sent;
            o.last_reminder_at = now;
            tx.put(org, o);
            Json keys = Json::array();
            for (const auto* i : open) keys.push_back(i->key);
            decide(tx, org, "onboarding.reminder_sent", o, now, "system", correlation,
                   Json{{"reminder", o.reminders_sent}, {"of", c.reminders.max}, {"items", keys}, {"recipients", sent}});
        }
    }
    const auto label = ops::unit_label(tx, org, o.unit_id);
    for (auto& i : o.items) {
        if (i.status != OnboardingItemStatus::kOpen || i.due_at >= now || !i.overdue_escalation_id.empty()) continue;
        const bool legal = !i.rule.empty() && i.rule.rfind("practice", 0) != 0 && i.rule.rfind("lease", 0) != 0;
        const auto e = ops::raise(
            tx, org, "onboarding_overdue", legal ? Severity::kHigh : Severity::kMedium,
            "Move-in checklist for " + label + ": '" + i.title + "' (" + i.actor + ") was due " +
                local_day(i.due_at, tz) + " and is still open" + (i.rule.empty() ? "" : " - " + i.rule),
            std::nullopt,
            Json{{"onboarding_id", o.id}, {"lease_id", o.lease_id.str()}, {"item", i.key}, {"actor", i.actor},
                 {"due_at", format_time(i.due_at)}},
            now, correlation);
        i.overdue_escalation_id = e.id.str();
        tx.put(org, o);
        decide(tx, org, "onboarding.item_overdue", o, now, "system", correlation,
               Json{{"item", i.key}, {"actor", i.actor}, {"due_at", format_time(i.due_at)},
                    {"escalation_id", e.id.str()}});
    }
}

std::vector<Onboarding> open_onboardings_of(Transaction& tx, const OrgId& org, const TenantId& tenant) {
    std::vector<Onboarding> out;
    for (auto& o : tx.list<Onboarding>(org, {.status = "open"})) {
        if (std::find(o.tenant_ids.begin(), o.tenant_ids.end(), tenant) != o.tenant_ids.end()) out.push_back(std::move(o));
    }
    return out;
}

void reply_to(Transaction& tx, const WorkflowServices& s, const OrgId& org, const Message& msg, const Tenant& t,
              const std::string& body) {
    OutboundSpec spec;
    spec.channel = msg.channel == Channel::kEmail ? Channel::kEmail : Channel::kSms;
    spec.to = msg.from;
    if (spec.channel == Channel::kEmail) {
        spec.subject = "Re: " + (msg.subject.empty() ? std::string("your move-in") : msg.subject);
    }
    spec.body = body;
    spec.tenant_id = t.id;
    spec.thread_id = msg.thread_id;
    spec.correlation_id = msg.id.str();
    queue_outbound(tx, s, org, spec);
}

bool is_emergency(const IntentAssessment& intent) {
    return std::any_of(intent.reasons.begin(), intent.reasons.end(),
                       [](const std::string& r) { return r.find("emergency criteria") != std::string::npos; });
}

// A repair the words name (a leak, a broken lock...), not maintenance read by default because
// nothing else was named ("here it is").
bool names_a_repair(const IntentAssessment& intent) {
    if (intent.intent != Intent::kMaintenance) return false;
    return std::none_of(intent.reasons.begin(), intent.reasons.end(),
                        [](const std::string& r) { return r.find("no other intent named") != std::string::npos; });
}

}  // namespace

Checklist OnboardingWorkflow::checklist(const OrgId& org) const {
    return services_.store.read_result([&](Transaction& tx) { return checklist_in(tx, org); });
}

Checklist OnboardingWorkflow::set_checklist(const OrgId& org, const Json& document, const std::string& set_by) {
    if (set_by.empty()) throw Error(ErrorCode::kInvalidArgument, "set_checklist: set_by must name who sets it");
    auto c = parse_checklist(document, "checklist of org " + org.str());
    services_.store.write([&](Transaction& tx) {
        tx.require_organization(org);
        const auto now = services_.clock->now();
        OnboardingChecklistRecord rec;
        rec.checklist = document;
        rec.updated_at = now;
        rec.updated_by = set_by;
        tx.put(org, rec);
        AuditEvent a{.at = now,
                     .actor = set_by,
                     .action = "onboarding.checklist_set",
                     .entity_kind = "onboarding_checklist",
                     .entity_id = rec.id,
                     .correlation_id = {},
                     .data = {{"name", c.name},
                              {"version", c.version},
                              {"items", c.items.size()},
                              {"sha256", sha256_hex(document.dump())}}};
        Json payload = a.data;
        record_decision(tx, org, std::move(a), std::move(payload));
    });
    return c;
}

Onboarding OnboardingWorkflow::start(const OrgId& org, const LeaseId& lease, const std::string& started_by) {
    if (started_by.empty()) throw Error(ErrorCode::kInvalidArgument, "start onboarding: started_by must name who starts it");
    return services_.store.write_result([&](Transaction& tx) {
        const auto l = tx.find<Lease>(org, lease.str());
        if (!l) throw Error(ErrorCode::kNotFound, "lease '" + lease.str() + "' not found in org " + org.str());
        return start_in(tx, services_, org, *l, started_by, services_.clock->now(), "onboarding:" + lease.str());
    });
}

Onboarding OnboardingWorkflow::check_item(const OrgId& org, const std::string& onboarding_id,
                                          const std::string& item_key, const OnboardingCheck& check) {
    if (check.checked_by.empty()) throw Error(ErrorCode::kInvalidArgument, "check item: checked_by must name who checks it");
    if (!check.proof_blob_key.empty() && !channels::is_blob_key(check.proof_blob_key)) {
        throw Error(ErrorCode::kInvalidArgument, "check item '" + item_key + "': proof '" + check.proof_blob_key +
                                                     "' is not a blob key (sha256:<64 hex digits>)");
    }
    if (check.waive && check.note.empty()) {
        throw Error(ErrorCode::kInvalidArgument, "waive item '" + item_key + "': a note must say why it does not apply");
    }
    return services_.store.write_result([&](Transaction& tx) {
        auto o = tx.find<Onboarding>(org, onboarding_id);
        if (!o) throw Error(ErrorCode::kNotFound, "onboarding '" + onboarding_id + "' not found in org " + org.str());
        auto* item = o->item(item_key);
        if (!item) {
            std::string keys;
            for (const auto& i : o->items) keys += (keys.empty() ? "" : ", ") + i.key;
            throw Error(ErrorCode::kNotFound, "onboarding '" + onboarding_id + "' has no item '" + item_key +
                                                  "' (its items: " + keys + ")");
        }
        if (o->status != OnboardingStatus::kOpen) {
            throw Error(ErrorCode::kFailedPrecondition,
                        "onboarding '" + onboarding_id + "' is " + std::string(enum_name(o->status)));
        }
        if (item->status != OnboardingItemStatus::kOpen) {
            throw Error(ErrorCode::kFailedPrecondition, "item '" + item_key + "' of onboarding '" + onboarding_id +
                                                            "' is already " + std::string(enum_name(item->status)));
        }
        if (item->proof_required && !check.waive && check.proof_blob_key.empty()) {
            throw Error(ErrorCode::kInvalidArgument, "item '" + item_key + "' (" + item->title +
                                                         ") needs a proof document: attach one (its blob key; CLI: --proof FILE)");
        }
        const auto now = services_.clock->now();
        const auto correlation = "onboarding:" + o->lease_id.str();
        mark(tx, org, *o, *item, check, "", now, correlation);
        maybe_complete(tx, org, *o, now, correlation);
        return *o;
    });
}

std::vector<Onboarding> OnboardingWorkflow::list(const OrgId& org, const std::string& lease) const {
    return services_.store.read_result([&](Transaction& tx) {
        tx.require_organization(org);
        if (!lease.empty()) {
            auto o = tx.find<Onboarding>(org, onboarding_id_for(LeaseId(lease)));
            return o ? std::vector<Onboarding>{*o} : std::vector<Onboarding>{};
        }
        return tx.list<Onboarding>(org, {});
    });
}

void OnboardingWorkflow::handle(const Job& job) {
    const auto& s = services_;
    const auto& org = job.org_id;
    const auto now = s.clock->now();
    // A checklist that no longer passes its schema must not stop the day's work in silence: the
    // error escalates (the job fails and ends as a job_failed escalation naming it).
    const auto c = s.store.read_result([&](Transaction& tx) { return checklist_in(tx, org); });
    std::vector<Lease> to_start;
    std::vector<std::string> open;
    s.store.read([&](Transaction& tx) {
        const auto window = hours(24 * c.start_days_before);
        for (const auto& l : tx.list<Lease>(org, {})) {
            // Leases from yesterday on (a lease that started today before the check still gets one).
            if (l.start + hours(24) < now || l.start > now + window) continue;
            if (!tx.find<Onboarding>(org, onboarding_id_for(l.id))) to_start.push_back(l);
        }
        for (const auto& o : tx.list<Onboarding>(org, {.status = "open"})) open.push_back(o.id);
    });
    // One transaction per lease: a lease whose unit is missing escalates without stopping the others.
    for (const auto& l : to_start) {
        s.store.write([&](Transaction& tx) {
            try {
                start_in(tx, s, org, l, "system", now, "onboarding:" + l.id.str());
            } catch (const Error& e) {
                if (e.code() != ErrorCode::kFailedPrecondition) throw;
                // Once per lease while a person has not dealt with it.
                for (const auto& open : tx.list<Escalation>(org, {.status = "open", .lookup = "onboarding_failed"})) {
                    if (open.context.value("lease_id", "") == l.id.str()) return;
                }
                ops::raise(tx, org, "onboarding_failed", Severity::kMedium,
                           "Could not start the move-in checklist of lease " + l.id.str() + ": " + e.what(),
                           std::nullopt, Json{{"lease_id", l.id.str()}}, now, "onboarding:" + l.id.str());
            }
        });
    }
    for (const auto& id : open) {
        s.store.write([&](Transaction& tx) {
            auto o = tx.find<Onboarding>(org, id);
            if (!o || o->status != OnboardingStatus::kOpen) return;
            follow_up(tx, s, org, *o, c, now, "onboarding:" + o->lease_id.str());
        });
    }
}

bool OnboardingWorkflow::take_tenant_message(const OrgId& org, const Message& msg, const Tenant& tenant,
                                             const IntentAssessment& intent) {
    const auto& s = services_;
    if (is_emergency(intent)) return false;  // an emergency is a repair, always
    const bool has_media = !msg.media.empty();
    const bool move_in = intent.intent == Intent::kMoveIn ||
                         std::find(intent.also.begin(), intent.also.end(), Intent::kMoveIn) != intent.also.end();
    if (!has_media && !move_in) return false;
    return s.store.write_result([&](Transaction& tx) -> bool {
        auto onboardings = open_onboardings_of(tx, org, tenant.id);
        if (onboardings.empty()) return false;
        // A retried inbound job finds what the first attempt did (events correlated to the message).
        for (const auto& e : tx.list<Event>(org, {.parent = msg.id.str()})) {
            if (e.type.rfind("onboarding.", 0) == 0) return true;
        }
        auto& o = onboardings.front();  // the soonest move-in (a tenant rarely has two)
        const auto now = s.clock->now();
        const auto tz = ops::org_timezone(tx, org);
        const auto c = checklist_in(tx, org);
        const auto text = lower(msg.subject + "\n" + msg.body);
        const auto& p = phrases_for(tenant.language);
        std::vector<OnboardingItem*> named;
        for (auto& i : o.items) {
            const auto* spec = spec_of(c, i.key);
            if (!spec) continue;
            if (std::any_of(spec->keywords.begin(), spec->keywords.end(),
                            [&](const std::string& k) { return mentions(text, k); })) {
                named.push_back(&i);
            }
        }
        const auto correlation = msg.id.str();
        const std::string actor = "tenant:" + tenant.id.str();
        if (has_media) {
            std::vector<OnboardingItem*> open_named;
            for (auto* i : named) {
                if (i->status == OnboardingItemStatus::kOpen) open_named.push_back(i);
            }
            std::vector<OnboardingItem*> candidates;
            if (!open_named.empty()) {
                candidates = open_named;
            } else if (!named.empty()) {
                candidates = {};  // it names items already done: a person decides what this is
            } else {
                // Nothing named: a repair photo goes to repairs; otherwise the single open tenant
                // item that needs proof.
                if (names_a_repair(intent)) return false;
                for (auto& i : o.items) {
                    if (i.status == OnboardingItemStatus::kOpen && i.actor == "tenant" && i.proof_required) {
                        candidates.push_back(&i);
                    }
                }
            }
            if (candidates.size() == 1) {
                auto& item = *candidates.front();
                OnboardingCheck check{.checked_by = actor, .proof_blob_key = msg.media.front(), .note = {}, .waive = false};
                if (msg.media.size() > 1) check.note = std::to_string(msg.media.size()) + " attachments; the first is the proof";
                const auto title = item.title;
                mark(tx, org, o, item, check, msg.id.str(), now, correlation);
                const bool done = maybe_complete(tx, org, o, now, correlation);
                const auto still = open_tenant_items(o);
                std::string body = fill(p.received, {{"item", title}});
                if (done) body += p.all_done;
                else if (!still.empty()) body += std::string(p.still_open) + join_instructions(c, still, tenant.language, tz) + ".";
                reply_to(tx, s, org, msg, tenant, body);
                return true;
            }
            Json names = Json::array();
            for (const auto* i : candidates.empty() ? named : candidates) names.push_back(i->key);
            const auto e = ops::raise(tx, org, "onboarding_document", Severity::kMedium,
                                      "A tenant moving into " + ops::unit_label(tx, org, o.unit_id) +
                                          " sent a document for the move-in checklist that could be any of " +
                                          std::to_string(names.size()) +
                                          " items: look at it and check the right item",
                                      std::nullopt,
                                      Json{{"onboarding_id", o.id}, {"lease_id", o.lease_id.str()},
                                           {"message_id", msg.id.str()}, {"media", msg.media}, {"items", names},
                                           {"tenant_id", tenant.id.str()}},
                                      now, correlation);
            decide(tx, org, "onboarding.document_unclear", o, now, actor, correlation,
                   Json{{"message_id", msg.id.str()}, {"media", msg.media}, {"items", names},
                        {"escalation_id", e.id.str()}});
            reply_to(tx, s, org, msg, tenant, p.document_to_person);
            return true;
        }
        // A move-in message without a document: about checklist items -> their status; anything
        // else (a date change, access, a question) -> a person.
        if (!named.empty()) {
            std::string body;
            Json keys = Json::array();
            for (const auto* i : named) {
                if (!body.empty()) body += " ";
                body += i->status == OnboardingItemStatus::kOpen
                            ? fill(p.status_open, {{"item", i->actor == "tenant" ? item_instruction(c, *i, tenant.language)
                                                                                 : i->title},
                                                   {"due", local_day(i->due_at, tz)}})
                            : fill(p.status_done, {{"item", i->title}});
                keys.push_back(i->key);
            }
            reply_to(tx, s, org, msg, tenant, body);
            decide(tx, org, "onboarding.status_answered", o, now, "system", correlation,
                   Json{{"message_id", msg.id.str()}, {"items", keys}});
            return true;
        }
        const auto e = ops::raise(tx, org, "move_in_request", Severity::kMedium,
                                  "A tenant moving into " + ops::unit_label(tx, org, o.unit_id) +
                                      " wrote about the move-in (not a checklist item): read it and reply",
                                  std::nullopt,
                                  Json{{"onboarding_id", o.id}, {"lease_id", o.lease_id.str()},
                                       {"message_id", msg.id.str()}, {"tenant_id", tenant.id.str()},
                                       {"unit_id", tenant.unit_id.str()}, {"intent", "move_in"}},
                                  now, correlation);
        reply_to(tx, s, org, msg, tenant, p.to_person);
        decide(tx, org, "onboarding.message_to_person", o, now, "system", correlation,
               Json{{"message_id", msg.id.str()}, {"escalation_id", e.id.str()}});
        return true;
    });
}

}  // namespace propos
