// The learned text models (src/agent/text_model.hpp): the built-in models are the ones the tuning
// files train and survive their text form; the intent model generalizes to a tuning author left out
// of its training (the triage models' figures are agent_text_model_eval_test's).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "eval_util.hpp"
#include "propos/core/json.hpp"
#include "agent/text_model.hpp"

namespace propos {
namespace {

using namespace text_model;

// Sorted, as the trainer orders the labels it finds.
const std::vector<std::string> kClasses = {"human",    "maintenance", "move_in",  "move_out", "neighbor",
                                           "other",    "payment",     "question", "renewal"};
const std::vector<std::string> kTuning = {"tune.jsonl", "tune2.jsonl", "tune3.jsonl", "tune4.jsonl"};

std::vector<Example> load(const std::vector<std::string>& files) {
    std::vector<Example> out;
    testing::for_each_json_line("intent_eval", files, [&](const Json& j) {
        out.push_back({j.at("text").get<std::string>(), j.at("intent").get<std::string>()});
    });
    return out;
}

std::string predict(const Model& m, const std::string& text) {
    const auto s = scores(m, text);
    return m.classes[static_cast<std::size_t>(std::max_element(s.begin(), s.end()) - s.begin())];
}

TEST(IntentModelTest, TheBuiltInModelIsTheOneTheTuningFilesTrain) {
    const Model& b = intent_model();
    EXPECT_EQ(b.classes, kClasses);
    EXPECT_NE(b.provenance.find("1300 messages: tune.jsonl tune2.jsonl tune3.jsonl tune4.jsonl"),
              std::string::npos)
        << b.provenance;
    EXPECT_EQ(b.provenance.find("holdout"), std::string::npos);
    // Trained again here, through its text form: the same decisions as the built-in one.
    const Model again = parse(serialize(train(load(kTuning), kClasses)));
    int same = 0, n = 0;
    for (const auto& e : load({"tune.jsonl"})) {
        ++n;
        same += predict(again, e.text) == predict(b, e.text) ? 1 : 0;
    }
    EXPECT_EQ(same, n);
}

TEST(IntentModelTest, TheTextFormKeepsTheDecisions) {
    const auto examples = load({"tune.jsonl", "tune2.jsonl"});
    Model m = train(examples, kClasses);
    m.provenance = "test";
    const Model q = parse(serialize(m));
    EXPECT_EQ(q.provenance, "test");
    int same = 0;
    for (const auto& e : examples) same += predict(m, e.text) == predict(q, e.text) ? 1 : 0;
    EXPECT_GE(same * 100, static_cast<int>(examples.size()) * 99);  // int8 weights
    EXPECT_THROW(parse("something else"), std::runtime_error);
    EXPECT_THROW(parse("propos.text_model/1\nbits 15\nclasses a b\n"), std::runtime_error);
}

// Each tuning author in turn is left out of training and classified: the figure that predicts
// how the model does on a new author (docs/workflows.md).
TEST(IntentModelTest, GeneralizesToATuningAuthorItWasNotTrainedOn) {
    int ok_all = 0, n_all = 0;
    for (const auto& held : kTuning) {
        std::vector<std::string> rest;
        for (const auto& f : kTuning) {
            if (f != held) rest.push_back(f);
        }
        const Model m = train(load(rest), kClasses);
        int ok = 0, n = 0;
        for (const auto& e : load({held})) {
            ++n;
            ok += predict(m, e.text) == e.label ? 1 : 0;
        }
        std::printf("left out %-12s %4d messages, model alone %s\n", held.c_str(), n, testing::pct(ok, n).c_str());
        ok_all += ok;
        n_all += n;
    }
    std::printf("leave one author out: %s\n", testing::pct(ok_all, n_all).c_str());
    EXPECT_GE(ok_all * 100, n_all * 85);
}

// The triage models are trained from the thirty-one triage tuning files, never from the held-back
// ones; agent_text_model_eval_test measures them on each tuning author left out of their training.
TEST(TriageModelsTest, TheBuiltInModelsAreTheOnesTheTriageTuningFilesTrain) {
    for (const Model* m : {&emergency_model(), &category_model()}) {
        EXPECT_NE(m->provenance.find(" tune.jsonl tune2.jsonl tune3.jsonl tune4.jsonl tune5.jsonl tune6.jsonl "
                                     "tune7.jsonl tune8.jsonl tune9.jsonl tune_h1.jsonl tune_h2.jsonl "
                                     "tune_h3.jsonl tune_h4.jsonl tune_h5.jsonl tune_h6.jsonl tune_h7.jsonl "
                                     "tune_h8.jsonl tune_h9.jsonl tune_h10.jsonl tune_h11.jsonl tune_h12.jsonl "
                                     "tune_h13.jsonl tune_h14.jsonl tune_h15.jsonl tune_h16.jsonl tune_h17.jsonl "
                                     "tune_h18.jsonl tune_h19.jsonl tune_h20.jsonl tune_h21.jsonl tune_h22.jsonl "
                                     "tune_h23.jsonl tune_h24.jsonl tune_h25.jsonl tune_h26.jsonl tune_h27.jsonl "
                                     "tune_h28.jsonl tune_h29.jsonl tune_h30.jsonl tune_h31.jsonl tune_h32.jsonl "
                                     "tune_h33.jsonl tune_h34.jsonl tune_h35.jsonl tune_h36.jsonl tune_h37.jsonl "
                                     "tune_h38.jsonl tune_h39.jsonl tune_h40.jsonl tune_h41.jsonl tune_h42.jsonl "
                                     "tune_h43.jsonl tune_h44.jsonl tune_h45.jsonl tune_h46.jsonl tune_h47.jsonl "
                                     "tune_h48.jsonl tune_h49.jsonl tune_h50.jsonl tune_h51.jsonl tune_h52.jsonl "
                                     "tune_h53.jsonl tune_h54.jsonl tune_h55.jsonl tune_h56.jsonl tune_h57.jsonl "
                                     "tune_h58.jsonl tune_h59.jsonl tune_h60.jsonl tune_h61.jsonl tune_h62.jsonl "
                                     "tune_h63.jsonl tune_h64.jsonl tune_h65.jsonl tune_h66.jsonl tune_h67.jsonl "
                                     "tune_h68.jsonl tune_h69.jsonl tune_h70.jsonl"),
                  std::string::npos)
            << m->provenance;
        EXPECT_EQ(m->provenance.find("holdout"), std::string::npos);
    }
    EXPECT_EQ(emergency_model().classes, (std::vector<std::string>{"emergency", "not_emergency"}));
    EXPECT_EQ(category_model().classes,
              (std::vector<std::string>{"appliance", "door_window_lock", "electrical", "elevator", "fire_safety",
                                        "flooring", "gas", "general", "heat_hot_water", "hvac", "paint_plaster",
                                        "pest", "plumbing", "structural", "water_leak"}));
}

TEST(IntentModelTest, EmptyAndOddTextsScoreWithoutFailing) {
    for (const char* t : {"", "   ", "!!!", "\xff\xfe broken utf8 \xc3", "👍", "𨋢壞咗"}) {
        const auto s = scores(intent_model(), t);
        EXPECT_EQ(s.size(), kClasses.size()) << t;
    }
}

}  // namespace
}  // namespace propos
