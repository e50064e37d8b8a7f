/// @file intent.hpp
/// @brief `classify_intent`: which workflow owns an inbound message (maintenance, renewal, move-in,
/// move-out, payment, neighbor, question, human, other), deterministically and before any network
/// call, in English, Spanish, French, Portuguese, Russian and Chinese.
///
/// Safety first: a message the emergency criteria (`propos/agent/emergency.hpp`) flag, or are
/// unsure about, is maintenance whatever else it says. Otherwise a linear model over character
/// n-grams, trained at build time on the tuning files of the intent evaluation and embedded in the
/// library, names the owner (docs/workflows.md), and word rules give the reasons and the secondary
/// intents: each intent scores the signals it owns (words and phrases in six languages, typo tolerant; negation-aware for the words of a
/// repair), the trade keywords of triage count for maintenance, and the highest score wins; the
/// others above the threshold are reported in `also` ("the heater is broken, and when is rent due?").
/// A repair outranks what it is wrapped in: a request for a manager about a broken heater is
/// maintenance with `human` in `also`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/export.hpp"
#include "propos/model/message.hpp"
#include "propos/workflows/triage.hpp"

namespace propos {

/// @brief What is known about a message besides its text.
struct IntentOptions {
    /// When it arrived: decides the heating season for the emergency criteria.
    Timestamp at{};
    /// The tenant record names a vulnerable occupant (stricter emergency thresholds).
    bool vulnerable_occupant = false;
};

/// @brief The outcome of `classify_intent`.
struct IntentAssessment {
    Intent intent = Intent::kOther;
    /// Secondary intents the message also carries, strongest first (never `intent` itself).
    std::vector<Intent> also;
    /// 0-1: how clearly the text names one intent.
    double confidence = 0.0;
    /// Reason codes for the audit and the CLI, e.g. "intent:payment (rent, late fee)",
    /// "intent:maintenance (emergency criteria: gas)", "also:human (asks for a person)".
    std::vector<std::string> reasons;
    /// "en", "es", "fr", "pt", "ru" or "zh" (as triage detects it).
    std::string language = "en";
    /// The offline triage of the whole text, which decided the safety override (nullopt for a
    /// text with nothing to triage). A repair started from the message takes it rather than
    /// assessing the same text again.
    std::optional<Triage> triage;
};

/// @brief Classifies `text`. Never throws for any input (empty text is `other`); thread-safe.
PROPOS_EXPORT IntentAssessment classify_intent(const std::string& text, const IntentOptions& options = {});

}  // namespace propos
