// Lease renewals (propos/workflows/renewal.hpp): notice schedules and rent caps per jurisdiction,
// the reading of replies in five languages, the offer text check, and a simulated year through the
// Coordinator (offers on the right days, each kind of reply, one deadline without an answer).
#include <gtest/gtest.h>

#include <map>

#include "propos/coordinator.hpp"
#include "propos/workflows/renewal.hpp"
#include "test_util.hpp"

namespace propos::testing {
namespace {

using std::chrono::hours;

Property property(const std::string& city, const std::string& state, int year_built = 0) {
    Property p;
    p.id = PropertyId("p");
    p.city = city;
    p.state = state;
    p.year_built = year_built;
    return p;
}

Lease lease(const std::string& start, const std::string& end, std::int64_t rent_cents, bool stabilized = false) {
    Lease l;
    l.id = LeaseId("l");
    l.start = parse_time(start);
    l.end = parse_time(end);
    l.monthly_rent = Money::cents(rent_cents);
    l.rent_stabilized = stabilized;
    return l;
}

RenewalSchedule schedule_for(const Lease& l, const Property& p, const RenewalOptions& o = {},
                             std::optional<Timestamp> tenancy_start = std::nullopt) {
    const auto t = renewal_terms(l, p, l.end - hours(24 * 100), o);
    return renewal_schedule(l, p, t, tenancy_start.value_or(l.start), o);
}

TEST(RenewalSchedule, NycRentStabilizedOffersInsideTheWindowWithSixtyDaysToAnswer) {
    const auto l = lease("2025-06-01T00:00:00Z", "2026-06-01T00:00:00Z", 200000, true);
    const auto s = schedule_for(l, property("Brooklyn", "NY"));
    EXPECT_EQ(s.jurisdiction, "nyc");
    EXPECT_EQ(s.minimum_notice_days, 90);
    EXPECT_EQ(s.earliest_days, 150);
    EXPECT_EQ(s.offer_days, 90);
    EXPECT_EQ(s.reply_days, 60);
    EXPECT_NE(s.rule.find("2523.5"), std::string::npos);
    EXPECT_EQ(s.reminder_days, (std::vector<int>{60, 30}));
    // An offset before the window is moved into it.
    RenewalOptions early;
    early.offsets_days = {180, 60};
    EXPECT_EQ(schedule_for(l, property("Brooklyn", "NY"), early).offer_days, 150);
}

TEST(RenewalSchedule, NewYorkRpl226cDependsOnTheIncreaseAndTheTenancy) {
    RenewalOptions six;
    six.increase_percent = 6;
    six.offsets_days = {20};
    const auto p = property("Albany", "NY");  // New York State outside the city: 226-c applies too
    const auto one_year = lease("2025-06-01T00:00:00Z", "2026-06-01T00:00:00Z", 200000);
    // Over two years of occupancy: 90 days.
    auto s = schedule_for(one_year, p, six, parse_time("2023-01-01T00:00:00Z"));
    EXPECT_EQ(s.minimum_notice_days, 90);
    EXPECT_EQ(s.offer_days, 90);  // the 20-day offset is too late
    EXPECT_NE(s.rule.find("226-c"), std::string::npos);
    // Between one and two years: 60.
    EXPECT_EQ(schedule_for(one_year, p, six, parse_time("2024-12-01T00:00:00Z")).minimum_notice_days, 60);
    // A six-month tenancy on a six-month lease: 30.
    const auto short_lease = lease("2025-12-01T00:00:00Z", "2026-06-01T00:00:00Z", 200000);
    EXPECT_EQ(schedule_for(short_lease, p, six).minimum_notice_days, 30);
    // A two-year lease: 90 whatever the occupancy.
    const auto two_years = lease("2024-06-01T00:00:00Z", "2026-06-01T00:00:00Z", 200000);
    EXPECT_EQ(schedule_for(two_years, p, six).minimum_notice_days, 90);
    // Under 5%: no statutory minimum, the offsets apply.
    const auto s3 = schedule_for(one_year, property("New York", "NY"));
    EXPECT_EQ(s3.minimum_notice_days, 0);
    EXPECT_EQ(s3.offer_days, 90);
}

TEST(RenewalSchedule, CaliforniaCivilCode827ByIncreaseAndMail) {
    const auto l = lease("2025-06-01T00:00:00Z", "2026-06-01T00:00:00Z", 300000);
    RenewalOptions o;
    o.offsets_days = {20, 10};
    EXPECT_EQ(schedule_for(l, property("Los Angeles", "CA", 1990), o).minimum_notice_days, 30);
    EXPECT_EQ(schedule_for(l, property("Los Angeles", "CA", 1990), o).offer_days, 30);
    o.notices_mailed = true;
    EXPECT_EQ(schedule_for(l, property("Los Angeles", "CA", 1990), o).minimum_notice_days, 35);
    // Over 10% (a new building, exempt from the AB 1482 cap): 90 days (+5 mailed).
    o.increase_percent = 12;
    EXPECT_EQ(schedule_for(l, property("Los Angeles", "CA", 2020), o).minimum_notice_days, 95);
}

TEST(RenewalSchedule, TexasAndGenericHaveNoMinimumAndOffsetsMustBePositive) {
    const auto l = lease("2025-06-01T00:00:00Z", "2026-06-01T00:00:00Z", 150000);
    RenewalOptions o;
    o.offsets_days = {45, 15};
    for (const auto& p : {property("Austin", "TX"), property("Denver", "CO")}) {
        const auto s = schedule_for(l, p, o);
        EXPECT_EQ(s.minimum_notice_days, 0);
        EXPECT_EQ(s.offer_days, 45);
        EXPECT_EQ(s.reminder_days, (std::vector<int>{15}));
    }
    o.offsets_days = {};
    expect_error([&] { schedule_for(l, property("Austin", "TX"), o); }, ErrorCode::kInvalidArgument, "offsets_days");
    o.offsets_days = {30, 0};
    expect_error([&] { schedule_for(l, property("Austin", "TX"), o); }, ErrorCode::kInvalidArgument, "positive");
}

TEST(RenewalTerms, CapsApplyWhereTheyExist) {
    const auto l = lease("2025-06-01T00:00:00Z", "2026-06-01T00:00:00Z", 250000);
    const auto at = parse_time("2026-03-01T00:00:00Z");
    RenewalOptions o;
    o.increase_percent = 12;
    o.ca_cpi_percent = 3;
    // AB 1482: the lower of 5% + CPI (8%) and 10%.
    auto t = renewal_terms(l, property("Oakland", "CA", 1970), at, o);
    EXPECT_DOUBLE_EQ(*t.cap_percent, 8.0);
    EXPECT_EQ(t.offered_rent, Money::cents(270000));
    EXPECT_NE(t.cap_rule.find("AB 1482"), std::string::npos);
    o.ca_cpi_percent = 7;  // 12% > 10%: the ceiling
    EXPECT_EQ(renewal_terms(l, property("Oakland", "CA", 1970), at, o).offered_rent, Money::cents(275000));
    // A certificate of occupancy under 15 years: exempt.
    EXPECT_EQ(renewal_terms(l, property("Oakland", "CA", 2015), at, o).offered_rent, Money::cents(280000));
    // Texas: no cap.
    EXPECT_FALSE(renewal_terms(l, property("Austin", "TX"), at, o).cap_percent);
    // NYC rent-stabilized: the RGB rate, whatever the increase asked.
    o.nyc_rgb_percent = 2.75;
    auto stab = lease("2025-06-01T00:00:00Z", "2026-06-01T00:00:00Z", 180000, true);
    t = renewal_terms(stab, property("Queens", "NY"), at, o);
    EXPECT_EQ(t.offered_rent, Money::cents(184950));
    EXPECT_DOUBLE_EQ(t.increase_percent, 2.75);
}

struct ReplyCase {
    const char* text;
    RenewalReplyKind kind;
};

TEST(RenewalReply, ReadsAnswersInEachLanguageWithNegation) {
    const ReplyCase cases[] = {
        // English
        {"Yes, we'd like to renew for another year", RenewalReplyKind::kAccept},
        {"ACCEPT", RenewalReplyKind::kAccept},
        {"I won't renew, we bought a house", RenewalReplyKind::kDecline},
        {"We will not be renewing", RenewalReplyKind::kDecline},
        {"No thanks", RenewalReplyKind::kDecline},
        {"no", RenewalReplyKind::kDecline},
        {"We're not moving out, we want to stay", RenewalReplyKind::kAccept},
        {"That's too expensive, can you do $2,500 instead?", RenewalReplyKind::kNegotiate},
        {"Could we renew for 6 months instead?", RenewalReplyKind::kNegotiate},
        {"When do I need to sign the new lease?", RenewalReplyKind::kQuestion},
        {"Not sure yet, still thinking", RenewalReplyKind::kUnclear},
        {"Yes to renewing but also we're moving out", RenewalReplyKind::kUnclear},
        {"thanks for the note", RenewalReplyKind::kUnclear},
        // Spanish
        {"Sí, acepto la renovación", RenewalReplyKind::kAccept},
        {"No quiero renovar, nos mudamos en junio", RenewalReplyKind::kDecline},
        {"Es muy caro, ¿pueden bajar la renta?", RenewalReplyKind::kNegotiate},
        {"¿Cuándo tengo que firmar?", RenewalReplyKind::kQuestion},
        // French
        {"Oui, j'accepte le renouvellement", RenewalReplyKind::kAccept},
        {"Nous ne voulons pas renouveler, nous déménageons", RenewalReplyKind::kDecline},
        {"C'est trop cher, pouvez-vous baisser le loyer ?", RenewalReplyKind::kNegotiate},
        // Russian
        {"Да, согласен продлить договор", RenewalReplyKind::kAccept},
        {"Не буду продлевать, мы съезжаем", RenewalReplyKind::kDecline},
        {"Слишком дорого, можно скидку?", RenewalReplyKind::kNegotiate},
        // Chinese
        {"好的，我同意续租", RenewalReplyKind::kAccept},
        {"我们不续租了，打算搬走", RenewalReplyKind::kDecline},
        {"太贵了，能便宜一点吗", RenewalReplyKind::kNegotiate},
        {"续租的话可以养宠物吗？", RenewalReplyKind::kQuestion},
    };
    for (const auto& c : cases) {
        const auto r = read_renewal_reply(c.text);
        std::string why;
        for (const auto& s : r.reasons) why += s + "; ";
        EXPECT_EQ(to_string(r.kind), to_string(c.kind)) << c.text << " -> " << why;
    }
}

RenewalOfferFacts facts() {
    RenewalOfferFacts f;
    f.tenant_name = "Ann";
    f.unit_label = "1A";
    f.lease_end = "2026-06-01";
    f.new_rent = "$2,575.00";
    f.current_rent = "$2,500.00";
    f.term_months = 12;
    f.reply_by = "2026-05-01";
    f.effective_from = "2026-06-01";
    return f;
}

TEST(RenewalText, TemplatesStateEveryFactInEachLanguage) {
    for (const char* lang : {"en", "es", "fr", "ru", "zh", "pt"}) {
        const auto text = renewal_offer_template(facts(), lang);
        EXPECT_EQ(renewal_text_problem(text, facts()), std::nullopt) << lang << ": " << text;
    }
    EXPECT_NE(renewal_offer_template(facts(), "es").find("Hola Ann"), std::string::npos);
}

TEST(RenewalText, AModelTextThatChangesAFactIsRefused) {
    const auto f = facts();
    EXPECT_EQ(renewal_text_problem("Hi Ann! Renew 12 months at $2,575.00 from 2026-06-01; reply by 2026-05-01.", f),
              std::nullopt);
    EXPECT_NE(renewal_text_problem("Hi Ann! Renew 12 months at $2,557.00 from 2026-06-01; reply by 2026-05-01.", f)
                  ->find("new rent"),
              std::string::npos);
    EXPECT_NE(renewal_text_problem(
                  "Renew 12 months at $2,575.00 from 2026-06-01; reply by 2026-05-01. Pay $100 fee.", f)
                  ->find("$100"),
              std::string::npos);
    EXPECT_NE(renewal_text_problem("Renew 12 months at $2,575.00 from 2026-06-01; reply by 2026-05-01 or 2026-05-15.", f)
                  ->find("2026-05-15"),
              std::string::npos);
    EXPECT_TRUE(renewal_text_problem(
        "Renew 12 months at $2,575.00 from 2026-06-01; reply by 2026-05-01 (that is, before May 1).", f));
    EXPECT_TRUE(renewal_text_problem("Renew at $2,575.00 from 2026-06-01, reply by 2026-05-01.", f));  // no term
    EXPECT_TRUE(renewal_text_problem("", f));
}

// ---------------------------------------------------------------------------------------------
// Through the Coordinator.

Json renewal_portfolio() {
    return parse_json(R"({"organizations":[{
      "organization":{"id":"acme","name":"Acme PM","timezone":"America/New_York"},
      "properties":[
        {"id":"p-ny","name":"Elm Court","address":"22 Elm St","city":"New York","state":"NY","postal_code":"10001"},
        {"id":"p-ca","name":"Palm Row","address":"9 Palm Ave","city":"Los Angeles","state":"CA","postal_code":"90012",
         "year_built":1988},
        {"id":"p-tx","name":"Live Oak","address":"4 Oak Ln","city":"Austin","state":"TX","postal_code":"78701"}],
      "units":[{"id":"u1","property_id":"p-ny","label":"1A"},{"id":"u2","property_id":"p-ny","label":"2B"},
               {"id":"u3","property_id":"p-ca","label":"3C"},{"id":"u4","property_id":"p-tx","label":"4D"},
               {"id":"u5","property_id":"p-tx","label":"5E"},{"id":"u6","property_id":"p-ca","label":"6F"}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Ann Lee","phone":"+12125550101"},
                 {"id":"t2","unit_id":"u2","name":"Luis Paz","phone":"+12125550102","language":"es"},
                 {"id":"t3","unit_id":"u3","name":"Claire Roy","phone":"+12125550103","language":"fr"},
                 {"id":"t4","unit_id":"u4","name":"Wei Chen","phone":"+12125550104","language":"zh"},
                 {"id":"t5","unit_id":"u5","name":"Bo Park","phone":"+12125550105"},
                 {"id":"t6","unit_id":"u6","name":"Ivan Petrov","phone":"+12125550106","language":"ru"}],
      "leases":[
        {"id":"l1","unit_id":"u1","tenant_ids":["t1"],"start":"2025-06-01T04:00:00Z","end":"2026-06-01T04:00:00Z",
         "monthly_rent":200000,"rent_stabilized":true},
        {"id":"l2","unit_id":"u2","tenant_ids":["t2"],"start":"2025-08-01T04:00:00Z","end":"2026-08-01T04:00:00Z",
         "monthly_rent":220000},
        {"id":"l3","unit_id":"u3","tenant_ids":["t3"],"start":"2025-09-01T04:00:00Z","end":"2026-09-01T04:00:00Z",
         "monthly_rent":300000},
        {"id":"l4","unit_id":"u4","tenant_ids":["t4"],"start":"2025-10-01T04:00:00Z","end":"2026-10-01T04:00:00Z",
         "monthly_rent":150000},
        {"id":"l5","unit_id":"u5","tenant_ids":["t5"],"start":"2025-11-15T05:00:00Z","end":"2026-11-15T05:00:00Z",
         "monthly_rent":140000},
        {"id":"l6","unit_id":"u6","tenant_ids":["t6"],"start":"2025-01-25T05:00:00Z","end":"2026-01-25T05:00:00Z",
         "monthly_rent":260000}]}]})",
                      "renewal portfolio");
}

class RenewalScenario : public ::testing::Test {
protected:
    void SetUp() override {
        store = std::shared_ptr<Store>(open_sqlite_store(dir.file("r.db")));
        import_portfolio(*store, renewal_portfolio(), clock->now());
    }
    void start(std::shared_ptr<llm::LlmProvider> provider = nullptr, RenewalOptions renewals = {}) {
        CoordinatorOptions o;
        o.store = store;
        o.clock = clock;
        o.seed = 3;
        o.provider = std::move(provider);
        o.renewals = std::move(renewals);
        c = std::make_unique<Coordinator>(std::move(o));
    }
    void say(const std::string& from, const std::string& text) {
        IncomingMessage m;
        m.provider = "test";
        m.provider_message_id = "m" + std::to_string(++n);
        m.from = from;
        m.text = text;
        c->ingest(org, m);
        c->run_until_idle();
    }
    Lease lease_of(const std::string& id) {
        return store->read_result([&](Transaction& tx) { return tx.get<Lease>(org, id); });
    }
    std::vector<Escalation> open_with(const std::string& reason) {
        std::vector<Escalation> out;
        for (auto& e : c->escalations(org)) {
            if (e.reason == reason) out.push_back(e);
        }
        return out;
    }
    std::vector<AuditEvent> audits(const std::string& action) {
        std::vector<AuditEvent> out;
        for (auto& a : c->audit(org)) {
            if (a.action == action) out.push_back(a);
        }
        return out;
    }
    std::vector<Message> sent_to(const std::string& to) {
        std::vector<Message> out;
        for (auto& m : c->outbox(org)) {
            if (m.to == to) out.push_back(m);
        }
        return out;
    }

    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(parse_time("2026-01-05T14:30:00Z"));
    std::shared_ptr<Store> store;
    std::unique_ptr<Coordinator> c;
    OrgId org{"acme"};
    int n = 0;
};

TEST_F(RenewalScenario, ASimulatedYearOfOffersRepliesAndDeadlines) {
    start();
    // The replies each tenant sends two days after their offer (t4 asks first, then accepts).
    const std::map<std::string, std::pair<std::string, std::string>> replies{
        {"l1", {"+12125550101", "Yes, I accept the renewal"}},
        {"l2", {"+12125550102", "No quiero renovar, nos mudamos al terminar el contrato"}},
        {"l3", {"+12125550103", "C'est trop cher, pouvez-vous baisser le loyer ?"}},
        {"l4", {"+12125550104", "续租的话可以养宠物吗？"}},
        {"l6", {"+12125550106", "Да, согласен продлить договор"}},
    };
    std::map<std::string, Timestamp> offered;
    for (int day = 0; day < 365; ++day) {
        c->tick(parse_time("2026-01-05T15:00:00Z") + hours(24 * day));
        for (const auto& id : {"l1", "l2", "l3", "l4", "l5", "l6"}) {
            const auto l = lease_of(id);
            if (l.renewal_offered_at && !offered.count(id)) offered[id] = *l.renewal_offered_at;
            const auto it = replies.find(id);
            if (it != replies.end() && offered.count(id) && clock->now() - offered[id] >= hours(48) &&
                clock->now() - offered[id] < hours(72)) {
                say(it->second.first, it->second.second);
            }
            if (std::string(id) == "l4" && offered.count(id) && clock->now() - offered[id] >= hours(24 * 9) &&
                clock->now() - offered[id] < hours(24 * 10)) {
                say("+12125550104", "好的，我同意续租");
            }
        }
    }
    // Offers went out on the first daily nudge inside each lease's offer window (90 days here; the
    // January lease at once, late).
    for (const auto& a : audits("renewal.offered")) {
        const auto id = a.data.at("lease_id").get<std::string>();
        const int days = a.data.at("days_before_end").get<int>();
        if (id == "l6") {
            EXPECT_TRUE(a.data.at("late").get<bool>());
            EXPECT_EQ(a.data.at("minimum_notice_days").get<int>(), 30) << a.data.dump();
        } else {
            EXPECT_EQ(days, 90) << a.data.dump();
            EXPECT_FALSE(a.data.at("late").get<bool>());
        }
    }
    EXPECT_EQ(audits("renewal.offered").size(), 6u);
    EXPECT_EQ(offered.size(), 6u);
    EXPECT_EQ(format_time(offered["l1"]).substr(0, 10), "2026-03-02");
    // Stabilized: the RGB rate and 60 days to answer; the countersign reminder names 30 days.
    const auto l1 = lease_of("l1");
    EXPECT_EQ(l1.renewal_status, RenewalStatus::kAccepted);
    EXPECT_EQ(l1.renewal_rent, Money::cents(206000));
    EXPECT_EQ(*l1.renewal_reply_by - offered["l1"] > hours(24 * 59), true);
    ASSERT_EQ(open_with("renewal_countersign").size(), 3u);  // l1, l4 and l6
    // Declined: move-out to the lease end (the inspection reminder runs the day before).
    EXPECT_EQ(lease_of("l2").renewal_status, RenewalStatus::kDeclined);
    EXPECT_EQ(open_with("renewal_declined").size(), 1u);
    EXPECT_EQ(audits("move_out.inspection_reminded").size(), 1u);
    // Negotiating with a person, who never decided: one escalation at the 14-day deadline, however
    // many nudges followed.
    EXPECT_EQ(lease_of("l3").renewal_status, RenewalStatus::kNegotiating);
    EXPECT_EQ(open_with("renewal_negotiation").size(), 1u);
    ASSERT_EQ(audits("renewal.negotiating").size(), 1u);
    ASSERT_EQ(audits("renewal.negotiation_undecided").size(), 1u);
    ASSERT_EQ(open_with("renewal_negotiation_undecided").size(), 1u);
    const auto asked = audits("renewal.negotiating")[0].at;
    EXPECT_EQ(*lease_of("l3").renewal_negotiation_by, asked + hours(24 * 14));
    const auto escalated = audits("renewal.negotiation_undecided")[0].at;
    EXPECT_GE(escalated, asked + hours(24 * 14));
    EXPECT_LT(escalated, asked + hours(24 * 15));
    // A question (no knowledge base) to a person, then an acceptance.
    EXPECT_EQ(open_with("renewal_question").size(), 1u);
    EXPECT_EQ(lease_of("l4").renewal_status, RenewalStatus::kAccepted);
    // No answer by the deadline: one escalation, after the reminders.
    EXPECT_EQ(lease_of("l5").renewal_status, RenewalStatus::kNoAnswer);
    ASSERT_EQ(open_with("renewal_no_answer").size(), 1u);
    // Reminders only for l5, at 60 and 30 days (the others had answered; the late offer had none).
    EXPECT_EQ(audits("renewal.reminded").size(), 2u);
    EXPECT_EQ(lease_of("l6").renewal_status, RenewalStatus::kAccepted);
    // The late January offer: an escalation saying when the new rent may start.
    ASSERT_EQ(open_with("renewal_notice_late").size(), 1u);
    EXPECT_NE(open_with("renewal_notice_late")[0].summary.find("continues on current terms"), std::string::npos);
    // Texts in the tenants' languages, with the facts.
    const auto to_t2 = sent_to("+12125550102");
    ASSERT_FALSE(to_t2.empty());
    EXPECT_NE(to_t2[0].body.find("Hola Luis"), std::string::npos) << to_t2[0].body;
    EXPECT_NE(to_t2[0].body.find("$2,266.00"), std::string::npos) << to_t2[0].body;
    EXPECT_TRUE(c->verify_audit(org).ok);
}

// A negotiation nobody decides escalates again, once, at its deadline: `negotiation_days` after the
// tenant asked, but never after the notice minimum before the lease end (NYC rent-stabilized: 90 days).
TEST_F(RenewalScenario, AnUndecidedNegotiationEscalatesOnceByTheNoticeMinimum) {
    RenewalOptions o;
    o.negotiation_days = 120;
    start(nullptr, o);
    c->offer_renewal(org, LeaseId("l1"), "pm.jane");  // l1 ends 2026-06-01, 147 days ahead
    c->run_until_idle();
    say("+12125550101", "That increase is too much for us. Could you do the same rent for a 2 years lease instead?");
    ASSERT_EQ(lease_of("l1").renewal_status, RenewalStatus::kNegotiating);
    const auto by = parse_time("2026-06-01T04:00:00Z") - hours(24 * 90);  // not Jan 5 + 120 days
    EXPECT_EQ(lease_of("l1").renewal_negotiation_by, by);
    ASSERT_EQ(open_with("renewal_negotiation").size(), 1u);
    EXPECT_NE(open_with("renewal_negotiation")[0].summary.find("by 2026-03-0"), std::string::npos)
        << open_with("renewal_negotiation")[0].summary;
    // Daily nudges up to the deadline: nothing more.
    for (int day = 1; day <= 60 && clock->now() + hours(24) < by; ++day) {
        c->tick(parse_time("2026-01-05T15:00:00Z") + hours(24 * day));
    }
    EXPECT_TRUE(open_with("renewal_negotiation_undecided").empty());
    // The nudge after it: once, and only once.
    for (int day = 0; day < 20; ++day) c->tick(clock->now() + hours(24));
    const auto undecided = open_with("renewal_negotiation_undecided");
    ASSERT_EQ(undecided.size(), 1u);
    EXPECT_EQ(undecided[0].severity, Severity::kHigh);
    EXPECT_NE(undecided[0].summary.find("still undecided"), std::string::npos) << undecided[0].summary;
    EXPECT_NE(undecided[0].summary.find("90 days' notice"), std::string::npos) << undecided[0].summary;
    ASSERT_EQ(audits("renewal.negotiation_undecided").size(), 1u);
    EXPECT_GE(audits("renewal.negotiation_undecided")[0].at, by);
    EXPECT_LT(audits("renewal.negotiation_undecided")[0].at, by + hours(24));
    EXPECT_EQ(lease_of("l1").renewal_status, RenewalStatus::kNegotiating);  // a person still decides
    // Staff decide: the lease leaves the negotiation.
    EXPECT_EQ(c->record_renewal_decision(org, LeaseId("l1"), RenewalDecision::kAccepted, "pm.jane").renewal_status,
              RenewalStatus::kAccepted);
    c->tick(clock->now() + hours(24));
    EXPECT_EQ(audits("renewal.negotiation_undecided").size(), 1u);
}

TEST_F(RenewalScenario, NegotiationDaysMustBePositive) {
    RenewalOptions o;
    o.negotiation_days = 0;
    expect_error([&] { start(nullptr, o); }, ErrorCode::kInvalidArgument, "negotiation_days must be positive");
}

// A bare "yes" answers the last message sent: after the offer, a follow-up about a missing document
// went to the tenant; their "Yes" is about that, never an acceptance of the renewal.
TEST_F(RenewalScenario, ABareYesToALaterMessageDoesNotAcceptTheOffer) {
    start();
    int day = 0;  // l6 ends Jan 25: offered on the first daily nudge (late)
    for (; day < 3 && lease_of("l6").renewal_status != RenewalStatus::kOffered; ++day) {
        c->tick(parse_time("2026-01-05T15:00:00Z") + hours(24 * day));
    }
    ASSERT_EQ(lease_of("l6").renewal_status, RenewalStatus::kOffered);
    EXPECT_EQ(sent_to("+12125550106").back().topic, "renewal");
    CadenceRequest r;
    r.tenant_id = TenantId("t6");
    r.purpose = "missing_document";
    r.references = {{"document", "renter's insurance proof"}};
    c->enrol_cadence(org, r);
    const auto before = sent_to("+12125550106").size();
    for (const int last = day + 2; day <= last && sent_to("+12125550106").size() == before; ++day) {
        c->tick(parse_time("2026-01-05T15:00:00Z") + hours(24 * day));
    }
    ASSERT_GT(sent_to("+12125550106").size(), before);
    say("+12125550106", "Yes");
    EXPECT_EQ(lease_of("l6").renewal_status, RenewalStatus::kOffered);
    EXPECT_TRUE(audits("renewal.accepted").empty());
    // Words about the renewal are read whatever came last.
    say("+12125550106", "Да, согласен продлить договор");
    EXPECT_EQ(lease_of("l6").renewal_status, RenewalStatus::kAccepted);
}

TEST_F(RenewalScenario, ARenewalRequestGetsTheOfferOrAPersonAndStaffRecordDecisions) {
    start();
    // Lease l3 ends in 239 days: too early; a person answers.
    say("+12125550103", "Bonjour, je voudrais renouveler mon bail");
    EXPECT_EQ(open_with("renewal_request").size(), 1u);
    EXPECT_EQ(lease_of("l3").renewal_status, RenewalStatus::kNone);
    // l1 ends in 147 days: the offer goes out at once.
    say("+12125550101", "Hi, can I renew my lease?");
    EXPECT_EQ(lease_of("l1").renewal_status, RenewalStatus::kOffered);
    EXPECT_EQ(audits("renewal.offered").size(), 1u);
    // Staff record decisions made elsewhere.
    const auto l = c->record_renewal_decision(org, LeaseId("l1"), RenewalDecision::kDeclined, "pm.jane", "by phone");
    EXPECT_EQ(l.renewal_status, RenewalStatus::kDeclined);
    expect_error([&] { c->record_renewal_decision(org, LeaseId("l1"), RenewalDecision::kAccepted, "pm.jane"); },
                 ErrorCode::kFailedPrecondition, "already declined");
    expect_error([&] { c->offer_renewal(org, LeaseId("nope"), "pm.jane"); }, ErrorCode::kNotFound, "nope");
    const auto offered = c->offer_renewal(org, LeaseId("l4"), "pm.jane");
    EXPECT_EQ(offered.renewal_status, RenewalStatus::kOffered);
    // A repair message from a tenant with an offer pending is still a repair.
    say("+12125550104", "The kitchen sink is leaking");
    EXPECT_EQ(c->work_orders(org).size(), 1u);
    EXPECT_EQ(lease_of("l4").renewal_status, RenewalStatus::kOffered);
    // A move-out notice declines the renewal: no offer goes out after it.
    say("+12125550105", "This is our notice: we are moving out when the lease ends.");
    EXPECT_EQ(lease_of("l5").renewal_status, RenewalStatus::kDeclined);
    expect_error([&] { c->offer_renewal(org, LeaseId("l5"), "pm.jane"); }, ErrorCode::kFailedPrecondition,
                 "already declined");
    // The leases ending within 60 days: l6 only.
    const auto soon = c->expiring_leases(org, hours(24 * 60));
    ASSERT_EQ(soon.size(), 1u);
    EXPECT_EQ(soon[0].lease.id.str(), "l6");
    EXPECT_EQ(c->expiring_leases(org).size(), 6u);
}

// A model that writes offers: its text is sent when it states the facts unchanged, and the
// template is sent when it changes one.
class OfferWriter final : public llm::LlmProvider {
public:
    explicit OfferWriter(bool honest) : honest_(honest) {}
    llm::LlmResponse complete(const llm::LlmRequest& r) override {
        llm::LlmResponse out;
        out.provider = "fake";
        out.model = "writer-1";
        const auto& f = r.context;
        std::string rent = f.value("new_rent", "");
        if (!honest_) rent = "$1.00";
        out.content.push_back(llm::ContentBlock::make_text(
            "Dear tenant, we would love to keep you! Renew for " + std::to_string(f.value("term_months", 0)) +
            " months at " + rent + " starting " + f.value("effective_from", "") + ". Reply ACCEPT or NO by " +
            f.value("reply_by", "") + "."));
        return out;
    }
    std::string name() const override { return "fake"; }
    std::string default_model() const override { return "writer-1"; }

private:
    bool honest_;
};

TEST_F(RenewalScenario, TheModelWritesOffersButNeverChangesAFact) {
    start(std::make_shared<OfferWriter>(true));
    c->offer_renewal(org, LeaseId("l1"), "pm.jane");
    c->run_until_idle();
    auto sent = sent_to("+12125550101");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].body.rfind("Dear tenant", 0), 0u) << sent[0].body;
    EXPECT_EQ(audits("renewal.offered").back().data.at("writer").at("by"), "model");
}

TEST_F(RenewalScenario, AModelTextWithAChangedRentIsReplacedByTheTemplate) {
    start(std::make_shared<OfferWriter>(false));
    c->offer_renewal(org, LeaseId("l1"), "pm.jane");
    c->run_until_idle();
    auto sent = sent_to("+12125550101");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].body.find("$1.00"), std::string::npos) << sent[0].body;
    EXPECT_NE(sent[0].body.find("$2,060.00"), std::string::npos) << sent[0].body;
    const auto writer = audits("renewal.offered").back().data.at("writer");
    EXPECT_EQ(writer.at("by"), "template");
    EXPECT_NE(writer.at("why").get<std::string>().find("new rent"), std::string::npos) << writer.dump();
}

TEST(LeaseJson, RenewalFieldsAreOptionalAndRoundTrip) {
    auto j = parse_json(R"({"id":"l","unit_id":"u","start":"2025-01-01T00:00:00Z","end":"2026-01-01T00:00:00Z"})",
                        "lease");
    auto l = j.get<Lease>();
    EXPECT_EQ(l.renewal_status, RenewalStatus::kNone);
    EXPECT_FALSE(l.rent_stabilized);
    l.renewal_status = RenewalStatus::kNoAnswer;
    l.renewal_offered_at = parse_time("2025-10-01T14:00:00Z");
    l.renewal_notices = {*l.renewal_offered_at};
    l.renewal_rent = Money::cents(123400);
    l.renewal_negotiation_by = parse_time("2025-10-15T14:00:00Z");
    EXPECT_EQ(Json(l).get<Lease>(), l);
    j["renewal_status"] = "maybe";
    expect_error([&] { (void)j.get<Lease>(); }, ErrorCode::kInvalidArgument, "renewal_status");
}

}  // namespace
}  // namespace propos::testing
