// Private checks shared by the store's engines and the capabilities' default implementations.
#pragma once

#include <string>

namespace propos::store_detail {

/// Throws `Error(kInvalidArgument)` unless `field` is a plain JSON field name ([A-Za-z0-9_]+), the
/// only names `RecordStore::count_by` accepts (engines put it in SQL).
void check_record_field_name(const std::string& field);

}  // namespace propos::store_detail
