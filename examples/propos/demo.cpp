// `propos demo`: the whole loop offline. Seeds the sample portfolio, plays the sample inbox through a
// Coordinator on simulated time, and simulates the other people: vendors accept (one never answers,
// one declines), bid, arrive and finish; tenants answer troubleshooting and confirmations (one says
// "not fixed"); staff decide escalations (some stay open); vendors send invoices (one over the approved
// amount, one duplicate, one with an arithmetic error). Prints a readable summary.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "commands.hpp"
#include "demo_compliance.hpp"
#include "demo_sections.hpp"  // Compliance, Renewals, Onboarding, Cadences (issue 17)
#include "output.hpp"
#include "propos/coordinator.hpp"
#include "propos/propos.hpp"
#include "propos/workflows/dispatch.hpp"
#include "propos/workflows/maintenance.hpp"
#include "providers.hpp"

extern const char kEmbeddedPortfolio[];
extern const char kEmbeddedInbox[];

namespace propos::cli {
namespace {
using namespace std::chrono;

struct Action {
    Timestamp at;
    std::uint64_t seq;
    std::function<void()> run;
};

class Simulator {
public:
    Simulator(Coordinator& c, ManualClock& clock, std::shared_ptr<channels::BlobStore> blobs)
        : c_(c), clock_(clock), blobs_(std::move(blobs)) {}

    void load_inbox(const std::string& text) {
        std::istringstream in(text);
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            const auto j = parse_json(line, "embedded inbox");
            IncomingMessage m;
            m.provider = "demo";
            m.provider_message_id = j.at("id").get<std::string>();
            m.channel = parse_enum<Channel>(j.at("channel").get<std::string>());
            m.from = j.at("from").get<std::string>();
            m.to = j.value("to", "");
            m.subject = j.value("subject", "");
            m.text = j.at("text").get<std::string>();
            m.received_at = parse_time(j.at("received_at").get<std::string>());
            m.raw_payload = line;
            const OrgId org(j.at("org").get<std::string>());
            schedule(m.received_at, [this, org, m] { inbound(org, m); });
            ++inbox_count_;
        }
    }

    // Runs until `end`, in small steps so simulated replies interleave with the coordinator's timers.
    void run_until(Timestamp end) {
        while (clock_.now() < end) {
            const auto step_end = std::min(end, clock_.now() + minutes(5));
            for (;;) {
                auto it = std::min_element(actions_.begin(), actions_.end(), [](const Action& a, const Action& b) {
                    return a.at != b.at ? a.at < b.at : a.seq < b.seq;
                });
                if (it == actions_.end() || it->at > step_end) break;
                const auto a = *it;
                actions_.erase(it);
                if (a.at > clock_.now()) c_.advance(duration_cast<Millis>(a.at - clock_.now()));
                a.run();
                c_.run_until_idle();
                observe();
            }
            if (step_end > clock_.now()) c_.advance(duration_cast<Millis>(step_end - clock_.now()));
            observe();
        }
    }

    std::size_t inbox_count() const { return inbox_count_; }
    std::size_t unknown_replies() const { return unknown_; }

private:
    void schedule(Timestamp at, std::function<void()> fn) { actions_.push_back({at, seq_++, std::move(fn)}); }

    void inbound(const OrgId& org, IncomingMessage m) {
        if (m.received_at == Timestamp{}) m.received_at = clock_.now();
        c_.ingest(org, m);
    }

    void reply(const OrgId& org, const std::string& from, Channel ch, const std::string& text, Millis after,
               const std::string& tag) {
        IncomingMessage m;
        m.provider = "demo";
        m.provider_message_id = "sim-" + tag + "-" + std::to_string(seq_);
        m.channel = ch;
        m.from = from;
        m.text = text;
        schedule(clock_.now() + after, [this, org, m]() mutable {
            m.received_at = clock_.now();
            c_.ingest(org, m);
        });
    }

    static bool contains(const std::string& s, const char* what) { return s.find(what) != std::string::npos; }

    // Reads what happened since the last look from the pollable event log (the way a host would):
    // messages delivered to people, escalations raised, work orders completed.
    void observe() {
        if (orgs_.empty()) {
            for (const auto& org : c_.organizations()) orgs_.push_back(org.id);
        }
        for (const auto& org : orgs_) {
            auto& after = last_event_[org.str()];
            for (const auto& e : c_.events(org, after)) {
                after = e.id;
                if (e.type == "message.sent") {
                    const auto m = c_.store().read_result([&](Transaction& tx) {
                        return tx.get<Message>(org, e.payload.value("message_id", ""));
                    });
                    if (m.vendor_id) on_vendor_message(org, m);
                    else if (m.tenant_id) on_tenant_message(org, m);
                    else ++unknown_;
                } else if (e.type == "escalation.raised") {
                    const auto id = e.payload.value("escalation_id", "");
                    const auto esc = c_.store().read_result(
                        [&](Transaction& tx) { return tx.find<Escalation>(org, id); });
                    if (esc) on_escalation(org, *esc);
                } else if (e.type == "renewal.offered") {
                    on_renewal_offer(org, e.payload);  // lease renewals (issue 17)
                } else if (e.type.rfind("onboarding.", 0) == 0) {
                    on_onboarding_event(org, e);  // onboarding (issue 17)
                } else if (e.type == "work_order.completed") {
                    // The vendor bills the purchase order they completed the job under, once.
                    const auto wo = c_.work_order(org, WorkOrderId(e.payload.value("work_order_id", "")));
                    if (wo.vendor_id && wo.purchase_order_id && invoiced_.insert(wo.id.str()).second) {
                        schedule(clock_.now() + hours(20), [this, org, id = wo.id, po = *wo.purchase_order_id] {
                            invoice(org, id, po);
                        });
                    }
                }
            }
        }
    }

    // ---- Onboarding (issue 17): new tenants send their renter's insurance as an attachment after
    // the welcome message (MMS: the bytes in the blob store, the key on the message, as a webhook
    // does); staff check the items due before the move-in a day after the onboarding starts (the
    // inspection and the tenant's other items stay open, so a reminder goes out). ----
    void on_onboarding_event(const OrgId& org, const Event& e) {
        const auto id = e.payload.value("onboarding_id", "");
        if (e.type == "onboarding.welcome_sent") {
            const auto o = c_.onboardings(org, e.payload.value("lease_id", ""));
            if (o.empty() || o.front().tenant_ids.empty()) return;
            const auto t = c_.store().read_result(
                [&](Transaction& tx) { return tx.get<Tenant>(org, o.front().tenant_ids.front().str()); });
            IncomingMessage m;
            m.provider = "demo";
            m.provider_message_id = "sim-insurance-" + id;
            m.channel = Channel::kSms;
            m.from = t.phone;
            m.text = t.language == "es" ? "Aquí está mi póliza de seguro de inquilino" : "Here is my renters insurance";
            m.media = {blobs_->put("%PDF renter's insurance declarations for " + t.name)};
            schedule(clock_.now() + hours(3), [this, org, m]() mutable {
                m.received_at = clock_.now();
                c_.ingest(org, m);
            });
        } else if (e.type == "onboarding.started") {
            schedule(clock_.now() + hours(20), [this, org, id] {
                const auto all = c_.onboardings(org, id.substr(4));  // "onb_" + lease id
                if (all.empty()) return;
                for (const auto& i : all.front().items) {
                    if (i.actor != "staff" || i.status != OnboardingItemStatus::kOpen || i.due_at > all.front().move_in_at) {
                        continue;
                    }
                    const OnboardingCheck check{.checked_by = "user:leasing-office", .proof_blob_key = {}, .note = {},
                                                .waive = false};
                    if (i.proof_required) {
                        c_.check_onboarding_item(org, id, i.key, check, "signed " + i.title + " for " + id);
                    } else {
                        c_.check_onboarding_item(org, id, i.key, check);
                    }
                }
            });
        }
    }
    // ---- end Onboarding ----

    void on_vendor_message(const OrgId& org, const Message& m) {
        const auto vid = m.vendor_id->str();
        const auto v = c_.store().read_result([&](Transaction& tx) { return tx.get<Vendor>(org, vid); });
        if (contains(m.body, "Reply YES to accept")) {
            if (vid == "harbor-v1" && silent_once_.insert(vid).second) return;  // never answers (timeout)
            if (vid == "prairie-v1" && declined_once_.insert(vid).second) {
                reply(org, v.phone, Channel::kSms, "NO - fully booked today, sorry", minutes(25), "decline");
                return;
            }
            // Vendors accept naming the job (a bare YES is asked "which job?" when several wait for
            // their answer), now and then with a time.
            std::string yes = "YES " + m.work_order_id->str();
            if (accepts_++ % 4 == 3) {
                const auto wo = c_.work_order(org, *m.work_order_id);
                if (!wo.emergency) {
                    const auto tomorrow = next_local_time(clock_.now() + hours(20), "America/New_York", 15);
                    yes += " " + format_time(tomorrow).substr(0, 16);
                }
            }
            reply(org, v.phone, Channel::kSms, yes, minutes(20), "accept");
        } else if (contains(m.body, "Reply BID")) {
            const auto wo = c_.work_order(org, *m.work_order_id);
            const auto est = estimate_cost(v, wo.category, wo.emergency);
            const double factor = 1.15 + 0.1 * static_cast<double>(bids_++ % 3);
            const auto amount = Money::cents(static_cast<std::int64_t>(std::lround(est.in_cents() * factor / 100.0)) * 100);
            reply(org, v.phone, Channel::kSms, "BID " + amount.to_decimal() + " " + wo.id.str(), hours(3), "bid");
        } else if (contains(m.body, "Confirmed:")) {
            const auto wo = c_.work_order(org, *m.work_order_id);
            if (!wo.scheduled_start) return;
            const auto arrive = *wo.scheduled_start;
            const auto done = arrive + minutes(90);
            const auto phone = v.phone;
            schedule(std::max(arrive, clock_.now()), [this, org, phone, id = wo.id.str()] {
                IncomingMessage msg{"demo", "sim-arrived-" + id + std::to_string(seq_), Channel::kSms, phone, "", "",
                                    "ARRIVED " + id};
                c_.ingest(org, msg);
            });
            schedule(std::max(done, clock_.now() + minutes(1)), [this, org, phone, wo] {
                IncomingMessage msg{"demo", "sim-done-" + wo.id.str() + std::to_string(seq_), Channel::kSms, phone, "",
                                    "", "DONE " + wo.id.str() + " " + resolution_for(wo.category)};
                c_.ingest(org, msg);
            });
        }
    }

    void on_tenant_message(const OrgId& org, const Message& m) {
        const auto t = c_.store().read_result([&](Transaction& tx) { return tx.get<Tenant>(org, m.tenant_id->str()); });
        const auto addr = m.channel == Channel::kEmail ? t.email : t.phone;
        if (answer_cadence(org, m, addr)) return;  // follow-up cadences (issue 17)
        if (contains(m.body, "Reply FIXED") || contains(m.body, "Responda ARREGLADO")) {
            const auto wo = c_.work_order(org, *m.work_order_id);
            const bool works = wo.category == "electrical" || wo.category == "plumbing";
            reply(org, addr, m.channel, works ? "FIXED, the reset button worked. Thank you!" : "NO, still not working",
                  minutes(35), "troubleshoot");
        } else if (contains(m.body, "Is it fixed?") || contains(m.body, "¿Está arreglado?")) {
            const auto wo = c_.work_order(org, *m.work_order_id);
            if (wo.category == "appliance" && wo.reopen_count == 0 && not_fixed_.insert(org.str()).second) {
                reply(org, addr, m.channel, "NOT FIXED - still standing water after the cycle", hours(2), "notfixed");
            } else {
                reply(org, addr, m.channel, "YES all good now, thanks!", hours(1), "confirm");
            }
        } else if (contains(m.body, "What needs repair") || contains(m.body, "Qué necesita reparación")) {
            reply(org, addr, m.channel, "Sorry! The bedroom window won't close all the way and cold air comes in.",
                  minutes(20), "clarify");
        } else if (contains(m.body, "To plan the visit") || contains(m.body, "Para planificar la visita")) {
            // Tenants answer the access question in their own words (one in five does not answer).
            static const char* kAnswers[] = {
                "Weekdays after 5pm. No pets.",
                "Yes you can go in if I'm out, I have a cat",
                "I work from home, anytime is fine. We have a dog",
                "Tomorrow morning please, I need to be home when they come",
                nullptr,
            };
            static const char* kAnswersEs[] = {"mañana por la tarde, tengo un perro", "Sí, pueden entrar", nullptr};
            const bool es = contains(m.body, "Para planificar");
            const char* a = es ? kAnswersEs[access_answers_ % 3] : kAnswers[access_answers_ % 5];
            ++access_answers_;
            if (a) reply(org, addr, m.channel, a, minutes(45), "access");
        }
    }

    // ---- lease renewals (issue 17) ----
    // Tenants answer the first renewal offers of each organization: one accepts, one declines
    // (the move-out workflow takes over), one negotiates, one asks a question; the others have not
    // answered yet when the demo ends.
    void on_renewal_offer(const OrgId& org, const Json& offer) {
        if (offer.value("reminder", false)) return;
        const int n = renewal_offers_[org.str()]++;
        static const char* kAnswers[] = {
            "Yes, we accept the renewal. Thank you!",
            "We won't renew, we bought a house and will move out when the lease ends.",
            "That increase is too much for us. Could you do the same rent for a 2 years lease instead?",
            "Will the renewal let us keep our parking spot? What happens to my deposit?",
        };
        if (n >= 4) return;
        const auto tenant = c_.store().read_result([&](Transaction& tx) {
            return tx.find<Tenant>(org, offer.value("tenant_id", ""));
        });
        if (!tenant || tenant->phone.empty()) return;
        reply(org, tenant->phone, Channel::kSms, kAnswers[n], hours(3 + 2 * n), "renewal");
    }

    void on_escalation(const OrgId& org, const Escalation& e) {
        std::string decision;
        Millis after = hours(2);
        if (e.reason == "owner_approval") {
            decision = "Approved by the owner by phone";
            after = hours(3);
        } else if (e.reason == "legal_threat") {
            decision = "Called the tenant and apologized; proceed with the repair and prioritize it";
        } else if (e.reason == "human_requested") {
            decision = "Called the tenant back; proceed";
            after = hours(1);
        } else if (e.reason == "emergency") {
            decision = "On-call manager acknowledged";
            after = minutes(20);
        } else if (e.reason == "low_confidence" || e.reason == "repeated_tool_failures") {
            decision = "Reviewed; proceed";
        } else {
            return;  // harassment, exhausted vendors, invoices: left for a person
        }
        schedule(clock_.now() + after, [this, org, id = e.id, decision] {
            const auto open = c_.escalations(org, true);
            if (std::any_of(open.begin(), open.end(), [&](const Escalation& x) { return x.id == id; })) {
                c_.resolve_escalation(org, id, decision, "demo.manager");
            }
        });
    }

    void invoice(const OrgId& org, const WorkOrderId& id, const PurchaseOrderId& po_id) {
        const auto wo = c_.work_order(org, id);
        const auto po = c_.store().read_result([&](Transaction& tx) { return tx.get<PurchaseOrder>(org, po_id.str()); });
        const auto v = c_.store().read_result([&](Transaction& tx) { return tx.get<Vendor>(org, po.vendor_id.str()); });
        Invoice inv;
        inv.id = InvoiceId(new_id("inv"));
        inv.number = "INV-" + v.id.str() + "-" + std::to_string(100 + invoices_);
        inv.vendor_id = v.id;
        inv.work_order_id = wo.id;
        inv.purchase_order_id = po.id;
        if (po.bid_id) {
            inv.lines.push_back({"Work per accepted bid", 1, po.amount, po.amount});
        } else {
            const auto half_hours = static_cast<std::int64_t>(std::lround(expected_hours(wo.category, wo.scope) * 2));
            Money rate = Money::cents(v.hourly_rate.in_cents() / 2);
            if (wo.emergency) rate = rate.scaled_bp(15000);
            inv.lines.push_back({"Service call", 1, v.callout_fee, v.callout_fee});
            inv.lines.push_back({"Labor (half hours)", half_hours, rate, rate * half_hours});
        }
        const int n = invoices_++;
        if (n == 2) inv.lines.push_back({"Replacement parts (not quoted)", 1, Money::dollars(400), Money::dollars(400)});
        if (n == 4) inv.lines.back().amount = inv.lines.back().amount + Money::dollars(50);  // arithmetic slip
        for (const auto& l : inv.lines) inv.total += l.amount;
        c_.submit_invoice(org, inv);
        if (n == 0) {  // the same invoice number sent again a day later
            Invoice again = inv;
            again.id = InvoiceId(new_id("inv"));
            schedule(clock_.now() + hours(24), [this, org, again] { c_.submit_invoice(org, again); });
        }
    }

    // ---- Follow-up cadences (issue 17) ----
    // One tenant per organization answers the post-repair satisfaction check, and one the
    // missing-document reminder: any reply cancels the rest of their cadence.
    bool answer_cadence(const OrgId& org, const Message& m, const std::string& addr) {
        const bool check = contains(m.body, "Are you happy with the work") || contains(m.body, "satisfecho con el trabajo");
        const bool document = contains(m.body, "still needs your") || contains(m.body, "todavía necesita su");
        if (!check && !document) return false;
        if (cadence_answered_.insert(org.str() + (check ? ":check" : ":document")).second) {
            reply(org, addr, m.channel, check ? "Great work, thank you!" : "Thanks, will do!", hours(1), "cadence");
        }
        return true;
    }
    // ---- end follow-up cadences ----

    static std::string resolution_for(const std::string& category) {
        if (category == "plumbing" || category == "water_leak") return "Replaced the worn trap and supply line, no leaks.";
        if (category == "gas") return "Found a loose fitting at the stove connector, tightened and leak-tested.";
        if (category == "heat_hot_water") return "Bled radiators and reset the boiler controls; heat restored.";
        if (category == "electrical") return "Replaced the damaged receptacle; tested OK.";
        if (category == "pest") return "Treated kitchen and bathroom; follow-up in 2 weeks.";
        if (category == "appliance") return "Cleared the drain hose and replaced the pump filter.";
        return "Repaired and tested.";
    }

    Coordinator& c_;
    ManualClock& clock_;
    std::vector<Action> actions_;
    std::uint64_t seq_ = 0;
    std::size_t inbox_count_ = 0;
    std::size_t unknown_ = 0;
    int bids_ = 0;
    std::shared_ptr<channels::BlobStore> blobs_;  // onboarding (issue 17): tenants' attachments
    int invoices_ = 0;
    int accepts_ = 0;
    int access_answers_ = 0;
    std::vector<OrgId> orgs_;
    std::map<std::string, std::string> last_event_;
    std::set<std::string> invoiced_, silent_once_, declined_once_, not_fixed_;
    std::map<std::string, int> renewal_offers_;  // org -> offers answered so far (lease renewals)
    std::set<std::string> cadence_answered_;  // follow-up cadences (issue 17)
};

void prepare_database(const std::string& path) {
    namespace fs = std::filesystem;
    if (!fs::exists(path)) return;
    // Only ever replace a PropOS store: opening validates the file first.
    { open_sqlite_store(path, {.create_if_missing = false}); }
    for (const auto& f : {path, path + "-wal", path + "-shm"}) fs::remove(f);
}

// ---- Follow-up cadences (issue 17) ----
// The office asks the first three tenants of each organization for their renter's insurance proof
// (the missing_document cadence: Day 1 and Day 3 fall inside the demo); repairs closed during the
// demo get their post-repair satisfaction check by themselves.
void enrol_demo_cadences(Coordinator& c, const std::vector<ImportSummary>& orgs) {
    for (const auto& s : orgs) {
        const auto tenants = c.store().read_result([&](Transaction& tx) { return tx.list<Tenant>(s.org_id); });
        for (std::size_t i = 0; i < tenants.size() && i < 3; ++i) {
            CadenceRequest r;
            r.tenant_id = tenants[i].id;
            r.purpose = "missing_document";
            r.references = {{"document", tenants[i].language == "es" ? "comprobante de seguro de inquilino"
                                                                     : "renter's insurance proof"}};
            r.by = "demo.manager";
            c.enrol_cadence(s.org_id, r);
        }
    }
}

// ---- end follow-up cadences ----

std::string minutes_text(Millis d) {
    const auto m = duration_cast<minutes>(d).count();
    return m >= 120 ? std::to_string(m / 60) + " h " + std::to_string(m % 60) + " min" : std::to_string(m) + " min";
}

std::optional<Timestamp> first_time(const WorkOrder& wo, WorkOrderStatus status) {
    for (const auto& h : wo.history) {
        if (h.to == status) return h.at;
    }
    return std::nullopt;
}


}  // namespace

int run_demo(const DemoOptions& o, const ProviderOptions& p, std::ostream& out) {
    const bool postgres = is_postgres_url(o.db);  // issue 18: the demo on a PostgreSQL server
    if (!postgres) prepare_database(o.db);
    auto clock = std::make_shared<ManualClock>();
    const auto start = clock->now();
    std::shared_ptr<Store> store(postgres ? open_postgres_store(o.db, PostgresOptions{.schema = o.pg_schema})
                                          : open_sqlite_store(o.db));
    if (postgres && !store->list_organizations().empty()) {
        // Never wipe a server's data: the demo wants an empty schema.
        throw Error(ErrorCode::kFailedPrecondition,
                    "schema '" + o.pg_schema + "' of " + store->location() +
                        " already holds organizations: run the demo in an empty schema (--pg-schema NAME)");
    }
    const auto orgs = import_portfolio(*store, parse_json(kEmbeddedPortfolio, "embedded sample portfolio"),
                                       clock->now(), "demo");
    CoordinatorOptions opts;
    opts.store = store;
    opts.clock = clock;
    opts.provider = make_provider(p);
    opts.embedder = make_embedder(o.embed);  // --embedder, --embed-* (issue 20)
    opts.seed = 20260105;
    use_compliance_packs(o.compliance_packs, opts);  // --compliance-pack
    auto blobs = std::shared_ptr<channels::BlobStore>(channels::make_memory_blob_store());  // attachments
    opts.integrations.defaults.blob_store = blobs;
    // Compliance: proofs are kept beside the database.
    opts.compliance.proof_store = std::shared_ptr<channels::BlobStore>(
        postgres ? channels::make_memory_blob_store()  // the demo's own proofs, for its one process
                 : channels::make_local_blob_store(o.db + ".proofs"));
    Coordinator c(std::move(opts));
    std::size_t events = 0;
    c.on_event([&](const Event&) { ++events; });

    Simulator sim(c, *clock, blobs);
    sim.load_inbox(kEmbeddedInbox);
    enrol_demo_cadences(c, orgs);  // follow-up cadences (issue 17)
    const auto days = parse_duration(o.days);
    sim.run_until(start + days);
    std::vector<OrgId> org_ids;  // compliance: a notice answered, an item completed with its proof
    for (const auto& s : orgs) org_ids.push_back(s.org_id);
    const auto compliance = play_compliance(c, org_ids);

    out << "PropOS " << kVersion << " demo: " << sim.inbox_count() << " tenant messages played through the "
        << "maintenance loop over " << format_duration(days) << " of simulated time\n"
        << "(offline: " << (p.provider.empty() ? "rules" : p.provider) << " provider, database " << o.db << ")\n";
    bool audit_ok = true;
    for (const auto& s : orgs) {
        const auto& org = s.org_id;
        const auto wos = c.work_orders(org);
        std::map<std::string, int> by_status;
        int emergencies = 0, merged = 0, reopened = 0, self_fixed = 0, bids_wo = 0, with_windows = 0,
            entry_ok = 0;
        Millis worst{0}, total{0}, worst_accept{0};
        int dispatched_emergencies = 0, accepted_emergencies = 0;
        for (const auto& e : c.events(org)) merged += e.type == "work_order.merged" ? 1 : 0;
        for (const auto& wo : wos) {
            ++by_status[std::string(enum_name(wo.status))];
            reopened += wo.reopen_count;
            with_windows += wo.tenant_availability.empty() ? 0 : 1;
            entry_ok += wo.entry_permitted.value_or(false) ? 1 : 0;
            if (wo.resolution.find("tenant following troubleshooting") != std::string::npos) ++self_fixed;
            for (const auto& h : wo.history) {
                if (h.to == WorkOrderStatus::kAwaitingBids) {
                    ++bids_wo;
                    break;
                }
            }
            if (wo.emergency) {
                ++emergencies;
                if (auto d = first_time(wo, WorkOrderStatus::kDispatched)) {
                    ++dispatched_emergencies;
                    worst = std::max(worst, duration_cast<Millis>(*d - wo.created_at));
                    total += duration_cast<Millis>(*d - wo.created_at);
                }
                if (auto a = first_time(wo, WorkOrderStatus::kScheduled)) {
                    ++accepted_emergencies;
                    worst_accept = std::max(worst_accept, duration_cast<Millis>(*a - wo.created_at));
                }
            }
        }
        const auto data = c.store().read_result([&](Transaction& tx) {
            struct D {
                std::vector<Invoice> invoices;
                std::vector<Bid> bids;
                std::int64_t raw_dead = 0;
            } d;
            d.invoices = tx.list<Invoice>(org);
            d.bids = tx.list<Bid>(org);
            d.raw_dead = static_cast<std::int64_t>(tx.list_raw_payloads(org, "dead", 0).size());
            return d;
        });
        const auto all_esc = c.escalations(org, false);
        const auto outbox = c.outbox(org);
        out << "\n== " << s.name << " (" << org.str() << ") ==\n";
        out << "Work orders: " << wos.size() << " —";
        for (const auto& [st, n] : by_status) out << " " << st << " " << n << ";";
        out << "\n";
        out << "Emergencies: " << emergencies << ", dispatched " << dispatched_emergencies;
        if (dispatched_emergencies) {
            out << " — purchase order to a vendor on average " << minutes_text(total / dispatched_emergencies)
                << ", slowest " << minutes_text(worst) << " after the message";
        }
        out << "; accepted by a vendor " << accepted_emergencies;
        if (accepted_emergencies) out << ", slowest " << minutes_text(worst_accept) << " (target 4 h)";
        out << "\n";
        out << "Duplicate reports merged into open work orders: " << merged << "; fixed by the tenant after "
            << "troubleshooting: " << self_fixed << "; reopened as not fixed (vendor callbacks): " << reopened << "\n";
        out << "Access: " << with_windows << " work order(s) with the tenant's availability, " << entry_ok
            << " with permission to enter\n";
        int received = 0, accepted = 0;
        for (const auto& b : data.bids) {
            if (b.status != BidStatus::kRequested && b.status != BidStatus::kExpired) ++received;
            if (b.status == BidStatus::kAccepted) ++accepted;
        }
        out << "Bids: " << bids_wo << " work order(s) out to bid, " << data.bids.size() << " requested, " << received
            << " received, " << accepted << " accepted\n";
        std::map<std::string, int> inv;
        std::vector<std::string> findings;
        for (const auto& i : data.invoices) {
            ++inv[std::string(enum_name(i.status))];
            if (i.status == InvoiceStatus::kBlocked || i.status == InvoiceStatus::kFlagged) {
                findings.push_back(i.number + " " + std::string(enum_name(i.status)) + ": " +
                                   (i.findings.empty() ? "" : i.findings.front()));
            }
        }
        out << "Invoices: " << data.invoices.size() << " —";
        for (const auto& [st, n] : inv) out << " " << st << " " << n << ";";
        out << "\n";
        for (const auto& f : findings) out << "  " << ellipsize(f, 150) << "\n";
        std::map<std::string, int> open_by, resolved_by, auto_closed;
        for (const auto& e : all_esc) {
            if (e.status == EscalationStatus::kOpen) open_by[e.reason]++;
            else if (e.resolved_by == "system") auto_closed[e.reason]++;
            else resolved_by[e.reason]++;
        }
        auto list = [&](const char* label, const std::map<std::string, int>& m) {
            out << " " << label << ":";
            if (m.empty()) out << " none";
            for (const auto& [r, n] : m) out << " " << r << " " << n << ";";
        };
        out << "Escalations: " << all_esc.size() << " raised;";
        list("waiting for a person", open_by);
        list("decided by staff", resolved_by);
        list("closed with their work order", auto_closed);
        out << "\n";
        int to_tenants = 0, to_vendors = 0, suppressed = 0, other = 0;
        for (const auto& m : outbox) {
            if (m.status == DeliveryStatus::kSuppressed) ++suppressed;
            else if (m.vendor_id) ++to_vendors;
            else if (m.tenant_id) ++to_tenants;
            else ++other;
        }
        out << "Messages sent: " << to_tenants << " to tenants, " << to_vendors << " to vendors, " << other
            << " to unknown senders; " << suppressed << " suppressed (opted out)\n";
        const auto v = c.verify_audit(org);
        audit_ok = audit_ok && v.ok;
        out << "Audit trail: " << v.entries << " entries, " << (v.ok ? "hash chain verified" : "BROKEN: " + v.problem)
            << "\n";
        if (!o.quiet) {
            Table t({"work order", "status", "priority", "category", "vendor", "title"});
            for (const auto& wo : wos) {
                t.add({wo.id.str(), std::string(enum_name(wo.status)), std::string(enum_name(wo.priority)),
                       wo.category, wo.vendor_id ? wo.vendor_id->str() : "-", ellipsize(wo.title, 48)});
            }
            out << "\n";
            t.print(out);
        }
    }
    // The other workflows (issue 17): a section each, a block per organization.
    print_compliance_section(c, orgs, compliance, out);
    print_renewals_section(c, orgs, out);
    print_onboarding_section(c, orgs, out);
    print_cadences_section(c, orgs, out);
    out << "\n" << events << " events delivered to the host callback. Explore: propos workorders --db " << o.db
        << " --org harbor | propos escalations --db " << o.db << " --org harbor | propos audit --db " << o.db
        << " --org harbor --verify\n";
    return audit_ok ? 0 : 1;
}

}  // namespace propos::cli
