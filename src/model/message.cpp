#include "propos/model/message.hpp"

namespace propos {

void to_json(Json& j, const Message& v) {
    j = Json{{"id", v.id},
             {"thread_id", v.thread_id},
             {"channel", v.channel},
             {"direction", v.direction},
             {"from", v.from},
             {"to", v.to},
             {"subject", v.subject},
             {"body", v.body},
             {"provider_message_id", v.provider_message_id},
             {"status", v.status},
             {"tenant_id", v.tenant_id},
             {"vendor_id", v.vendor_id},
             {"work_order_id", v.work_order_id},
             {"at", v.at},
             {"media", v.media},
             {"delivered_at", v.delivered_at},
             {"opened_at", v.opened_at},
             {"clicked_at", v.clicked_at}};
    if (!v.topic.empty()) j["topic"] = v.topic;
}
void from_json(const Json& j, Message& v) {
    FieldReader r(j, "message");
    r.req("id", v.id);
    r.opt("thread_id", v.thread_id);
    r.req_enum("channel", v.channel);
    r.opt_enum("direction", v.direction);
    r.opt("from", v.from);
    r.opt("to", v.to);
    r.opt("subject", v.subject);
    r.opt("body", v.body);
    r.opt("provider_message_id", v.provider_message_id);
    r.opt_enum("status", v.status);
    r.opt("tenant_id", v.tenant_id);
    r.opt("vendor_id", v.vendor_id);
    r.opt("work_order_id", v.work_order_id);
    r.req("at", v.at);
    r.opt("media", v.media);
    r.opt("delivered_at", v.delivered_at);
    r.opt("opened_at", v.opened_at);
    r.opt("clicked_at", v.clicked_at);
    r.opt("topic", v.topic);
}

void to_json(Json& j, const Thread& v) {
    j = Json{{"id", v.id},
             {"channel", v.channel},
             {"tenant_id", v.tenant_id},
             {"vendor_id", v.vendor_id},
             {"work_order_id", v.work_order_id},
             {"address", v.address},
             {"subject", v.subject},
             {"created_at", v.created_at},
             {"last_message_at", v.last_message_at}};
}
void from_json(const Json& j, Thread& v) {
    FieldReader r(j, "thread");
    r.req("id", v.id);
    r.opt_enum("channel", v.channel);
    r.opt("tenant_id", v.tenant_id);
    r.opt("vendor_id", v.vendor_id);
    r.opt("work_order_id", v.work_order_id);
    r.opt("address", v.address);
    r.opt("subject", v.subject);
    r.opt("created_at", v.created_at);
    r.opt("last_message_at", v.last_message_at);
}

}  // namespace propos
