// `parse_inbound_line`: one JSON line of an inbox file (propos ingest) as an IncomingMessage. In a
// file of its own so that what parses outside input links without the coordinator (fuzz targets).
#include "propos/coordinator.hpp"

#include "propos/core/json.hpp"

namespace propos {

InboundLine parse_inbound_line(std::string_view line, std::string_view where, std::string provider) {
    const std::string at(where);
    const auto j = parse_json(line, at);
    if (!j.is_object()) throw Error(ErrorCode::kInvalidArgument, at + ": a message must be a JSON object");
    InboundLine out;
    auto& m = out.message;
    m.provider = std::move(provider);
    m.raw_payload = std::string(line);
    m.raw_content_type = "application/x-ndjson";
    m.provider_message_id = json_get_or<std::string>(j, "id", "", at);
    m.channel = parse_enum<Channel>(json_get_or<std::string>(j, "channel", "sms", at));
    m.from = json_get_or<std::string>(j, "from", "", at);
    m.to = json_get_or<std::string>(j, "to", "", at);
    m.subject = json_get_or<std::string>(j, "subject", "", at);
    m.text = json_get_or<std::string>(j, "text", "", at);
    if (j.contains("received_at")) m.received_at = json_get<Timestamp>(j, "received_at", at);
    out.org = json_get_or<std::string>(j, "org", "", at);
    return out;
}

}  // namespace propos
