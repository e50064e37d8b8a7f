// Triage on messages written apart from the rules: tests/data/triage_eval/ holds labelled tenant
// messages written from the published criteria by authors who never read the rules. tune.jsonl to
// tune5.jsonl were used to tune them; holdout.jsonl to holdout4.jsonl never were (their texts are
// not read when the rules change; only their aggregate reports are). The targets: emergency recall
// 100%, false alarms <= 10% of non-emergencies, category accuracy >= 90%, every emergency flagged or
// asked about at once, at most a quarter of non-emergencies asked. The test prints the report per hazard
// and per language (docs/workflows.md records it).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>

#include "eval_util.hpp"
#include "propos/core/json.hpp"
#include "propos/core/time.hpp"
#include "propos/workflows/triage.hpp"

namespace propos {
namespace {

using testing::pct;

struct Counts {
    int emergencies = 0, caught = 0;      // recall
    int others = 0, false_alarms = 0;     // false alarms among non-emergencies
    int total = 0, category_ok = 0;       // category accuracy
    int priority_ok = 0;
    int asked = 0;        // emergencies not flagged but asked about at once (uncertain)
    int others_asked = 0; // non-emergencies asked about (the cost of the safety net)
};

struct Report {
    Counts all;
    std::map<std::string, Counts> by_hazard, by_language;
    std::vector<std::string> misses, alarms, categories;
};

Report evaluate(const std::vector<std::string>& files) {
    Report r;
    testing::for_each_json_line("triage_eval", files, [&](const Json& j) {
        TriageOptions opt;
        opt.vulnerable_occupant = j.value("vulnerable_on_file", false);
        const auto t = triage_text(j.at("text").get<std::string>(), parse_time(j.at("received_at").get<std::string>()), opt);
        const bool want = j.at("emergency").get<bool>();
        for (Counts* c : {&r.all, &r.by_hazard[j.at("hazard").get<std::string>()],
                          &r.by_language[j.at("language").get<std::string>()]}) {
            ++c->total;
            if (t.category == j.at("category").get<std::string>()) ++c->category_ok;
            if (std::string(enum_name(t.priority)) == j.at("priority").get<std::string>()) ++c->priority_ok;
            if (want) {
                ++c->emergencies;
                if (t.emergency) ++c->caught;
                else if (t.uncertain) ++c->asked;
            } else {
                ++c->others;
                if (t.emergency) ++c->false_alarms;
                else if (t.uncertain) ++c->others_asked;
            }
        }
        std::string id = j.at("id").get<std::string>();
        // PROPOS_TRIAGE_EVAL_VERBOSE=1 adds the text and the reasons (used on the tuning half only).
        if (std::getenv("PROPOS_TRIAGE_EVAL_VERBOSE") != nullptr) {
            id += " [" + t.category + "/" + std::string(enum_name(t.priority)) + "] " +
                  j.at("text").get<std::string>() + "\n      reasons: " + Json(t.reasons).dump();
        }
        if (want && !t.emergency) r.misses.push_back(id + (t.uncertain ? " (uncertain: asked)" : ""));
        if (!want && t.emergency) r.alarms.push_back(id + " (" + (t.hazards.empty() ? "" : t.hazards[0]) + ")");
        if (t.category != j.at("category").get<std::string>()) {
            r.categories.push_back(id + " " + t.category + " != " + j.at("category").get<std::string>());
        }
    });
    return r;
}

void print(const std::string& name, const Report& r) {
    std::printf("\n%s: %d messages, %d emergencies\n", name.c_str(), r.all.total, r.all.emergencies);
    std::printf("%-22s %5s %14s %14s %10s %10s %16s %14s\n", "group", "n", "recall", "false alarms",
                "category", "priority", "caught or asked", "others asked");
    auto row = [](const std::string& g, const Counts& c) {
        std::printf("%-22s %5d %6s (%2d/%2d) %6s (%2d/%3d) %10s %10s %16s %14s\n", g.c_str(), c.total,
                    pct(c.caught, c.emergencies).c_str(), c.caught, c.emergencies,
                    pct(c.false_alarms, c.others).c_str(), c.false_alarms, c.others,
                    pct(c.category_ok, c.total).c_str(), pct(c.priority_ok, c.total).c_str(),
                    pct(c.caught + c.asked, c.emergencies).c_str(), pct(c.others_asked, c.others).c_str());
    };
    row("all", r.all);
    for (const auto& [k, c] : r.by_hazard) row("hazard " + k, c);
    for (const auto& [k, c] : r.by_language) row("language " + k, c);
    for (const auto& m : r.misses) std::printf("  missed emergency: %s\n", m.c_str());
    for (const auto& m : r.alarms) std::printf("  false alarm: %s\n", m.c_str());
    for (const auto& m : r.categories) std::printf("  category: %s\n", m.c_str());
}

// Minimum recall, maximum false-alarm rate and minimum category accuracy, in per mille; then the
// safety net: the minimum share of emergencies flagged or asked about at once (never silently
// routine) and the maximum share of non-emergencies asked about (its cost to tenants).
struct Floor {
    int recall;
    int false_alarms;
    int category;
    int caught_or_asked = 1000;
    int others_asked = 250;
};

void expect_at_least(const std::string& file, const std::vector<std::string>& files, Floor f) {
    const auto r = evaluate(files);
    print(file, r);
    ASSERT_GE(r.all.total, 200) << file;
    EXPECT_GE(r.all.caught * 1000, r.all.emergencies * f.recall) << file << ": emergency recall";
    EXPECT_LE(r.all.false_alarms * 1000, r.all.others * f.false_alarms) << file << ": false alarms";
    EXPECT_GE(r.all.category_ok * 1000, r.all.total * f.category) << file << ": category accuracy";
    EXPECT_GE((r.all.caught + r.all.asked) * 1000, r.all.emergencies * f.caught_or_asked)
        << file << ": emergencies flagged or asked about";
    EXPECT_LE(r.all.others_asked * 1000, r.all.others * f.others_asked) << file << ": non-emergencies asked about";
}

// The targets: every emergency caught, false alarms <= 10%, category accuracy >= 90%; every
// emergency flagged or asked about, at most a quarter of non-emergencies asked about.
constexpr Floor kTargets{1000, 100, 900, 1000, 250};

// Four tuning files by four authors (tune*.jsonl); the held-back files by two others.
TEST(TriageEvaluationTest, TuningHalfMeetsTheTargets) {
    expect_at_least("tuning (tune.jsonl + tune2.jsonl + tune3.jsonl + tune4.jsonl)",
                    {"tune.jsonl", "tune2.jsonl", "tune3.jsonl", "tune4.jsonl"}, kTargets);
}

// The held-back half does not meet the targets yet (docs/workflows.md has the report): this holds
// it at the level measured when the criteria model was last changed, so that a change can only
// improve it. Raise the floor with every improvement; never tune on this file's texts.
TEST(TriageEvaluationTest, HeldBackHalfHoldsItsMeasuredLevel) {
    expect_at_least("holdout.jsonl", {"holdout.jsonl"}, Floor{950, 34, 874, 991, 140});
}

// A second held-back file by a sixth author, written after the first had been measured five times:
// its first measurement (before any change made for tune4.jsonl) was recall 85.7%, false alarms
// 3.9%, category 80.0%; the floor is the level after tuning on tune4.jsonl and tune5.jsonl.
// A fifth author who wrote indirect descriptions on purpose ("a hissing by the stove and the cat won't
// go in the kitchen"): the emergency targets hold; its categories were not tuned (floor).
TEST(TriageEvaluationTest, FifthTuningFileMeetsTheEmergencyTargets) {
    expect_at_least("tune5.jsonl", {"tune5.jsonl"}, Floor{1000, 100, 817, 1000});
}

// A third held-back file by a seventh author, written alongside tune5.jsonl: first measured at
// recall 83.0%, false alarms 5.0%, category 79.0%; the floor is the level after tuning on tune5.
TEST(TriageEvaluationTest, ThirdHeldBackSetHoldsItsMeasuredLevel) {
    expect_at_least("holdout3.jsonl", {"holdout3.jsonl"}, Floor{860, 55, 800, 975, 200});
}

// A fourth held-back file by an eighth author, written after the word safety net was built and
// first measured then: recall 90.7% (146/161), false alarms 5.9%, category 81.0%; flagged or asked
// 92.5%, 11.3% of non-emergencies asked; with the emergency model's net, flagged or asked 99.4%,
// 18.4% asked. Never tuned on.
TEST(TriageEvaluationTest, FourthHeldBackSetHoldsItsMeasuredLevel) {
    expect_at_least("holdout4.jsonl", {"holdout4.jsonl"}, Floor{906, 59, 810, 993, 185});
}

TEST(TriageEvaluationTest, SecondHeldBackSetHoldsItsMeasuredLevel) {
    expect_at_least("holdout2.jsonl", {"holdout2.jsonl"}, Floor{913, 54, 825, 989, 162});
}

}  // namespace
}  // namespace propos
