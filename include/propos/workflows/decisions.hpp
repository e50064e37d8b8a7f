/// @file decisions.hpp
/// @brief Staff decisions as precedent, and notes on work orders (issue 20).
///
/// A person's decision — an escalation resolved, an owner approval decided, a vendor assigned by
/// hand — is kept as a `StaffDecision` record, written by `record_staff_decision` in the same
/// transaction as the decision, with an audit entry and a `staff_decision.recorded` event (whose
/// payload names the decision, so the Coordinator indexes it for history search as a document of
/// kind "decision"). The repair intake shows the most similar past decisions to the agent (context
/// key `staff_decisions`), and the offline rules follow a similar past hand assignment.
///
/// `add_work_order_note` adds a person's note to a work order: a `Note` record, an audit entry
/// and a `work_order.note_added` event, indexed as a document of kind "note".
#pragma once

#include <cstddef>
#include <string>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/model/decision.hpp"
#include "propos/model/note.hpp"
#include "propos/store/store.hpp"

namespace propos {

/// @brief The longest note accepted (on a work order, or with a decision), in bytes.
inline constexpr std::size_t kMaxNoteBytes = 4000;
/// @brief The longest author / decider name accepted, in bytes.
inline constexpr std::size_t kMaxAuthorBytes = 120;

/// @brief Checks a person's note: valid UTF-8 and at most `kMaxNoteBytes` (empty is allowed:
/// "no note"). Throws `Error(kInvalidArgument)` naming `what` (e.g. "note") otherwise.
PROPOS_EXPORT void validate_note_text(const std::string& text, const std::string& what = "note");

/// @brief Stores `decision` in `tx` (an id "dec_..." is made when it has none; `at` must be set),
/// with an audit entry (actor "user:<decided_by>", action `staff_decision.recorded`, the note and
/// the structured fields) and a `staff_decision.recorded` event with payload {"decision_id",
/// "kind", "work_order_id", "escalation_id"}, all committing with `tx`. Returns the stored record.
/// Throws `Error(kInvalidArgument)` for an unknown kind, an empty or over-long `decided_by` or an
/// invalid note; what `tx` throws.
PROPOS_EXPORT StaffDecision record_staff_decision(Transaction& tx, const OrgId& org, StaffDecision decision,
                                                  const std::string& correlation_id = {});

/// @brief Adds `text` by `author` as a note on work order `work_order` of `org`, in one
/// transaction: the `Note` record (its work order, unit and property set; `at` = `now`), an audit
/// entry (actor "user:<author>", action `work_order.note_added`) and a `work_order.note_added`
/// event with payload {"work_order_id","note_id","author"}. Returns the note. Throws
/// `Error(kInvalidArgument)` for a text that is empty (only white space), longer than
/// `kMaxNoteBytes` or not UTF-8, or an empty or over-long author; `Error(kNotFound)` when `org` has
/// no such work order.
PROPOS_EXPORT Note add_work_order_note(Store& store, const OrgId& org, const WorkOrderId& work_order,
                                       const std::string& author, const std::string& text, Timestamp now);

/// @brief The notes of a work order, oldest first. Throws `Error(kNotFound)` when `org` has no such
/// work order.
PROPOS_EXPORT std::vector<Note> work_order_notes(Store& store, const OrgId& org, const WorkOrderId& work_order);

}  // namespace propos
