// Follow-up cadences (propos/workflows/cadence.hpp) through the Coordinator on simulated time:
// definitions as data (schema and placeholder errors), step times, preview = what is sent, skip,
// reschedule without a double send, cancelled by any reply and by STOP, one enrolment per contact
// and purpose, the post-repair check after a closed repair, opened/clicked times from SendGrid
// events, and a simulated year.
#include <gtest/gtest.h>

#include "oversight_fixture.hpp"
#include "propos/workflows/cadence.hpp"
#include "propos/channels/twilio.hpp"
#include "webhook_signing.hpp"

namespace propos {
namespace {
using namespace std::chrono_literals;
using propos::testing::expect_error;

class CadenceTest : public testing::OversightTest {
protected:
    // The fixture's portfolio on a real SQLite file without fsync: these tests play months of
    // simulated time (the 15-minute escalation checks alone are thousands of commits).
    void SetUp() override {
        store = std::shared_ptr<Store>(
            open_sqlite_store(dir.file("cadence.db"), SqliteOptions{.synchronous = Synchronous::kOff}));
        import_portfolio(*store, testing::portfolio("acme"), clock->now());
        remake({});
    }
    void remake(CoordinatorOptions o) {
        c.reset();
        o.store = store;
        o.clock = clock;
        o.seed = 5;
        c = std::make_unique<Coordinator>(std::move(o));
    }
    void edit_tenant(const std::string& id, const std::function<void(Tenant&)>& f) {
        store->write([&](Transaction& tx) {
            auto t = tx.get<Tenant>(org, id);
            f(t);
            tx.put(org, t);
        });
    }
    CadenceEnrollment enrol(const std::string& tenant, const std::string& purpose, const std::string& cadence = "",
                            std::map<std::string, std::string> refs = {}) {
        CadenceRequest r;
        r.tenant_id = TenantId(tenant);
        r.purpose = purpose;
        r.cadence = cadence;
        r.references = std::move(refs);
        r.by = "staff:kim";
        return c->enrol_cadence(org, r);
    }
    // The messages sent by an enrolment's steps, from its log.
    std::vector<Message> sent_by(const std::string& enrollment) {
        std::vector<Message> out;
        const auto e = c->cadence_enrollment(org, enrollment);
        for (const auto& st : e.steps) {
            if (!st.message_id) continue;
            store->read([&](Transaction& tx) { out.push_back(tx.get<Message>(org, st.message_id->str())); });
        }
        return out;
    }
    // Every cadence.* audit entry has its event, written with it.
    void expect_paired_decisions() {
        const auto events = c->events(org);
        for (const auto& a : c->audit(org)) {
            if (a.action.rfind("cadence.", 0) != 0) continue;
            const bool paired = std::any_of(events.begin(), events.end(), [&](const Event& e) {
                return e.type == a.action && e.at == a.at && e.correlation_id == a.correlation_id;
            });
            EXPECT_TRUE(paired) << a.action << " has no event";
        }
    }
};

Timestamp at(const char* iso) { return parse_time(iso); }

// ---- definitions as data ----

TEST(CadenceDefinitions, BuiltinsFollowTheDesignAndSpeakFiveLanguages) {
    const auto& all = builtin_cadences();
    const auto def = std::find_if(all.begin(), all.end(), [](const auto& d) { return d.name == "default"; });
    ASSERT_NE(def, all.end());
    std::vector<int> offsets;
    for (const auto& s : def->steps) offsets.push_back(s.offset_days);
    EXPECT_EQ(offsets, (std::vector<int>{1, 3, 7, 14, 30}));  // Day 1, Day 3, Week 1, Week 2, Month 1
    std::set<std::string> purposes;
    for (const auto& d : all) {
        purposes.insert(d.purpose);
        EXPECT_EQ(d.source, "builtin");
        for (const auto& s : d.steps) {
            for (const char* lang : {"en", "es", "zh", "ru", "fr"}) EXPECT_TRUE(s.templates.count(lang)) << d.name;
        }
    }
    for (const char* p : {"renewal", "onboarding", "post_repair", "missing_document"}) EXPECT_TRUE(purposes.count(p));
    EXPECT_NE(cadence_schema().find("offset_days"), std::string::npos);
}

TEST(CadenceDefinitions, ErrorsNameTheSourceAndTheField) {
    const auto one = [](const std::string& step) {
        return R"({"cadences":[{"name":"mine","purpose":"general","steps":[)" + step + "]}]}";
    };
    expect_error([&] { parse_cadence_definitions(one(R"({"name":"d1","offset_days":"one","templates":{"en":"Hi"}})"), "org.json"); },
                 ErrorCode::kInvalidArgument, "org.json: cadences[0].steps[0].offset_days");
    expect_error([&] {
        parse_cadence_definitions(one(R"({"name":"d1","offset_days":1,"templates":{"en":"Hi {first_name}","es":"Hola {nickname}"}})"),
                                  "org.json");
    }, ErrorCode::kInvalidArgument, "cadences[0].steps[0].templates.es: unknown placeholder {nickname}");
    expect_error([&] { parse_cadence_definitions(one(R"({"name":"d1","offset_days":1,"templates":{"es":"Hola"}})"), "org.json"); },
                 ErrorCode::kInvalidArgument, "cadences[0].steps[0].templates");
    expect_error([&] {
        parse_cadence_definitions(one(R"({"name":"d1","offset_days":1,"send_at":"25:00","templates":{"en":"Hi"}})"), "org.json");
    }, ErrorCode::kInvalidArgument, "cadences[0].steps[0].send_at");
    expect_error([&] {
        parse_cadence_definitions(one(R"({"name":"a","offset_days":5,"templates":{"en":"Hi"}},{"name":"b","offset_days":2,"templates":{"en":"Hi"}})"),
                                  "org.json");
    }, ErrorCode::kInvalidArgument, "cadences[0].steps[1].offset_days: steps must be listed in offset order");
    expect_error([&] { parse_cadence_definitions("{not json", "org.json"); }, ErrorCode::kInvalidArgument, "org.json");
    expect_error([&] { load_cadence_file("/nonexistent/cadences.json"); }, ErrorCode::kNotFound,
                 "/nonexistent/cadences.json");
    const auto ok = parse_cadence_definitions(
        one(R"({"name":"d2","offset_days":2,"send_at":"09:30","channel":"email","templates":{"en":"Hi {first_name} of {unit}"}})"),
        "org.json");
    ASSERT_EQ(ok.size(), 1u);
    EXPECT_EQ(ok[0].steps[0].send_minute, 9 * 60 + 30);
    EXPECT_EQ(ok[0].steps[0].channel, CadenceChannel::kEmail);
    EXPECT_EQ(ok[0].source, "org.json");
}

TEST_F(CadenceTest, AnOrganizationsOwnDefinitionsReplaceBuiltinsAndBadOnesChangeNothing) {
    const std::string mine = R"({"cadences":[{"name":"post_repair","purpose":"post_repair","steps":[
        {"name":"next_day","offset_days":1,"send_at":"11:00","templates":{"en":"{first_name}, rate the fix of {work_order_summary}"}}]}]})";
    const auto set = c->set_cadence_definitions(org, mine, "acme-cadences.json");
    ASSERT_EQ(set.size(), 1u);
    auto defs = c->cadence_definitions(org);
    const auto pr = std::find_if(defs.begin(), defs.end(), [](const auto& d) { return d.name == "post_repair"; });
    ASSERT_NE(pr, defs.end());
    EXPECT_EQ(pr->source, "acme-cadences.json");
    EXPECT_EQ(pr->steps.size(), 1u);
    EXPECT_TRUE(std::any_of(defs.begin(), defs.end(), [](const auto& d) { return d.name == "default"; }));
    // A bad set names the organization (no file given) and the field; the stored set stays.
    expect_error([&] { c->set_cadence_definitions(org, R"({"cadences":[{"name":"x","purpose":"p","steps":[]}]})"); },
                 ErrorCode::kInvalidArgument, "of organization acme: cadences[0].steps");
    defs = c->cadence_definitions(org);
    EXPECT_EQ(std::count_if(defs.begin(), defs.end(), [](const auto& d) { return d.source == "acme-cadences.json"; }), 1);
    expect_paired_decisions();
}

// ---- enrolment, timing, preview ----

TEST_F(CadenceTest, StepsFallOnTheirDaysAtTheLocalSendTime) {
    const auto e = enrol("t1", "general");  // Monday 2026-01-05 09:00 New York
    EXPECT_EQ(e.cadence, "default");
    EXPECT_EQ(e.status, CadenceStatus::kActive);
    ASSERT_EQ(e.steps.size(), 5u);
    // 10:00 in New York (UTC-5) on Day 1, Day 3, Week 1, Week 2, Month 1.
    EXPECT_EQ(e.steps[0].due_at, at("2026-01-06T15:00:00Z"));
    EXPECT_EQ(e.steps[1].due_at, at("2026-01-08T15:00:00Z"));
    EXPECT_EQ(e.steps[2].due_at, at("2026-01-12T15:00:00Z"));
    EXPECT_EQ(e.steps[3].due_at, at("2026-01-19T15:00:00Z"));
    EXPECT_EQ(e.steps[4].due_at, at("2026-02-04T15:00:00Z"));
    c->advance(24h);  // to Jan 6 09:00 local: nothing yet
    EXPECT_TRUE(sent_by(e.id).empty());
    c->advance(2h);
    const auto sent = sent_by(e.id);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].at, at("2026-01-06T15:00:00Z"));
    EXPECT_EQ(sent[0].to, "+12125550101");
    EXPECT_NE(sent[0].body.find("Ann"), std::string::npos);
    EXPECT_NE(sent[0].body.find("Elm Court"), std::string::npos);
    c->advance(24h * 40);
    EXPECT_EQ(sent_by(e.id).size(), 5u);
    const auto done = c->cadence_enrollment(org, e.id);
    EXPECT_EQ(done.status, CadenceStatus::kCompleted);
    EXPECT_EQ(done.end_reason, "last_step");
    EXPECT_EQ(events_of("cadence.step_sent"), 5u);
    EXPECT_EQ(events_of("cadence.completed"), 1u);
    expect_paired_decisions();
    EXPECT_TRUE(c->verify_audit(org).ok);
}

TEST_F(CadenceTest, PreviewIsWhatIsSentInTheTenantsLanguage) {
    edit_tenant("t2", [](Tenant& t) { t.language = "es"; });
    CadenceRequest r;
    r.tenant_id = TenantId("t2");
    r.purpose = "missing_document";
    r.references = {{"document", "seguro de inquilino"}};
    const auto preview = c->preview_cadence(org, r);
    ASSERT_EQ(preview.size(), 4u);
    EXPECT_TRUE(c->cadence_enrollments(org).empty());  // nothing stored
    EXPECT_TRUE(c->outbox(org).empty());
    for (const auto& p : preview) {
        EXPECT_EQ(p.language, "es");
        EXPECT_EQ(p.body.find('{'), std::string::npos) << p.body;  // every placeholder filled
        EXPECT_NE(p.body.find("Luis"), std::string::npos);
        EXPECT_NE(p.body.find("seguro de inquilino"), std::string::npos);
        EXPECT_NE(p.body.find("2B"), std::string::npos);
        EXPECT_NE(p.body.find("Acme PM"), std::string::npos);
    }
    const auto e = c->enrol_cadence(org, r);
    c->advance(24h * 15);
    const auto sent = sent_by(e.id);
    ASSERT_EQ(sent.size(), preview.size());
    for (std::size_t i = 0; i < sent.size(); ++i) {
        EXPECT_EQ(sent[i].body, preview[i].body);
        EXPECT_EQ(sent[i].to, preview[i].to);
        EXPECT_EQ(sent[i].at, preview[i].due_at);
    }
    // The preview of the stored enrolment shows the same text with the steps' states.
    const auto again = c->preview_cadence(org, e.id);
    ASSERT_EQ(again.size(), 4u);
    EXPECT_EQ(again[0].body, preview[0].body);
    EXPECT_EQ(again[0].status, CadenceStepStatus::kSent);
}

TEST_F(CadenceTest, EnrolmentErrorsSayWhatIsMissing) {
    expect_error([&] { enrol("nobody", "general"); }, ErrorCode::kNotFound, "tenant nobody");
    expect_error([&] { enrol("t1", "missing_document"); }, ErrorCode::kInvalidArgument, "'document' reference");
    expect_error([&] { enrol("t1", "post_repair"); }, ErrorCode::kInvalidArgument, "'work_order_id' reference");
    expect_error([&] { enrol("t1", "post_repair", "", {{"work_order_id", "wo_nope"}}); }, ErrorCode::kNotFound,
                 "work order wo_nope");
    expect_error([&] { enrol("t1", "", "nope"); }, ErrorCode::kNotFound, "unknown cadence 'nope'");
    expect_error([&] { enrol("t1", "renewal", "default"); }, ErrorCode::kInvalidArgument, "purpose 'general'");
    expect_error([&] { enrol("t1", "parking"); }, ErrorCode::kNotFound, "no cadence for purpose 'parking'");
    expect_error([&] { enrol("t1", ""); }, ErrorCode::kInvalidArgument, "purpose or a cadence");
    edit_tenant("t2", [](Tenant& t) { t.phone.clear(); });
    expect_error([&] { enrol("t2", "general"); }, ErrorCode::kFailedPrecondition, "no phone or email");
    EXPECT_TRUE(c->cadence_enrollments(org).empty());
}

TEST_F(CadenceTest, OneActiveEnrolmentPerContactAndPurpose) {
    const auto a = enrol("t1", "general");
    const auto b = enrol("t1", "", "default");
    EXPECT_EQ(a.id, b.id);
    const auto other = enrol("t1", "missing_document", "", {{"document", "renter's insurance"}});
    EXPECT_NE(other.id, a.id);
    const auto t2 = enrol("t2", "general");
    EXPECT_NE(t2.id, a.id);
    EXPECT_EQ(events_of("cadence.enrolled"), 3u);
    EXPECT_EQ(c->cadence_enrollments(org, {.tenant_id = "t1"}).size(), 2u);
    EXPECT_EQ(c->cadence_enrollments(org, {.purpose = "general"}).size(), 2u);
    // Once it ended, enrolling again starts a new one.
    c->cancel_cadence(org, a.id, "staff:kim");
    const auto again = enrol("t1", "general");
    EXPECT_NE(again.id, a.id);
    expect_error([&] { c->cancel_cadence(org, a.id, "staff:kim"); }, ErrorCode::kFailedPrecondition, "cancelled");
    expect_error([&] { c->cadence_enrollments(org, {.status = "paused"}); }, ErrorCode::kInvalidArgument, "paused");
}

// ---- skip, reschedule, cancel ----

TEST_F(CadenceTest, SkippedStepsAreNotSentAndTheLastOneCompletes) {
    const auto e = enrol("t1", "missing_document", "", {{"document", "lease addendum"}});
    c->skip_cadence_step(org, e.id, "day_3", "staff:kim");
    c->advance(24h * 4);
    auto log = c->cadence_log(org, e.id);
    ASSERT_EQ(log.size(), 4u);
    EXPECT_EQ(log[0].status, CadenceStepStatus::kSent);
    EXPECT_EQ(log[1].status, CadenceStepStatus::kSkipped);
    EXPECT_FALSE(log[1].message_id);
    EXPECT_EQ(sent_by(e.id).size(), 1u);
    expect_error([&] { c->skip_cadence_step(org, e.id, "day_1", "staff:kim"); }, ErrorCode::kFailedPrecondition,
                 "not pending");
    expect_error([&] { c->skip_cadence_step(org, e.id, "year_9", "staff:kim"); }, ErrorCode::kNotFound, "year_9");
    c->skip_cadence_step(org, e.id, "2", "staff:kim");  // by index: week_1
    c->skip_cadence_step(org, e.id, "week_2", "staff:kim");
    const auto done = c->cadence_enrollment(org, e.id);
    EXPECT_EQ(done.status, CadenceStatus::kCompleted);
    EXPECT_EQ(events_of("cadence.step_skipped"), 3u);
    c->advance(24h * 20);
    EXPECT_EQ(sent_by(e.id).size(), 1u);
    expect_paired_decisions();
}

TEST_F(CadenceTest, ARescheduledStepIsSentOnceAtItsNewTime) {
    const auto e = enrol("t1", "general");
    // Day 1 moves from Jan 6 15:00Z to Jan 7 16:00Z; the later steps stay.
    auto moved = c->reschedule_cadence_step(org, e.id, "day_1", at("2026-01-07T16:00:00Z"), false, "staff:kim");
    EXPECT_EQ(moved.steps[0].due_at, at("2026-01-07T16:00:00Z"));
    EXPECT_EQ(moved.steps[0].version, 1);
    EXPECT_EQ(moved.steps[1].due_at, at("2026-01-08T15:00:00Z"));
    c->advance(30h);  // past the old time
    EXPECT_TRUE(sent_by(e.id).empty());
    c->advance(24h);
    auto sent = sent_by(e.id);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].at, at("2026-01-07T16:00:00Z"));
    // The rest moves by the same amount: Day 3 from Jan 8 15:00Z to Jan 10 15:00Z, then the others.
    moved = c->reschedule_cadence_step(org, e.id, "day_3", at("2026-01-10T15:00:00Z"), true, "staff:kim");
    EXPECT_EQ(moved.steps[2].due_at, at("2026-01-14T15:00:00Z"));
    EXPECT_EQ(moved.steps[4].due_at, at("2026-02-06T15:00:00Z"));
    expect_error([&] { c->reschedule_cadence_step(org, e.id, "week_1", at("2026-01-01T00:00:00Z"), false, "x"); },
                 ErrorCode::kInvalidArgument, "in the past");
    c->advance(24h * 40);
    sent = sent_by(e.id);
    ASSERT_EQ(sent.size(), 5u);
    EXPECT_EQ(sent[1].at, at("2026-01-10T15:00:00Z"));
    EXPECT_EQ(sent[4].at, at("2026-02-06T15:00:00Z"));
    EXPECT_EQ(events_of("cadence.step_sent"), 5u);  // no step twice
    EXPECT_EQ(events_of("cadence.rescheduled"), 2u);
    expect_paired_decisions();
}

TEST_F(CadenceTest, AnyReplyCancelsTheRest) {
    const auto e = enrol("t1", "general");
    const auto other = enrol("t1", "missing_document", "", {{"document", "pet vaccination record"}});
    const auto t2 = enrol("t2", "general");
    c->advance(26h);
    ASSERT_EQ(sent_by(e.id).size(), 1u);
    say("+12125550101", "All good here, thanks!");
    c->run_until_idle();
    for (const auto& id : {e.id, other.id}) {
        const auto x = c->cadence_enrollment(org, id);
        EXPECT_EQ(x.status, CadenceStatus::kCancelled);
        EXPECT_EQ(x.end_reason, "reply");
        EXPECT_EQ(x.steps.back().status, CadenceStepStatus::kCancelled);
    }
    c->advance(24h * 40);
    EXPECT_EQ(sent_by(e.id).size(), 1u);
    EXPECT_EQ(sent_by(other.id).size(), 1u);
    EXPECT_EQ(c->cadence_enrollment(org, t2.id).status, CadenceStatus::kCompleted);  // another tenant's goes on
    EXPECT_EQ(sent_by(t2.id).size(), 5u);
    expect_paired_decisions();
}

TEST_F(CadenceTest, StopCancelsAsAnOptOut) {
    const auto e = enrol("t1", "general");
    say("+12125550101", "STOP");
    c->run_until_idle();
    const auto x = c->cadence_enrollment(org, e.id);
    EXPECT_EQ(x.status, CadenceStatus::kCancelled);
    EXPECT_EQ(x.end_reason, "opt_out");
    c->advance(24h * 10);
    EXPECT_TRUE(sent_by(e.id).empty());
}

// ---- the post-repair satisfaction check ----

TEST_F(CadenceTest, AClosedRepairEnrolsItsTenantInASatisfactionCheck) {
    say("+12125550101", "My kitchen sink is leaking under the cabinet");
    c->run_until_idle();
    const auto wo = c->work_orders(org).at(0);
    say("+12125550201", "YES 2026-01-06T15:00");
    c->run_until_idle();
    c->advance(30h);
    say("+12125550201", "DONE replaced the trap");
    c->run_until_idle();
    EXPECT_TRUE(c->cadence_enrollments(org).empty());  // completed, not closed yet
    say("+12125550101", "Yes it's fixed, thank you");
    c->run_until_idle();
    ASSERT_EQ(c->work_order(org, wo.id).status, WorkOrderStatus::kClosed);
    auto all = c->cadence_enrollments(org);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].purpose, "post_repair");
    EXPECT_EQ(all[0].enrolled_by, "system");
    EXPECT_EQ(all[0].references.at("work_order_id"), wo.id.str());
    c->advance(48h);
    const auto sent = sent_by(all[0].id);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_NE(sent[0].body.find(wo.title), std::string::npos) << sent[0].body;
    EXPECT_EQ(sent[0].work_order_id, wo.id);
    // Running again enrols nothing twice.
    c->run_until_idle();
    EXPECT_EQ(c->cadence_enrollments(org).size(), 1u);
}

TEST_F(CadenceTest, ThePostRepairCheckCanBeTurnedOff) {
    CoordinatorOptions o;
    o.post_repair_cadence = false;
    remake(std::move(o));
    say("+12125550101", "Kitchen faucet leaking");
    c->run_until_idle();
    say("+12125550201", "YES");
    say("+12125550201", "DONE");
    c->run_until_idle();
    c->advance(49h);  // auto-closed
    ASSERT_EQ(c->work_orders(org).at(0).status, WorkOrderStatus::kClosed);
    EXPECT_TRUE(c->cadence_enrollments(org).empty());
}

// ---- message log: delivery, opened and clicked times ----

TEST_F(CadenceTest, TheLogShowsOpenedAndClickedTimesFromSendGridEvents) {
    testing::EcKey key;
    IntegrationConfig cfg;
    cfg.sendgrid_events.public_key = key.public_b64();
    CoordinatorOptions o;
    o.integrations.organizations["acme"] = std::move(cfg);
    remake(std::move(o));
    edit_tenant("t1", [](Tenant& t) {
        t.email = "ann@example.com";
        t.preferred_channel = Channel::kEmail;
    });
    const auto e = enrol("t1", "general");
    c->advance(26h);
    const auto sent = sent_by(e.id);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].channel, Channel::kEmail);
    // SendGrid's Event Webhook: a JSON array, Unix-second timestamps, sg_message_id with a filter
    // suffix, our custom arg at the top level, signed over timestamp + body.
    const auto now = clock->now();
    const auto secs = [](Timestamp t) {
        return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    };
    const auto delivered = now + 1min, opened = now + 2h, clicked = now + 3h;
    const Json events = Json::array({
        {{"email", "ann@example.com"}, {"timestamp", secs(delivered)}, {"smtp-id", "<14c5d75ce93.dfd.64b469@ismtpd-555>"},
         {"event", "delivered"}, {"category", "cat facts"}, {"sg_event_id", "rbtnWrG1DVDGGGFHFyun0A=="},
         {"sg_message_id", "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"}, {"response", "250 OK"},
         {"propos_key", sent[0].id.str()}},
        {{"email", "ann@example.com"}, {"timestamp", secs(opened)}, {"event", "open"}, {"sg_machine_open", false},
         {"sg_event_id", "FOTFFO0ecsBE-zxFXfs6WA=="}, {"sg_message_id", "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"},
         {"useragent", "Mozilla/4.0 (compatible; MSIE 6.1; Windows XP; .NET CLR 1.1.4322; .NET CLR 2.0.50727)"},
         {"ip", "255.255.255.255"}, {"propos_key", sent[0].id.str()}},
        {{"email", "ann@example.com"}, {"timestamp", secs(clicked)}, {"event", "click"},
         {"sg_event_id", "kCAi1KttyQdEKHhdC-nuEA=="}, {"sg_message_id", "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"},
         {"useragent", "Mozilla/4.0"}, {"ip", "255.255.255.255"}, {"url", "http://www.sendgrid.com/"},
         {"url_offset", {{"index", 0}, {"type", "html"}}}, {"propos_key", sent[0].id.str()}}});
    clock->set(clicked + 1min);
    WebhookRequest r;
    r.endpoint = WebhookEndpoint::kSendGridEvents;
    r.url = "https://hooks.acme.test/sendgrid/events";
    r.body = events.dump();
    const auto ts = std::to_string(secs(clock->now()));
    r.headers = {{"Content-Type", "application/json"},
                 {"X-Twilio-Email-Event-Webhook-Signature", key.sign_b64(ts + r.body)},
                 {"X-Twilio-Email-Event-Webhook-Timestamp", ts}};
    const auto resp = c->handle_webhook(org, r);
    ASSERT_EQ(resp.status, 200) << resp.error;
    const auto log = c->cadence_log(org, e.id);
    ASSERT_EQ(log.size(), 5u);
    EXPECT_EQ(log[0].message_status, DeliveryStatus::kDelivered);
    EXPECT_EQ(log[0].delivered_at, at(format_time(Timestamp(std::chrono::seconds(secs(delivered)))).c_str()));
    EXPECT_EQ(log[0].opened_at, Timestamp(std::chrono::seconds(secs(opened))));
    EXPECT_EQ(log[0].clicked_at, Timestamp(std::chrono::seconds(secs(clicked))));
    EXPECT_EQ(log[0].sent_at, sent[0].at);
    EXPECT_FALSE(log[1].message_id);
    EXPECT_FALSE(log[1].opened_at);
    // The message record keeps the times (backward-compatible JSON: absent fields read as unset).
    const auto m = store->read_result([&](Transaction& tx) { return tx.get<Message>(org, sent[0].id.str()); });
    EXPECT_EQ(m.opened_at, log[0].opened_at);
    Json j = m;
    j.erase("opened_at");
    j.erase("clicked_at");
    j.erase("delivered_at");
    EXPECT_FALSE(j.get<Message>().opened_at);
    // An unsubscribe is an opt-out: the rest of the cadence is cancelled.
    const Json unsub = Json::array({{{"email", "ann@example.com"}, {"timestamp", secs(clock->now())},
                                     {"event", "unsubscribe"}, {"sg_event_id", "u1"},
                                     {"sg_message_id", "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"},
                                     {"propos_key", sent[0].id.str()}}});
    r.body = unsub.dump();
    r.headers[1].second = key.sign_b64(ts + r.body);
    ASSERT_EQ(c->handle_webhook(org, r).status, 200);
    EXPECT_EQ(c->cadence_enrollment(org, e.id).end_reason, "opt_out");
}

TEST_F(CadenceTest, TwilioDeliveredAndReadCallbacksSetTheLogsTimes) {
    const std::string token = "twilio-token", url = "https://hooks.acme.test/twilio/status";
    IntegrationConfig cfg;
    cfg.twilio.auth_token = token;
    cfg.twilio.account_sid = "AC1";
    cfg.twilio.our_numbers = {"+12125550000"};
    CoordinatorOptions o;
    o.integrations.organizations["acme"] = std::move(cfg);
    remake(std::move(o));
    const auto e = enrol("t1", "general");
    c->advance(26h);
    const auto sent = sent_by(e.id);
    ASSERT_EQ(sent.size(), 1u);
    ASSERT_EQ(sent[0].channel, Channel::kSms);
    auto callback = [&](const std::string& status) {
        const std::vector<std::pair<std::string, std::string>> f{
            {"MessageSid", sent[0].provider_message_id}, {"AccountSid", "AC1"}, {"From", "+12125550000"},
            {"To", sent[0].to}, {"MessageStatus", status}};
        WebhookRequest r;
        r.endpoint = WebhookEndpoint::kTwilio;
        r.url = url;
        r.body = testing::form_body(f);
        r.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"X-Twilio-Signature", channels::compute_twilio_signature(url, token, {f.begin(), f.end()})}};
        return c->handle_webhook(org, r);
    };
    const auto delivered = clock->now();
    ASSERT_EQ(callback("delivered").status, 200);
    clock->set(delivered + 2h);
    ASSERT_EQ(callback("read").status, 200);
    const auto log = c->cadence_log(org, e.id);
    EXPECT_EQ(log[0].message_status, DeliveryStatus::kDelivered);
    EXPECT_EQ(log[0].delivered_at, delivered);
    EXPECT_EQ(log[0].opened_at, delivered + 2h);
    EXPECT_FALSE(log[0].clicked_at);
    EXPECT_EQ(events_of("message.engagement"), 1u);  // the read changed no status, only the time
}

// ---- a simulated year ----

TEST_F(CadenceTest, AYearOfCadencesDayByDay) {
    // 24 more tenants in unit 2B's building: each enrolled on its own day of the year; every third
    // replies the day after its first message, the others receive every step on its day.
    store->write([&](Transaction& tx) {
        for (int i = 0; i < 24; ++i) {
            Tenant t;
            t.id = TenantId("y" + std::to_string(i));
            t.unit_id = UnitId(i % 2 ? "u1" : "u2");
            t.name = "Resident" + std::to_string(i) + " Year";
            char phone[32];
            std::snprintf(phone, sizeof phone, "+1212555%04d", 3000 + i);
            t.phone = phone;
            t.language = std::vector<std::string>{"en", "es", "zh", "ru", "fr"}[static_cast<std::size_t>(i) % 5];
            tx.put(org, t);
        }
    });
    std::map<std::string, std::string> enrolled;  // tenant -> enrolment
    std::map<std::string, int> replied_on;        // tenant -> day of the reply
    for (int day = 0; day < 365; ++day) {
        if (day % 13 == 0 && day / 13 < 24) {  // the last on day 299: its Month 1 falls in the year
            const auto tenant = "y" + std::to_string(day / 13);
            const auto purpose = day / 13 % 2 ? "general" : "missing_document";
            enrolled[tenant] = enrol(tenant, purpose, "", {{"document", "renter's insurance"}}).id;
        }
        for (const auto& [tenant, id] : enrolled) {
            const int k = std::stoi(tenant.substr(1));
            if (k % 3 != 0 || replied_on.count(tenant)) continue;
            const auto x = c->cadence_enrollment(org, id);
            if (x.steps[0].status == CadenceStepStatus::kSent && clock->now() >= *x.steps[0].done_at + 24h) {
                char phone[32];
                std::snprintf(phone, sizeof phone, "+1212555%04d", 3000 + k);
                say(phone, "Thanks, all fine");
                replied_on[tenant] = day;
            }
        }
        c->advance(24h);
    }
    ASSERT_EQ(enrolled.size(), 24u);
    ASSERT_EQ(replied_on.size(), 8u);
    const auto tz = std::string("America/New_York");
    for (const auto& [tenant, id] : enrolled) {
        const auto x = c->cadence_enrollment(org, id);
        const auto sent = sent_by(id);
        if (replied_on.count(tenant)) {
            EXPECT_EQ(x.status, CadenceStatus::kCancelled) << tenant;
            EXPECT_EQ(x.end_reason, "reply");
            EXPECT_EQ(sent.size(), 1u) << tenant;  // nothing after the reply
        } else {
            EXPECT_EQ(x.status, CadenceStatus::kCompleted) << tenant;
            ASSERT_EQ(sent.size(), x.steps.size()) << tenant;
            for (std::size_t i = 0; i < sent.size(); ++i) {
                EXPECT_EQ(sent[i].at, x.steps[i].due_at) << tenant << " step " << i;  // on its day
                EXPECT_EQ(local_hour(sent[i].at, tz), 10);
                EXPECT_EQ(sent[i].body.find('{'), std::string::npos);
            }
        }
    }
    EXPECT_TRUE(c->verify_audit(org).ok);
    expect_paired_decisions();
}

}  // namespace
}  // namespace propos
