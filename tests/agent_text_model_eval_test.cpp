// The learned models of triage on authors they never saw: the triage tuning authors, in seven folds of
// eleven or twelve, are left out in turn of the emergency and category models' training, and the whole emergency
// judgement (the criteria, then the model with its calibrated thresholds; assess_emergency_with) and
// the category model are measured on the left-out authors' messages. These are the figures that
// predict how the library does on a new author (docs/workflows.md records them); the held-back files
// measure it (workflows_triage_eval_test).
//
// The criteria's word lists were first written from five authors (tune.jsonl to tune5.jsonl), so
// their rows show the model's share on top of criteria that know those words; the other seventy-four
// (tune6.jsonl to tune9.jsonl, tune_h1.jsonl to tune_h70.jsonl) were written without the criteria
// in mind, and their rows were the honest estimate until their misses and false alarms taught the
// criteria words too (now optimistic; the held-back files are the measure).
#include <gtest/gtest.h>

#include <cstdio>
#include <algorithm>
#include <atomic>
#include <limits>
#include <map>
#include <set>
#include <thread>

#include "agent/emergency_model.hpp"
#include "agent/text_model.hpp"
#include "eval_util.hpp"
#include "propos/core/json.hpp"
#include "propos/core/time.hpp"

namespace propos {
namespace {

using namespace text_model;
using testing::pct;

const std::vector<std::string> kCriteriaTuned = {"tune.jsonl", "tune2.jsonl", "tune3.jsonl", "tune4.jsonl",
                                                 "tune5.jsonl"};
const std::vector<std::string> kModelOnly = {
    "tune6.jsonl",   "tune7.jsonl",   "tune8.jsonl",    "tune9.jsonl",    "tune_h1.jsonl",  "tune_h2.jsonl",
    "tune_h3.jsonl", "tune_h4.jsonl", "tune_h5.jsonl",  "tune_h6.jsonl",  "tune_h7.jsonl",  "tune_h8.jsonl",
    "tune_h9.jsonl", "tune_h10.jsonl", "tune_h11.jsonl", "tune_h12.jsonl", "tune_h13.jsonl", "tune_h14.jsonl",
    "tune_h15.jsonl", "tune_h16.jsonl", "tune_h17.jsonl", "tune_h18.jsonl", "tune_h19.jsonl", "tune_h20.jsonl",
    "tune_h21.jsonl", "tune_h22.jsonl", "tune_h23.jsonl", "tune_h24.jsonl", "tune_h25.jsonl", "tune_h26.jsonl",
    "tune_h27.jsonl", "tune_h28.jsonl", "tune_h29.jsonl", "tune_h30.jsonl",
    "tune_h31.jsonl", "tune_h32.jsonl", "tune_h33.jsonl", "tune_h34.jsonl",
    "tune_h35.jsonl", "tune_h36.jsonl", "tune_h37.jsonl", "tune_h38.jsonl",
    "tune_h39.jsonl", "tune_h40.jsonl", "tune_h41.jsonl", "tune_h42.jsonl",
    "tune_h43.jsonl", "tune_h44.jsonl", "tune_h45.jsonl", "tune_h46.jsonl",
    "tune_h47.jsonl", "tune_h48.jsonl", "tune_h49.jsonl", "tune_h50.jsonl",
    "tune_h51.jsonl", "tune_h52.jsonl", "tune_h53.jsonl", "tune_h54.jsonl",
    "tune_h55.jsonl", "tune_h56.jsonl", "tune_h57.jsonl", "tune_h58.jsonl",
    "tune_h59.jsonl", "tune_h60.jsonl", "tune_h61.jsonl", "tune_h62.jsonl",
    "tune_h63.jsonl", "tune_h64.jsonl", "tune_h65.jsonl", "tune_h66.jsonl",
    "tune_h67.jsonl", "tune_h68.jsonl", "tune_h69.jsonl", "tune_h70.jsonl"};

struct Message {
    std::string text, language, hazard, category;
    Timestamp at{};
    bool vulnerable = false, emergency = false;
};

std::vector<Message> load(const std::vector<std::string>& files) {
    std::vector<Message> out;
    testing::for_each_json_line("triage_eval", files, [&](const Json& j) {
        out.push_back({j.at("text").get<std::string>(), j.at("language").get<std::string>(),
                       j.at("hazard").get<std::string>(), j.at("category").get<std::string>(),
                       parse_time(j.at("received_at").get<std::string>()), j.value("vulnerable_on_file", false),
                       j.at("emergency").get<bool>()});
    });
    return out;
}

std::string predict(const Model& m, const std::string& text) {
    const auto s = scores(m, text);
    return m.classes[static_cast<std::size_t>(std::max_element(s.begin(), s.end()) - s.begin())];
}

struct Counts {
    int emergencies = 0, criteria = 0, caught = 0, asked = 0;
    int others = 0, criteria_alarms = 0, alarms = 0, others_asked = 0;
    int total = 0, category_ok = 0;
    void add(const Counts& o) {
        emergencies += o.emergencies, criteria += o.criteria, caught += o.caught, asked += o.asked;
        others += o.others, criteria_alarms += o.criteria_alarms, alarms += o.alarms, others_asked += o.others_asked;
        total += o.total, category_ok += o.category_ok;
    }
};

void header() {
    std::printf("%-16s %5s %15s %15s %10s %13s %13s %13s %9s\n", "left out", "n", "criteria recall",
                "+model recall", "asked", "criteria f.a.", "+model f.a.", "others asked", "category");
}

void row(const std::string& name, const Counts& c) {
    std::printf("%-16s %5d %15s %15s %10s %13s %13s %13s %9s\n", name.c_str(), c.total,
                pct(c.criteria, c.emergencies).c_str(), pct(c.caught, c.emergencies).c_str(),
                pct(c.caught + c.asked, c.emergencies).c_str(), pct(c.criteria_alarms, c.others).c_str(),
                pct(c.alarms, c.others).c_str(), pct(c.others_asked, c.others).c_str(),
                pct(c.category_ok, c.total).c_str());
}

TEST(TriageModelsEvaluationTest, GeneralizeToATuningAuthorTheyWereNotTrainedOn) {
    std::vector<std::string> all = kCriteriaTuned;
    all.insert(all.end(), kModelOnly.begin(), kModelOnly.end());
    constexpr float kNever = std::numeric_limits<float>::infinity();
    std::map<std::string, Counts> by_file, by_hazard, by_language;
    // Every file read once: the messages of each author, and the intent tuning files' messages
    // about anything but maintenance (as in the library's models: no emergency, no trade).
    std::map<std::string, std::vector<Message>> messages;
    for (const auto& f : all) messages[f] = load({f});
    std::vector<std::string> others;
    testing::for_each_json_line("intent_eval", {"tune.jsonl", "tune2.jsonl", "tune3.jsonl", "tune4.jsonl"},
                                [&](const Json& j) {
                                    const auto also = j.value("also", std::vector<std::string>{});
                                    if (j.at("intent") == "maintenance" ||
                                        std::find(also.begin(), also.end(), "maintenance") != also.end()) {
                                        return;
                                    }
                                    others.push_back(j.at("text").get<std::string>());
                                });
    // The categories (the fifteen trades: every fold's training has messages of each).
    std::vector<std::string> categories;
    {
        std::set<std::string> s{"general"};
        for (const auto& f : all) {
            for (const auto& m : messages[f]) s.insert(m.category);
        }
        categories.assign(s.begin(), s.end());
    }
    // Seven folds, each author in one (round-robin over the list, so the five authors the criteria were
    // written from fall in five different folds): a fold's models train on every author outside it
    // and are measured on its authors, so each author is judged by models that never read them. The
    // folds share nothing but what they read, so they run on every core (seven folds of eleven or twelve
    // authors train a seventh as often as one fold an author: ~50 s instead of ~210 s on the test
    // machine's two cores), each into its own slots.
    constexpr std::size_t kFolds = 7;
    struct Result {
        Counts k;
        std::string hazard, language;
    };
    std::vector<std::vector<Result>> results(all.size());
    auto fold = [&](std::size_t f) {
        auto in_fold = [&](std::size_t i) { return i % kFolds == f; };
        std::vector<Example> emergency, category;
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (in_fold(i)) continue;
            for (const auto& m : messages.at(all[i])) {
                emergency.push_back({m.text, m.emergency ? "emergency" : "not_emergency"});
                category.push_back({m.text, m.category});
            }
        }
        for (const auto& text : others) {
            emergency.push_back({text, "not_emergency"});
            category.push_back({text, "general"});
        }
        // Through the text form, as the library embeds them (int8 weights).
        const Model em = parse(serialize(train(emergency, {"emergency", "not_emergency"}, 3.0, kCharactersAndWords)));
        const Model cm = parse(serialize(train(category, categories, 3.0, kCharactersAndWords)));
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (!in_fold(i)) continue;
            for (const auto& m : messages.at(all[i])) {
                EmergencyConditions c;
                c.at = m.at;
                c.vulnerable_occupant = m.vulnerable;
                const auto criteria = assess_emergency_with(m.text, c, em, {kNever, kNever});
                const auto a = assess_emergency_with(m.text, c, em, kEmergencyModelThresholds);
                Counts k;
                k.total = 1;
                k.category_ok = predict(cm, m.text) == m.category ? 1 : 0;
                if (m.emergency) {
                    k.emergencies = 1;
                    k.criteria = criteria.emergency ? 1 : 0;
                    k.caught = a.emergency ? 1 : 0;
                    k.asked = !a.emergency && a.uncertain ? 1 : 0;
                } else {
                    k.others = 1;
                    k.criteria_alarms = criteria.emergency ? 1 : 0;
                    k.alarms = a.emergency ? 1 : 0;
                    k.others_asked = !a.emergency && a.uncertain ? 1 : 0;
                }
                results[i].push_back({k, m.hazard, m.language});
            }
        }
    };
    {
        std::atomic<std::size_t> next{0};
        std::vector<std::thread> workers;
        const unsigned n = std::max(1u, std::min(std::thread::hardware_concurrency(), 4u));
        for (unsigned t = 0; t < n; ++t) {
            workers.emplace_back([&] {
                for (std::size_t f = next++; f < kFolds; f = next++) fold(f);
            });
        }
        for (auto& t : workers) t.join();
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
        for (const auto& r : results[i]) {
            by_file[all[i]].add(r.k);
            by_hazard[r.hazard].add(r.k);
            by_language[r.language].add(r.k);
        }
    }
    Counts tuned, fresh;
    std::printf("\nEach author left out of the models' training (recall and false alarms: emergencies flagged;\n"
                "asked: flagged or asked at once; category: the category model alone)\n");
    header();
    for (const auto& f : all) {
        row(f, by_file[f]);
        (std::find(kCriteriaTuned.begin(), kCriteriaTuned.end(), f) != kCriteriaTuned.end() ? tuned : fresh)
            .add(by_file[f]);
    }
    row("criteria tuned", tuned);
    row("criteria not", fresh);
    std::printf("\nBy hazard and by language (all seventy-nine authors, each in a fold left out in turn)\n");
    header();
    for (const auto& [k, c] : by_hazard) row(k, c);
    for (const auto& [k, c] : by_language) row(k, c);

    // On the seventy-four authors the criteria's word lists were first written without (measured at
    // stop 35, each fold's models trained without eleven or twelve authors: criteria alone 93.0% of
    // emergencies flagged, 2.8% false alarms; with the model 99.9% and 4.6%; flagged or asked 100%;
    // category 94.3%; in the second round of stop 34, seventy authors: 92.9%, 2.9%, 99.9%, 4.7%, 100%,
    // 94.3%; in its first round, sixty-six authors: 92.7%, 2.9%, 99.9%, 4.8%, 100%, 94.2%;
    // in the second round of stop 33, sixty-two authors: 92.6%, 2.9%, 99.9%, 4.8%, 100%, 94.1%; in its
    // first round, fifty-eight authors: 92.5%, 2.9%, 99.9%, 4.8%; in the
    // third round of stop 32, fifty-four authors: 92.2%, 3.0%, 99.8%, 5.0% — the four authors of
    // tune_h47 to tune_h50 wrote big words for small things on purpose; in its second round, fifty authors: 92.0%, 2.6%, 99.8%, 4.6%, 100%; in its first
    // round, forty-six authors: 91.9%, 2.4%, 99.8%, 4.6%, 100%; at stop 31, forty-two authors: 91.6%, 2.1%, 99.8%, 4.3%, 100%; at stop 30, thirty-eight authors: 91.5%, 2.2%, 99.8%, 4.5%; at stop 29, thirty authors: 91.7%, 1.7%, 99.8%, 3.7% — the four authors of tune_h19 to tune_h22 wrote from a brief that named the trades without
    // defining them, 83.2-91.5%. Their misses and false alarms have taught the criteria words, so these
    // figures are optimistic: the held-back files are the measure): the model lifts recall, false
    // alarms stay within the target (10%). Floors at the measured level; raise them with every
    // improvement.
    EXPECT_GE(fresh.caught * 1000, fresh.emergencies * 995);
    EXPECT_GE(fresh.caught, fresh.criteria + fresh.emergencies / 20);
    EXPECT_LE(fresh.alarms * 1000, fresh.others * 49);
    EXPECT_GE((fresh.caught + fresh.asked) * 1000, fresh.emergencies * 995);
    EXPECT_GE(fresh.category_ok * 1000, fresh.total * 930);
    // On the criteria's own authors the model costs little.
    EXPECT_GE(tuned.caught * 1000, tuned.emergencies * 995);
    EXPECT_LE(tuned.alarms * 1000, tuned.others * 40);
}

}  // namespace
}  // namespace propos
