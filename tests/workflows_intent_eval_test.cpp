// Intent routing on messages written apart from the classifier: tests/data/intent_eval/ holds
// labelled inbound messages written from the intent definitions (docs/workflows.md "Intent
// routing") by authors who never read the classifier. tune.jsonl to tune4.jsonl were used to tune
// its word rules and train its model (src/agent/text_model.hpp: the tuning figure is
// in-sample; agent_text_model_test reports the model on a tuning author left out of its
// training, 86.4%); holdout.jsonl, holdout2.jsonl and holdout3.jsonl never were (their texts are not read when
// the classifier changes; only their aggregate reports are). Target on each half: intent accuracy
// >= 90%. The test prints the report per intent, language and channel (docs/workflows.md records
// it).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>

#include "eval_util.hpp"
#include "propos/core/json.hpp"
#include "propos/workflows/intent.hpp"

namespace propos {
namespace {

using testing::pct;

struct Counts {
    int total = 0, ok = 0;
};

struct Report {
    Counts all;
    std::map<std::string, Counts> by_intent, by_language, by_channel;
    std::map<std::string, std::map<std::string, int>> confusion;  // want -> got -> n
    std::vector<std::string> wrong;
};

Report evaluate(const std::vector<std::string>& files) {
    Report r;
    testing::for_each_json_line("intent_eval", files, [&](const Json& j) {
        const auto got = classify_intent(j.at("text").get<std::string>());
        const auto want = j.at("intent").get<std::string>();
        const std::string name(enum_name(got.intent));
        for (Counts* c : {&r.all, &r.by_intent[want], &r.by_language[j.at("language").get<std::string>()],
                          &r.by_channel[j.value("channel", "sms")]}) {
            ++c->total;
            if (name == want) ++c->ok;
        }
        ++r.confusion[want][name];
        if (name != want) {
            std::string id = j.at("id").get<std::string>() + " " + name + " != " + want;
            // PROPOS_INTENT_EVAL_VERBOSE=1 adds the text and the reasons (used on the tuning half only).
            if (std::getenv("PROPOS_INTENT_EVAL_VERBOSE") != nullptr) {
                id += "\n      " + Json(j.at("text")).dump() + "\n      reasons: " + Json(got.reasons).dump();
            }
            r.wrong.push_back(id);
        }
    });
    return r;
}

void print(const std::string& name, const Report& r) {
    std::printf("\n%s: %d messages\n%-20s %5s %16s\n", name.c_str(), r.all.total, "group", "n", "accuracy");
    auto row = [](const std::string& g, const Counts& c) {
        std::printf("%-20s %5d %6s (%3d/%3d)\n", g.c_str(), c.total, pct(c.ok, c.total).c_str(), c.ok, c.total);
    };
    row("all", r.all);
    for (const auto& [k, c] : r.by_intent) row("intent " + k, c);
    for (const auto& [k, c] : r.by_language) row("language " + k, c);
    for (const auto& [k, c] : r.by_channel) row("channel " + k, c);
    for (const auto& [want, got] : r.confusion) {
        for (const auto& [g, n] : got) {
            if (g != want) std::printf("  %s -> %s: %d\n", want.c_str(), g.c_str(), n);
        }
    }
    for (const auto& m : r.wrong) std::printf("  wrong: %s\n", m.c_str());
}

void expect_accuracy(const std::string& name, const std::vector<std::string>& files, int per_mille) {
    const auto r = evaluate(files);
    print(name, r);
    ASSERT_GE(r.all.total, 100) << name;
    EXPECT_GE(r.all.ok * 1000, r.all.total * per_mille) << name << ": intent accuracy";
}

// Four tuning files by four authors; the held-back files by two others.
TEST(IntentEvaluationTest, TuningHalfMeetsTheTarget) {
    expect_accuracy("tuning (tune.jsonl + tune2.jsonl + tune3.jsonl + tune4.jsonl)",
                    {"tune.jsonl", "tune2.jsonl", "tune3.jsonl", "tune4.jsonl"}, 900);
}

// The held-back files. Word signals alone reached about 80% on text nobody tuned on
// (holdout.jsonl: 80.3% after the first tuning file, 82.7% after three, 79.3% once a message that
// names nothing went to maintenance, 81.0% after the fourth); with the learned model naming the
// owner, 93.3%. Never tune on their texts.
TEST(IntentEvaluationTest, HeldBackHalfMeetsTheTarget) {
    expect_accuracy("holdout.jsonl", {"holdout.jsonl"}, 900);
}

// A second held-back file by a sixth author: first measured at 82.3% (before tune4.jsonl was used),
// 83.0% with the word rules of four tuning authors, 92.3% with the learned model.
TEST(IntentEvaluationTest, SecondHeldBackFileMeetsTheTarget) {
    expect_accuracy("holdout2.jsonl", {"holdout2.jsonl"}, 900);
}

// A third held-back file by a seventh author, written after the learned model was built; its first
// and only measurement: 94.3%.
TEST(IntentEvaluationTest, ThirdHeldBackFileMeetsTheTarget) {
    expect_accuracy("holdout3.jsonl", {"holdout3.jsonl"}, 900);
}

}  // namespace
}  // namespace propos
