#include "propos/model/portfolio.hpp"
#include <cctype>

namespace propos {

void to_json(Json& j, const Organization& v) {
    j = Json{{"id", v.id}, {"name", v.name}, {"timezone", v.timezone}, {"created_at", v.created_at}};
    if (!v.escalation_contact.empty()) j["escalation_contact"] = v.escalation_contact;
    if (!v.fallback_contact.empty()) j["fallback_contact"] = v.fallback_contact;
}
void from_json(const Json& j, Organization& v) {
    FieldReader r(j, "organization");
    r.req("id", v.id);
    r.req("name", v.name);
    r.opt("timezone", v.timezone);
    r.opt("created_at", v.created_at);
    r.opt("escalation_contact", v.escalation_contact);
    r.opt("fallback_contact", v.fallback_contact);
}

void to_json(Json& j, const Property& v) {
    j = Json{{"id", v.id},
             {"name", v.name},
             {"address", v.address},
             {"city", v.city},
             {"state", v.state},
             {"postal_code", v.postal_code},
             {"nte_limit", v.nte_limit},
             {"emergency_nte_limit", v.emergency_nte_limit},
             {"owner_approval_threshold", v.owner_approval_threshold},
             {"owner_name", v.owner_name},
             {"owner_email", v.owner_email},
             {"jurisdiction", v.jurisdiction},
             {"year_built", v.year_built},
             {"stories", v.stories},
             {"unit_count", v.unit_count},
             {"has_boiler", v.has_boiler},
             {"has_elevator", v.has_elevator},
             {"has_cooling_tower", v.has_cooling_tower},
             {"has_gas_piping", v.has_gas_piping},
             {"rent_stabilized", v.rent_stabilized},
             {"nyc_block", v.nyc_block},
             {"nyc_community_district", v.nyc_community_district}};
}
void from_json(const Json& j, Property& v) {
    FieldReader r(j, "property");
    r.req("id", v.id);
    r.req("name", v.name);
    r.opt("address", v.address);
    r.opt("city", v.city);
    r.opt("state", v.state);
    r.opt("postal_code", v.postal_code);
    r.opt("nte_limit", v.nte_limit);
    r.opt("emergency_nte_limit", v.emergency_nte_limit);
    r.opt("owner_approval_threshold", v.owner_approval_threshold);
    r.opt("owner_name", v.owner_name);
    r.opt("owner_email", v.owner_email);
    r.opt("jurisdiction", v.jurisdiction);
    r.opt("year_built", v.year_built);
    r.opt("stories", v.stories);
    r.opt("unit_count", v.unit_count);
    r.opt("has_boiler", v.has_boiler);
    r.opt("has_elevator", v.has_elevator);
    r.opt("has_cooling_tower", v.has_cooling_tower);
    r.opt("has_gas_piping", v.has_gas_piping);
    r.opt("rent_stabilized", v.rent_stabilized);
    r.opt("nyc_block", v.nyc_block);
    r.opt("nyc_community_district", v.nyc_community_district);
    if (v.year_built < 0 || v.stories < 0 || v.unit_count < 0 || v.nyc_block < 0 || v.nyc_community_district < 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    "property " + v.id.str() +
                        ": year_built, stories, unit_count, nyc_block and nyc_community_district must not be negative");
    }
}

std::string jurisdiction_of(const Property& p) {
    auto lower = [](std::string s) {
        for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    if (!p.jurisdiction.empty()) return lower(p.jurisdiction);
    const auto state = lower(p.state);
    const auto city = lower(p.city);
    if (state == "ny" || state == "new york") {
        for (const char* c : {"new york", "new york city", "nyc", "manhattan", "brooklyn", "bronx", "the bronx",
                              "queens", "staten island"}) {
            if (city == c) return "nyc";
        }
        return "generic";
    }
    if (state == "ca" || state == "california") return "ca";
    if (state == "tx" || state == "texas") return "tx";
    return "generic";
}

void to_json(Json& j, const Unit& v) {
    j = Json{{"id", v.id},         {"property_id", v.property_id}, {"label", v.label},
             {"bedrooms", v.bedrooms}, {"floor", v.floor},             {"notes", v.notes}};
}
void from_json(const Json& j, Unit& v) {
    FieldReader r(j, "unit");
    r.req("id", v.id);
    r.req("property_id", v.property_id);
    r.req("label", v.label);
    r.opt("bedrooms", v.bedrooms);
    r.opt("floor", v.floor);
    r.opt("notes", v.notes);
}

void to_json(Json& j, const Tenant& v) {
    j = Json{{"id", v.id},
             {"unit_id", v.unit_id},
             {"name", v.name},
             {"phone", v.phone},
             {"email", v.email},
             {"preferred_channel", v.preferred_channel},
             {"language", v.language},
             {"sms_opt_out", v.sms_opt_out},
             {"has_pets", v.has_pets},
             {"vulnerable_occupant", v.vulnerable_occupant},
             {"child_under_6", v.child_under_6},
             {"child_10_or_under", v.child_10_or_under}};
}
void from_json(const Json& j, Tenant& v) {
    FieldReader r(j, "tenant");
    r.req("id", v.id);
    r.req("unit_id", v.unit_id);
    r.req("name", v.name);
    r.opt("phone", v.phone);
    r.opt("email", v.email);
    r.opt_enum("preferred_channel", v.preferred_channel);
    r.opt("language", v.language);
    r.opt("sms_opt_out", v.sms_opt_out);
    r.opt("has_pets", v.has_pets);
    r.opt("vulnerable_occupant", v.vulnerable_occupant);
    r.opt("child_under_6", v.child_under_6);
    r.opt("child_10_or_under", v.child_10_or_under);
}

void to_json(Json& j, const Lease& v) {
    j = Json{{"id", v.id},       {"unit_id", v.unit_id},         {"tenant_ids", v.tenant_ids},
             {"start", v.start}, {"end", v.end},                 {"monthly_rent", v.monthly_rent},
             {"deposit", v.deposit}};
    j["rent_stabilized"] = v.rent_stabilized;
    j["renewal_status"] = v.renewal_status;
    if (v.renewal_offered_at) j["renewal_offered_at"] = *v.renewal_offered_at;
    if (v.renewal_rent.in_cents() != 0) j["renewal_rent"] = v.renewal_rent;
    if (v.renewal_term_months != 0) j["renewal_term_months"] = v.renewal_term_months;
    if (v.renewal_reply_by) j["renewal_reply_by"] = *v.renewal_reply_by;
    if (v.renewal_effective_at) j["renewal_effective_at"] = *v.renewal_effective_at;
    if (v.renewal_decided_at) j["renewal_decided_at"] = *v.renewal_decided_at;
    if (!v.renewal_notices.empty()) j["renewal_notices"] = v.renewal_notices;
    if (v.renewal_negotiation_by) j["renewal_negotiation_by"] = *v.renewal_negotiation_by;
}
void from_json(const Json& j, Lease& v) {
    FieldReader r(j, "lease");
    r.req("id", v.id);
    r.req("unit_id", v.unit_id);
    r.opt("tenant_ids", v.tenant_ids);
    r.req("start", v.start);
    r.req("end", v.end);
    r.opt("monthly_rent", v.monthly_rent);
    r.opt("deposit", v.deposit);
    r.opt("rent_stabilized", v.rent_stabilized);
    r.opt_enum("renewal_status", v.renewal_status);
    r.opt("renewal_offered_at", v.renewal_offered_at);
    r.opt("renewal_rent", v.renewal_rent);
    r.opt("renewal_term_months", v.renewal_term_months);
    r.opt("renewal_reply_by", v.renewal_reply_by);
    r.opt("renewal_effective_at", v.renewal_effective_at);
    r.opt("renewal_decided_at", v.renewal_decided_at);
    r.opt("renewal_notices", v.renewal_notices);
    r.opt("renewal_negotiation_by", v.renewal_negotiation_by);
    if (v.renewal_term_months < 0 || v.renewal_rent.in_cents() < 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    "lease " + v.id.str() + ": renewal_term_months and renewal_rent must not be negative");
    }
}

void to_json(Json& j, const VendorScorecard& v) {
    j = Json{{"jobs_completed", v.jobs_completed}, {"jobs_assigned", v.jobs_assigned},
             {"on_time_jobs", v.on_time_jobs},     {"callbacks", v.callbacks},
             {"total_billed", v.total_billed},     {"rating", v.rating}};
}
void from_json(const Json& j, VendorScorecard& v) {
    FieldReader r(j, "vendor scorecard");
    r.opt("jobs_completed", v.jobs_completed);
    r.opt("jobs_assigned", v.jobs_assigned);
    r.opt("on_time_jobs", v.on_time_jobs);
    r.opt("callbacks", v.callbacks);
    r.opt("total_billed", v.total_billed);
    r.opt("rating", v.rating);
}

void to_json(Json& j, const Vendor& v) {
    j = Json{{"id", v.id},
             {"name", v.name},
             {"trades", v.trades},
             {"service_area", v.service_area},
             {"phone", v.phone},
             {"email", v.email},
             {"hourly_rate", v.hourly_rate},
             {"callout_fee", v.callout_fee},
             {"after_hours", v.after_hours},
             {"hours_start", v.hours_start},
             {"hours_end", v.hours_end},
             {"weekends", v.weekends},
             {"insurance_expires", v.insurance_expires},
             {"active", v.active},
             {"scorecard", v.scorecard}};
}
void from_json(const Json& j, Vendor& v) {
    FieldReader r(j, "vendor");
    r.req("id", v.id);
    r.req("name", v.name);
    r.opt("trades", v.trades);
    r.opt("service_area", v.service_area);
    r.opt("phone", v.phone);
    r.opt("email", v.email);
    r.opt("hourly_rate", v.hourly_rate);
    r.opt("callout_fee", v.callout_fee);
    r.opt("after_hours", v.after_hours);
    r.opt("hours_start", v.hours_start);
    r.opt("hours_end", v.hours_end);
    r.opt("weekends", v.weekends);
    if (v.hours_start < 0 || v.hours_start > 23 || v.hours_end < 1 || v.hours_end > 24 ||
        v.hours_end <= v.hours_start) {
        throw Error(ErrorCode::kInvalidArgument, "vendor '" + v.id.str() + "': business hours " +
                                                     std::to_string(v.hours_start) + "-" +
                                                     std::to_string(v.hours_end) +
                                                     " are not a range of hours within a day");
    }
    r.opt("insurance_expires", v.insurance_expires);
    r.opt("active", v.active);
    r.opt("scorecard", v.scorecard);
}

}  // namespace propos
