#include "propos/coordinator.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "core/log.hpp"
#include "propos/channels/inbound.hpp"
#include "audit_checkpoints.hpp"
#include "webhooks_internal.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/time.hpp"
#include "propos/llm/fallback.hpp"
#include "propos/llm/provider.hpp"
#include "propos/store/portfolio_import.hpp"
#include "propos/workflows/approval.hpp"
#include "propos/workflows/cadence.hpp"
#include "propos/workflows/decisions.hpp"  // staff decisions as precedent (issue 20)
#include "propos/workflows/compliance.hpp"
#include "propos/workflows/delivery.hpp"
#include "propos/workflows/intake.hpp"
#include "propos/workflows/maintenance.hpp"
#include "propos/workflows/move_out.hpp"
#include "propos/workflows/renewal.hpp"
#include "propos/workflows/onboarding.hpp"

namespace propos {

struct Coordinator::Impl {
    CoordinatorOptions opt;
    std::shared_ptr<Store> store;
    std::shared_ptr<Clock> clock;
    std::unique_ptr<JobQueue> jobs;
    std::shared_ptr<llm::LlmProvider> provider;
    ToolRegistry tools;
    std::unique_ptr<WorkflowServices> services;
    std::unique_ptr<AgentRunner> runner;
    std::unique_ptr<MaintenanceWorkflow> maintenance;
    std::unique_ptr<DeliveryWorkflow> delivery;
    std::unique_ptr<MoveOutWorkflow> move_out;
    std::unique_ptr<OnboardingWorkflow> onboarding;  // issue 17
    std::unique_ptr<CadenceWorkflow> cadences;  // follow-up cadences (issue 17)
    std::shared_ptr<RuleBook> compliance_rules;      // compliance: rule packs (legal deadlines too)
    std::unique_ptr<ComplianceWorkflow> compliance;  // compliance: daily check, notices, proofs
    std::unique_ptr<IntakeWorkflow> intake;
    std::unique_ptr<RenewalWorkflow> renewal;  // lease renewals (issue 17)
    // The workflows that own intents and offer tools (maintenance), for tool_definitions.
    std::vector<Workflow*> workflows;
    JobTable table;  // job type -> handler: the units' types (built in), then the host's
    std::unique_ptr<HistorySearch> search;
    std::map<std::string, std::string> indexed_event;  // org -> last event whose entities are indexed
    std::map<std::string, std::size_t> unsaved_events;  // org -> events indexed since the cursor was saved
    static constexpr std::size_t kCursorSaveEvents = 256;
    std::unique_ptr<detail::Integrations> integrations;  // webhooks, channel deliveries, PMS sync
    std::unique_ptr<IdSequence> ids;  // CoordinatorOptions::id_seed; null: random ids

    std::mutex mu;  // guards the members below
    std::vector<EventCallback> callbacks;
    std::vector<std::uint64_t> callback_ids;  // the subscription of each of `callbacks`
    std::uint64_t last_subscription = 0;
    std::map<std::string, std::string> last_event;  // org -> last event id handed to callbacks
    std::set<std::string> scheduled_orgs;

    /// run_until_idle's loop; `stopped` turns true when CoordinatorOptions::between_jobs says stop.
    RunStats run_jobs(std::size_t max_jobs, bool& stopped);

    void ensure_schedules(const OrgId& org) {
        if (integrations) integrations->ensure_schedules(org);
        {
            std::lock_guard lock(mu);
            if (scheduled_orgs.count(org.str())) return;
        }
        const auto existing = jobs->schedules(org);
        auto has = [&](const char* name) {
            return std::any_of(existing.begin(), existing.end(), [&](const Schedule& s) { return s.name == name; });
        };
        if (!has("stall-check")) {
            jobs->add_schedule(org, "stall-check", "0 * * * *",
                               JobSpec{.type = job_types::kStallCheck, .priority = -10});
        }
        if (!opt.audit_checkpoints.private_key_pem.empty() && !has(detail::kAuditCheckpointSchedule)) {
            jobs->add_schedule(org, detail::kAuditCheckpointSchedule, opt.audit_checkpoints.cron,
                               JobSpec{.type = detail::kAuditCheckpointJob, .priority = -10});
        }
        // Lease renewals (issue 17): the daily nudge (offers, reminders, reply deadlines).
        if (!has("renewal-nudge")) {
            jobs->add_schedule(org, "renewal-nudge", opt.renewals.cron,
                               JobSpec{.type = job_types::kRenewalNudge, .priority = -10});
        }
        // Onboarding (issue 17): the daily move-in checklist check, 12:00 UTC (morning in the US).
        if (!has("onboarding-check")) {
            jobs->add_schedule(org, "onboarding-check", "0 12 * * *",
                               JobSpec{.type = job_types::kOnboardingCheck, .priority = -5});
        }
        if (!has("compliance-check")) {  // compliance: the daily check of the rule packs
            jobs->add_schedule(org, "compliance-check", opt.compliance.check_cron,
                               JobSpec{.type = job_types::kComplianceCheck, .priority = -10});
        }
        if (!has("escalation-sla")) {
            jobs->add_schedule(org, "escalation-sla", "*/15 * * * *",
                               JobSpec{.type = job_types::kEscalationSlaCheck, .priority = -5});
        }
        std::lock_guard lock(mu);
        scheduled_orgs.insert(org.str());
    }

    // A database busy with other writers (kBusy) only defers indexing to a later pass or run (the
    // cursor stays where it was): expected under contention, so not a warning; anything else is.
    static void log_index_failure(const OrgId& org, const Error& e) {
        if (e.code() == ErrorCode::kBusy) {
            detail::logger()->debug("history search indexing in {} deferred: {}", org.str(), redact(e.what()));
        } else {
            detail::logger()->warn("history search indexing in {} failed: {}", org.str(), redact(e.what()));
        }
    }

    // Keeps history search current: indexes the work orders, messages and knowledge-base articles
    // named by the events since the
    // last indexed one (a cursor kept in the store, so a restart resumes where it stopped). An
    // organization without a cursor (a new one, or a database written without search) is indexed
    // from its records once.
    //
    // ---- Issue 19 (cost flat with the backlog): each call does a bounded amount of work —
    // `budget` events, or `budget` records of an organization indexed from its records
    // (resumable: the position is kept in the store) — and returns true when more is left, so a
    // backlog of ingested messages is indexed a slice per batch of jobs, in proportion to the jobs
    // run (index_budget), instead of holding the jobs while all of it is embedded and written. ----
    static constexpr std::size_t kIndexIdleBudget = 4096;
    static std::size_t index_budget(std::size_t jobs_run) {
        // A job writes 2-3 events; eight per job keeps up with the jobs and eats into a backlog.
        return jobs_run == 0 ? kIndexIdleBudget : std::clamp<std::size_t>(jobs_run * 8, 256, kIndexIdleBudget);
    }
    static constexpr const char* kReindexMeta = "reindex_position";  // {"events_from","kind","after"}

    // One slice of the indexing from records: returns true when more is left. Throws on failure.
    bool reindex_slice(const OrgId& org, Json& pos, std::size_t budget) {
        static const std::vector<std::string_view> kKinds = {kSearchKindWorkOrder, kSearchKindMessage,
                                                             kSearchKindKnowledge,
                                                             kSearchKindNote, kSearchKindDecision};  // issue 20
        auto kind = pos.value("kind", std::string(kKinds.front()));
        auto after = pos.value("after", std::string());
        std::vector<std::string> ids;
        store->read([&](Transaction& tx) {
            const ListOptions page{.after_id = after.empty() ? std::string(" ") : after, .limit = budget};
            if (kind == kSearchKindWorkOrder) {
                for (const auto& v : tx.list<WorkOrder>(org, page)) ids.push_back(v.id.str());
            } else if (kind == kSearchKindMessage) {
                for (const auto& v : tx.list<Message>(org, page)) ids.push_back(v.id.str());
            } else if (kind == kSearchKindNote) {  // issue 20: notes and staff decisions too
                for (const auto& v : tx.list<Note>(org, page)) ids.push_back(v.id.str());
            } else if (kind == kSearchKindDecision) {
                for (const auto& v : tx.list<StaffDecision>(org, page)) ids.push_back(v.id);
            } else {
                for (const auto& v : tx.list<KnowledgeArticle>(org, page)) ids.push_back(v.id.str());
            }
        });
        if (!ids.empty()) search->index_entities(org, kind, ids);
        if (ids.size() == budget) {
            pos["kind"] = kind;
            pos["after"] = ids.back();
            return true;
        }
        const auto it = std::find(kKinds.begin(), kKinds.end(), kind);
        if (it == kKinds.end() || it + 1 == kKinds.end()) return false;
        pos["kind"] = std::string(*(it + 1));
        pos["after"] = "";
        return true;
    }

    // Returns true when indexing is not caught up yet (call again).
    bool index_history(const OrgId& org, std::size_t budget = kIndexIdleBudget) {
        if (!search) return false;
        std::string after;
        {
            std::lock_guard lock(mu);
            after = indexed_event[org.str()];
        }
        if (after.empty()) {
            const auto [meta, position] = store->read_result([&](Transaction& tx) {
                return std::make_pair(tx.get_search_meta(org, "indexed_event"), tx.get_search_meta(org, kReindexMeta));
            });
            const bool reindexing = position && !position->empty();
            if (meta && !reindexing) {
                after = *meta;
            } else {
                // Indexed from its records, a slice per call; the events written meanwhile are
                // indexed after it, from the last event seen when it began.
                Json pos;
                if (reindexing) {
                    pos = parse_json(*position, "search reindex position");
                } else {
                    const auto latest = store->read_result(
                        [&](Transaction& tx) { return tx.list<Event>(org, {.newest_first = true, .limit = 1}); });
                    pos = Json{{"events_from", latest.empty() ? "evt_" : latest.front().id}};
                }
                bool more = false;
                try {
                    more = reindex_slice(org, pos, budget);
                } catch (const Error& e) {
                    // Search is derived data: the work goes on; the next pass retries the slice.
                    log_index_failure(org, e);
                    return false;
                }
                store->write([&](Transaction& tx) {
                    if (more) {
                        tx.put_search_meta(org, kReindexMeta, pos.dump());
                    } else {
                        tx.put_search_meta(org, "indexed_event", pos.value("events_from", "evt_"));
                        tx.put_search_meta(org, kReindexMeta, "");  // done: read as "no position" below
                    }
                });
                if (more) return true;
                after = pos.value("events_from", "evt_");
            }
        }
        // Issue 18: on a store that several workers share, the cursor is shared too — another
        // worker may have indexed past ours (each worker embeds and writes only what nobody did).
        const bool shared = store->shared();
        const auto evs = store->read_result([&](Transaction& tx) {
            if (shared) {
                if (const auto meta = tx.get_search_meta(org, "indexed_event"); meta && *meta > after) after = *meta;
            }
            return tx.list<Event>(org, {.after_id = after, .limit = budget});
        });
        if (evs.empty()) {
            std::lock_guard lock(mu);
            indexed_event[org.str()] = after;
            return false;
        }
        std::set<std::string> work_orders, messages, articles;
        std::set<std::string> notes, decisions;  // issue 20
        for (const auto& e : evs) {
            // ---- issue 20: notes and staff decisions named by events ----
            if (const auto n = e.payload.value("note_id", ""); !n.empty()) notes.insert(n);
            if (const auto d = e.payload.value("decision_id", ""); !d.empty()) decisions.insert(d);
            const auto wo = e.payload.value("work_order_id", "");
            const auto msg = e.payload.value("message_id", "");
            if (!wo.empty()) work_orders.insert(wo);
            if (!msg.empty() && e.type.rfind("message.", 0) == 0) messages.insert(msg);
            if (const auto it = e.payload.find("knowledge_article_ids");
                it != e.payload.end() && it->is_array()) {
                for (const auto& id : *it) {
                    if (id.is_string()) articles.insert(id.get<std::string>());
                }
            }
        }
        try {
            if (!work_orders.empty()) {
                search->index_entities(org, kSearchKindWorkOrder, {work_orders.begin(), work_orders.end()});
            }
            if (!messages.empty()) {
                search->index_entities(org, kSearchKindMessage, {messages.begin(), messages.end()});
            }
            if (!articles.empty()) {
                search->index_entities(org, kSearchKindKnowledge, {articles.begin(), articles.end()});
            }
            // ---- issue 20: notes; staff decisions, also those about a changed work order (their
            // text has its title, category and unit) ----
            if (!notes.empty()) search->index_entities(org, kSearchKindNote, {notes.begin(), notes.end()});
            if (!work_orders.empty()) {
                store->read([&](Transaction& tx) {
                    for (const auto& wo : work_orders) {
                        for (const auto& d : tx.list<StaffDecision>(org, {.parent = wo})) decisions.insert(d.id);
                    }
                });
            }
            if (!decisions.empty()) {
                search->index_entities(org, kSearchKindDecision, {decisions.begin(), decisions.end()});
            }
        } catch (const Error& e) {
            // Search is derived data: the work goes on; the next pass retries from the same cursor.
            log_index_failure(org, e);
            return false;
        }
        const auto last = evs.back().id;
        // The cursor is persisted now and then, not after every pass: indexing is idempotent, so a
        // restart that re-indexes the last few events' entities loses nothing.
        bool persist = false;
        {
            std::lock_guard lock(mu);
            indexed_event[org.str()] = last;
            auto& pending = unsaved_events[org.str()];
            pending += evs.size();
            if (pending >= kCursorSaveEvents || shared) {
                pending = 0;
                persist = true;
            }
        }
        if (persist) save_cursor(org, last);
        return evs.size() == budget;
    }

    void save_cursor(const OrgId& org, const std::string& event_id) {
        store->write([&](Transaction& tx) {
            // Never backwards: another worker sharing the store may have saved a later cursor.
            const auto saved = tx.get_search_meta(org, "indexed_event");
            if (!saved || *saved < event_id) tx.put_search_meta(org, "indexed_event", event_id);
        });
    }

    // Persists the cursors with unsaved progress (at destruction).
    void save_cursors() noexcept {
        std::map<std::string, std::string> todo;
        {
            std::lock_guard lock(mu);
            for (auto& [org, pending] : unsaved_events) {
                if (pending > 0) todo[org] = indexed_event[org];
                pending = 0;
            }
        }
        for (const auto& [org, id] : todo) {
            try {
                save_cursor(OrgId(org), id);
            } catch (const std::exception& e) {
                const auto* error = dynamic_cast<const Error*>(&e);
                if (error == nullptr || error->code() != ErrorCode::kBusy) {
                    detail::logger()->warn("could not save the search cursor of {}: {}", org, redact(e.what()));
                    continue;
                }
                // Another writer holds the database: the next save tries again (until then a restart
                // re-indexes from the older cursor, which indexing tolerates).
                detail::logger()->debug("saving the search cursor of {} deferred: {}", org, redact(e.what()));
                std::lock_guard lock(mu);
                unsaved_events[org] = std::max<std::size_t>(unsaved_events[org], 1);
            }
        }
    }

    bool group_commit = false;

    // Jobs that may share the batch's commit: not those that talk to the outside world (deliveries
    // through a real channel, host-registered jobs).
    bool groupable(const Job& job) const { return group_commit && table.groupable(job.type); }


    void run_one(const Job& job, RunStats& stats) {
        ++stats.jobs_run;
        try {
            table.run(job);
            jobs->complete(job);
        } catch (const std::exception& e) {
            ++stats.jobs_failed;
            detail::logger()->warn("job {} ({}) in {} failed (attempt {}/{}): {}", job.id.str(), job.type,
                                   job.org_id.str(), job.attempts, job.max_attempts, redact(e.what()));
            const auto* pe = dynamic_cast<const llm::ProviderError*>(&e);
            const auto state = pe && pe->retry_after() ? defer_job(job, *pe->retry_after(), e.what())
                                                       : fail_job(job, e.what());
            if (state == JobState::kDead) ++stats.jobs_dead;
        }
    }

    // The provider asked to be called again later than its client would wait (a long
    // `retry-after`): the job goes back on the queue with that delay instead of holding this thread
    // (spending no attempt, up to `JobQueueOptions::max_deferrals`).
    JobState defer_job(const Job& job, Millis delay, const std::string& error) {
        try {
            return store->write_result([&](Transaction& tx) {
                const auto state = jobs->defer(tx, job, delay, error);
                if (state == JobState::kDead) escalate_dead_job(tx, job, error);
                return state;
            });
        } catch (const std::exception& ex) {
            detail::logger()->error("job {} ({}) in {} could not be put back: {}", job.id.str(),
                                    job.type, job.org_id.str(), redact(ex.what()));
            return JobState::kRunning;  // the lease expires and the job is claimed again
        }
    }

    // Records a failed attempt. A job given up on (every attempt failed) is a person's to handle:
    // its dead letter, a `job_failed` escalation naming the job type and the last error, and a
    // `job.dead` event commit together — nothing ends in silence, whatever the job's type.
    JobState fail_job(const Job& job, const std::string& error) {
        try {
            return store->write_result([&](Transaction& tx) {
                const auto state = jobs->fail(tx, job, error);
                if (state == JobState::kDead) escalate_dead_job(tx, job, error);
                return state;
            });
        } catch (const std::exception& ex) {
            detail::logger()->error("the failure of job {} ({}) in {} could not be recorded: {}",
                                    job.id.str(), job.type, job.org_id.str(), redact(ex.what()));
            return JobState::kRunning;  // the lease expires and the job is claimed again
        }
    }

    void escalate_dead_job(Transaction& tx, const Job& job, const std::string& error) {
        const auto now = clock->now();
        const auto attempts = std::to_string(job.attempts);
        const auto message_id = job.payload.value("message_id", "");
        EscalationTrigger t;
        t.reason = "job_failed";
        t.severity = Severity::kHigh;
        t.summary = job.type == job_types::kInboundMessage
                        ? "A tenant's message could not be handled (" + attempts +
                              " attempts): " + redact(error) + "; please read it and act"
                        : "Job '" + job.type + "' failed every attempt (" + attempts +
                              "): " + redact(error) + "; its work was not done, please act";
        t.pause = false;
        t.context = {{"job_id", job.id.str()}, {"job_type", job.type}, {"attempts", job.attempts},
                     {"error", redact(error)}};
        if (!message_id.empty()) t.context["message_id"] = message_id;
        const auto e = record_escalation(tx, job.org_id, t, now, "", std::nullopt, job.correlation_id);
        Json payload = t.context;
        payload["escalation_id"] = e.id.str();
        emit_event(tx, job.org_id, "job.dead", job.correlation_id, std::move(payload), now);
    }

    IngestResult ingest(const OrgId& org, const IncomingMessage& in);

    // `orgs`: the organizations when the caller has just listed them (else read here).
    void fire_callbacks(const std::vector<Organization>* orgs = nullptr) {
        std::vector<EventCallback> cbs;
        {
            std::lock_guard lock(mu);
            cbs = callbacks;
        }
        if (cbs.empty()) return;
        const auto listed = orgs ? std::vector<Organization>() : store->list_organizations();
        for (const auto& org : orgs ? *orgs : listed) {
            std::string after;
            {
                std::lock_guard lock(mu);
                after = last_event[org.id.str()];
            }
            const auto evs = store->read_result([&](Transaction& tx) {
                return tx.list<Event>(org.id, {.after_id = after.empty() ? "evt_" : after});
            });
            for (const auto& e : evs) {
                for (const auto& cb : cbs) {
                    try {
                        cb(e);
                    } catch (const std::exception& ex) {
                        detail::logger()->error("event callback threw on {}: {}", e.type, ex.what());
                    }
                }
            }
            if (!evs.empty()) {
                std::lock_guard lock(mu);
                last_event[org.id.str()] = evs.back().id;
            }
        }
    }
};

Coordinator::Coordinator(CoordinatorOptions options) : impl_(std::make_unique<Impl>()) {
    auto& i = *impl_;
    i.opt = std::move(options);
    if (i.opt.store) {
        i.store = i.opt.store;
    } else if (!i.opt.database_path.empty()) {
        i.store = open_store(i.opt.database_path);
    } else {
        throw Error(ErrorCode::kInvalidArgument,
                    "CoordinatorOptions needs a store or a database_path");
    }
    i.clock = i.opt.clock ? i.opt.clock : system_clock();
    if (i.opt.id_seed) i.ids = std::make_unique<IdSequence>(*i.opt.id_seed, i.clock);
    if (i.opt.log) set_log_callback(i.opt.log, i.opt.log_level);
    i.jobs = std::make_unique<JobQueue>(*i.store, i.clock, JobQueueOptions{.seed = i.opt.seed});
    if (!i.opt.provider) {
        i.provider = make_offline_maintenance_provider();
    } else if (i.opt.offline_fallback) {
        i.provider = std::make_shared<llm::FallbackProvider>(
            std::vector<std::shared_ptr<llm::LlmProvider>>{i.opt.provider, make_offline_maintenance_provider()});
    } else {
        i.provider = i.opt.provider;
    }
    if (i.opt.history_search) {
        std::shared_ptr<Embedder> embedder = i.opt.embedder;
        if (!embedder) embedder = std::shared_ptr<Embedder>(make_hashing_embedder());
        i.search = std::make_unique<HistorySearch>(*i.store, std::move(embedder), i.opt.search);
    }
    i.services = std::make_unique<WorkflowServices>(
        WorkflowServices{*i.store, *i.jobs, i.clock, i.opt.policy, i.search.get(), i.opt.ledger, i.opt.triage_hook});
    // Compliance: the rule packs, before any unit copies the services (legal repair deadlines).
    i.compliance_rules = std::make_shared<RuleBook>();
    i.services->compliance_rules = i.compliance_rules.get();
    i.runner = std::make_unique<AgentRunner>(*i.store, *i.jobs, i.provider, i.tools,
                                             EscalationEngine(i.opt.policy), i.opt.policy, i.clock, i.opt.agent);
    i.maintenance = std::make_unique<MaintenanceWorkflow>(*i.services, *i.runner);
    i.delivery = std::make_unique<DeliveryWorkflow>(*i.services, i.opt.deliverers);
    i.intake = std::make_unique<IntakeWorkflow>(*i.services, *i.maintenance);
    i.table.add_unit(*i.intake);
    for (auto* unit : i.maintenance->units()) i.table.add_unit(*unit);
    i.table.add_unit(*i.delivery, i.delivery->records_only());  // a real channel talks to the outside world
    i.move_out = std::make_unique<MoveOutWorkflow>(*i.services);
    i.table.add_unit(*i.move_out);
    // Lease renewals (issue 17): offers written by the model (a remote one: its jobs are not
    // grouped, so no model call holds the write lock), replies taken from intake.
    i.renewal = std::make_unique<RenewalWorkflow>(*i.services, i.provider, i.opt.renewals);
    i.table.add_unit(*i.renewal, !i.opt.provider);
    i.intake->add_listener(*i.renewal);
    // Onboarding (issue 17): the daily check, and tenant documents / move-in messages.
    i.onboarding = std::make_unique<OnboardingWorkflow>(*i.services);
    i.table.add_unit(*i.onboarding);
    i.intake->add_listener(*i.onboarding);
    // Follow-up cadences (issue 17): a unit of jobs that sees every tenant message (a reply cancels).
    i.cadences = std::make_unique<CadenceWorkflow>(*i.services);
    i.table.add_unit(*i.cadences);
    i.intake->add_listener(*i.cadences);
    // ---- compliance: rule packs (the host's files over the built-in ones), legal repair deadlines
    // on new work orders, the daily check, notice replies from intake ----
    i.compliance = std::make_unique<ComplianceWorkflow>(*i.services, i.compliance_rules, i.opt.compliance);
    i.table.add_unit(*i.compliance);
    i.intake->add_listener(*i.compliance);
    i.workflows = {i.maintenance.get()};
    // The runner holds the registry by reference: the tools are offered from the first run.
    for (const auto* w : i.workflows) w->register_tools(i.tools);
    if (i.opt.batch_size == 0) i.opt.batch_size = 1;
    i.group_commit = i.opt.group_commit.value_or(!i.opt.provider);
    // Callbacks see only events that happen from now on.
    for (const auto& org : i.store->list_organizations()) {
        const auto last = i.store->read_result([&](Transaction& tx) {
            return tx.list<Event>(org.id, {.newest_first = true, .limit = 1});
        });
        if (!last.empty()) i.last_event[org.id.str()] = last.front().id;
    }
    if (!i.opt.audit_checkpoints.private_key_pem.empty()) {
        i.table.add_host(detail::kAuditCheckpointJob,
                         detail::audit_checkpoint_handler(*i.store, i.clock, i.opt.audit_checkpoints));
    }
    i.integrations = std::make_unique<detail::Integrations>(*this, i.opt.integrations);
}

WebhookResponse Coordinator::handle_webhook(const OrgId& org, const WebhookRequest& request) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto out = impl_->integrations->handle(org, request);
    impl_->fire_callbacks();
    return out;
}

// ---- Front door (issue 23): refused webhooks and raw payloads (src/coordinator/webhook_front_door.cpp) ----
std::vector<WebhookRejections> Coordinator::webhook_rejections(const OrgId& org, std::size_t limit) {
    return impl_->integrations->rejections(org, limit);
}

std::vector<RawPayload> Coordinator::raw_payloads(const OrgId& org, const std::string& status, std::size_t limit) {
    if (!status.empty() && status != "received" && status != "processed" && status != "dead") {
        throw Error(ErrorCode::kInvalidArgument,
                    "raw payload status '" + status.substr(0, 40) + "' is not one of received, processed, dead");
    }
    return impl_->store->read_result([&](Transaction& tx) { return tx.list_raw_payloads(org, status, limit); });
}
// ---- end front door ----

Coordinator::~Coordinator() {
    if (impl_) impl_->save_cursors();
}

IngestResult Coordinator::ingest(const OrgId& org, const IncomingMessage& in) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto r = impl_->ingest(org, in);
    impl_->fire_callbacks();
    return r;
}

IngestResult Coordinator::Impl::ingest(const OrgId& org, const IncomingMessage& in) {
    auto& i = *this;
    const auto now = i.clock->now();
    // The raw payload is written first; a message that lacks what it needs leaves it behind as a
    // dead letter (committed) and the error names the problem. Raw payload, message, thread, job,
    // audit entry and event commit together.
    std::string raw = in.raw_payload;
    if (raw.empty()) {
        raw = Json{{"provider", in.provider}, {"provider_message_id", in.provider_message_id},
                   {"channel", enum_name(in.channel)}, {"from", in.from}, {"to", in.to},
                   {"subject", in.subject}, {"text", in.text},
                   {"received_at", in.received_at == Timestamp{} ? format_time(now) : format_time(in.received_at)}}
                  .dump();
    }
    std::string problem;
    if (in.provider_message_id.empty()) problem = "missing provider message id";
    else if (in.from.empty()) problem = "missing sender (from)";
    else if (in.text.find_first_not_of(" \t\r\n") == std::string::npos && in.media.empty()) problem = "empty text";
    else if (in.text.size() > i.opt.max_message_text_bytes) {
        problem = "the text is " + std::to_string(in.text.size()) + " bytes, over the limit of " +
                  std::to_string(i.opt.max_message_text_bytes) +
                  " (CoordinatorOptions::max_message_text_bytes); send long content as an attachment";
    }
    std::int64_t raw_id = in.raw_payload_id;  // a webhook keeps the request itself, before parsing
    std::optional<IngestResult> result;
    i.store->write([&](Transaction& tx) {
        if (raw_id == 0) raw_id = tx.store_raw_payload(org, in.provider, in.raw_content_type, raw, now);
        if (!problem.empty()) {
            tx.set_raw_payload_status(org, raw_id, "dead", problem);
            return;
        }
        result = i.intake->accept(tx, org, in, raw_id, now);
    });
    if (!result) {
        throw Error(ErrorCode::kInvalidArgument, "inbound message " +
                                                     (in.provider_message_id.empty() ? std::string("(no id)")
                                                                                     : in.provider_message_id) +
                                                     ": " + problem + " (kept as dead letter " +
                                                     std::to_string(raw_id) + ")");
    }
    return *result;
}

std::vector<IngestOutcome> Coordinator::ingest_batch(const OrgId& org, const std::vector<IncomingMessage>& messages) {
    const ScopedIdSequence ids(impl_->ids.get());
    std::vector<IngestOutcome> out(messages.size());
    impl_->store->batch([&] {
        for (std::size_t n = 0; n < messages.size(); ++n) {
            try {
                out[n].result = impl_->ingest(org, messages[n]);
            } catch (const Error& e) {
                // Bad input (kept as a dead letter by ingest) stays this message's problem; a store
                // failure is everyone's: it ends the batch.
                if (e.code() != ErrorCode::kInvalidArgument && e.code() != ErrorCode::kNotFound) throw;
                out[n].code = e.code();
                out[n].error = e.what();
            }
        }
    });
    impl_->fire_callbacks();
    return out;
}

std::int64_t Coordinator::dead_letter(const OrgId& org, const std::string& source, const std::string& content_type,
                                      const std::string& payload, const std::string& reason) {
    auto& i = *impl_;
    return i.store->write_result([&](Transaction& tx) {
        const auto id = tx.store_raw_payload(org, source, content_type, payload, i.clock->now());
        tx.set_raw_payload_status(org, id, "dead", reason);
        return id;
    });
}

RunStats Coordinator::run_until_idle(std::size_t max_jobs) {
    bool stopped = false;
    return impl_->run_jobs(max_jobs, stopped);
}

RunStats Coordinator::Impl::run_jobs(std::size_t max_jobs, bool& stopped) {
    auto& i = *this;
    const ScopedIdSequence ids(i.ids.get());
    RunStats stats;
    // The host's hook between claims of jobs (CoordinatorOptions::between_jobs): false stops the call.
    const auto keep_going = [&] {
        if (!stopped && i.opt.between_jobs && !i.opt.between_jobs(stats)) stopped = true;
        return !stopped;
    };
    for (;;) {
        bool progressed = false;
        const std::size_t jobs_before = stats.jobs_run;  // issue 19: the pass's indexing budget
        // Read once a pass (a round trip on a database server), for the jobs and the indexing.
        const auto orgs = i.store->list_organizations();
        std::size_t busy = 0;  // organizations another worker was writing (Store::try_batch)
        std::vector<const Organization*> held;  // the others: this pass indexes them
        for (const auto& org : orgs) {
            const std::size_t want =
                max_jobs ? std::min(i.opt.batch_size, max_jobs - stats.jobs_run) : i.opt.batch_size;
            // With group commit, firing schedules, claiming and running the groupable jobs share one
            // commit; the others run after it, each on its own.
            std::vector<Job> single;
            auto claim_and_run = [&] {
                i.ensure_schedules(org.id);  // in the organization's batch: it may write
                // Follow-up cadences (issue 17): repairs closed by the jobs run so far get their
                // satisfaction check (the first call only marks where to start).
                if (i.opt.post_repair_cadence) i.cadences->enrol_closed_repairs(org.id);
                stats.schedules_fired += i.jobs->run_schedules(org.id);
                auto batch = i.jobs->claim(org.id, i.opt.worker, want);
                if (batch.empty()) return;
                progressed = true;
                for (auto& job : batch) {
                    if (i.groupable(job)) {
                        i.run_one(job, stats);
                    } else {
                        single.push_back(std::move(job));
                    }
                }
            };
            if (i.group_commit) {
                // Issue 18: where an organization has one writer at a time across processes
                // (PostgreSQL), a worker passes over one that another worker is writing and comes
                // back to it, instead of queueing behind it while other organizations wait.
                if (!i.store->try_batch(org.id, claim_and_run)) {
                    ++busy;
                    continue;
                }
                held.push_back(&org);
            } else {
                claim_and_run();
                held.push_back(&org);
            }
            for (const auto& job : single) i.run_one(job, stats);
            // Every job claimed has run: the host's hook may stop the call here.
            if (progressed && !keep_going()) break;
            if (max_jobs && stats.jobs_run >= max_jobs) break;
        }
        // A bounded slice of search indexing per organization and pass (issue 19); an idle loop
        // goes on until it is caught up. An organization another worker was writing is left to it
        // (issue 18: it indexes what it wrote; the cursor is shared).
        bool indexing_left = false;
        const auto budget = index_budget(stats.jobs_run - jobs_before);
        if (!i.store->shared()) {
            held.clear();
            for (const auto& org : orgs) held.push_back(&org);
        }
        for (const auto* org : held) indexing_left |= i.index_history(org->id, budget);
        i.fire_callbacks(&orgs);
        if (stopped || (max_jobs && stats.jobs_run >= max_jobs)) break;
        if (!progressed && !indexing_left) {
            if (busy == 0) break;
            // Nothing to do but in organizations other workers are writing: their jobs may still
            // be ours to run. Look again in a moment (not at their next commit: they commit often,
            // and each look costs the server a round trip per organization).
            std::this_thread::sleep_for(Millis(25));
        }
    }
    return stats;
}

RunStats Coordinator::tick(Timestamp now) {
    auto& i = *impl_;
    if (auto* manual = dynamic_cast<ManualClock*>(i.clock.get())) {
        if (now > manual->now()) manual->set(now);
    }
    return run_until_idle();
}

RunStats Coordinator::advance(Millis duration) {
    auto& i = *impl_;
    auto* manual = dynamic_cast<ManualClock*>(i.clock.get());
    if (!manual) {
        throw Error(ErrorCode::kFailedPrecondition, "advance() needs a ManualClock (simulated time)");
    }
    const auto target = manual->now() + duration;
    RunStats total;
    auto add = [&](const RunStats& s) {
        total.jobs_run += s.jobs_run;
        total.jobs_failed += s.jobs_failed;
        total.jobs_dead += s.jobs_dead;
        total.schedules_fired += s.schedules_fired;
    };
    bool stopped = false;
    // Read once: simulated time runs jobs, which do not create organizations.
    const auto orgs = i.store->list_organizations();
    for (;;) {
        add(i.run_jobs(0, stopped));
        if (stopped) return total;  // the host's between_jobs hook stopped it: the clock stays
        std::optional<Timestamp> next;
        for (const auto& org : orgs) {
            if (auto d = i.jobs->next_due(org.id); d && (!next || *d < *next)) next = d;
        }
        if (!next || *next > target) break;
        if (*next > manual->now()) manual->set(*next);
    }
    manual->set(std::max(target, manual->now()));
    add(i.run_jobs(0, stopped));
    return total;
}

Invoice Coordinator::submit_invoice(const OrgId& org, Invoice invoice) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto out = impl_->maintenance->submit_invoice(org, std::move(invoice));
    impl_->fire_callbacks();
    return out;
}

WorkOrder Coordinator::assign_vendor(const OrgId& org, const WorkOrderId& work_order, const VendorId& vendor,
                                     std::optional<Money> amount, const std::string& assigned_by,
                                     const std::string& note) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto wo = impl_->maintenance->assign_vendor(org, work_order, vendor, amount, assigned_by, note);
    impl_->index_history(org);  // issue 20: the decision is precedent for the next job already
    impl_->fire_callbacks();
    return wo;
}

// ---- Onboarding (issue 17) ----
Checklist Coordinator::onboarding_checklist(const OrgId& org) { return impl_->onboarding->checklist(org); }

Checklist Coordinator::set_onboarding_checklist(const OrgId& org, const Json& checklist, const std::string& set_by) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto out = impl_->onboarding->set_checklist(org, checklist, set_by);
    impl_->fire_callbacks();
    return out;
}

Onboarding Coordinator::start_onboarding(const OrgId& org, const LeaseId& lease, const std::string& started_by) {
    const ScopedIdSequence ids(impl_->ids.get());
    impl_->ensure_schedules(org);
    auto out = impl_->onboarding->start(org, lease, started_by);
    impl_->fire_callbacks();
    return out;
}

Onboarding Coordinator::check_onboarding_item(const OrgId& org, const std::string& onboarding_id,
                                              const std::string& item, const OnboardingCheck& check) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto out = impl_->onboarding->check_item(org, onboarding_id, item, check);
    impl_->fire_callbacks();
    return out;
}

Onboarding Coordinator::check_onboarding_item(const OrgId& org, const std::string& onboarding_id,
                                              const std::string& item, OnboardingCheck check,
                                              std::string_view proof_document) {
    // The organization's blob store (its integration's, else the default's).
    const auto& integrations = impl_->opt.integrations;
    std::shared_ptr<channels::BlobStore> blobs = integrations.defaults.blob_store;
    if (const auto it = integrations.organizations.find(org.str());
        it != integrations.organizations.end() && it->second.blob_store) {
        blobs = it->second.blob_store;
    }
    if (!blobs) {
        throw Error(ErrorCode::kFailedPrecondition, "no blob store to keep the proof of item '" + item +
                                                        "' (set IntegrationConfig::blob_store)");
    }
    check.proof_blob_key = blobs->put(proof_document);
    return check_onboarding_item(org, onboarding_id, item, check);
}

std::vector<Onboarding> Coordinator::onboardings(const OrgId& org, const std::string& lease) {
    return impl_->onboarding->list(org, lease);
}
// ---- end Onboarding ----

Escalation Coordinator::resolve_escalation(const OrgId& org, const EscalationId& id, const std::string& decision,
                                           const std::string& resolved_by, const std::string& note) {
    auto& i = *impl_;
    const ScopedIdSequence ids(impl_->ids.get());
    auto out = i.store->write_result([&](Transaction& tx) {
        const auto now = i.clock->now();
        const auto reason = tx.get<Escalation>(org, id.str()).reason;
        // An approval is a structured decision, read once here: the escalation keeps "approve" or
        // "decline" and what it covers, and a paused run reads the same word.
        std::optional<ApprovalDecision> approval;
        if (reason == "owner_approval") approval = parse_approval_decision(decision, i.opt.policy.max_amount);
        const auto recorded = approval ? std::string(approval->approve ? "approve" : "decline") : decision;
        auto e = i.runner->resolve(tx, org, id, recorded, resolved_by);
        if (approval) {
            e.resolution = approval_resolution(*approval);
            tx.put(org, e);
            AuditEvent a;
            a.at = now;
            a.actor = "user:" + resolved_by;
            a.action = "approval.decided";
            a.entity_kind = "escalation";
            a.entity_id = e.id.str();
            a.correlation_id = e.run_id;
            a.data = e.resolution;
            if (e.work_order_id) a.data["work_order_id"] = e.work_order_id->str();
            tx.append_audit(org, a);
        }
        if (!e.run_id.empty()) {
            i.jobs->enqueue(tx, org, JobSpec{.type = job_types::kResumeRun,
                                             .payload = {{"run_id", e.run_id}},
                                             .priority = 60,
                                             .idempotency_key = "resume:" + e.run_id + ":" + id.str(),
                                             .correlation_id = e.run_id});
        } else if (e.reason == "owner_approval") {
            i.jobs->enqueue(tx, org, JobSpec{.type = job_types::kApprovalDecided,
                                             .payload = {{"escalation_id", id.str()}},
                                             .priority = 60,
                                             .idempotency_key = "approval:" + id.str()});
        }
        Json payload{{"escalation_id", id.str()}, {"reason", e.reason}, {"decision", recorded},
                     {"resolved_by", resolved_by}};
        if (approval) payload["resolution"] = e.resolution;
        emit_event(tx, org, "escalation.resolved", e.run_id, std::move(payload), now);
        // ---- staff decisions as precedent (issue 20): the decision, its note and what it covers,
        // kept for similar cases (indexed as a "decision" search document) ----
        StaffDecision d;
        d.kind = std::string(approval ? kDecisionApproval : kDecisionEscalationResolved);
        d.decided_by = resolved_by;
        d.decision = recorded;
        d.note = !note.empty() ? note : approval && approval->note != recorded ? approval->note : std::string();
        d.work_order_id = e.work_order_id;
        d.escalation_id = e.id;
        d.reason = e.reason;
        d.summary = e.summary;
        if (approval) {  // what it covers: what it names, else what was asked (the escalation's context)
            const auto& named = e.resolution;
            const auto& asked = e.context;
            const auto vendor = named.value("vendor_id", asked.value("vendor_id", std::string()));
            if (!vendor.empty()) d.vendor_id = VendorId(vendor);
            const auto cents = named.value("amount_cents", asked.value("amount_cents", std::int64_t{0}));
            if (cents > 0) d.amount = Money::cents(cents);
        }
        d.at = now;
        record_staff_decision(tx, org, std::move(d), e.run_id);
        // ---- end staff decisions ----
        return e;
    });
    i.index_history(org);  // issue 20: the decision is precedent for the next job already
    i.fire_callbacks();
    return out;
}

Escalation Coordinator::decide_approval(const OrgId& org, const EscalationId& id, const ApprovalDecision& decision,
                                        const std::string& resolved_by) {
    const auto e = impl_->store->read_result([&](Transaction& tx) { return tx.get<Escalation>(org, id.str()); });
    if (e.reason != "owner_approval") {
        throw Error(ErrorCode::kFailedPrecondition,
                    "escalation " + id.str() + " is '" + e.reason + "', not an owner approval; resolve it with a decision");
    }
    if (decision.amount) check_amount(*decision.amount, "amount", impl_->opt.policy.max_amount);
    return resolve_escalation(org, id, approval_resolution(decision).dump(), resolved_by);
}

// ---- notes on work orders and staff decisions (issue 20) ----
Note Coordinator::add_work_order_note(const OrgId& org, const WorkOrderId& work_order, const std::string& author,
                                      const std::string& text) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto n = propos::add_work_order_note(*impl_->store, org, work_order, author, text, impl_->clock->now());
    impl_->index_history(org);  // searchable at once (search is derived data: failures are retried later)
    impl_->fire_callbacks();
    return n;
}

std::vector<Note> Coordinator::work_order_notes(const OrgId& org, const WorkOrderId& work_order) {
    return propos::work_order_notes(*impl_->store, org, work_order);
}

std::vector<StaffDecision> Coordinator::staff_decisions(const OrgId& org, const std::string& work_order) {
    return impl_->store->read_result(
        [&](Transaction& tx) { return tx.list<StaffDecision>(org, {.parent = work_order}); });
}
// ---- end notes and staff decisions ----

std::vector<WorkOrder> Coordinator::work_orders(const OrgId& org, const WorkOrderQuery& q) {
    return impl_->store->read_result([&](Transaction& tx) {
        auto all = tx.list<WorkOrder>(org, {.parent = q.unit_id, .status = q.status});
        if (q.open_only) {
            all.erase(std::remove_if(all.begin(), all.end(), [](const WorkOrder& w) { return is_terminal(w.status); }),
                      all.end());
        }
        if (q.limit && all.size() > q.limit) all.resize(q.limit);
        return all;
    });
}

WorkOrder Coordinator::work_order(const OrgId& org, const WorkOrderId& id) {
    return impl_->store->read_result([&](Transaction& tx) { return tx.get<WorkOrder>(org, id.str()); });
}

std::vector<Message> Coordinator::thread_messages(const OrgId& org, const ThreadId& thread) {
    return impl_->store->read_result([&](Transaction& tx) {
        tx.get<Thread>(org, thread.str());
        return tx.list<Message>(org, {.parent = thread.str()});
    });
}

std::vector<Thread> Coordinator::threads(const OrgId& org, std::size_t limit) {
    return impl_->store->read_result([&](Transaction& tx) {
        auto all = tx.list<Thread>(org);
        std::sort(all.begin(), all.end(),
                  [](const Thread& a, const Thread& b) { return a.last_message_at > b.last_message_at; });
        if (limit && all.size() > limit) all.resize(limit);
        return all;
    });
}

std::vector<Message> Coordinator::outbox(const OrgId& org, std::size_t limit) {
    return impl_->store->read_result([&](Transaction& tx) {
        std::vector<Message> out;
        for (auto& m : tx.list<Message>(org)) {
            if (m.direction == Direction::kOutbound) out.push_back(std::move(m));
        }
        if (limit && out.size() > limit) out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(limit));
        return out;
    });
}

std::vector<Escalation> Coordinator::escalations(const OrgId& org, bool open_only) {
    return impl_->store->read_result([&](Transaction& tx) {
        return tx.list<Escalation>(org, {.status = open_only ? "open" : ""});
    });
}

std::vector<Event> Coordinator::events(const OrgId& org, const std::string& after_id, std::size_t limit) {
    return impl_->store->read_result([&](Transaction& tx) {
        return tx.list<Event>(org, {.after_id = after_id.empty() ? "evt_" : after_id, .limit = limit});
    });
}

std::vector<AuditEvent> Coordinator::audit(const OrgId& org, std::int64_t after_seq, std::size_t limit) {
    return AuditLog(*impl_->store).list(org, after_seq, limit);
}

AuditVerification Coordinator::verify_audit(const OrgId& org) { return AuditLog(*impl_->store).verify(org); }

std::vector<Organization> Coordinator::organizations() { return impl_->store->list_organizations(); }

EventSubscription Coordinator::on_event(EventCallback callback) {
    if (!callback) throw Error(ErrorCode::kInvalidArgument, "on_event needs a callback (it was empty)");
    std::lock_guard lock(impl_->mu);
    impl_->callbacks.push_back(std::move(callback));
    impl_->callback_ids.push_back(++impl_->last_subscription);
    return {impl_->last_subscription};
}

bool Coordinator::off(EventSubscription subscription) {
    auto& i = *impl_;
    std::lock_guard lock(i.mu);
    const auto it = std::find(i.callback_ids.begin(), i.callback_ids.end(), subscription.id);
    if (subscription.id == 0 || it == i.callback_ids.end()) return false;
    i.callbacks.erase(i.callbacks.begin() + (it - i.callback_ids.begin()));
    i.callback_ids.erase(it);
    return true;
}

std::vector<llm::ToolDefinition> Coordinator::tool_definitions(const std::string& workflow) const {
    const auto wanted = workflow.empty() ? std::string("maintenance") : workflow;
    std::string known;
    for (const auto* unit : impl_->workflows) {
        const auto names = unit->tool_names();
        if (names.empty()) continue;
        if (unit->name() == wanted) return impl_->tools.definitions(names);
        known += (known.empty() ? "" : ", ") + unit->name();
    }
    throw Error(ErrorCode::kInvalidArgument,
                "tool_definitions: unknown workflow '" + workflow + "' (known: " + known + ")");
}

void Coordinator::register_job_handler(const std::string& type, JobHandler handler) {
    impl_->table.add_host(type, std::move(handler));
}

HistorySearch* Coordinator::history_search() noexcept { return impl_->search.get(); }

std::vector<SearchHit> Coordinator::search(const OrgId& org, const SearchQuery& query) {
    auto& i = *impl_;
    if (!i.search) {
        throw Error(ErrorCode::kFailedPrecondition,
                    "history search is off (CoordinatorOptions::history_search is false)");
    }
    while (i.index_history(org)) {
    }  // a search sees everything indexed (in bounded slices, issue 19)
    return i.search->search(org, query);
}

// ---- lease renewals (issue 17; propos/workflows/renewal.hpp) ----
std::vector<ExpiringLease> Coordinator::expiring_leases(const OrgId& org, std::optional<Millis> within) {
    return propos::expiring_leases(*impl_->store, org, impl_->clock->now(), within);
}

Lease Coordinator::offer_renewal(const OrgId& org, const LeaseId& lease, const std::string& by) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto out = impl_->renewal->offer_now(org, lease, by);
    impl_->fire_callbacks();
    return out;
}

Lease Coordinator::record_renewal_decision(const OrgId& org, const LeaseId& lease, RenewalDecision decision,
                                           const std::string& by, const std::string& note) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto out = impl_->renewal->record_decision(org, lease, decision, by, note);
    impl_->fire_callbacks();
    return out;
}

Store& Coordinator::store() noexcept { return *impl_->store; }
JobQueue& Coordinator::jobs() noexcept { return *impl_->jobs; }
AgentRunner& Coordinator::agent() noexcept { return *impl_->runner; }
Clock& Coordinator::clock() noexcept { return *impl_->clock; }

// ---- Follow-up cadences (issue 17) ----
std::vector<CadenceDefinition> Coordinator::cadence_definitions(const OrgId& org) {
    return impl_->cadences->definitions(org);
}
std::vector<CadenceDefinition> Coordinator::set_cadence_definitions(const OrgId& org, const std::string& json_text,
                                                                    const std::string& source) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto out = impl_->cadences->set_definitions(org, json_text, source);
    impl_->fire_callbacks();
    return out;
}
CadenceEnrollment Coordinator::enrol_cadence(const OrgId& org, const CadenceRequest& request) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto out = impl_->cadences->enrol(org, request);
    impl_->fire_callbacks();
    return out;
}
std::vector<CadencePreviewStep> Coordinator::preview_cadence(const OrgId& org, const CadenceRequest& request) {
    return impl_->cadences->preview(org, request);
}
std::vector<CadencePreviewStep> Coordinator::preview_cadence(const OrgId& org, const std::string& enrollment_id) {
    return impl_->cadences->preview(org, enrollment_id);
}
CadenceEnrollment Coordinator::cancel_cadence(const OrgId& org, const std::string& enrollment_id,
                                              const std::string& by, const std::string& reason) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto out = impl_->cadences->cancel(org, enrollment_id, by, reason);
    impl_->fire_callbacks();
    return out;
}
CadenceEnrollment Coordinator::skip_cadence_step(const OrgId& org, const std::string& enrollment_id,
                                                 const std::string& step, const std::string& by) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto out = impl_->cadences->skip(org, enrollment_id, step, by);
    impl_->fire_callbacks();
    return out;
}
CadenceEnrollment Coordinator::reschedule_cadence_step(const OrgId& org, const std::string& enrollment_id,
                                                       const std::string& step, Timestamp due_at, bool rest,
                                                       const std::string& by) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto out = impl_->cadences->reschedule(org, enrollment_id, step, due_at, rest, by);
    impl_->fire_callbacks();
    return out;
}
std::vector<CadenceEnrollment> Coordinator::cadence_enrollments(const OrgId& org, const CadenceQuery& query) {
    return impl_->cadences->enrollments(org, query);
}
CadenceEnrollment Coordinator::cadence_enrollment(const OrgId& org, const std::string& enrollment_id) {
    return impl_->cadences->enrollment(org, enrollment_id);
}
std::vector<CadenceLogEntry> Coordinator::cadence_log(const OrgId& org, const std::string& enrollment_id) {
    return impl_->cadences->log(org, enrollment_id);
}
// ---- end follow-up cadences ----

// ---- compliance (propos/workflows/compliance.hpp) ----

std::vector<ComplianceItem> Coordinator::compliance_items(const OrgId& org, const ComplianceQuery& query) {
    return impl_->compliance->items(org, query);
}

std::vector<ComplianceOccurrence> Coordinator::compliance_calendar(const OrgId& org, const PropertyId& property,
                                                                   Timestamp from, Timestamp to) {
    return impl_->compliance->calendar(org, property, from, to);
}

std::size_t Coordinator::check_compliance(const OrgId& org) {
    const ScopedIdSequence ids(impl_->ids.get());
    const auto n = impl_->compliance->check(org);
    impl_->fire_callbacks();
    return n;
}

ComplianceItem Coordinator::complete_compliance_item(const OrgId& org, const ComplianceItemId& id,
                                                     const std::string& by, const std::string& note) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto item = impl_->compliance->complete(org, id, by, note);
    impl_->fire_callbacks();
    return item;
}

ComplianceItem Coordinator::attach_compliance_proof(const OrgId& org, const ComplianceItemId& id,
                                                    std::string_view data, const std::string& name,
                                                    const std::string& content_type, const std::string& by) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto item = impl_->compliance->attach_proof(org, id, data, name, content_type, by);
    impl_->fire_callbacks();
    return item;
}

ComplianceItem Coordinator::attach_compliance_proof_file(const OrgId& org, const ComplianceItemId& id,
                                                         const std::filesystem::path& file,
                                                         const std::string& content_type, const std::string& by) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto item = impl_->compliance->attach_proof_file(org, id, file, content_type, by);
    impl_->fire_callbacks();
    return item;
}

ComplianceItem Coordinator::record_notice_reply(const OrgId& org, const ComplianceItemId& id,
                                                const NoticeAnswers& answers, const std::string& by) {
    const ScopedIdSequence ids(impl_->ids.get());
    auto item = impl_->compliance->record_reply(org, id, answers, by);
    impl_->fire_callbacks();
    return item;
}

void Coordinator::load_compliance_pack(const std::filesystem::path& file) { impl_->compliance_rules->load_file(file); }

RuleBook& Coordinator::compliance_rules() noexcept { return *impl_->compliance_rules; }

}  // namespace propos
