// Private: learned text classifiers — linear models over character n-grams — that back the
// deterministic judgements where word lists tuned on a few authors do not generalize:
// - the intent model names the owner of a message (classify_intent; 9 classes);
// - the emergency model backs the emergency criteria (assess_emergency): where it is sure, it
//   settles what the criteria left in doubt or did not see; elsewhere a message it scores as an
//   emergency is asked about at once;
// - the category model names the trade of a tenant's message (triage_text; 15 housing-code
//   categories).
//
// Word lists name what their authors were shown; a new author's words slip past them. Character
// n-grams (1 to 5 characters within each folded word, Chinese runs included) catch the other forms
// of the same words in every language, and a linear support-vector machine trained on the tuning
// files generalizes to authors it has not seen (docs/workflows.md has the figures).
//
// Features: n-grams hashed (FNV-1a) into 2^bits buckets (Features), tf = 1 + ln(count), times the bucket's idf
// from the training messages, L2-normalized. Model: one-vs-rest L2-regularized squared-hinge
// linear SVMs (dual coordinate descent, as LIBLINEAR), C = 3, a bias feature. The library's models
// are trained at build time from the tuning files of the evaluations (tests/data/intent_eval/tune*,
// tests/data/triage_eval/tune*; never the held-back ones) by `propos_text_model_trainer`
// (deterministic: fixed order and seed) and embedded as text; nothing is trained at run time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace propos::text_model {

/// What a model reads: character n-grams (1 to 5 characters within each folded word) hashed into
/// 2^bits buckets and, with `words`, whole words and pairs of adjacent words too.
struct Features {
    int bits = 15;
    bool words = false;
    std::uint32_t dim() const { return 1u << bits; }
};
/// The intent model's features.
inline constexpr Features kCharacters{15, false};
/// The triage models' features: words and word pairs (on the triage tuning authors, each left out
/// in turn, they lifted the emergency model's recall; the intent model lost accuracy with them).
inline constexpr Features kCharactersAndWords{16, true};

/// A sparse vector: (bucket, value), buckets ascending.
using Sparse = std::vector<std::pair<std::uint32_t, float>>;

/// Raw n-gram counts of a text (hashed buckets, ascending).
Sparse ngram_counts(std::string_view text, const Features& features = kCharacters);

struct Model {
    std::vector<std::string> classes;
    Features features;
    std::vector<float> idf;      // features.dim()
    std::vector<float> bias;     // per class
    std::vector<float> weights;  // classes x features.dim(), row-major
    std::string provenance;      // what it was trained on
};

/// tf-idf, L2-normalized.
Sparse vectorize(const Model& m, std::string_view text);
/// One score per class (the SVM's decision values).
std::vector<float> scores(const Model& m, std::string_view text);
/// The score of one class (-1e9 when the model has no such class).
float score_of(const Model& m, std::string_view text, std::string_view cls);

struct Example {
    std::string text;
    std::string label;
};
/// Trains on `examples` (classes in the order given). Deterministic.
Model train(const std::vector<Example>& examples, const std::vector<std::string>& classes, double c = 3.0,
            const Features& features = kCharacters);

/// The text form (quantized: idf to 1/1000, weights to int8 per class with a scale).
std::string serialize(const Model& m);
/// Parses the text form; throws std::runtime_error naming the problem.
Model parse(std::string_view text);

/// The models built into the library (parsed once, thread-safe).
const Model& intent_model();
const Model& emergency_model();
const Model& category_model();

}  // namespace propos::text_model
