#include "demo_compliance.hpp"

#include <algorithm>
#include <map>
#include <ostream>

#include "demo_sections.hpp"
#include "output.hpp"
#include "propos/propos.hpp"

namespace propos::cli {
ComplianceDemo play_compliance(Coordinator& c, const std::vector<OrgId>& orgs) {
    ComplianceDemo demo;
    for (const auto& org : orgs) {
        // A tenant answers the lead-paint notice: the reply is recorded (and the tenant record updated).
        // A bare "NO" answers the last message sent to a tenant, so the demo picks a tenant whose last
        // message is the notice (others have had a renewal offer or a repair check since).
        std::map<std::string, Message> last_to;  // address -> the last message sent there
        for (const auto& m : c.outbox(org)) {
            auto it = last_to.find(m.to);
            if (it == last_to.end() || m.at >= it->second.at) last_to[m.to] = m;
        }
        for (const auto& item : c.compliance_items(org)) {
            if (!item.notice_sent_at || item.reply_received_at || !item.unit_id) continue;
            const auto tenants = c.store().read_result(
                [&](Transaction& tx) { return tx.list<Tenant>(org, {.parent = item.unit_id->str()}); });
            if (tenants.empty() || tenants.front().phone.empty() || tenants.front().sms_opt_out) continue;
            const auto last = last_to.find(tenants.front().phone);
            if (last == last_to.end() || std::find(item.notice_message_ids.begin(), item.notice_message_ids.end(),
                                                   last->second.id.str()) == item.notice_message_ids.end()) {
                continue;
            }
            IncomingMessage m;
            m.provider = "demo";
            m.provider_message_id = "demo-notice-reply-" + org.str();
            m.from = tenants.front().phone;
            m.text = tenants.front().language == "es" ? "No" : "NO";
            c.ingest(org, m);
            c.run_until_idle();
            break;
        }
        // A person completes an at-risk item with its report.
        for (const auto& item : c.compliance_items(org, {.open_only = true})) {
            if (item.at_risk_escalation_id.empty() || item.notice_sent_at) continue;
            const std::string report = "Inspection report for " + item.kind + " at " + item.property_id.str() +
                                       ": all devices tested and working (PropOS demo)";
            const auto with = c.attach_compliance_proof(org, item.id, report, item.kind + "-report.txt", "text/plain",
                                                        "user:demo");
            c.complete_compliance_item(org, item.id, "user:demo", "report attached");
            std::string next;
            for (const auto& n : c.compliance_items(org, {.open_only = true})) {
                if (n.kind == item.kind && n.property_id == item.property_id && n.unit_id == item.unit_id) {
                    next = format_time(n.due_at).substr(0, 10);
                    break;
                }
            }
            demo.completed[org.str()] = item.id.str() + " (proof sha256 " + with.proofs.back().sha256.substr(0, 12) +
                                        "…)" + (next.empty() ? "" : ", next due " + next);
            break;
        }
    }
    return demo;
}

void print_compliance_section(Coordinator& c, const std::vector<ImportSummary>& orgs, const ComplianceDemo& demo,
                              std::ostream& out) {
    out << "\n== Compliance ==\n";
    for (const auto& s : orgs) {
        const auto& org = s.org_id;
        const auto items = c.compliance_items(org);
        std::map<std::string, int> by_status, by_jurisdiction, languages, escalations, classes;
        int notices = 0, replies = 0, follow_ups = 0, proofs = 0;
        for (const auto& i : items) {
            ++by_status[std::string(enum_name(i.status))];
            if (!i.jurisdiction.empty()) ++by_jurisdiction[i.jurisdiction];
            replies += i.reply_received_at ? 1 : 0;
            follow_ups += i.parent_id.empty() ? 0 : 1;
            proofs += static_cast<int>(i.proofs.size());
        }
        std::map<std::string, std::vector<std::string>> warnings;  // warning -> properties
        for (const auto& e : c.events(org)) {
            if (e.type == "compliance.jurisdiction_unknown") {
                warnings[e.payload.value("warning", "")].push_back(e.payload.value("property_id", ""));
            }
            if (e.type != "compliance.notice_sent") continue;
            for (const auto& x : e.payload.value("sent", Json::array())) {
                ++notices;
                ++languages[x.value("language", "en")];
            }
        }
        for (const auto& e : c.escalations(org, false)) {
            if (e.reason.rfind("compliance_", 0) == 0 || e.reason.rfind("legal_deadline_", 0) == 0) {
                ++escalations[e.reason];
            }
        }
        int legal = 0;
        for (const auto& wo : c.work_orders(org)) {
            if (!wo.legal_due_at) continue;
            ++legal;
            ++classes[wo.legal_class];
        }
        out << org_heading(s) << "\n";
        out << "  Items: " << items.size() << " (" << counts_text(by_status)
            << "); from the rule packs: " << counts_text(by_jurisdiction) << "\n";
        for (const auto& [warning, properties] : warnings) {
            std::string where;
            for (const auto& p : properties) where += (where.empty() ? "" : ", ") + p;
            // Its first sentence; the rest says how to load a pack.
            out << "  Jurisdiction warning (" << where << "): " << warning.substr(0, warning.find(". ")) << "\n";
        }
        out << "  Notices sent: " << notices << " (" << counts_text(languages) << "); replies recorded " << replies
            << "; follow-ups " << follow_ups << "; proofs kept " << proofs << "\n";
        out << "  Escalations: " << counts_text(escalations) << "\n";
        if (const auto done = demo.completed.find(org.str()); done != demo.completed.end()) {
            out << "  Completed with proof: " << done->second << "\n";
        }
        out << "  Legal repair deadlines on work orders: " << legal << " (" << counts_text(classes) << ")\n";
    }
}

}  // namespace propos::cli
