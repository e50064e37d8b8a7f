// Private: the learned half of `classify_intent` — a linear model over character n-grams.
//
// Word lists tuned on a few authors name what they were shown; a new author's words slip past
// them (held-back accuracy 81-83% against 93% on the tuning files). Character n-grams (1 to 5
// characters within each folded word, Chinese runs included) catch the other forms of the same
// words in every language, and a linear support-vector machine trained on the tuning files
// generalizes to authors it has not seen (leave-one-author-out over the four tuning authors: 88%).
//
// Features: n-grams hashed (FNV-1a) into 2^15 buckets, tf = 1 + ln(count), times the bucket's idf
// from the training messages, L2-normalized. Model: one-vs-rest L2-regularized squared-hinge
// linear SVMs (dual coordinate descent, as LIBLINEAR), C = 3, a bias feature. The library's model
// is trained at build time from tests/data/intent_eval/tune*.jsonl by `propos_intent_trainer`
// (deterministic: fixed order and seed) and embedded as text; nothing is trained at run time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace propos::intent_model {

inline constexpr int kBits = 15;
inline constexpr std::uint32_t kDim = 1u << kBits;

/// A sparse vector: (bucket, value), buckets ascending.
using Sparse = std::vector<std::pair<std::uint32_t, float>>;

/// Raw n-gram counts of a text (hashed buckets, ascending).
Sparse ngram_counts(std::string_view text);

struct Model {
    std::vector<std::string> classes;  // intent names
    std::vector<float> idf;            // kDim
    std::vector<float> bias;           // per class
    std::vector<float> weights;        // classes x kDim, row-major
    std::string provenance;            // what it was trained on
};

/// tf-idf, L2-normalized.
Sparse vectorize(const Model& m, std::string_view text);
/// One score per class (the SVM's decision values).
std::vector<float> scores(const Model& m, std::string_view text);

struct Example {
    std::string text;
    std::string label;
};
/// Trains on `examples` (classes in the order given). Deterministic.
Model train(const std::vector<Example>& examples, const std::vector<std::string>& classes, double c = 3.0);

/// The text form (quantized: idf to 1/1000, weights to int8 per class with a scale).
std::string serialize(const Model& m);
/// Parses the text form; throws std::runtime_error naming the problem.
Model parse(std::string_view text);

/// The model built into the library (parsed once, thread-safe).
const Model& builtin();

}  // namespace propos::intent_model
