#include "demo_sections.hpp"

#include <optional>
#include <ostream>
#include <tuple>

#include "output.hpp"
#include "propos/propos.hpp"

namespace propos::cli {

std::string counts_text(const std::map<std::string, int>& counts) {
    std::string out;
    for (const auto& [k, n] : counts) out += (out.empty() ? "" : ", ") + k + " " + std::to_string(n);
    return out.empty() ? "none" : out;
}

std::string org_heading(const ImportSummary& org) { return org.org_id.str() + " (" + org.name + "):"; }

void print_renewals_section(Coordinator& c, const std::vector<ImportSummary>& orgs, std::ostream& out) {
    out << "\n== Renewals ==\n";
    for (const auto& s : orgs) {
        const auto& org = s.org_id;
        int offers = 0, late = 0, reminders = 0, by_model = 0, declines = 0;
        std::map<std::string, int> readings, status;
        std::vector<AuditEvent> answers;  // the tenants' answers to offers, oldest first
        for (const auto& a : c.audit(org)) {
            if (a.action == "renewal.offered") {
                ++offers;
                late += a.data.value("late", false) ? 1 : 0;
                by_model += a.data.contains("writer") && a.data["writer"].value("by", "") == "model" ? 1 : 0;
            } else if (a.action == "renewal.reminded") {
                ++reminders;
            } else if (a.action.rfind("renewal.", 0) == 0 && a.data.contains("reading")) {
                ++readings[a.data.value("reading", "")];
                if (a.entity_kind == "lease" && a.actor.rfind("tenant:", 0) == 0) answers.push_back(a);
            }
            declines += a.action == "renewal.declined" ? 1 : 0;
        }
        for (const auto& e : c.expiring_leases(org)) ++status[std::string(enum_name(e.lease.renewal_status))];
        out << org_heading(s) << "\n";
        out << "  Offers sent: " << offers << " (" << late << " late, " << by_model << " written by the model); "
            << "reminders " << reminders << "\n";
        out << "  Answers read: " << counts_text(readings) << "\n";
        out << "  Leases by renewal status: " << counts_text(status) << "\n";
        out << "  Declines, move-out scheduled: " << declines << "\n";
        for (const auto& a : answers) {
            const auto [lease, unit, message] = c.store().read_result([&](Transaction& tx) {
                const auto l = tx.find<Lease>(org, a.entity_id);
                const auto u = l ? tx.find<Unit>(org, l->unit_id.str()) : std::nullopt;
                return std::tuple{l, u, tx.find<Message>(org, a.data.value("message_id", ""))};
            });
            if (!lease) continue;
            out << "  lease " << lease->id.str() << " (unit " << (unit ? unit->label : lease->unit_id.str())
                << ", offer " << lease->renewal_rent.to_string() << " for " << lease->renewal_term_months
                << " months): \"" << ellipsize(message ? message->body : std::string("?"), 60) << "\" read as "
                << a.data.value("reading", "") << " -> " << enum_name(lease->renewal_status) << "\n";
        }
    }
}

void print_onboarding_section(Coordinator& c, const std::vector<ImportSummary>& orgs, std::ostream& out) {
    out << "\n== Onboarding ==\n";
    for (const auto& s : orgs) {
        const auto list = c.onboardings(s.org_id);
        int completed = 0, items = 0, done = 0, by_tenant = 0, reminders = 0, overdue = 0;
        for (const auto& o : list) {
            completed += o.status == OnboardingStatus::kCompleted;
            reminders += o.reminders_sent;
            for (const auto& i : o.items) {
                ++items;
                done += i.status != OnboardingItemStatus::kOpen;
                by_tenant += !i.proof_message_id.empty();
                overdue += !i.overdue_escalation_id.empty();
            }
        }
        out << org_heading(s) << "\n";
        out << "  Move-ins: " << list.size() << " started (completed " << completed << ", open "
            << list.size() - completed << "); items done " << done << "/" << items << "; proofs from tenants' "
            << "replies " << by_tenant << "; reminders sent " << reminders << "; overdue items escalated " << overdue
            << "\n";
        for (const auto& o : list) {
            std::string open;
            for (const auto& i : o.items) {
                if (i.status == OnboardingItemStatus::kOpen) open += (open.empty() ? "" : ", ") + i.key;
            }
            const auto unit =
                c.store().read_result([&](Transaction& tx) { return tx.find<Unit>(s.org_id, o.unit_id.str()); });
            out << "  lease " << o.lease_id.str() << " (unit " << (unit ? unit->label : o.unit_id.str()) << ", "
                << o.jurisdiction << ", move-in " << format_time(o.move_in_at).substr(0, 10) << "): "
                << enum_name(o.status) << "; open: " << (open.empty() ? "none" : ellipsize(open, 100)) << "\n";
        }
    }
}

void print_cadences_section(Coordinator& c, const std::vector<ImportSummary>& orgs, std::ostream& out) {
    out << "\n== Cadences ==\n";
    for (const auto& s : orgs) {
        const auto all = c.cadence_enrollments(s.org_id);
        std::map<std::string, int> by_purpose, by_status, sent;
        std::vector<std::string> replied;
        int messages = 0;
        for (const auto& e : all) {
            ++by_purpose[e.purpose];
            ++by_status[std::string(enum_name(e.status))];
            int done = 0;
            for (const auto& st : e.steps) {
                if (st.status != CadenceStepStatus::kSent) continue;
                ++sent[e.purpose + " " + st.name];
                ++done;
            }
            messages += done;
            if (e.end_reason == "reply") {
                replied.push_back(e.purpose + " for " + e.tenant_id.str() + " after " + std::to_string(done) + "/" +
                                  std::to_string(e.steps.size()) + " sent");
            }
        }
        out << org_heading(s) << "\n";
        out << "  Enrolled: " << all.size() << " (" << counts_text(by_purpose) << "); by status: " << counts_text(by_status)
            << "\n";
        out << "  Follow-up messages sent: " << messages << " (" << counts_text(sent) << ")\n";
        out << "  Cancelled by a reply: " << replied.size();
        for (std::size_t i = 0; i < replied.size(); ++i) out << (i ? "; " : " — ") << replied[i];
        out << "\n";
    }
}

}  // namespace propos::cli
