/// @file triage.hpp
/// @brief Deterministic triage of a maintenance request: housing-code category, priority, emergency
/// flag, escalation flag, reasons, confidence and a safe self-fix tip where one exists.
///
/// This is what the offline `RulesProvider` proposes, what `propos triage` prints, and the safety net:
/// emergency detection never waits for a network call. Emergencies come from the criteria model of
/// `propos/agent/emergency.hpp` (hazard x activity x conditions, six languages); the category from
/// trade keywords in English, Spanish, French, Portuguese, Russian and Chinese.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/json.hpp"
#include "propos/model/work_order.hpp"

namespace propos {

/// @brief A safe thing a tenant can try before a vendor is sent.
struct SelfFix {
    std::string key;          ///< e.g. "gfci_reset".
    std::string instructions;  ///< What to tell the tenant (English).
    std::string instructions_es;  ///< The same in Spanish.
};

/// @brief The outcome of triage.
struct Triage {
    std::string category = "general";
    Priority priority = Priority::kRoutine;
    bool emergency = false;
    bool escalate = false;  ///< A person must look (emergency, legal, harassment, human requested).
    std::vector<std::string> reasons;
    double confidence = 0.0;  ///< 0-1: how clearly the text names one problem.
    std::optional<SelfFix> self_fix;
    std::string language = "en";  ///< "en", "es", "fr", "pt", "ru" or "zh" (detected).
    /// Hazard codes that make it an emergency (see `EmergencyAssessment::hazards`).
    std::vector<std::string> hazards;
    /// A hazard is named but the criteria cannot settle it: the priority is urgent (never routine)
    /// and the tenant is asked `clarifying_question` at once, with a short deadline for the answer.
    bool uncertain = false;
    /// The doubt comes from the emergency criteria's safety net (`EmergencyAssessment::safety_net`):
    /// the tenant is asked all the same, but the message keeps the intent it names.
    bool safety_net = false;
    std::string clarifying_question;     ///< English; empty unless `uncertain`.
    std::string clarifying_question_es;  ///< Spanish; empty unless `uncertain`.
    std::string title;  ///< Short title for a work order, e.g. "Plumbing: kitchen sink leaking".
    /// Size of the job: "major" when the text asks for a replacement, installation or overhaul
    /// ("the boiler should be replaced"), "minor" for small touch-ups, else "standard".
    std::string scope = "standard";
    bool vague = false;  ///< Too little information: ask the tenant what is wrong.
    bool instructions_to_ai = false;  ///< The text tries to instruct the assistant (ignored).
};

/// @brief Options that change triage.
struct TriageOptions {
    /// Heating season (no heat is an emergency). Default: derived from `now` (Oct 1 - May 31).
    std::optional<bool> heating_season;
    /// A vulnerable occupant (elderly, infant, medical): heat/water/power outages are emergencies.
    bool vulnerable_occupant = false;
};

/// @brief Triage `text` as of `now`. Throws `Error(kInvalidArgument)` for empty text.
PROPOS_EXPORT Triage triage_text(const std::string& text, Timestamp now, const TriageOptions& options = {});

/// @brief What a host's own triage model is shown: the tenant's message and PropOS's offline triage
/// of it (the floor), e.g. for a scikit-learn classifier (`CoordinatorOptions::triage_hook`).
struct TriageHookInput {
    OrgId org;
    std::string text;                  ///< Subject and body of the tenant's message.
    Timestamp at{};                    ///< When it was received.
    bool vulnerable_occupant = false;  ///< From the tenant record.
    std::string language = "en";       ///< Detected by the offline triage.
    std::string category = "general";  ///< The offline triage's category.
    Priority priority = Priority::kRoutine;  ///< The offline triage's priority.
    bool emergency = false;            ///< The offline triage's emergency flag.
    std::vector<std::string> hazards;  ///< The offline triage's hazard codes.
};

/// @brief What a host's triage model says. It can only raise: an emergency flag or a priority above
/// the offline triage's is taken (the NTE, vendor eligibility and escalations follow); a lower one
/// changes nothing, like a remote model's triage.
struct TriageOpinion {
    bool emergency = false;
    std::optional<Priority> priority;  ///< Unset: no opinion on the priority.
    std::string reason;                ///< Shown on the work order, e.g. "p(emergency)=0.93".
    std::string source = "host triage model";  ///< Its name, e.g. "sklearn:leak-gbm-v3".
};

/// @brief A host's triage model: returns its opinion, or nullopt for none. Called once per tenant
/// message that opens a work order, from the thread that runs jobs. When it throws, the offline
/// triage stands and the work order says so (its triage reasons) and a `triage.hook_failed` event is
/// written: a failing model is never silent.
using TriageHook = std::function<std::optional<TriageOpinion>(const TriageHookInput&)>;

/// @brief The hook's input for `text` and its offline triage `offline`.
PROPOS_EXPORT TriageHookInput triage_hook_input(const OrgId& org, const std::string& text, Timestamp at,
                                                bool vulnerable_occupant, const Triage& offline);

/// @brief Applies `opinion` to `triage`, raise-only: sets the emergency flag (and the emergency
/// priority) or raises the priority, adding a reason that names the source. Returns what it raised
/// ("emergency", "urgent"...), or "" when the opinion raises nothing.
PROPOS_EXPORT std::string apply_triage_opinion(Triage& triage, const TriageOpinion& opinion);

/// @brief JSON form used by `propos triage` (with "id" added by the caller):
/// {"category","priority","emergency","escalate","reasons"} plus "confidence", "self_fix", "language",
/// "hazards" and, when uncertain, "clarifying_question".
PROPOS_EXPORT Json triage_to_json(const Triage& t);

}  // namespace propos
