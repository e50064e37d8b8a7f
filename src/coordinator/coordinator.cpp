#include "propos/coordinator.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "core/log.hpp"
#include "offline_provider.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/time.hpp"
#include "propos/store/portfolio_import.hpp"
#include "propos/workflows/maintenance.hpp"

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

    std::mutex mu;  // guards the members below
    std::vector<EventCallback> callbacks;
    std::map<std::string, std::string> last_event;  // org -> last event id handed to callbacks
    std::set<std::string> scheduled_orgs;

    void ensure_schedules(const OrgId& org) {
        {
            std::lock_guard lock(mu);
            if (scheduled_orgs.count(org.str())) return;
        }
        const auto existing = jobs->schedules(org);
        const bool has = std::any_of(existing.begin(), existing.end(),
                                     [](const Schedule& s) { return s.name == "stall-check"; });
        if (!has) {
            jobs->add_schedule(org, "stall-check", "0 * * * *",
                               JobSpec{.type = job_types::kStallCheck, .priority = -10});
        }
        std::lock_guard lock(mu);
        scheduled_orgs.insert(org.str());
    }

    void deliver(const Job& job) {
        const auto& org = job.org_id;
        const auto id = job.payload.value("message_id", "");
        auto msg = store->read_result([&](Transaction& tx) { return tx.get<Message>(org, id); });
        if (!msg.provider_message_id.empty() || msg.status == DeliveryStatus::kSuppressed) return;
        std::string provider_id;
        std::string error;
        auto it = opt.deliverers.find(msg.channel);
        try {
            provider_id = it != opt.deliverers.end() && it->second ? it->second(org, msg) : "outbox:" + msg.id.str();
        } catch (const Error& e) {
            if (e.code() == ErrorCode::kUnavailable) throw;  // retried with backoff
            error = e.what();
        }
        const auto now = clock->now();
        store->write([&](Transaction& tx) {
            auto m = tx.get<Message>(org, id);
            if (!m.provider_message_id.empty()) return;
            AuditEvent a;
            a.at = now;
            a.actor = "system";
            a.entity_kind = "message";
            a.entity_id = m.id.str();
            a.correlation_id = job.correlation_id;
            if (error.empty()) {
                m.provider_message_id = provider_id;
                m.status = DeliveryStatus::kSent;
                a.action = "message.sent";
                a.data = {{"provider_message_id", provider_id}, {"channel", enum_name(m.channel)}};
            } else {
                m.status = DeliveryStatus::kFailed;
                a.action = "message.failed";
                a.data = {{"error", error}};
            }
            tx.put(org, m);
            tx.append_audit(org, a);
            emit_event(tx, org, error.empty() ? "message.sent" : "message.failed", job.correlation_id,
                       Json{{"message_id", m.id.str()},
                            {"channel", enum_name(m.channel)},
                            {"work_order_id", m.work_order_id ? m.work_order_id->str() : ""}},
                       now);
        });
    }

    void run_job(const Job& job) {
        if (job.type == job_types::kDeliverMessage) return deliver(job);
        if (MaintenanceWorkflow::handles(job.type)) return maintenance->handle(job);
        throw Error(ErrorCode::kInvalidArgument, "no handler for job type '" + job.type + "'");
    }

    void fire_callbacks() {
        std::vector<EventCallback> cbs;
        {
            std::lock_guard lock(mu);
            cbs = callbacks;
        }
        if (cbs.empty()) return;
        for (const auto& org : store->list_organizations()) {
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
        i.store = std::shared_ptr<Store>(open_sqlite_store(i.opt.database_path));
    } else {
        throw Error(ErrorCode::kInvalidArgument,
                    "CoordinatorOptions needs a store or a database_path");
    }
    i.clock = i.opt.clock ? i.opt.clock : system_clock();
    i.jobs = std::make_unique<JobQueue>(*i.store, i.clock, JobQueueOptions{.seed = i.opt.seed});
    i.provider = i.opt.provider ? i.opt.provider : make_offline_maintenance_provider();
    i.services = std::make_unique<WorkflowServices>(WorkflowServices{*i.store, *i.jobs, i.clock, i.opt.policy});
    register_maintenance_tools(i.tools, *i.services);
    i.runner = std::make_unique<AgentRunner>(*i.store, *i.jobs, i.provider, i.tools,
                                             EscalationEngine(i.opt.policy), i.opt.policy, i.clock, i.opt.agent);
    i.maintenance = std::make_unique<MaintenanceWorkflow>(*i.services, *i.runner);
    if (i.opt.batch_size == 0) i.opt.batch_size = 1;
    // Callbacks see only events that happen from now on.
    for (const auto& org : i.store->list_organizations()) {
        const auto last = i.store->read_result([&](Transaction& tx) {
            return tx.list<Event>(org.id, {.newest_first = true, .limit = 1});
        });
        if (!last.empty()) i.last_event[org.id.str()] = last.front().id;
    }
}

Coordinator::~Coordinator() = default;

IngestResult Coordinator::ingest(const OrgId& org, const IncomingMessage& in) {
    auto& i = *impl_;
    const auto now = i.clock->now();
    // 1. The raw payload is kept before anything else, in its own transaction.
    std::string raw = in.raw_payload;
    if (raw.empty()) {
        raw = Json{{"provider", in.provider}, {"provider_message_id", in.provider_message_id},
                   {"channel", enum_name(in.channel)}, {"from", in.from}, {"to", in.to},
                   {"subject", in.subject}, {"text", in.text},
                   {"received_at", in.received_at == Timestamp{} ? format_time(now) : format_time(in.received_at)}}
                  .dump();
    }
    const auto raw_id = i.store->write_result([&](Transaction& tx) {
        return tx.store_raw_payload(org, in.provider, in.raw_content_type, raw, now);
    });
    std::string problem;
    if (in.provider_message_id.empty()) problem = "missing provider message id";
    else if (in.from.empty()) problem = "missing sender (from)";
    else if (in.text.find_first_not_of(" \t\r\n") == std::string::npos && in.media.empty()) problem = "empty text";
    if (!problem.empty()) {
        i.store->write([&](Transaction& tx) { tx.set_raw_payload_status(org, raw_id, "dead", problem); });
        throw Error(ErrorCode::kInvalidArgument, "inbound message " +
                                                     (in.provider_message_id.empty() ? std::string("(no id)")
                                                                                     : in.provider_message_id) +
                                                     ": " + problem + " (kept as dead letter " +
                                                     std::to_string(raw_id) + ")");
    }
    return i.store->write_result([&](Transaction& tx) {
        IngestResult r;
        r.raw_payload_id = raw_id;
        for (const auto& m : tx.list<Message>(org, {.lookup = in.provider_message_id})) {
            if (m.direction == Direction::kInbound) {
                tx.set_raw_payload_status(org, raw_id, "processed", "duplicate of " + m.id.str());
                r.message_id = m.id;
                r.duplicate = true;
                r.tenant_id = m.tenant_id;
                r.vendor_id = m.vendor_id;
                return r;
            }
        }
        const bool email = in.from.find('@') != std::string::npos;
        const std::string address = email ? normalize_email(in.from) : normalize_phone(in.from);
        Message m;
        m.id = MessageId(new_id("msg"));
        m.channel = in.channel;
        m.direction = Direction::kInbound;
        m.from = address;
        m.to = in.to;
        m.subject = in.subject;
        m.body = in.text;
        m.provider_message_id = in.provider_message_id;
        m.status = DeliveryStatus::kReceived;
        m.at = in.received_at == Timestamp{} ? now : in.received_at;
        m.media = in.media;
        const auto tenants = tx.list<Tenant>(org, {.lookup = address, .limit = 1});
        if (!tenants.empty()) {
            m.tenant_id = tenants.front().id;
        } else {
            const auto vendors = tx.list<Vendor>(org, {.lookup = address, .limit = 1});
            if (!vendors.empty()) m.vendor_id = vendors.front().id;
        }
        // Thread: the email being answered, else the sender's recent thread, else a new one.
        std::optional<Thread> thread;
        if (!in.in_reply_to.empty()) {
            for (const auto& prev : tx.list<Message>(org, {.lookup = in.in_reply_to, .limit = 1})) {
                thread = tx.find<Thread>(org, prev.thread_id.str());
            }
        }
        if (!thread) {
            const std::string key = m.tenant_id ? m.tenant_id->str() : m.vendor_id ? m.vendor_id->str() : address;
            for (const auto& th : tx.list<Thread>(org, {.lookup = key, .newest_first = true, .limit = 5})) {
                if (th.last_message_at + std::chrono::hours(24 * 7) >= m.at && !th.vendor_id == !m.vendor_id) {
                    thread = th;
                    break;
                }
            }
        }
        if (!thread) {
            Thread th;
            th.id = ThreadId(new_id("th"));
            th.channel = m.channel;
            th.tenant_id = m.tenant_id;
            th.vendor_id = m.vendor_id;
            th.address = address;
            th.subject = in.subject;
            th.created_at = m.at;
            thread = th;
        }
        thread->last_message_at = std::max(thread->last_message_at, m.at);
        m.thread_id = thread->id;
        if (thread->work_order_id && m.tenant_id) m.work_order_id.reset();
        tx.put(org, *thread);
        tx.put(org, m);
        const bool emergency = !EscalationEngine::emergency_reasons(in.text).empty();
        i.jobs->enqueue(tx, org,
                        JobSpec{.type = job_types::kInboundMessage,
                                .payload = {{"message_id", m.id.str()}},
                                .priority = emergency ? 100 : (m.vendor_id ? 50 : 30),
                                .idempotency_key = "inbound:" + in.provider_message_id,
                                .correlation_id = m.id.str()});
        AuditEvent a;
        a.at = now;
        a.actor = "webhook:" + in.provider;
        a.action = "message.received";
        a.entity_kind = "message";
        a.entity_id = m.id.str();
        a.correlation_id = m.id.str();
        a.data = {{"channel", enum_name(m.channel)},
                  {"from", email ? mask_email(address) : mask_phone(address)},
                  {"provider_message_id", in.provider_message_id},
                  {"raw_payload_id", raw_id},
                  {"sender", m.tenant_id ? "tenant" : m.vendor_id ? "vendor" : "unknown"},
                  {"chars", m.body.size()},
                  {"possible_emergency", emergency}};
        tx.append_audit(org, a);
        emit_event(tx, org, "message.received", m.id.str(),
                   Json{{"message_id", m.id.str()}, {"channel", enum_name(m.channel)},
                        {"tenant_id", m.tenant_id ? m.tenant_id->str() : ""},
                        {"vendor_id", m.vendor_id ? m.vendor_id->str() : ""}},
                   now);
        tx.set_raw_payload_status(org, raw_id, "processed", "");
        r.message_id = m.id;
        r.tenant_id = m.tenant_id;
        r.vendor_id = m.vendor_id;
        return r;
    });
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
    auto& i = *impl_;
    RunStats stats;
    for (;;) {
        bool progressed = false;
        for (const auto& org : i.store->list_organizations()) {
            i.ensure_schedules(org.id);
            stats.schedules_fired += i.jobs->run_schedules(org.id);
            auto batch = i.jobs->claim(org.id, i.opt.worker, i.opt.batch_size);
            for (const auto& job : batch) {
                progressed = true;
                ++stats.jobs_run;
                try {
                    i.run_job(job);
                    i.jobs->complete(job);
                } catch (const std::exception& e) {
                    ++stats.jobs_failed;
                    detail::logger()->warn("job {} ({}) in {} failed (attempt {}/{}): {}", job.id.str(), job.type,
                                           org.id.str(), job.attempts, job.max_attempts, redact(e.what()));
                    if (i.jobs->fail(job, e.what()) == JobState::kDead) ++stats.jobs_dead;
                }
                if (max_jobs && stats.jobs_run >= max_jobs) break;
            }
            if (max_jobs && stats.jobs_run >= max_jobs) break;
        }
        i.fire_callbacks();
        if (!progressed || (max_jobs && stats.jobs_run >= max_jobs)) break;
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
    for (;;) {
        add(run_until_idle());
        std::optional<Timestamp> next;
        for (const auto& org : i.store->list_organizations()) {
            if (auto d = i.jobs->next_due(org.id); d && (!next || *d < *next)) next = d;
        }
        if (!next || *next > target) break;
        if (*next > manual->now()) manual->set(*next);
    }
    manual->set(std::max(target, manual->now()));
    add(run_until_idle());
    return total;
}

Invoice Coordinator::submit_invoice(const OrgId& org, Invoice invoice) {
    auto out = impl_->maintenance->submit_invoice(org, std::move(invoice));
    impl_->fire_callbacks();
    return out;
}

Escalation Coordinator::resolve_escalation(const OrgId& org, const EscalationId& id, const std::string& decision,
                                           const std::string& resolved_by) {
    auto& i = *impl_;
    return i.store->write_result([&](Transaction& tx) {
        auto e = i.runner->resolve(tx, org, id, decision, resolved_by);
        const auto now = i.clock->now();
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
        emit_event(tx, org, "escalation.resolved", e.run_id,
                   Json{{"escalation_id", id.str()}, {"reason", e.reason}, {"decision", decision},
                        {"resolved_by", resolved_by}},
                   now);
        return e;
    });
}

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

void Coordinator::on_event(EventCallback callback) {
    std::lock_guard lock(impl_->mu);
    impl_->callbacks.push_back(std::move(callback));
}

Store& Coordinator::store() noexcept { return *impl_->store; }
JobQueue& Coordinator::jobs() noexcept { return *impl_->jobs; }
AgentRunner& Coordinator::agent() noexcept { return *impl_->runner; }
Clock& Coordinator::clock() noexcept { return *impl_->clock; }

}  // namespace propos
