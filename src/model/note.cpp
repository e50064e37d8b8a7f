#include "propos/model/note.hpp"

namespace propos {

void to_json(Json& j, const Note& v) {
    j = Json{{"id", v.id},
             {"text", v.text},
             {"author", v.author},
             {"work_order_id", v.work_order_id},
             {"property_id", v.property_id},
             {"unit_id", v.unit_id},
             {"at", v.at}};
}

void from_json(const Json& j, Note& v) {
    FieldReader r(j, "note");
    r.req("id", v.id);
    r.req("text", v.text);
    r.opt("author", v.author);
    r.opt("work_order_id", v.work_order_id);
    r.opt("property_id", v.property_id);
    r.opt("unit_id", v.unit_id);
    r.opt("at", v.at);
}

}  // namespace propos
