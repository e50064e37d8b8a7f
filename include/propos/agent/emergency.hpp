/// @file emergency.hpp
/// @brief `assess_emergency`: the deterministic model of the published emergency criteria that
/// every tenant message goes through before any network call.
///
/// The criteria (docs/workflows.md, ../shared/reference/housing-rules.md §1) are composed from
/// signals instead of being listed as phrases:
/// - a **hazard** (water, sewage, gas, carbon monoxide, fire/smoke, electrical danger, no heat, no
///   cooling, no water, power loss, entry security, elevator entrapment, structural collapse,
///   medical: refrigerated medicine or powered medical equipment), found from words for the thing
///   and for what is wrong with it, in English, Spanish, French, Portuguese, Russian and Chinese,
///   tolerant of accents left out and of one-letter typos in longer words;
/// - its **activity and extent** (pouring, spreading, won't stop, whole unit, right now);
/// - the **conditions**: temperatures written in the text (°F or °C), the heating season from the
///   date, and **vulnerable occupants** (infant, elderly, disabled, medical devices) from the text
///   or the tenant record;
/// - **negation** ("no smell though", "nothing is sparking") and **hedges** ("not urgent").
///
/// The outcome is an emergency, a non-emergency, or — when a hazard is named but the signals do not
/// settle it — *uncertain*: the caller treats it as urgent and asks the tenant the clarifying
/// question returned here, with a short deadline; it is never silently routine. Two safety nets
/// make a message uncertain that the signals leave routine: a hazard's subject named with the
/// tenant alarmed (or a grave subject named at all), and a learned emergency model (character
/// n-grams, trained at build time on the tuning files of the evaluation) that reads the message as
/// an emergency.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/export.hpp"

namespace propos {

/// @brief What is known about the circumstances of a message besides its text.
struct EmergencyConditions {
    /// When the message arrived. Decides the heating season when `heating_season` is unset.
    Timestamp at{};
    /// Whether heat is required now. Default (nullopt): Oct 1 - May 31 of `at` (NYC's season).
    std::optional<bool> heating_season;
    /// The tenant record says an infant, elderly, disabled or medically dependent occupant lives
    /// there (stricter temperature thresholds). Default: false; the text can say so too.
    bool vulnerable_occupant = false;
    /// The outdoor temperature in °C when the host knows it; a temperature in the text wins.
    std::optional<double> outdoor_temperature_c;
};

/// @brief The outcome of `assess_emergency`.
struct EmergencyAssessment {
    /// True when the published criteria make this an emergency (respond within 4 hours).
    bool emergency = false;
    /// True when a hazard is named but the signals do not settle whether it is an emergency: the
    /// caller treats the message as urgent and asks `clarifying_question` (never silently routine).
    bool uncertain = false;
    /// Hazard codes that make it an emergency, most important first: "gas", "carbon_monoxide",
    /// "fire_smoke", "electrical", "water", "sewage", "no_heat", "no_cooling", "no_water",
    /// "power_loss", "entry_security", "elevator_entrapment", "structural", "medical"; or
    /// "unspecified" when the emergency model read an emergency in a message that names no
    /// hazard's subject.
    std::vector<std::string> hazards;
    /// The hazard that is uncertain (empty unless `uncertain`).
    std::string uncertain_hazard;
    /// The doubt comes from the safety net, not from a hazard's own signals: a grave subject (gas,
    /// smoke, sparks, sewage, an elevator, a failing structure, medicine) named, or an everyday one
    /// (water, doors, heat, cooling, water supply, power) named by an alarmed tenant, with something
    /// active, the whole home concerned or a vulnerable occupant. The tenant is asked all the same.
    bool safety_net = false;
    /// The category the main hazard implies (housing-code taxonomy), empty when there is none.
    std::string category;
    /// Reason codes for the audit and the CLI, e.g. "hazard:gas (smell + gas)",
    /// "condition:temperature 38F", "condition:vulnerable (newborn)", "negated:gas",
    /// "hedge:not urgent", "uncertain:elevator_entrapment".
    std::vector<std::string> reasons;
    /// A question for the tenant when `uncertain` (English; `clarifying_question_es` in Spanish).
    std::string clarifying_question;
    std::string clarifying_question_es;
    /// A temperature read from the text, in °C (nullopt when none).
    std::optional<double> temperature_c;
    /// A vulnerable occupant is named in the text or on file.
    bool vulnerable = false;
    /// The tenant says it is not urgent ("not urgent", "no rush", "no es urgente", ...).
    bool hedged = false;
    /// The emergency was settled by the learned emergency model, not by the criteria's own signals:
    /// it read the message as an emergency with a margin above its calibrated threshold, about a
    /// hazard the message names (the reason reads "hazard:<code> (emergency model <margin> ...)").
    bool model_flagged = false;
};

/// @brief Applies the emergency criteria to `text` under `conditions`. Never throws for any input
/// (empty text gives no hazard); thread-safe (no shared state).
PROPOS_EXPORT EmergencyAssessment assess_emergency(const std::string& text,
                                                   const EmergencyConditions& conditions);

/// @brief The legacy reason name of a hazard code, as `EscalationEngine::emergency_reasons`
/// reports it ("gas" -> "gas leak", "water" -> "flooding", "power_loss" -> "no power", ...).
PROPOS_EXPORT std::string emergency_reason_name(const std::string& hazard);

}  // namespace propos
