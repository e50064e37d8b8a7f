// The workflow units through the Coordinator: lifecycle decisions audited with their events, the
// job table, the intake unit and delivery over an `OutboundChannel` (docs/architecture.md).
#include <gtest/gtest.h>

#include "oversight_fixture.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::expect_error;

class UnitsTest : public testing::OversightTest {
protected:
    // A Coordinator on the same store with other options.
    void remake(CoordinatorOptions o) {
        c.reset();
        o.store = store;
        o.clock = clock;
        o.seed = 11;
        c = std::make_unique<Coordinator>(std::move(o));
    }
    IngestResult say_on(Channel channel, const std::string& from, const std::string& text,
                        const std::string& subject = "", std::vector<std::string> references = {}) {
        IncomingMessage m;
        m.provider = "test";
        m.provider_message_id = "c" + std::to_string(++n);
        m.channel = channel;
        m.from = from;
        m.subject = subject;
        m.text = text;
        m.references = std::move(references);
        return c->ingest(org, m);
    }
    ThreadId thread_of(const MessageId& id) {
        for (const auto& th : c->threads(org)) {
            for (const auto& m : c->thread_messages(org, th.id)) {
                if (m.id == id) return th.id;
            }
        }
        return ThreadId();
    }
    WorkOrder only_wo() {
        auto all = c->work_orders(org);
        EXPECT_EQ(all.size(), 1u);
        return all.at(0);
    }
    // The audit entries of `action` about `wo`, each checked against the event written with it:
    // same type, time, correlation and work order.
    std::vector<AuditEvent> decisions(const std::string& action, const WorkOrderId& wo) {
        std::vector<AuditEvent> out;
        const auto events = c->events(org);
        for (const auto& a : c->audit(org)) {
            if (a.action != action || a.entity_id != wo.str()) continue;
            EXPECT_EQ(a.entity_kind, "work_order");
            const bool paired = std::any_of(events.begin(), events.end(), [&](const Event& e) {
                return e.type == action && e.at == a.at && e.correlation_id == a.correlation_id &&
                       e.payload.value("work_order_id", "") == wo.str() &&
                       e.payload.value("status", "") == a.data.value("status", "");
            });
            EXPECT_TRUE(paired) << action << " has no event written with its audit entry";
            out.push_back(a);
        }
        return out;
    }

};

TEST_F(UnitsTest, ScheduledCompletedAndClosedAreAuditedWithTheirEvents) {
    say("+12125550101", "My kitchen sink is leaking under the cabinet");
    c->run_until_idle();
    const auto id = only_wo().id;
    say("+12125550201", "YES 2026-01-06T15:00");
    c->run_until_idle();
    const auto scheduled = decisions("work_order.scheduled", id);
    ASSERT_EQ(scheduled.size(), 1u);
    EXPECT_EQ(scheduled[0].data.value("start", ""), "2026-01-06T15:00:00Z");
    EXPECT_EQ(scheduled[0].data.value("status", ""), "scheduled");
    c->advance(30h);
    say("+12125550201", "DONE replaced the trap");
    c->run_until_idle();
    const auto completed = decisions("work_order.completed", id);
    ASSERT_EQ(completed.size(), 1u);
    EXPECT_EQ(completed[0].actor, "vendor:v1");
    EXPECT_NE(completed[0].data.value("resolution", "").find("replaced the trap"), std::string::npos);
    say("+12125550101", "Yes it's fixed, thank you");
    c->run_until_idle();
    EXPECT_EQ(only_wo().status, WorkOrderStatus::kClosed);
    const auto closed = decisions("work_order.closed", id);
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].actor, "tenant:t1");
    EXPECT_TRUE(closed[0].data.value("confirmed_by_tenant", false));
    EXPECT_TRUE(c->verify_audit(org).ok);
}

TEST_F(UnitsTest, AutoCloseIsAuditedWithItsEvent) {
    say("+12125550101", "Kitchen faucet leaking");
    c->run_until_idle();
    say("+12125550201", "YES");
    say("+12125550201", "DONE");
    c->run_until_idle();
    const auto id = only_wo().id;
    EXPECT_TRUE(decisions("work_order.closed", id).empty());
    c->advance(49h);
    EXPECT_EQ(only_wo().status, WorkOrderStatus::kClosed);
    const auto closed = decisions("work_order.closed", id);
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].actor, "system");
    EXPECT_TRUE(closed[0].data.value("auto_closed", false));
}

TEST_F(UnitsTest, VendorTimeoutIsAuditedWithItsEvent) {
    say("+12125550101", "Bathroom sink drain is clogged");
    c->run_until_idle();
    const auto id = only_wo().id;
    EXPECT_EQ(only_wo().vendor_id, VendorId("v1"));
    c->advance(5h);  // routine: 4 h to accept
    const auto timeout = decisions("work_order.vendor_timeout", id);
    ASSERT_EQ(timeout.size(), 1u);
    EXPECT_EQ(timeout[0].data.value("vendor_id", ""), "v1");
    EXPECT_EQ(only_wo().vendor_id, VendorId("v2"));  // and the next vendor got the job
}

TEST_F(UnitsTest, ABidReceivedIsAuditedWithItsEvent) {
    say("+12125550101", "The old bathtub is cracked and needs to be replaced");
    c->run_until_idle();
    const auto id = only_wo().id;
    ASSERT_EQ(only_wo().status, WorkOrderStatus::kAwaitingBids);
    say("+12125550202", "BID 650.00");
    c->run_until_idle();
    const auto bids = decisions("bid.received", id);
    ASSERT_EQ(bids.size(), 1u);
    EXPECT_EQ(bids[0].actor, "vendor:v2");
    EXPECT_EQ(bids[0].data.value("amount_cents", std::int64_t{0}), 65000);
}

// ---- the job table ----

// A unit that records the jobs it is handed.
class RecordingUnit final : public Workflow {
public:
    explicit RecordingUnit(std::vector<std::string> types) : types_(std::move(types)) {}
    std::string name() const override { return "recording"; }
    std::vector<std::string> job_types() const override { return types_; }
    void handle(const Job& job) override { seen.push_back(job.type); }
    std::vector<std::string> seen;

private:
    std::vector<std::string> types_;
};

Job job_of(const std::string& type) {
    Job j;
    j.type = type;
    j.org_id = OrgId("acme");
    return j;
}

TEST(JobTableTest, DispatchesToTheUnitThatOwnsTheTypeAndToHostHandlers) {
    RecordingUnit unit({"a.one", "a.two"});
    JobTable table;
    table.add_unit(unit);
    std::vector<std::string> host;
    table.add_host("host.sync", [&](const Job& j) { host.push_back(j.type); });
    table.run(job_of("a.two"));
    table.run(job_of("host.sync"));
    table.run(job_of("a.one"));
    EXPECT_EQ(unit.seen, (std::vector<std::string>{"a.two", "a.one"}));
    EXPECT_EQ(host, (std::vector<std::string>{"host.sync"}));
    EXPECT_TRUE(table.is_builtin("a.one"));
    EXPECT_FALSE(table.is_builtin("host.sync"));
    EXPECT_EQ(table.types(), (std::vector<std::string>{"a.one", "a.two", "host.sync"}));
    // Host jobs talk to the outside world: never in a group commit; built-in ones as added.
    EXPECT_FALSE(table.groupable("host.sync"));
    EXPECT_TRUE(table.groupable("a.one"));
    table.add_builtin("b.send", [](const Job&) {}, false);
    EXPECT_FALSE(table.groupable("b.send"));
}

TEST(JobTableTest, BuiltInTypesCannotBeReplacedAndUnknownTypesAreErrors) {
    RecordingUnit unit({"a.one"});
    JobTable table;
    table.add_unit(unit);
    expect_error([&] { table.add_host("a.one", [](const Job&) {}); }, ErrorCode::kAlreadyExists,
                 "job type 'a.one' is built in and cannot be replaced");
    table.add_host("host.sync", [](const Job&) {});
    expect_error([&] { table.add_host("host.sync", [](const Job&) {}); }, ErrorCode::kAlreadyExists,
                 "already registered");
    expect_error([&] { table.add_host("", [](const Job&) {}); }, ErrorCode::kInvalidArgument, "needs a job type");
    expect_error([&] { table.add_host("x", nullptr); }, ErrorCode::kInvalidArgument, "needs a job type");
    // Two units cannot own one type.
    RecordingUnit rival({"a.one"});
    expect_error([&] { table.add_unit(rival); }, ErrorCode::kAlreadyExists, "already has an owner");
    expect_error([&] { table.run(job_of("nobody.owns")); }, ErrorCode::kInvalidArgument,
                 "no handler for job type 'nobody.owns'");
    EXPECT_TRUE(unit.seen.empty());
}

TEST_F(UnitsTest, TheCoordinatorRunsHostJobsFromItsTableAndKeepsBuiltInTypes) {
    for (const char* builtin : {job_types::kInboundMessage, job_types::kDeliverMessage, job_types::kBidsDue,
                                job_types::kEscalationSlaCheck, job_types::kResumeRun}) {
        expect_error([&] { c->register_job_handler(builtin, [](const Job&) {}); }, ErrorCode::kAlreadyExists,
                     "is built in and cannot be replaced");
    }
    std::vector<std::string> ran;
    c->register_job_handler("host.export", [&](const Job& j) { ran.push_back(j.payload.value("what", "")); });
    c->jobs().enqueue(org, JobSpec{.type = "host.export", .payload = {{"what", "ledger"}}});
    c->run_until_idle();
    EXPECT_EQ(ran, (std::vector<std::string>{"ledger"}));
    // A type nobody owns fails every attempt and ends with a person.
    c->jobs().enqueue(org, JobSpec{.type = "nobody.owns", .max_attempts = 1});
    const auto stats = c->run_until_idle();
    EXPECT_EQ(stats.jobs_failed, 1u);
    EXPECT_EQ(stats.jobs_dead, 1u);
    ASSERT_EQ(open_with("job_failed").size(), 1u);
    EXPECT_NE(open_with("job_failed")[0].summary.find("no handler for job type 'nobody.owns'"), std::string::npos);
}

TEST_F(UnitsTest, ToolDefinitionsComeFromTheUnitsThatOfferTools) {
    const auto defs = c->tool_definitions("maintenance");
    ASSERT_EQ(defs.size(), maintenance_tool_names().size());
    for (std::size_t k = 0; k < defs.size(); ++k) EXPECT_EQ(defs[k].name, maintenance_tool_names()[k]);
    EXPECT_EQ(c->tool_definitions("").size(), defs.size());
    expect_error([&] { c->tool_definitions("compliance"); }, ErrorCode::kInvalidArgument,
                 "unknown workflow 'compliance' (known: maintenance)");
}

// ---- delivery over OutboundChannel ----

TEST(OutboxChannelTest, RecordsEveryMessageOnceAndSendsNothing) {
    auto outbox = channels::make_outbox_channel(Channel::kEmail);
    EXPECT_EQ(outbox->channel(), Channel::kEmail);
    EXPECT_EQ(outbox->provider(), "outbox");
    channels::OutboundMessage m;
    m.channel = Channel::kEmail;
    m.idempotency_key = "msg_1";
    m.to = "ann@example.com";
    m.text = "hello";
    EXPECT_FALSE(outbox->find_sent("msg_1"));
    const auto first = outbox->send(m);
    EXPECT_EQ(first.provider, "outbox");
    EXPECT_EQ(first.provider_message_id, "outbox:msg_1");
    EXPECT_EQ(first.status, DeliveryStatus::kSent);
    EXPECT_FALSE(first.duplicate);
    const auto again = outbox->send(m);
    EXPECT_TRUE(again.duplicate);
    EXPECT_EQ(again.provider_message_id, "outbox:msg_1");
    ASSERT_TRUE(outbox->find_sent("msg_1"));
    // A result remembered from an earlier life answers its key.
    channels::SendResult before;
    before.provider = "outbox";
    before.provider_message_id = "outbox:msg_0";
    outbox->remember("msg_0", before);
    m.idempotency_key = "msg_0";
    EXPECT_TRUE(outbox->send(m).duplicate);
    m.idempotency_key.clear();
    expect_error([&] { outbox->send(m); }, ErrorCode::kInvalidArgument, "idempotency key");
}

TEST_F(UnitsTest, DeliveryUsesTheHostsChannelAndTheOutboxForTheOthers) {
    // SMS through a host deliverer built on an OutboundChannel; email has none: the outbox.
    struct Recorder final : channels::OutboundChannel {
        Channel channel() const noexcept override { return Channel::kSms; }
        std::string_view provider() const noexcept override { return "recorder"; }
        channels::SendResult send(const channels::OutboundMessage& m) override {
            to.push_back(m.to);
            return {.provider = "recorder", .provider_message_id = "rec-" + m.idempotency_key};
        }
        std::optional<channels::SendResult> find_sent(std::string_view) const override { return std::nullopt; }
        void remember(std::string_view, const channels::SendResult&) override {}
        std::vector<std::string> to;
    };
    auto sms = std::make_shared<Recorder>();
    CoordinatorOptions o;
    o.deliverers[Channel::kSms] = deliver_through(sms);
    remake(std::move(o));
    store->write([&](Transaction& tx) {
        auto t = tx.get<Tenant>(org, "t1");
        t.sms_opt_out = true;  // the tenant's messages go by email
        t.email = "ann@example.com";
        tx.put(org, t);
    });
    say("+12125550101", "Kitchen faucet leaking");
    c->run_until_idle();
    bool vendor_sms = false, tenant_email = false;
    for (const auto& m : c->outbox(org)) {
        if (m.channel == Channel::kSms) {
            EXPECT_EQ(m.provider_message_id, "rec-" + m.id.str());
            vendor_sms |= m.to == "+12125550201";
        } else if (m.channel == Channel::kEmail) {
            EXPECT_EQ(m.provider_message_id, "outbox:" + m.id.str());
            tenant_email |= m.to == "ann@example.com";
        }
        EXPECT_EQ(m.status, DeliveryStatus::kSent);
    }
    EXPECT_TRUE(vendor_sms);
    EXPECT_TRUE(tenant_email);
    EXPECT_FALSE(sms->to.empty());
    // Each send is a decision with its audit entry and event.
    std::size_t sent_audits = 0;
    for (const auto& a : c->audit(org)) sent_audits += a.action == "message.sent";
    EXPECT_EQ(sent_audits, events_of("message.sent"));
    EXPECT_EQ(sent_audits, c->outbox(org).size());
}

// ---- maintenance composed of its units ----

TEST_F(UnitsTest, MaintenanceIsComposedOfUnitsThatEachOwnTheirJobsAndTools) {
    WorkflowServices services{c->store(), c->jobs(), clock, Policy{}, nullptr};
    MaintenanceWorkflow maintenance(services, c->agent());
    std::vector<std::string> names, types, tools;
    for (const auto* unit : maintenance.units()) {
        names.push_back(unit->name());
        for (const auto& t : unit->job_types()) types.push_back(t);
        for (const auto& t : unit->tool_names()) tools.push_back(t);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"repair_intake", "vendor_dispatch", "scheduling", "completion",
                                               "invoices", "escalation_sla"}));
    // No job type or tool has two owners, and together they are the maintenance workflow's.
    auto sorted = [](std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    EXPECT_EQ(sorted(types), sorted(maintenance.job_types()));
    // Inbound messages are intake's: it hands maintenance its messages.
    EXPECT_EQ(std::count(types.begin(), types.end(), job_types::kInboundMessage), 0);
    EXPECT_EQ(std::set<std::string>(types.begin(), types.end()).size(), types.size());
    EXPECT_EQ(sorted(tools), sorted(maintenance_tool_names()));
    EXPECT_EQ(std::set<std::string>(tools.begin(), tools.end()).size(), tools.size());
    // Each unit registers exactly its own tools.
    for (const auto* unit : maintenance.units()) {
        ToolRegistry own;
        unit->register_tools(own);
        EXPECT_EQ(own.names(), unit->tool_names()) << unit->name();
    }
    // The facade registers them all, in the order the model has always been offered them.
    ToolRegistry registry;
    maintenance.register_tools(registry);
    EXPECT_EQ(registry.names(), maintenance_tool_names());
    ToolRegistry direct;
    register_maintenance_tools(direct, services);
    EXPECT_EQ(direct.names(), maintenance_tool_names());
    // A job a unit does not own is an error naming the unit.
    Job stray;
    stray.type = "vendor.response_due";
    stray.org_id = org;
    expect_error([&] { maintenance.units().front()->handle(stray); }, ErrorCode::kInvalidArgument,
                 "workflow unit 'repair_intake' does not handle job type 'vendor.response_due'");
}

// ---- intake ----

// Ann's SMS as the Twilio webhook hands it to intake, with the keyword Twilio read.
IncomingMessage from_twilio(const std::string& sid, const std::string& text, channels::SmsKeyword keyword) {
    IncomingMessage m;
    m.provider = "twilio";
    m.provider_message_id = sid;
    m.from = "+12125550101";
    m.text = text;
    m.keyword = keyword;
    return m;
}

bool opted_out(Store& store, const OrgId& org) {
    return store.read_result([&](Transaction& tx) { return tx.get<Tenant>(org, "t1").sms_opt_out; });
}

TEST_F(UnitsTest, TheKeywordTheChannelReadIsTheOneTheWorkflowActsOn) {
    // Twilio reports a custom opt-out word (OptOutType=STOP): the body alone is no keyword, the
    // channel's verdict is what counts.
    c->ingest(org, from_twilio("SM-arret", "ARRET", channels::SmsKeyword::kStop));
    c->run_until_idle();
    EXPECT_TRUE(opted_out(*store, org));
    EXPECT_TRUE(c->work_orders(org).empty());
    // The keyword was read once, at intake, and recorded with the message's arrival.
    bool recorded = false;
    for (const auto& a : c->audit(org)) {
        if (a.action == "message.received" && a.data.value("provider_message_id", "") == "SM-arret") {
            recorded = a.data.value("keyword", "") == "stop";
        }
    }
    EXPECT_TRUE(recorded);
    // A channel that read no keyword is believed too (the provider handled the word itself)...
    c->ingest(org, from_twilio("SM-start", "START", channels::SmsKeyword::kNone));
    c->run_until_idle();
    EXPECT_TRUE(opted_out(*store, org));
    // ...while a host's message without a verdict is read by intake: START opts back in.
    say("+12125550101", "START");
    c->run_until_idle();
    EXPECT_FALSE(opted_out(*store, org));
    // YES opts back in only from a tenant who has opted out by the time it is read.
    say("+12125550101", "STOP");
    say("+12125550101", "YES");
    c->run_until_idle();
    EXPECT_FALSE(opted_out(*store, org));
    EXPECT_EQ(events_of("tenant.sms_opt_in"), 2u);
}

TEST_F(UnitsTest, AnEmailReplyJoinsTheThreadOfTheMessageItAnswers) {
    store->write([&](Transaction& tx) {
        auto t = tx.get<Tenant>(org, "t1");
        t.email = "ann@example.com";
        t.preferred_channel = Channel::kEmail;
        tx.put(org, t);
    });
    const auto first = say_on(Channel::kEmail, "ann@example.com", "My kitchen sink is leaking", "Leak in 1A");
    c->run_until_idle();
    const auto thread = thread_of(first.message_id);
    ASSERT_FALSE(thread.empty());
    std::optional<Message> ours;
    for (const auto& m : c->thread_messages(org, thread)) {
        if (m.direction == Direction::kOutbound && m.channel == Channel::kEmail) ours = m;
    }
    ASSERT_TRUE(ours) << "the tenant got no email on the thread of their message";
    // Eight days later (past the week a sender's thread stays current) the tenant answers our
    // email: the References chain names our Message-ID after one we never sent.
    clock->advance(8 * 24h);
    const auto reply = say_on(Channel::kEmail, "ann@example.com", "Thanks, when will they come?", "Re: Leak in 1A",
                              {"CAF-unknown@mail.example.com", ours->id.str() + "@acme.test"});
    EXPECT_EQ(thread_of(reply.message_id), thread);
    // The provider's id of our message works the same; a mail that answers nothing of ours starts
    // a new thread.
    const auto by_provider = say_on(Channel::kEmail, "ann@example.com", "And the drain?", "Re: Leak in 1A",
                                    {ours->provider_message_id});
    EXPECT_EQ(thread_of(by_provider.message_id), thread);
    clock->advance(8 * 24h);
    const auto fresh = say_on(Channel::kEmail, "ann@example.com", "New problem: the oven", "Oven",
                              {"CAF-unknown@mail.example.com"});
    EXPECT_NE(thread_of(fresh.message_id), thread);
}


}  // namespace
}  // namespace propos
