/// @file note.hpp
/// @brief `Note`: free text a property manager or the agent writes about a unit, a property or a
/// work order ("shut-off valve is behind the access panel in the hall closet"), stored as record
/// kind "note" (see `RecordTraits<Note>` in propos/store/records.hpp) and searchable with
/// `HistorySearch`.
#pragma once

#include <optional>
#include <string>

#include "propos/core/clock.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/json.hpp"
#include "propos/export.hpp"
#include "propos/model/common.hpp"

namespace propos {

/// @brief Distinguishes note ids from other ids.
struct NoteTag {};
/// @brief Identifies a note within its organization.
using NoteId = Id<NoteTag>;

/// @brief A free-text note. `text` may hold personal data: it never goes to logs above debug level.
struct Note {
    NoteId id;
    std::string text;
    std::string author;  ///< "agent", "user:<name>"...
    std::optional<WorkOrderId> work_order_id;
    std::optional<PropertyId> property_id;
    std::optional<UnitId> unit_id;
    Timestamp at{};
    bool operator==(const Note&) const = default;
};

/// @brief JSON form: {"id","text","author","work_order_id","property_id","unit_id","at"}; missing
/// optional fields read as unset. Malformed input throws `Error(kInvalidArgument)` naming the
/// field.
PROPOS_EXPORT void to_json(Json& j, const Note& v);
PROPOS_EXPORT void from_json(const Json& j, Note& v);

}  // namespace propos
