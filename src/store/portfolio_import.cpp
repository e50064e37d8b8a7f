#include "propos/store/portfolio_import.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "propos/store/events.hpp"

namespace propos {

std::string normalize_phone(std::string_view phone) {
    std::string digits;
    for (char c : phone) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    }
    if (digits.empty()) return {};
    const bool plus = !phone.empty() && phone.find('+') != std::string_view::npos;
    if (!plus && digits.size() == 10) return "+1" + digits;
    return "+" + digits;
}

std::string normalize_email(std::string_view email) {
    std::string out;
    for (char c : email) {
        if (!std::isspace(static_cast<unsigned char>(c))) {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

namespace {

class Importer {
public:
    Importer(Transaction& tx, const Json& entry, size_t index) : tx_(tx), entry_(entry) {
        if (!entry.is_object()) fail("organizations[" + std::to_string(index) + "] is not an object");
        try {
            org_ = json_get<Json>(entry, "organization", "organizations[" + std::to_string(index) + "]")
                       .get<Organization>();
        } catch (const Error& e) {
            fail(std::string("organizations[") + std::to_string(index) + "]: " + e.what());
        }
        where_ = "organization '" + org_.id.str() + "'";
    }

    ImportSummary run(Timestamp now, const std::string& actor) {
        if (org_.created_at == Timestamp{}) org_.created_at = now;
        for (auto* contact : {&org_.escalation_contact, &org_.fallback_contact}) {
            if (contact->empty()) continue;
            *contact = contact->find('@') != std::string::npos ? normalize_email(*contact) : normalize_phone(*contact);
        }
        tx_.put_organization(org_);
        ImportSummary s{org_.id, org_.name};
        s.properties = each<Property>("properties", [&](Property& p) {
            // Spending limits are money from outside: above $0.00 and within the bound.
            check_amount(p.nte_limit, "nte_limit");
            check_amount(p.emergency_nte_limit, "emergency_nte_limit");
            check_amount(p.owner_approval_threshold, "owner_approval_threshold");
            properties_.insert(p.id.str());
        });
        s.units = each<Unit>("units", [&](Unit& u) {
            require(properties_, u.property_id.str(), "property");
            units_.insert(u.id.str());
        });
        s.tenants = each<Tenant>("tenants", [&](Tenant& t) {
            require(units_, t.unit_id.str(), "unit");
            t.phone = normalize_phone(t.phone);
            t.email = normalize_email(t.email);
            tenants_.insert(t.id.str());
        });
        s.leases = each<Lease>("leases", [&](Lease& l) {
            require(units_, l.unit_id.str(), "unit");
            for (const auto& t : l.tenant_ids) require(tenants_, t.str(), "tenant");
            if (l.end <= l.start) throw Error(ErrorCode::kInvalidArgument, "lease ends before it starts");
        });
        s.vendors = each<Vendor>("vendors", [&](Vendor& v) {
            v.phone = normalize_phone(v.phone);
            v.email = normalize_email(v.email);
            for (const auto& trade : v.trades) {
                if (!is_triage_category(trade)) {
                    throw Error(ErrorCode::kInvalidArgument, "unknown trade '" + trade + "'");
                }
            }
        });
        s.compliance_items = each<ComplianceItem>("compliance_items", [&](ComplianceItem& c) {
            require(properties_, c.property_id.str(), "property");
        });
        Json articles = Json::array();
        s.knowledge_articles = each<KnowledgeArticle>("knowledge_base", [&](KnowledgeArticle& k) {
            if (k.property_id) require(properties_, k.property_id->str(), "property");
            if (k.updated_at == Timestamp{}) k.updated_at = now;
            articles.push_back(k.id.str());
        });
        AuditEvent e;
        e.at = now;
        e.actor = actor;
        e.action = "portfolio.imported";
        e.entity_kind = "organization";
        e.entity_id = org_.id.str();
        e.data = {{"properties", s.properties}, {"units", s.units},     {"tenants", s.tenants},
                  {"leases", s.leases},         {"vendors", s.vendors}, {"compliance_items", s.compliance_items},
                  {"knowledge_articles", s.knowledge_articles}};
        tx_.append_audit(org_.id, e);
        // Announced so that history search indexes the articles as its "knowledge" kind.
        if (!articles.empty()) {
            emit_event(tx_, org_.id, "knowledge_base.imported", "import",
                       Json{{"knowledge_article_ids", std::move(articles)}}, now);
        }
        return s;
    }

private:
    [[noreturn]] void fail(const std::string& msg) const {
        throw Error(ErrorCode::kInvalidArgument, "portfolio import: " + msg);
    }

    void require(const std::set<std::string>& known, const std::string& id, const char* what) {
        if (known.count(id)) return;
        // Also accept references to records already in the store.
        bool exists = false;
        if (std::string_view(what) == "property") exists = tx_.find<Property>(org_.id, id).has_value();
        if (std::string_view(what) == "unit") exists = tx_.find<Unit>(org_.id, id).has_value();
        if (std::string_view(what) == "tenant") exists = tx_.find<Tenant>(org_.id, id).has_value();
        if (!exists) {
            throw Error(ErrorCode::kInvalidArgument, std::string(what) + " '" + id + "' does not exist");
        }
    }

    template <class T, class F>
    size_t each(const char* list, F&& check) {
        auto it = entry_.find(list);
        if (it == entry_.end() || it->is_null()) return 0;
        if (!it->is_array()) fail(where_ + ": '" + list + "' must be a list");
        size_t i = 0;
        for (const auto& item : *it) {
            const std::string at = where_ + ": " + list + "[" + std::to_string(i) + "]";
            try {
                T value = item.get<T>();
                check(value);
                tx_.put(org_.id, value);
            } catch (const Error& e) {
                std::string id;
                if (item.is_object() && item.contains("id") && item["id"].is_string()) {
                    id = " (" + item["id"].get<std::string>() + ")";
                }
                fail(at + id + ": " + e.what());
            } catch (const nlohmann::json::exception& e) {
                fail(at + ": " + e.what());
            }
            ++i;
        }
        return i;
    }

    Transaction& tx_;
    const Json& entry_;
    Organization org_;
    std::string where_;
    std::set<std::string> properties_, units_, tenants_;
};

}  // namespace

std::vector<ImportSummary> import_portfolio(Store& store, const Json& doc, Timestamp now,
                                            const std::string& actor) {
    if (!doc.is_object()) {
        throw Error(ErrorCode::kInvalidArgument, "portfolio import: the document must be a JSON object");
    }
    const auto format = json_get_or<std::string>(doc, "format", "propos.portfolio/1", "portfolio");
    if (format != "propos.portfolio/1") {
        throw Error(ErrorCode::kInvalidArgument, "portfolio import: unsupported format '" + format +
                                                     "' (expected propos.portfolio/1)");
    }
    const auto orgs = doc.find("organizations");
    if (orgs == doc.end() || !orgs->is_array() || orgs->empty()) {
        throw Error(ErrorCode::kInvalidArgument,
                    "portfolio import: 'organizations' must be a non-empty list");
    }
    return store.write_result([&](Transaction& tx) {
        std::vector<ImportSummary> out;
        size_t i = 0;
        for (const auto& entry : *orgs) {
            Importer imp(tx, entry, i++);
            out.push_back(imp.run(now, actor));
        }
        return out;
    });
}

}  // namespace propos
