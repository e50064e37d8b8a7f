#include "propos/model/cadence.hpp"

#include <cstdio>

namespace propos {

void to_json(Json& j, const CadenceStepDefinition& v) {
    j = Json{{"name", v.name}, {"offset_days", v.offset_days}, {"channel", v.channel}, {"templates", v.templates}};
    if (v.send_minute) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%02d:%02d", *v.send_minute / 60, *v.send_minute % 60);
        j["send_at"] = buf;
    }
    if (!v.subjects.empty()) j["subjects"] = v.subjects;
}
void from_json(const Json& j, CadenceStepDefinition& v) {
    FieldReader r(j, "cadence step");
    r.req("name", v.name);
    r.req("offset_days", v.offset_days);
    r.opt_enum("channel", v.channel);
    r.req("templates", v.templates);
    r.opt("subjects", v.subjects);
    std::string at;
    r.opt("send_at", at);
    if (!at.empty()) {
        int h = -1, m = -1;
        char tail = 0;
        if (std::sscanf(at.c_str(), "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59) {
            throw Error(ErrorCode::kInvalidArgument,
                        "cadence step '" + v.name + "': field 'send_at': '" + at + "' is not a time HH:MM");
        }
        v.send_minute = h * 60 + m;
    }
}

void to_json(Json& j, const CadenceDefinition& v) {
    j = Json{{"name", v.name}, {"purpose", v.purpose}, {"description", v.description}, {"steps", v.steps}};
    if (!v.source.empty()) j["source"] = v.source;
}
void from_json(const Json& j, CadenceDefinition& v) {
    FieldReader r(j, "cadence");
    r.req("name", v.name);
    r.req("purpose", v.purpose);
    r.opt("description", v.description);
    r.req("steps", v.steps);
    r.opt("source", v.source);
}

void to_json(Json& j, const CadenceEnrollmentStep& v) {
    j = Json{{"name", v.name},         {"due_at", v.due_at},   {"status", v.status},
             {"version", v.version},   {"message_id", v.message_id}, {"done_at", v.done_at}};
}
void from_json(const Json& j, CadenceEnrollmentStep& v) {
    FieldReader r(j, "cadence enrollment step");
    r.req("name", v.name);
    r.req("due_at", v.due_at);
    r.opt_enum("status", v.status);
    r.opt("version", v.version);
    r.opt("message_id", v.message_id);
    r.opt("done_at", v.done_at);
}

void to_json(Json& j, const CadenceEnrollment& v) {
    j = Json{{"id", v.id},
             {"cadence", v.cadence},
             {"purpose", v.purpose},
             {"tenant_id", v.tenant_id},
             {"references", v.references},
             {"status", v.status},
             {"enrolled_at", v.enrolled_at},
             {"enrolled_by", v.enrolled_by},
             {"ended_at", v.ended_at},
             {"end_reason", v.end_reason},
             {"steps", v.steps}};
}
void from_json(const Json& j, CadenceEnrollment& v) {
    FieldReader r(j, "cadence enrollment");
    r.req("id", v.id);
    r.req("cadence", v.cadence);
    r.req("purpose", v.purpose);
    r.req("tenant_id", v.tenant_id);
    r.opt("references", v.references);
    r.opt_enum("status", v.status);
    r.req("enrolled_at", v.enrolled_at);
    r.opt("enrolled_by", v.enrolled_by);
    r.opt("ended_at", v.ended_at);
    r.opt("end_reason", v.end_reason);
    r.opt("steps", v.steps);
}

}  // namespace propos
