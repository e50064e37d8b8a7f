// The offline decision rules of the maintenance workflow: given the conversation so far (trusted
// context, delimited tenant message, earlier tool calls and results), propose the next tool calls.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "propos/core/time.hpp"
#include "propos/workflows/approval.hpp"
#include "propos/workflows/maintenance.hpp"
#include "propos/workflows/triage.hpp"

namespace propos {
namespace {

struct Conversation {
    Json context = Json::object();
    std::string tenant_text;
    // Tool calls in order with their results (null when not answered yet).
    struct Call {
        std::string id, name;
        Json input;
        Json result;
        bool is_error = false;
        std::size_t turn = 0;  // index of the assistant message that made the call
    };
    std::vector<Call> calls;
    std::string staff_decision;  // the latest staff decision text, if any after the last call
    std::string staff_reason;
};

std::string between(const std::string& s, const std::string& open, const std::string& close) {
    const auto a = s.find(open);
    if (a == std::string::npos) return {};
    const auto b = s.find(close, a + open.size());
    if (b == std::string::npos) return {};
    return s.substr(a + open.size(), b - a - open.size());
}

Conversation read(const llm::LlmRequest& req) {
    Conversation c;
    if (req.messages.empty()) return c;
    const auto first = req.messages.front().text();
    const auto ctx = between(first, "<context>", "</context>");
    if (!ctx.empty()) {
        try {
            c.context = Json::parse(ctx);
        } catch (const std::exception&) {
            c.context = Json::object();
        }
    }
    c.tenant_text = between(first, "<tenant_message>\n", "\n</tenant_message>");
    std::map<std::string, size_t> index;
    for (std::size_t mi = 0; mi < req.messages.size(); ++mi) {
        const auto& m = req.messages[mi];
        for (const auto& b : m.content) {
            if (b.type == llm::ContentBlock::Type::kToolUse) {
                index[b.id] = c.calls.size();
                c.calls.push_back({b.id, b.name, b.input, nullptr, false, mi});
                c.staff_decision.clear();
            } else if (b.type == llm::ContentBlock::Type::kToolResult) {
                auto it = index.find(b.id);
                if (it == index.end()) continue;
                auto& call = c.calls[it->second];
                try {
                    call.result = Json::parse(b.text);
                } catch (const std::exception&) {
                    call.result = Json{{"text", b.text}};
                }
                call.is_error = b.is_error;
            } else if (b.type == llm::ContentBlock::Type::kText && m.role == llm::Role::kUser) {
                const std::string marker = "Staff decision on escalation '";
                if (auto p = b.text.find(marker); p != std::string::npos) {
                    const auto q = b.text.find('\'', p + marker.size());
                    c.staff_reason = b.text.substr(p + marker.size(), q - p - marker.size());
                    const auto colon = b.text.rfind(": ");
                    c.staff_decision = colon == std::string::npos ? b.text : b.text.substr(colon + 2);
                }
            }
        }
    }
    return c;
}

const Conversation::Call* last(const Conversation& c, const std::string& name) {
    for (auto it = c.calls.rbegin(); it != c.calls.rend(); ++it) {
        if (it->name == name) return &*it;
    }
    return nullptr;
}

// Deterministic call ids: rule_<message count>_<index>.
llm::ContentBlock use(const std::string& name, Json input, size_t step, int n) {
    return llm::ContentBlock::tool_use("rule_" + std::to_string(step) + "_" + std::to_string(n), name,
                                       std::move(input));
}

bool es(const Conversation& c) { return c.context.value("tenant", Json::object()).value("language", "en") == "es"; }

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return s;
}

std::string safety_advice(const Triage& t, bool spanish) {
    for (const auto& r : t.reasons) {
        if (r.find("gas leak") != std::string::npos) {
            return spanish ? "Si huele a gas: salga del apartamento ahora, no use interruptores ni llamas y "
                             "llame al 911 o a la compañía de gas desde afuera."
                           : "If you smell gas: leave the apartment now, don't use light switches or "
                             "flames, and call 911 or the gas utility from outside.";
        }
        if (r.find("fire or smoke") != std::string::npos || r.find("carbon monoxide") != std::string::npos) {
            return spanish ? "Salga del apartamento y llame al 911 si hay fuego, humo o alarma de CO."
                           : "Get everyone out and call 911 if there is fire, smoke or a CO alarm.";
        }
        if (r.find("flooding") != std::string::npos) {
            return spanish ? "Si puede hacerlo con seguridad, cierre la llave de paso del agua y aléjese de "
                             "los enchufes mojados."
                           : "If it is safe, turn off the water shut-off valve and keep away from wet "
                             "outlets or appliances.";
        }
        if (r.find("electrical hazard") != std::string::npos) {
            return spanish ? "Aléjese del enchufe y, si es seguro, apague el interruptor en el panel."
                           : "Stay away from the outlet and, if it is safe, switch off its breaker.";
        }
        if (r.find("unsecured entry") != std::string::npos) {
            return spanish ? "Si está en peligro, llame al 911." : "If you are in danger, call 911.";
        }
    }
    return spanish ? "Por su seguridad, llame al 911 si hay peligro inmediato."
                   : "If anyone is in immediate danger, call 911.";
}

std::string label(const Json& r) { return r.value("name", r.value("vendor_id", "the vendor")); }

// Cosine similarity (history search) above which an open work order of the same unit is taken to be
// the same problem even when triage put the new message in another trade: the context's
// "duplicate_similarity" (calibrated per embedder, issue 20), else the hashing embedder's value.
constexpr double kDefaultDuplicateSimilarity = 0.6;

}  // namespace

const std::string& maintenance_system_prompt() {
    static const std::string kPrompt =
        "You are PropOS, the maintenance coordinator of a property-management company. For each tenant "
        "message: triage it (housing-code category, priority emergency/urgent/routine, emergency flag, "
        "reasons, confidence) with triage_request; if an open work order for the same unit and issue "
        "exists, merge_into_work_order instead of opening a new one; otherwise create_work_order. Where a "
        "safe self-fix exists (GFCI reset, tripped breaker, thermostat batteries, smoke-alarm battery, "
        "disposal reset) and it is not an emergency, ask_tenant once with kind troubleshooting before "
        "sending a vendor. Otherwise rank_vendors and follow the spending policy it reports: dispatch the "
        "best vendor when within the NTE, request_bids from at least two vendors above the bid "
        "threshold, and expect an owner-approval request above the NTE. For emergencies give the tenant "
        "safety instructions and dispatch immediately. Keep the tenant informed with reply_to_tenant in "
        "their language. Use escalate when a person must decide. Be brief; never invent ids.";
    return kPrompt;
}

namespace {

// triage_text, remembered on this thread for the texts seen last: the rules read the same tenant
// text on every step of a run (up to three model calls per message), and triage matches the whole
// keyword vocabulary. Keyed by everything the result depends on: the text, the day (the heating
// season) and every field of TriageOptions.
Triage remembered_triage(const std::string& text, Timestamp now, const TriageOptions& options) {
    thread_local std::unordered_map<std::string, Triage> memo;
    // Stops compiling when TriageOptions gains a field: it must go into the key too.
    [[maybe_unused]] const auto& [heating_season, vulnerable_occupant] = options;
    std::string key = text;
    key += '\x1f';
    key += std::to_string(std::chrono::floor<std::chrono::days>(now).time_since_epoch().count());
    key += options.vulnerable_occupant ? 'v' : '-';
    key += options.heating_season ? (*options.heating_season ? 'h' : 'c') : '-';
    if (auto it = memo.find(key); it != memo.end()) return it->second;
    Triage t = triage_text(text, now, options);
    if (memo.size() >= 256) memo.clear();
    memo.emplace(std::move(key), t);
    return t;
}

}  // namespace

std::vector<llm::ContentBlock> maintenance_rules_step(const llm::LlmRequest& request) {
    const auto c = read(request);
    const size_t step = request.messages.size();
    std::vector<llm::ContentBlock> out;
    int n = 0;
    auto add = [&](const std::string& name, Json input) { out.push_back(use(name, std::move(input), step, n++)); };
    const bool spanish = es(c);
    const Json& ctx = c.context;
    const std::string unit_id = ctx.value("unit", Json::object()).value("id", "");
    if (unit_id.empty() || c.tenant_text.empty()) return out;  // not a maintenance conversation

    Timestamp now{};
    try {
        now = parse_time(ctx.value("now", "1970-01-01T00:00:00Z"));
    } catch (const Error&) {
    }
    TriageOptions topt;
    topt.vulnerable_occupant = ctx.value("tenant", Json::object()).value("vulnerable_occupant", false);
    std::string text = c.tenant_text;
    const auto earlier = ctx.value("recent_tenant_text", "");
    const Triage own = remembered_triage(text, now, topt);
    Triage t = own;
    if (own.vague && !earlier.empty()) {
        t = remembered_triage(earlier + "\n" + text, now, topt);  // a follow-up to a vague first message
        text = earlier + "\n" + text;
    }

    // Staff decided on an escalation this run raised.
    if (!c.staff_decision.empty()) {
        // One reader of staff decisions (approval.hpp): a decline, or words that tell the run to stop,
        // in the six supported languages ("don't approve", "no enviar", "n'envoyez personne", "отмена").
        const bool stop = staff_says_stop(c.staff_decision);
        if (c.staff_reason == "owner_approval") {
            const auto* disp = last(c, "dispatch_vendor");
            if (!stop && disp) {
                add("dispatch_vendor", disp->input);
            } else {
                add("reply_to_tenant",
                    {{"text", spanish ? "El propietario no aprobó este costo todavía; su administrador se "
                                        "comunicará con usted sobre los próximos pasos."
                                      : "The owner has not approved this cost yet; your property manager "
                                        "will contact you about next steps."}});
            }
            return out;
        }
        if (stop) return out;
    }

    const auto* tri = last(c, "triage_request");
    if (!tri) {
        add("triage_request", {{"category", t.category},
                               {"priority", enum_name(t.priority)},
                               {"emergency", t.emergency},
                               {"reasons", t.reasons},
                               {"confidence", t.vague ? 0.6 : std::max(t.confidence, 0.6)},
                               {"language", t.language}});
        const Json open = ctx.value("open_work_orders", Json::array());
        // A duplicate: an open work order of this unit for the same trade, or one whose text is
        // very like this message (history search similarity) whatever trade it was filed under.
        const Json* dup = nullptr;
        const double duplicate_similarity = ctx.value("duplicate_similarity", kDefaultDuplicateSimilarity);
        for (const auto& w : open) {
            if (w.value("category", "") == t.category || w.value("similarity", 0.0) >= duplicate_similarity) {
                dup = &w;
                break;
            }
        }
        if (dup) {
            add("merge_into_work_order",
                {{"work_order_id", dup->value("id", "")},
                 {"reason", "same unit and issue (" + t.category + ") as the open work order"}});
            std::string status = dup->value("status", "open");
            add("reply_to_tenant",
                {{"work_order_id", dup->value("id", "")},
                 {"text", spanish ? "Gracias. Ya tenemos este problema registrado (" + dup->value("id", "") +
                                        ", estado: " + status + "). Añadimos su mensaje y le avisaremos."
                                  : "Thanks — we already have this issue open as " + dup->value("id", "") +
                                        " (status: " + status + "). We've added your message and will keep "
                                        "you posted."}});
            return out;
        }
        if (t.vague && t.escalate) {
            // Not a repair request but something a person must handle (harassment, a legal matter,
            // a request for a person): acknowledge; the escalation carries it.
            add("reply_to_tenant",
                {{"text", spanish ? "Gracias por decírnoslo. Un administrador se ocupa de esto y se comunicará "
                                    "con usted directamente."
                                  : "Thank you for telling us. A manager is handling this and will contact "
                                    "you directly."}});
            return out;
        }
        if (t.vague) {
            add("ask_tenant",
                {{"kind", "clarify"},
                 {"question", spanish ? "Gracias por su mensaje. ¿Qué necesita reparación, en qué parte del "
                                        "apartamento y desde cuándo? Una foto ayuda."
                                      : "Thanks for your message. What needs repair, where in the unit, and "
                                        "since when? A photo helps."}});
            return out;
        }
        Json wo{{"unit_id", unit_id},
                {"category", t.category},
                {"priority", enum_name(t.priority)},
                {"emergency", t.emergency},
                {"title", t.title.substr(0, 120)},
                {"scope", t.scope},
                {"description", text.substr(0, 4000)}};
        add("create_work_order", wo);
        // A safe self-fix first: the troubleshooting question is about the work order (it waits on
        // it), so it goes in the next turn, once the work order exists.
        if (!t.emergency && t.self_fix) return out;
        // Independent of the new work order's id (tools default to the work order this run opened):
        // rank the vendors in the same turn and, in an emergency, send the safety advice at once.
        add("rank_vendors", Json::object());
        if (t.emergency) add("reply_to_tenant", {{"text", safety_advice(t, spanish)}});
        // The criteria cannot tell whether this is an emergency: work goes on as urgent and the
        // tenant is asked at once, with a short deadline (a person is told if nobody answers).
        if (t.uncertain) {
            add("ask_tenant", {{"kind", "hazard_check"},
                               {"question", spanish ? t.clarifying_question_es : t.clarifying_question}});
        }
        return out;
    }

    const auto* create = last(c, "create_work_order");
    const auto* merge = last(c, "merge_into_work_order");
    if (merge && !merge->is_error) return out;  // merged and replied: done
    if (create && create->is_error) {
        const auto err = create->result.value("error", "");
        const auto p = err.find("work order ");
        if (err.find("duplicate") != std::string::npos && p != std::string::npos && !merge) {
            const auto id = err.substr(p + 11, err.find(' ', p + 11) - (p + 11));
            add("merge_into_work_order", {{"work_order_id", id}, {"reason", "duplicate report"}});
            add("reply_to_tenant", {{"work_order_id", id},
                                    {"text", spanish ? "Gracias, añadimos su mensaje a la orden " + id + "."
                                                     : "Thanks — we've added your message to " + id + "."}});
        } else if (!last(c, "escalate")) {
            add("escalate", {{"reason", "tool_failure"},
                             {"summary", "Could not open a work order: " + err},
                             {"severity", "medium"}});
        }
        return out;
    }
    if (!create) return out;  // clarification asked: wait for the tenant
    const std::string wo_id = create->result.value("work_order_id", "");

    const auto* rank = last(c, "rank_vendors");
    if (!rank) {
        const auto* asked = last(c, "ask_tenant");
        if (asked && !asked->is_error && asked->input.value("kind", "") == "troubleshooting") {
            return out;  // wait for the tenant's answer (a deterministic handler takes it from there)
        }
        if (!t.emergency && t.self_fix && !asked) {
            const auto& f = *t.self_fix;
            add("ask_tenant",
                {{"work_order_id", wo_id},
                 {"kind", "troubleshooting"},
                 {"question", (spanish ? f.instructions_es + " Responda ARREGLADO si se solucionó o NO si no."
                                       : f.instructions + " Reply FIXED if that solved it, or NO if not.")}});
            return out;
        }
        add("rank_vendors", {{"work_order_id", wo_id}});
        if (t.emergency) add("reply_to_tenant", {{"work_order_id", wo_id}, {"text", safety_advice(t, spanish)}});
        return out;
    }

    // Non-emergency work: tell the tenant what happens and, in the same message, ask when they are
    // home, whether the technician may enter and about pets (the answer shapes the visit).
    const auto* hazard_check = last(c, "ask_tenant");
    const bool checking_hazard = hazard_check && !hazard_check->is_error &&
                                 hazard_check->input.value("kind", "") == "hazard_check";
    auto tell_and_ask_access = [&](const std::string& en, const std::string& es_text) {
        if (checking_hazard) {
            // The safety question waits for its answer: tell, and ask about access later.
            add("reply_to_tenant", {{"work_order_id", wo_id}, {"text", spanish ? es_text : en}});
            return;
        }
        add("ask_tenant",
            {{"work_order_id", wo_id},
             {"kind", "access"},
             {"question", spanish ? es_text + " Para planificar la visita: ¿cuándo está en casa en los próximos "
                                              "días (p. ej. \"entre semana por la tarde\")? ¿Puede entrar el "
                                              "técnico si usted no está (SÍ/NO)? ¿Tiene mascotas?"
                                  : en + " To plan the visit: when are you home in the next few days (e.g. "
                                         "\"weekdays after 5pm\")? May the technician enter if you're out "
                                         "(YES/NO)? Any pets?"}});
    };
    auto tell_dispatched = [&](const std::string& who) {
        if (t.emergency) {
            add("reply_to_tenant",
                {{"work_order_id", wo_id},
                 {"text", spanish ? "Enviamos a " + who + " para su solicitud " + wo_id +
                                        ". Le contactarán en las próximas horas."
                                  : "We've sent " + who + " for your request " + wo_id +
                                        ". They'll be in touch within the next few hours."}});
        } else {
            tell_and_ask_access("We've sent " + who + " for your request " + wo_id + ".",
                                "Enviamos a " + who + " para su solicitud " + wo_id + ".");
        }
    };
    auto tell_collecting_quotes = [&] {
        tell_and_ask_access("We're collecting quotes from contractors for " + wo_id + ".",
                            "Estamos pidiendo presupuestos a contratistas para " + wo_id + ".");
    };

    const auto* dispatch = last(c, "dispatch_vendor");
    const auto* bids = last(c, "request_bids");
    if (!dispatch && !bids) {
        const Json vendors = rank->result.value("vendors", Json::array());
        std::vector<Json> eligible;
        for (const auto& v : vendors) {
            if (v.value("eligible", false)) eligible.push_back(v);
        }
        if (eligible.empty()) {
            if (!last(c, "escalate")) {
                add("escalate", {{"reason", "no_vendor"},
                                 {"summary", "No eligible vendor for " + wo_id + " (" + t.category + ")"},
                                 {"severity", t.emergency ? "critical" : "high"},
                                 {"work_order_id", wo_id}});
            }
            return out;
        }
        const Json spend = rank->result.value("spend", Json::object());
        if (spend.is_object() && spend.value("needs_bids", false) && !t.emergency && eligible.size() >= 2) {
            Json ids = Json::array();
            for (size_t i = 0; i < eligible.size() && i < 3; ++i) ids.push_back(eligible[i]["vendor_id"]);
            add("request_bids", {{"work_order_id", wo_id}, {"vendor_ids", ids}, {"due_hours", 48}});
            tell_collecting_quotes();  // the same turn: the message does not depend on the result
            return out;
        }
        // ---- staff decisions as precedent (issue 20): on a similar case of the same trade, a
        // person's note that says not to send a vendor ("do not send Acme") keeps that vendor out
        // while another is eligible; a vendor a person assigned by hand gets the job if eligible ----
        const Json staff = ctx.value("staff_decisions", Json::array());
        std::string staff_pick, staff_pick_id;
        for (const auto& d : staff) {
            if (d.value("category", "") != t.category) continue;
            const auto note = lower(d.value("note", ""));
            const bool avoid = note.find("do not send") != std::string::npos ||
                               note.find("don't send") != std::string::npos ||
                               note.find("do not use") != std::string::npos ||
                               note.find("don't use") != std::string::npos ||
                               note.find("never send") != std::string::npos ||
                               note.find("never use") != std::string::npos;
            for (auto it = eligible.begin(); avoid && eligible.size() > 1 && it != eligible.end();) {
                const auto name = lower(it->value("name", ""));
                if (!name.empty() && note.find(name) != std::string::npos) {
                    it = eligible.erase(it);
                } else {
                    ++it;
                }
            }
            if (staff_pick.empty() && d.value("kind", "") == "vendor_assigned" && d.value("vendor_id", Json()).is_string()) {
                staff_pick = d["vendor_id"].get<std::string>();
                staff_pick_id = d.value("decision_id", "");
            }
        }
        // ---- end staff decisions (the choice below) ----
        // Precedent: the vendor who fixed the same kind of problem here before, when they rank close
        // to the best (within 10 points), gets the job — they know the building.
        Json chosen = eligible.front();
        Json reasons = chosen.value("reasons", Json::array());
        bool staff_chosen = false;
        for (const auto& v : eligible) {  // issue 20: a person's hand assignment on a similar case
            if (!staff_pick.empty() && v.value("vendor_id", "") == staff_pick) {
                chosen = v;
                reasons = v.value("reasons", Json::array());
                reasons.push_back("staff_decision:" + staff_pick_id);
                staff_chosen = true;
                break;
            }
        }
        for (const auto& p : staff_chosen ? Json::array() : ctx.value("precedent", Json::array())) {
            if (p.value("category", "") != t.category || !p.value("vendor_id", Json()).is_string()) continue;
            const auto vid = p["vendor_id"].get<std::string>();
            for (const auto& v : eligible) {
                if (v.value("vendor_id", "") == vid &&
                    v.value("score", 0.0) >= eligible.front().value("score", 0.0) - 10) {
                    chosen = v;
                    reasons = v.value("reasons", Json::array());
                    reasons.push_back("precedent:" + p.value("work_order_id", ""));
                    break;
                }
            }
            break;
        }
        add("dispatch_vendor", {{"work_order_id", wo_id},
                                {"vendor_id", chosen["vendor_id"]},
                                {"reasons", reasons}});
        // When the spending policy that rank_vendors reported lets the dispatch through (no owner
        // approval, no bids needed) for a vendor that costs no more than the one it was judged
        // for, the dispatch's outcome is known: tell the tenant in the same turn. Otherwise the
        // message waits for the dispatch's result (the next turn).
        const auto estimate = [](const Json& v) {
            const auto it = v.find("estimate_cents");
            return it != v.end() && it->is_number_integer() ? it->get<std::int64_t>() : -1;
        };
        const bool known = spend.is_object() && !spend.value("needs_owner_approval", true) &&
                           (t.emergency || !spend.value("needs_bids", true)) &&
                           estimate(chosen) >= 0 && estimate(chosen) <= estimate(eligible.front());
        if (known) tell_dispatched(label(chosen));
        return out;
    }
    if (dispatch && dispatch->is_error) {
        if (!last(c, "escalate")) {
            // Told in the same turn that someone was sent: correct that before a person takes over.
            bool told = false;
            for (const auto& call : c.calls) {
                told |= call.turn == dispatch->turn && !call.is_error &&
                        (call.name == "ask_tenant" || call.name == "reply_to_tenant");
            }
            if (told) {
                add("reply_to_tenant",
                    {{"work_order_id", wo_id},
                     {"text", spanish ? "Corrección: todavía no pudimos confirmar un técnico para " +
                                            wo_id + "; su administrador se comunicará con usted en breve."
                                      : "Correction: we could not confirm a contractor for " + wo_id +
                                            " yet; your property manager will contact you shortly."}});
            }
            add("escalate", {{"reason", "dispatch_failed"},
                             {"summary", "Could not dispatch for " + wo_id + ": " +
                                             dispatch->result.value("error", "")},
                             {"severity", "high"},
                             {"work_order_id", wo_id}});
        }
        return out;
    }
    const auto& final_call = c.calls.back();
    if ((last(c, "reply_to_tenant") &&
         (final_call.name == "reply_to_tenant" || final_call.name == "escalate")) ||
        (final_call.name == "ask_tenant" && final_call.input.value("kind", "") == "access")) {
        return out;  // told the tenant: done
    }
    if (bids) {
        tell_collecting_quotes();
        return out;
    }
    const auto status = dispatch->result.value("status", "");
    if (status == "dispatched") {
        std::string who = "a contractor";
        for (const auto& v : rank->result.value("vendors", Json::array())) {
            if (v.value("vendor_id", "") == dispatch->input.value("vendor_id", "")) who = label(v);
        }
        tell_dispatched(who);
    } else if (status == "awaiting_owner_approval") {
        tell_and_ask_access("Your request " + wo_id + " needs the owner's approval because of its cost; we'll "
                            "update you as soon as we have it.",
                            "Su solicitud " + wo_id + " necesita la aprobación del propietario por su costo; le "
                            "avisaremos en cuanto la tengamos.");
    }
    return out;
}

}  // namespace propos
