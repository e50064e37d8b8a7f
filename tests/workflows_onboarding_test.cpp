// Tenant onboarding: the move-in checklist as data (schema, applicability, due dates) and the
// onboarding unit through the Coordinator (welcome, reminders, overdue escalations, documents from
// the tenant's replies, completion), over days and over a simulated year.
#include <gtest/gtest.h>

#include <fstream>

#include "oversight_fixture.hpp"
#include "propos/workflows/onboarding.hpp"

namespace propos::testing {
namespace {

constexpr auto kDay = std::chrono::hours(24);

std::vector<std::string> keys_of(const std::vector<OnboardingItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.key);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

ChecklistFacts facts(const std::string& jurisdiction, const std::string& state, int year_built, int units,
                     const std::string& move_in = "2026-03-01T15:00:00Z") {
    ChecklistFacts f;
    f.jurisdiction = jurisdiction;
    f.state = state;
    f.year_built = year_built;
    f.unit_count = units;
    f.bedrooms = 2;
    f.lease_days = 365;
    f.move_in_at = parse_time(move_in);
    return f;
}

// ---- the checklist as data ----

TEST(OnboardingChecklist, TheDefaultChecklistPassesItsSchemaAndCitesItsRules) {
    const auto& c = default_checklist();
    EXPECT_EQ(c.name, "default");
    EXPECT_GE(c.items.size(), 15u);
    for (const auto& i : c.items) {
        if (i.key.rfind("nyc_", 0) == 0 || i.key.rfind("tx_", 0) == 0 || i.key.rfind("ca_", 0) == 0) {
            EXPECT_NE(i.rule.find("[R"), std::string::npos) << i.key << " cites no source";
        }
    }
    // The schema shipped is the one enforced.
    EXPECT_NO_THROW(parse_checklist(Json::parse(default_checklist_json()), "default"));
    EXPECT_NE(checklist_schema().find("\"due_days\""), std::string::npos);
}

TEST(OnboardingChecklist, AFileThatFailsTheSchemaNamesTheFileAndTheField) {
    TempDir dir;
    auto doc = Json::parse(default_checklist_json());
    doc["items"][2]["due_days"] = "soon";
    const auto path = dir.file("my-checklist.json");
    std::ofstream(path) << doc.dump();
    expect_error([&] { load_checklist_file(path); }, ErrorCode::kInvalidArgument, path);
    expect_error([&] { load_checklist_file(path); }, ErrorCode::kInvalidArgument, "/items/2/due_days");

    doc = Json::parse(default_checklist_json());
    doc["items"][0]["actor"] = "landlord";
    expect_error([&] { parse_checklist(doc, "checklist of org acme"); }, ErrorCode::kInvalidArgument,
                 "checklist of org acme: field '/items/0/actor'");
    doc = Json::parse(default_checklist_json());
    doc.erase("items");
    expect_error([&] { parse_checklist(doc, "x.json"); }, ErrorCode::kInvalidArgument, "x.json");
    doc = Json::parse(default_checklist_json());
    doc["items"][3]["key"] = doc["items"][1]["key"];
    expect_error([&] { parse_checklist(doc, "x.json"); }, ErrorCode::kInvalidArgument, "/items/3/key");
    std::ofstream(dir.file("bad.json")) << "{ not json";
    expect_error([&] { load_checklist_file(dir.file("bad.json")); }, ErrorCode::kInvalidArgument, "bad.json");
    expect_error([&] { load_checklist_file(dir.file("missing.json")); }, ErrorCode::kNotFound, "missing.json");
}

TEST(OnboardingChecklist, ItemsApplyByJurisdictionAndBuilding) {
    const auto& c = default_checklist();
    // A 1925 walk-up in New York City with 12 units.
    const auto nyc = keys_of(applicable_items(c, facts("nyc", "NY", 1925, 12)));
    for (const auto* k : {"nyc_window_guard_rider", "nyc_ll1_lead_notice", "nyc_bedbug_history", "nyc_sprinkler_notice",
                          "nyc_smoke_co", "federal_lead_disclosure", "ny_joint_inspection_offer", "keys_handover",
                          "renters_insurance", "welcome_message", "move_in_inspection"}) {
        EXPECT_TRUE(has(nyc, k)) << k;
    }
    for (const auto* k : {"tx_rekey", "ca_move_in_photos", "ca_smoke_co", "smoke_co", "ca_ab1482_exemption_notice"}) {
        EXPECT_FALSE(has(nyc, k)) << k;
    }
    // Built in 1965: no LL1 lease notice (pre-1960), still the federal pre-1978 disclosure.
    const auto nyc65 = keys_of(applicable_items(c, facts("nyc", "NY", 1965, 12)));
    EXPECT_FALSE(has(nyc65, "nyc_ll1_lead_notice"));
    EXPECT_TRUE(has(nyc65, "federal_lead_disclosure"));
    // Year unknown: no building-year rule is assumed.
    const auto unknown_year = keys_of(applicable_items(c, facts("nyc", "NY", 0, 12)));
    EXPECT_FALSE(has(unknown_year, "federal_lead_disclosure"));
    EXPECT_FALSE(has(unknown_year, "nyc_ll1_lead_notice"));
    // Federal exemptions: a studio (0 bedrooms) and a lease of 100 days or less.
    auto studio = facts("nyc", "NY", 1925, 12);
    studio.bedrooms = 0;
    EXPECT_FALSE(has(keys_of(applicable_items(c, studio)), "federal_lead_disclosure"));
    auto short_lease = facts("nyc", "NY", 1925, 12);
    short_lease.lease_days = 90;
    EXPECT_FALSE(has(keys_of(applicable_items(c, short_lease)), "federal_lead_disclosure"));
    // Texas: rekey within 7 days, no generic key item, generic smoke/CO.
    const auto tx = keys_of(applicable_items(c, facts("tx", "TX", 2001, 40)));
    EXPECT_TRUE(has(tx, "tx_rekey"));
    EXPECT_FALSE(has(tx, "keys_handover"));
    EXPECT_TRUE(has(tx, "smoke_co"));
    EXPECT_FALSE(has(tx, "ny_joint_inspection_offer"));
    // California: move-in photos for tenancies from Jul 1 2025 only; the AB 1482 notice for a
    // single home.
    const auto ca = keys_of(applicable_items(c, facts("ca", "CA", 1990, 1, "2026-02-01T17:00:00Z")));
    EXPECT_TRUE(has(ca, "ca_move_in_photos"));
    EXPECT_TRUE(has(ca, "ca_smoke_co"));
    EXPECT_TRUE(has(ca, "ca_ab1482_exemption_notice"));
    const auto ca_early = keys_of(applicable_items(c, facts("ca", "CA", 1990, 8, "2025-06-01T17:00:00Z")));
    EXPECT_FALSE(has(ca_early, "ca_move_in_photos"));
    EXPECT_FALSE(has(ca_early, "ca_ab1482_exemption_notice"));
}

TEST(OnboardingChecklist, AnUnknownJurisdictionGetsTheGenericItemsAndIsFlagged) {
    bool unknown = false;
    const auto items = keys_of(applicable_items(default_checklist(), facts("mars", "ZZ", 1990, 4), &unknown));
    EXPECT_TRUE(unknown);
    EXPECT_TRUE(has(items, "smoke_co"));
    EXPECT_TRUE(has(items, "keys_handover"));
    applicable_items(default_checklist(), facts("tx", "TX", 1990, 4), &unknown);
    EXPECT_FALSE(unknown);
}

TEST(OnboardingChecklist, DueDatesAreRelativeToTheMoveInDate) {
    const auto f = facts("tx", "TX", 2001, 40);
    for (const auto& i : applicable_items(default_checklist(), f)) {
        if (i.key == "tx_rekey") {
            EXPECT_EQ(i.due_at, f.move_in_at + 7 * kDay);
        } else if (i.key == "renters_insurance") {
            EXPECT_EQ(i.due_at, f.move_in_at);
        } else if (i.key == "lease_signed") {
            EXPECT_EQ(i.due_at, f.move_in_at - 3 * kDay);
        }
        EXPECT_EQ(i.status, OnboardingItemStatus::kOpen);
    }
}

// ---- the unit, through the Coordinator ----

Json onboarding_portfolio() {
    return parse_json(R"({"organizations":[{
      "organization":{"id":"acme","name":"Acme PM","timezone":"America/New_York"},
      "properties":[
        {"id":"p-ny","name":"Elm Court","address":"22 Elm St","city":"New York","state":"NY","postal_code":"10001",
         "year_built":1925,"unit_count":12},
        {"id":"p-tx","name":"Live Oak","address":"5 Oak Ln","city":"Austin","state":"TX","postal_code":"78701",
         "year_built":2004,"unit_count":40},
        {"id":"p-x","name":"Odd Place","address":"1 Odd Rd","city":"Nowhere","state":"FL","postal_code":"33101",
         "jurisdiction":"fl-dade","year_built":1999,"unit_count":4}],
      "units":[{"id":"u1","property_id":"p-ny","label":"1A","bedrooms":2},
               {"id":"u2","property_id":"p-ny","label":"2B","bedrooms":1},
               {"id":"u3","property_id":"p-tx","label":"101","bedrooms":1},
               {"id":"u4","property_id":"p-x","label":"A","bedrooms":1}],
      "tenants":[{"id":"t1","unit_id":"u1","name":"Ann Lee","phone":"+12125550101"},
                 {"id":"t2","unit_id":"u2","name":"Luis Paz","phone":"+12125550102","language":"es"},
                 {"id":"t3","unit_id":"u3","name":"Kim Wu","phone":"+15125550103","language":"zh"},
                 {"id":"t4","unit_id":"u4","name":"No Contact"}],
      "leases":[
        {"id":"l1","unit_id":"u1","tenant_ids":["t1"],"start":"2026-01-15T15:00:00Z","end":"2027-01-14T15:00:00Z"},
        {"id":"l2","unit_id":"u2","tenant_ids":["t2"],"start":"2026-01-20T15:00:00Z","end":"2027-01-19T15:00:00Z"},
        {"id":"l3","unit_id":"u3","tenant_ids":["t3"],"start":"2026-03-01T15:00:00Z","end":"2027-02-28T15:00:00Z"},
        {"id":"l4","unit_id":"u4","tenant_ids":["t4"],"start":"2026-01-12T15:00:00Z","end":"2027-01-11T15:00:00Z"}]
    }]})",
                      "portfolio");
}

// The oversight fixture's helpers (outbox_to, open_with, events_of) on this portfolio, with a blob
// store for proofs.
class OnboardingTest : public OversightTest {
protected:
    void SetUp() override {
        store = std::shared_ptr<Store>(open_sqlite_store(dir.file("onb.db")));
        import_portfolio(*store, onboarding_portfolio(), clock->now());
        CoordinatorOptions o;
        o.store = store;
        o.clock = clock;
        o.seed = 11;
        o.integrations.defaults.blob_store = blobs;
        c = std::make_unique<Coordinator>(std::move(o));
    }
    void send(const std::string& from, const std::string& text, std::vector<std::string> media = {}) {
        IncomingMessage m;
        m.provider = "test";
        m.provider_message_id = "m" + std::to_string(++n);
        m.from = from;
        m.text = text;
        m.media = std::move(media);
        c->ingest(org, m);
        c->run_until_idle();
    }
    Onboarding onboarding(const std::string& lease) {
        const auto all = c->onboardings(org, lease);
        EXPECT_EQ(all.size(), 1u);
        return all.empty() ? Onboarding{} : all.front();
    }
    const OnboardingItem& item(const Onboarding& o, const std::string& key) {
        const auto* i = o.item(key);
        EXPECT_NE(i, nullptr) << key;
        static const OnboardingItem none{};
        return i ? *i : none;
    }
    // Checks every open item (proofs from the blob store), as staff would.
    void check_all(const std::string& lease) {
        const auto o = onboarding(lease);
        for (const auto& i : o.items) {
            if (i.status != OnboardingItemStatus::kOpen) continue;
            OnboardingCheck check{.checked_by = "user:maria", .proof_blob_key = {}, .note = {}, .waive = false};
            if (i.proof_required) {
                c->check_onboarding_item(org, o.id, i.key, check, "document for " + i.key + " of " + lease);
            } else {
                c->check_onboarding_item(org, o.id, i.key, check);
            }
        }
    }

    std::shared_ptr<channels::BlobStore> blobs = channels::make_memory_blob_store();
};

TEST_F(OnboardingTest, StartingSendsTheWelcomeInTheTenantsLanguageWithHowToReportRepairs) {
    const auto o = c->start_onboarding(org, LeaseId("l1"), "user:maria");
    EXPECT_EQ(o.id, "onb_l1");
    EXPECT_EQ(o.jurisdiction, "nyc");
    EXPECT_EQ(item(o, "welcome_message").status, OnboardingItemStatus::kDone);
    EXPECT_TRUE(o.welcome_sent_at.has_value());
    const auto en = outbox_to("+12125550101");
    ASSERT_EQ(en.size(), 1u);
    EXPECT_NE(en[0].body.find("To report a repair"), std::string::npos) << en[0].body;
    EXPECT_NE(en[0].body.find("911"), std::string::npos);
    EXPECT_NE(en[0].body.find("renter's insurance"), std::string::npos) << en[0].body;
    EXPECT_NE(en[0].body.find("2026-01-15"), std::string::npos) << en[0].body;
    // Idempotent: a second start changes nothing and sends nothing.
    EXPECT_EQ(c->start_onboarding(org, LeaseId("l1"), "user:maria"), o);
    EXPECT_EQ(outbox_to("+12125550101").size(), 1u);
    c->start_onboarding(org, LeaseId("l2"), "user:maria");
    const auto es = outbox_to("+12125550102");
    ASSERT_EQ(es.size(), 1u);
    EXPECT_NE(es[0].body.find("Para reportar una reparación"), std::string::npos) << es[0].body;
    c->start_onboarding(org, LeaseId("l3"), "user:maria");
    const auto zh = outbox_to("+15125550103");
    ASSERT_EQ(zh.size(), 1u);
    EXPECT_NE(zh[0].body.find("报修"), std::string::npos) << zh[0].body;
    EXPECT_EQ(events_of("onboarding.started"), 3u);
    EXPECT_EQ(events_of("onboarding.welcome_sent"), 3u);
    bool audited = false;
    for (const auto& a : c->audit(org)) audited |= a.action == "onboarding.started" && a.actor == "user:maria";
    EXPECT_TRUE(audited);
    expect_error([&] { c->start_onboarding(org, LeaseId("nope"), "user:maria"); }, ErrorCode::kNotFound, "nope");
}

TEST_F(OnboardingTest, AnUnknownJurisdictionIsAVisibleWarningAndNoContactIsAPersonsJob) {
    const auto o = c->start_onboarding(org, LeaseId("l4"), "user:maria");
    EXPECT_EQ(o.jurisdiction, "generic");
    EXPECT_EQ(events_of("onboarding.unknown_jurisdiction"), 1u);
    EXPECT_EQ(open_with("onboarding_no_contact").size(), 1u);
    EXPECT_EQ(item(o, "welcome_message").status, OnboardingItemStatus::kOpen);
}

TEST_F(OnboardingTest, AnAttachmentNamingAnItemIsItsProof) {
    c->start_onboarding(org, LeaseId("l1"), "user:maria");
    const auto key = blobs->put("insurance declaration page");
    send("+12125550101", "Here is my renters insurance", {key});
    const auto o = onboarding("l1");
    const auto& i = item(o, "renters_insurance");
    EXPECT_EQ(i.status, OnboardingItemStatus::kDone);
    EXPECT_EQ(i.proof_blob_key, key);
    EXPECT_EQ(i.proof_sha256, key.substr(7));
    EXPECT_EQ(i.done_by, "tenant:t1");
    EXPECT_FALSE(i.proof_message_id.empty());
    EXPECT_TRUE(c->work_orders(org).empty());  // not a repair request
    const auto replies = outbox_to("+12125550101");
    ASSERT_EQ(replies.size(), 2u);
    EXPECT_NE(replies[1].body.find("Renter's insurance proof"), std::string::npos) << replies[1].body;
    EXPECT_NE(replies[1].body.find("Still open"), std::string::npos) << replies[1].body;
    bool audited = false;
    for (const auto& a : c->audit(org)) {
        audited |= a.action == "onboarding.item_checked" && a.data.value("proof_sha256", "") == key.substr(7);
    }
    EXPECT_TRUE(audited);
    // Spanish keywords work too.
    c->start_onboarding(org, LeaseId("l2"), "user:maria");
    send("+12125550102", "le mando mi póliza de seguro", {blobs->put("poliza")});
    EXPECT_EQ(item(onboarding("l2"), "renters_insurance").status, OnboardingItemStatus::kDone);
}

TEST_F(OnboardingTest, AnAmbiguousDocumentGoesToAPersonNeverAGuess) {
    c->start_onboarding(org, LeaseId("l1"), "user:maria");
    // Two open tenant items need proof (insurance, photo ID) and the text names neither.
    send("+12125550101", "here you go", {blobs->put("something")});
    const auto esc = open_with("onboarding_document");
    ASSERT_EQ(esc.size(), 1u);
    EXPECT_EQ(esc[0].context["items"].size(), 2u);
    auto o = onboarding("l1");
    EXPECT_EQ(item(o, "renters_insurance").status, OnboardingItemStatus::kOpen);
    EXPECT_EQ(item(o, "photo_id").status, OnboardingItemStatus::kOpen);
    EXPECT_TRUE(c->work_orders(org).empty());
    // Naming both is as ambiguous.
    send("+12125550101", "my insurance and my passport", {blobs->put("two things")});
    EXPECT_EQ(open_with("onboarding_document").size(), 2u);
    // Once the ID is in, the single open tenant item that needs proof takes an unnamed document.
    send("+12125550101", "my passport", {blobs->put("passport")});
    send("+12125550101", "here it is", {blobs->put("insurance")});
    o = onboarding("l1");
    EXPECT_EQ(item(o, "photo_id").status, OnboardingItemStatus::kDone);
    EXPECT_EQ(item(o, "renters_insurance").status, OnboardingItemStatus::kDone);
}

TEST_F(OnboardingTest, ARepairPhotoAndAnEmergencyStillGoToRepairs) {
    c->start_onboarding(org, LeaseId("l1"), "user:maria");
    send("+12125550101", "The kitchen sink is leaking under the cabinet, see photo", {blobs->put("leak")});
    EXPECT_EQ(c->work_orders(org).size(), 1u);
    EXPECT_EQ(item(onboarding("l1"), "renters_insurance").status, OnboardingItemStatus::kOpen);
}

TEST_F(OnboardingTest, MoveInMessagesAboutItemsAreAnsweredOthersReachAPerson) {
    c->start_onboarding(org, LeaseId("l1"), "user:maria");
    send("+12125550101", "When do I pick up my keys for the move in?");
    EXPECT_EQ(events_of("onboarding.status_answered"), 1u);
    EXPECT_TRUE(open_with("move_in_request").empty());
    send("+12125550101", "Can I move in two days early? I have movers booked");
    const auto esc = open_with("move_in_request");
    ASSERT_EQ(esc.size(), 1u);
    EXPECT_EQ(esc[0].context.value("onboarding_id", ""), "onb_l1");
    EXPECT_TRUE(c->work_orders(org).empty());
}

TEST_F(OnboardingTest, CheckingItemsValidatesAndCompletes) {
    const auto o = c->start_onboarding(org, LeaseId("l3"), "user:maria");
    OnboardingCheck plain{.checked_by = "user:maria", .proof_blob_key = {}, .note = {}, .waive = false};
    expect_error([&] { c->check_onboarding_item(org, o.id, "lease_signed", plain); }, ErrorCode::kInvalidArgument,
                 "needs a proof document");
    expect_error([&] { c->check_onboarding_item(org, o.id, "no_such_item", plain); }, ErrorCode::kNotFound,
                 "no_such_item");
    expect_error([&] { c->check_onboarding_item(org, "onb_nope", "lease_signed", plain); }, ErrorCode::kNotFound,
                 "onb_nope");
    OnboardingCheck bad_key = plain;
    bad_key.proof_blob_key = "not-a-key";
    expect_error([&] { c->check_onboarding_item(org, o.id, "lease_signed", bad_key); }, ErrorCode::kInvalidArgument,
                 "not a blob key");
    OnboardingCheck waive = plain;
    waive.waive = true;
    expect_error([&] { c->check_onboarding_item(org, o.id, "utilities", waive); }, ErrorCode::kInvalidArgument,
                 "note");
    OnboardingCheck nobody = plain;
    nobody.checked_by.clear();
    expect_error([&] { c->check_onboarding_item(org, o.id, "utilities", nobody); }, ErrorCode::kInvalidArgument,
                 "checked_by");
    waive.note = "utilities are included in the rent";
    auto after = c->check_onboarding_item(org, o.id, "utilities", waive);
    EXPECT_EQ(item(after, "utilities").status, OnboardingItemStatus::kWaived);
    expect_error([&] { c->check_onboarding_item(org, o.id, "utilities", plain); },
                 ErrorCode::kFailedPrecondition, "already waived");
    EXPECT_EQ(events_of("onboarding.completed"), 0u);
    check_all("l3");
    after = onboarding("l3");
    EXPECT_EQ(after.status, OnboardingStatus::kCompleted);
    EXPECT_TRUE(after.completed_at.has_value());
    EXPECT_EQ(events_of("onboarding.completed"), 1u);
    EXPECT_FALSE(item(after, "lease_signed").proof_sha256.empty());
    expect_error([&] { c->check_onboarding_item(org, o.id, "lease_signed", plain); }, ErrorCode::kFailedPrecondition,
                 "completed");
}

TEST_F(OnboardingTest, TheDailyCheckStartsRemindsSpacedAndLimitedAndEscalatesOverdueItems) {
    // Day by day from Jan 5 to Feb 10: l1 (Jan 15), l2 (Jan 20) and l4 (Jan 12) start within 14 days.
    for (int d = 0; d < 36; ++d) c->tick(clock->now() + kDay);
    EXPECT_EQ(c->onboardings(org).size(), 3u);  // l3 starts Mar 1: not yet
    const auto o = onboarding("l1");
    EXPECT_EQ(o.started_by, "system");
    EXPECT_EQ(o.reminders_sent, 3);  // limited
    // Spaced: the reminders to Ann are at least 3 days apart (minus the check's slack).
    std::vector<Timestamp> at;
    for (const auto& m : outbox_to("+12125550101")) {
        if (m.body.find("Reminder") != std::string::npos) at.push_back(m.at);
    }
    ASSERT_EQ(at.size(), 3u);
    for (std::size_t k = 1; k < at.size(); ++k) EXPECT_GE(at[k] - at[k - 1], 3 * kDay - 2h);
    // One overdue escalation per open item past due, not one a day.
    std::size_t open_items = 0;
    for (const auto& i : o.items) {
        if (i.status == OnboardingItemStatus::kOpen) {
            ++open_items;
            EXPECT_FALSE(i.overdue_escalation_id.empty()) << i.key;
        }
    }
    std::size_t l1_overdue = 0;
    for (const auto& e : open_with("onboarding_overdue")) l1_overdue += e.context.value("lease_id", "") == "l1";
    EXPECT_EQ(l1_overdue, open_items);
    // Checking an overdue item resolves its escalation.
    const auto esc_id = item(o, "utilities").overdue_escalation_id;
    c->check_onboarding_item(org, o.id, "utilities",
                             OnboardingCheck{.checked_by = "user:maria", .proof_blob_key = {}, .note = {}, .waive = false});
    bool resolved = false;
    for (const auto& e : c->escalations(org, false)) resolved |= e.id.str() == esc_id && e.status != EscalationStatus::kOpen;
    EXPECT_TRUE(resolved);
}

TEST_F(OnboardingTest, AnOrganizationsOwnChecklistIsValidatedAndUsed) {
    Json bad = Json::parse(default_checklist_json());
    bad["items"][0]["due_days"] = 500;
    expect_error([&] { c->set_onboarding_checklist(org, bad, "user:maria"); }, ErrorCode::kInvalidArgument,
                 "checklist of org acme: field '/items/0/due_days'");
    EXPECT_EQ(c->onboarding_checklist(org).name, "default");  // nothing stored
    Json mine = parse_json(R"({"name":"acme","version":2,"reminders":{"max":1,"every_days":2,"lead_days":1},
      "items":[{"key":"welcome_message","title":"Welcome","actor":"system","due_days":-5},
               {"key":"parking_permit","title":"Parking permit form","actor":"tenant","due_days":0,"proof":true,
                "keywords":["parking"]}]})",
                           "mine");
    EXPECT_EQ(c->set_onboarding_checklist(org, mine, "user:maria").items.size(), 2u);
    EXPECT_EQ(c->onboarding_checklist(org).name, "acme");
    EXPECT_EQ(events_of("onboarding.checklist_set"), 1u);
    const auto o = c->start_onboarding(org, LeaseId("l1"), "user:maria");
    EXPECT_EQ(o.checklist, "acme v2");
    EXPECT_EQ(keys_of(o.items), (std::vector<std::string>{"welcome_message", "parking_permit"}));
    send("+12125550101", "here it is", {blobs->put("permit")});  // the single open tenant proof item
    const auto done = onboarding("l1");
    EXPECT_EQ(done.status, OnboardingStatus::kCompleted);
}

TEST_F(OnboardingTest, ALeaseWhoseUnitIsMissingIsAPersonsJobOnce) {
    store->write([&](Transaction& tx) {
        Lease l;
        l.id = LeaseId("lx");
        l.unit_id = UnitId("ghost");
        l.start = clock->now() + 3 * kDay;
        l.end = l.start + 365 * kDay;
        tx.put(org, l);
    });
    for (int d = 0; d < 3; ++d) c->tick(clock->now() + kDay);
    const auto esc = open_with("onboarding_failed");
    ASSERT_EQ(esc.size(), 1u);
    EXPECT_NE(esc[0].summary.find("ghost"), std::string::npos) << esc[0].summary;
    EXPECT_TRUE(c->onboardings(org, "lx").empty());
    expect_error([&] { c->start_onboarding(org, LeaseId("lx"), "user:maria"); }, ErrorCode::kFailedPrecondition,
                 "ghost");
}

// A simulated year: move-ins spread over the year, the daily check starting each, staff checking
// some onboardings fully (completed) and leaving others (overdue escalations).
TEST_F(OnboardingTest, ASimulatedYearOfMoveIns) {
    store->write([&](Transaction& tx) {
        for (int k = 0; k < 8; ++k) {
            Unit u{UnitId("y" + std::to_string(k)), PropertyId(k % 2 ? "p-tx" : "p-ny"), "Y" + std::to_string(k), 1, 1, ""};
            tx.put(org, u);
            Tenant t;
            t.id = TenantId("ty" + std::to_string(k));
            t.unit_id = u.id;
            t.name = "Tenant " + std::to_string(k);
            t.phone = "+1212555020" + std::to_string(k);
            t.language = k % 3 == 0 ? "es" : "en";
            tx.put(org, t);
            Lease l;
            l.id = LeaseId("ly" + std::to_string(k));
            l.unit_id = u.id;
            l.tenant_ids = {t.id};
            l.start = parse_time("2026-02-01T15:00:00Z") + (k * 40) * kDay;
            l.end = l.start + 365 * kDay;
            tx.put(org, l);
        }
    });
    std::set<std::string> checked;
    const auto end = clock->now() + 365 * kDay;
    while (clock->now() < end) {
        c->tick(clock->now() + kDay);
        // Staff finish the even-numbered move-ins on their move-in day.
        for (const auto& o : c->onboardings(org)) {
            const auto lease = o.lease_id.str();
            if (lease.rfind("ly", 0) != 0 || checked.count(lease)) continue;
            if ((lease.back() - '0') % 2 == 0 && clock->now() >= o.move_in_at) {
                check_all(lease);
                checked.insert(lease);
            }
        }
    }
    std::size_t completed = 0, open = 0;
    for (const auto& o : c->onboardings(org)) {
        if (o.lease_id.str().rfind("ly", 0) != 0) continue;
        if (o.status == OnboardingStatus::kCompleted) {
            ++completed;
            EXPECT_EQ((o.lease_id.str().back() - '0') % 2, 0);
        } else {
            ++open;
            EXPECT_LE(o.reminders_sent, 3);
            EXPECT_GT(o.reminders_sent, 0);
        }
    }
    EXPECT_EQ(completed, 4u);
    EXPECT_EQ(open, 4u);
    std::set<std::string> overdue_leases;
    for (const auto& e : open_with("onboarding_overdue")) overdue_leases.insert(e.context.value("lease_id", ""));
    for (int k = 1; k < 8; k += 2) EXPECT_TRUE(overdue_leases.count("ly" + std::to_string(k))) << k;
    for (int k = 0; k < 8; k += 2) EXPECT_FALSE(overdue_leases.count("ly" + std::to_string(k))) << k;
    EXPECT_EQ(events_of("onboarding.completed"), 4u);
    EXPECT_TRUE(c->verify_audit(org).ok);
}

}  // namespace
}  // namespace propos::testing
