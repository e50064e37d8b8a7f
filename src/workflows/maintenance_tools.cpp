// The maintenance tools: typed, schema-validated actions. Each runs inside the runner's transaction
// together with its audit entry and the jobs it enqueues.
#include <algorithm>
#include <cmath>

#include "core/strings.hpp"
#include "ops.hpp"
#include "propos/core/time.hpp"
#include "propos/workflows/invoice.hpp"
#include "propos/workflows/triage.hpp"

namespace propos {
namespace {

Json categories_enum() {
    Json arr = Json::array();
    for (const auto& c : triage_categories()) arr.push_back(c);
    return arr;
}

Json schema(Json properties, std::vector<std::string> required) {
    return Json{{"type", "object"},
                {"properties", std::move(properties)},
                {"required", required},
                {"additionalProperties", false}};
}

const Json kPriority = {{"type", "string"}, {"enum", {"emergency", "urgent", "routine"}}};
const Json kId = {{"type", "string"}, {"minLength", 1}, {"maxLength", 100}};

std::string str(const Json& args, const char* key, const std::string& fallback = "") {
    auto it = args.find(key);
    return it != args.end() && it->is_string() ? it->get<std::string>() : fallback;
}

// The work order named in the arguments, which must belong to this run's unit when the run has one.
WorkOrder load_wo(ToolContext& ctx, const Json& args) {
    const auto id = str(args, "work_order_id", ctx.run_context.value("work_order_id", ""));
    if (id.empty()) throw Error(ErrorCode::kInvalidArgument, "no work_order_id given and none in this run");
    auto wo = ctx.tx.get<WorkOrder>(ctx.org, id);
    const auto unit = ctx.run_context.value("unit_id", "");
    if (!unit.empty() && wo.unit_id.str() != unit) {
        throw Error(ErrorCode::kPermissionDenied, "work order " + id + " is not for this tenant's unit " + unit);
    }
    return wo;
}

void link_message(ToolContext& ctx, WorkOrder& wo) {
    const auto mid = ctx.run_context.value("message_id", "");
    if (mid.empty()) return;
    if (auto m = ctx.tx.find<Message>(ctx.org, mid)) {
        m->work_order_id = wo.id;
        ctx.tx.put(ctx.org, *m);
        if (auto th = ctx.tx.find<Thread>(ctx.org, m->thread_id.str())) {
            th->work_order_id = wo.id;
            ctx.tx.put(ctx.org, *th);
            if (wo.thread_id.empty()) wo.thread_id = th->id;
        }
    }
    if (std::find(wo.message_ids.begin(), wo.message_ids.end(), MessageId(mid)) == wo.message_ids.end()) {
        wo.message_ids.push_back(MessageId(mid));
    }
}

Json rank_json(const std::vector<VendorRank>& ranked, size_t max) {
    Json arr = Json::array();
    for (const auto& r : ranked) {
        if (arr.size() >= max) break;
        arr.push_back({{"vendor_id", r.vendor.id.str()},
                       {"name", r.vendor.name},
                       {"eligible", r.eligible},
                       {"score", r.score},
                       {"estimate_cents", r.estimate.in_cents()},
                       {"reasons", r.reasons}});
    }
    return arr;
}

// The offline triage of the run's inbound message (the floor a model's triage may not go below);
// nullopt when the run has no message.
std::optional<Triage> deterministic_triage(ToolContext& ctx) {
    const auto mid = ctx.run_context.value("message_id", "");
    if (mid.empty()) return std::nullopt;
    const auto m = ctx.tx.find<Message>(ctx.org, mid);
    if (!m) return std::nullopt;
    const std::string text = m->subject.empty() ? m->body : m->subject + "\n" + m->body;
    if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; })) {
        return std::nullopt;
    }
    TriageOptions o;
    if (const auto tid = ctx.run_context.value("tenant_id", ""); !tid.empty()) {
        if (auto t = ctx.tx.find<Tenant>(ctx.org, tid)) o.vulnerable_occupant = t->vulnerable_occupant;
    }
    return triage_text(text, m->at, o);
}

std::string join_hazards(const std::vector<std::string>& hazards) {
    std::string s;
    for (const auto& h : hazards) s += (s.empty() ? "" : ", ") + h;
    return s;
}

void add_tools(ToolRegistry& reg, const WorkflowServices& s) {
    const WorkflowServices* sp = &s;

    reg.add({"triage_request",
             "Record the triage of the tenant's request: housing-code category, priority, emergency flag, "
             "the reasons, and your confidence (0-1).",
             schema({{"category", {{"type", "string"}, {"enum", categories_enum()}}},
                     {"priority", kPriority},
                     {"emergency", {{"type", "boolean"}}},
                     {"reasons", {{"type", "array"}, {"items", {{"type", "string"}}}, {"maxItems", 20}}},
                     {"confidence", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}},
                     {"language", {{"type", "string"}, {"maxLength", 10}}}},
                    {"category", "priority", "emergency", "reasons", "confidence"}),
             [](ToolContext& ctx, const Json& args) {
                 ctx.run_context["triage"] = args;
                 return ToolResult::ok({{"recorded", true}});
             }});

    reg.add({"create_work_order",
             "Open a work order for the tenant's unit. Fails if an open work order for the same unit and "
             "category exists (use merge_into_work_order instead).",
             schema({{"unit_id", kId},
                     {"category", {{"type", "string"}, {"enum", categories_enum()}}},
                     {"priority", kPriority},
                     {"emergency", {{"type", "boolean"}}},
                     {"title", {{"type", "string"}, {"minLength", 3}, {"maxLength", 120}}},
                     {"scope", {{"type", "string"}, {"enum", {"minor", "standard", "major"}}}},
                     {"description", {{"type", "string"}, {"maxLength", 4000}}},
                     {"entry_permitted", {{"type", "boolean"}}},
                     {"pets_present", {{"type", "boolean"}}},
                     {"access_notes", {{"type", "string"}, {"maxLength", 500}}}},
                    {"unit_id", "category", "priority", "emergency", "title", "description"}),
             [sp](ToolContext& ctx, const Json& args) {
                 const auto unit_id = args["unit_id"].get<std::string>();
                 const auto own = ctx.run_context.value("unit_id", "");
                 if (!own.empty() && own != unit_id) {
                     return ToolResult::error("you may only open work orders for the tenant's own unit " + own);
                 }
                 const auto unit = ctx.tx.get<Unit>(ctx.org, unit_id);
                 const auto property = ctx.tx.get<Property>(ctx.org, unit.property_id.str());
                 const auto category = args["category"].get<std::string>();
                 for (const auto& open : ctx.tx.list<WorkOrder>(ctx.org, {.parent = unit_id})) {
                     if (!is_terminal(open.status) && open.category == category) {
                         return ToolResult::error("duplicate: work order " + open.id.str() + " (" +
                                                  std::string(enum_name(open.status)) +
                                                  ") is already open for this unit and category; "
                                                  "use merge_into_work_order");
                     }
                 }
                 WorkOrder wo;
                 wo.id = WorkOrderId(new_id("wo"));
                 wo.property_id = property.id;
                 wo.unit_id = unit.id;
                 wo.tenant_id = TenantId(ctx.run_context.value("tenant_id", ""));
                 wo.thread_id = ThreadId(ctx.run_context.value("thread_id", ""));
                 wo.title = args["title"].get<std::string>();
                 wo.description = args["description"].get<std::string>();
                 wo.category = category;
                 wo.scope = str(args, "scope", "standard");
                 wo.priority = parse_enum<Priority>(args["priority"].get<std::string>());
                 wo.emergency = args["emergency"].get<bool>();
                 // The offline criteria are a floor: a model may raise the priority or the
                 // emergency flag, never lower them (NTE and vendor eligibility follow).
                 const auto floor = deterministic_triage(ctx);
                 std::string raised;
                 if (floor && floor->emergency && !wo.emergency) {
                     wo.emergency = true;
                     raised = "emergency (offline criteria: " + join_hazards(floor->hazards) + ")";
                 }
                 if (floor && static_cast<int>(floor->priority) < static_cast<int>(wo.priority)) {
                     wo.priority = floor->priority;
                     if (raised.empty()) raised = std::string(enum_name(floor->priority)) + " (offline criteria)";
                 }
                 if (wo.emergency) wo.priority = Priority::kEmergency;
                 if (ctx.run_context.contains("triage")) {
                     wo.triage_reasons = ctx.run_context["triage"].value("reasons", std::vector<std::string>{});
                 }
                 if (!raised.empty()) wo.triage_reasons.push_back("raised to " + raised + " over the model's triage");
                 wo.nte = wo.emergency ? property.emergency_nte_limit : property.nte_limit;
                 if (args.contains("entry_permitted")) wo.entry_permitted = args["entry_permitted"].get<bool>();
                 if (args.contains("pets_present")) wo.pets_present = args["pets_present"].get<bool>();
                 if (!wo.pets_present && !wo.tenant_id.empty()) {
                     if (auto t = ctx.tx.find<Tenant>(ctx.org, wo.tenant_id.str())) wo.pets_present = t->has_pets;
                 }
                 wo.access_notes = str(args, "access_notes");
                 wo.created_at = ctx.now;
                 wo.transition_to(WorkOrderStatus::kTriaged, ctx.now, "triaged: " + category + ", " +
                                                                        std::string(enum_name(wo.priority)));
                 wo.next_action = "find and dispatch a vendor";
                 wo.next_action_due = ctx.now + response_target(wo.priority);
                 link_message(ctx, wo);
                 ops::save(ctx.tx, ctx.org, wo, ctx.now, "work_order.created", ctx.correlation_id,
                           Json{{"category", wo.category}, {"priority", enum_name(wo.priority)},
                                {"emergency", wo.emergency}, {"unit_id", unit_id}});
                 ctx.run_context["work_order_id"] = wo.id.str();
                 (void)sp;
                 return ToolResult::ok({{"work_order_id", wo.id.str()},
                                        {"status", enum_name(wo.status)},
                                        {"nte_cents", wo.nte.in_cents()},
                                        {"response_due", format_time(*wo.next_action_due)}});
             }});

    reg.add({"merge_into_work_order",
             "Attach the tenant's message to an existing open work order for the same unit and issue "
             "(a duplicate report) instead of opening a new one.",
             schema({{"work_order_id", kId}, {"reason", {{"type", "string"}, {"maxLength", 500}}}},
                    {"work_order_id", "reason"}),
             [](ToolContext& ctx, const Json& args) {
                 auto wo = load_wo(ctx, args);
                 if (is_terminal(wo.status)) {
                     return ToolResult::error("work order " + wo.id.str() + " is " +
                                              std::string(enum_name(wo.status)) + "; open a new one");
                 }
                 link_message(ctx, wo);
                 ops::save(ctx.tx, ctx.org, wo, ctx.now, "work_order.merged", ctx.correlation_id,
                           Json{{"message_id", ctx.run_context.value("message_id", "")},
                                {"reason", args["reason"]}});
                 ctx.run_context["work_order_id"] = wo.id.str();
                 Json out{{"merged", true}, {"work_order_id", wo.id.str()}, {"status", enum_name(wo.status)}};
                 if (wo.scheduled_start) out["scheduled_start"] = format_time(*wo.scheduled_start);
                 if (wo.vendor_id) out["vendor_id"] = wo.vendor_id->str();
                 return ToolResult::ok(out);
             }});

    reg.add({"ask_tenant",
             "Ask the tenant a question and wait for the reply: a safe troubleshooting step, a "
             "clarification, a safety check when it may be an emergency (hazard_check: one hour to "
             "answer), entry permission / pets, availability windows, or completion confirmation.",
             schema({{"work_order_id", kId},
                     {"kind", {{"type", "string"},
                               {"enum", {"troubleshooting", "clarify", "hazard_check", "access", "availability",
                                         "confirmation"}}}},
                     {"question", {{"type", "string"}, {"minLength", 3}, {"maxLength", 1000}}}},
                    {"kind", "question"}),
             [sp](ToolContext& ctx, const Json& args) {
                 const auto kind = args["kind"].get<std::string>();
                 const auto question = args["question"].get<std::string>();
                 const auto wo_id = str(args, "work_order_id", ctx.run_context.value("work_order_id", ""));
                 if (wo_id.empty()) {
                     // No work order yet (e.g. a vague message): reply on the tenant's thread.
                     const auto tid = ctx.run_context.value("tenant_id", "");
                     auto t = ctx.tx.get<Tenant>(ctx.org, tid);
                     OutboundSpec spec;
                     spec.channel = t.preferred_channel == Channel::kEmail && !t.email.empty() ? Channel::kEmail
                                                                                                : Channel::kSms;
                     spec.to = spec.channel == Channel::kEmail ? t.email : t.phone;
                     spec.subject = "Your maintenance request";
                     spec.body = question;
                     spec.tenant_id = t.id;
                     const auto th = ctx.run_context.value("thread_id", "");
                     if (!th.empty()) spec.thread_id = ThreadId(th);
                     spec.correlation_id = ctx.correlation_id;
                     const auto m = queue_outbound(ctx.tx, *sp, ctx.org, spec);
                     return ToolResult::ok({{"asked", true}, {"message_id", m.id.str()}});
                 }
                 auto wo = load_wo(ctx, args);
                 ops::message_tenant(ctx.tx, *sp, ctx.org, wo, question, question, false, ctx.correlation_id);
                 // A safety question (may this be an emergency?) has an hour; troubleshooting four.
                 const auto wait = kind == "hazard_check"      ? std::chrono::hours(1)
                                   : kind == "troubleshooting" ? std::chrono::hours(4)
                                                               : std::chrono::hours(24);
                 wo.awaiting_tenant = kind;
                 wo.next_action = "tenant to answer (" + kind + ")";
                 wo.next_action_due = ctx.now + wait;
                 if (!wo.first_response_at) wo.first_response_at = ctx.now;
                 ops::save(ctx.tx, ctx.org, wo, ctx.now, "work_order.tenant_asked", ctx.correlation_id,
                           Json{{"kind", kind}});
                 ctx.enqueue({.type = job_types::kTenantReplyDue,
                              .payload = {{"work_order_id", wo.id.str()}, {"kind", kind}},
                              .run_at = ctx.now + wait,
                              .idempotency_key = "tenant-due:" + wo.id.str() + ":" + kind + ":" +
                                                 format_time(ctx.now)});
                 return ToolResult::ok({{"asked", true}, {"work_order_id", wo.id.str()},
                                        {"reply_due", format_time(ctx.now + wait)}});
             }});

    reg.add({"reply_to_tenant",
             "Send the tenant a message (acknowledgement, status, instructions).",
             schema({{"work_order_id", kId}, {"text", {{"type", "string"}, {"minLength", 1}, {"maxLength", 1600}}}},
                    {"text"}),
             [sp](ToolContext& ctx, const Json& args) {
                 const auto text = args["text"].get<std::string>();
                 const auto wo_id = str(args, "work_order_id", ctx.run_context.value("work_order_id", ""));
                 if (!wo_id.empty()) {
                     auto wo = load_wo(ctx, args);
                     ops::message_tenant(ctx.tx, *sp, ctx.org, wo, text, text, false, ctx.correlation_id);
                     if (!wo.first_response_at) {
                         wo.first_response_at = ctx.now;
                         ops::save(ctx.tx, ctx.org, wo, ctx.now, "", ctx.correlation_id);
                     }
                     return ToolResult::ok({{"sent", true}, {"work_order_id", wo.id.str()}});
                 }
                 auto t = ctx.tx.get<Tenant>(ctx.org, ctx.run_context.value("tenant_id", ""));
                 OutboundSpec spec;
                 spec.channel = t.preferred_channel == Channel::kEmail && !t.email.empty() ? Channel::kEmail
                                                                                            : Channel::kSms;
                 spec.to = spec.channel == Channel::kEmail ? t.email : t.phone;
                 spec.subject = "Your maintenance request";
                 spec.body = text;
                 spec.tenant_id = t.id;
                 const auto th = ctx.run_context.value("thread_id", "");
                 if (!th.empty()) spec.thread_id = ThreadId(th);
                 spec.correlation_id = ctx.correlation_id;
                 queue_outbound(ctx.tx, *sp, ctx.org, spec);
                 return ToolResult::ok({{"sent", true}});
             }});

    reg.add({"rank_vendors",
             "Rank the organization's vendors for a work order (trade, service area, insurance, "
             "after-hours for emergencies, scorecard, cost) and say what the spending policy requires "
             "for the best one. Without work_order_id: the work order this conversation opened (so it "
             "can be called in the same turn as create_work_order).",
             Json{{"type", "object"},
                  {"properties", {{"work_order_id", kId}}},
                  {"additionalProperties", false}},
             [sp](ToolContext& ctx, const Json& args) {
                 const auto wo = load_wo(ctx, args);
                 const auto ranked = ops::rank_for(ctx.tx, ctx.org, wo, ctx.now);
                 Json out{{"work_order_id", wo.id.str()}, {"vendors", rank_json(ranked, 5)}};
                 if (!ranked.empty() && ranked.front().eligible) {
                     const auto property = ops::property_of(ctx.tx, ctx.org, wo);
                     const auto d = sp->policy.evaluate_spend(property, ranked.front().estimate, wo.emergency);
                     out["spend"] = {{"within_nte", d.within_nte},
                                     {"needs_bids", d.needs_bids},
                                     {"needs_owner_approval", d.needs_owner_approval},
                                     {"nte_cents", d.nte.in_cents()},
                                     {"reason", d.reason}};
                 } else {
                     out["spend"] = nullptr;
                     out["note"] = "no eligible vendor";
                 }
                 return ToolResult::ok(out);
             }});

    reg.add({"request_bids",
             "Ask two or more eligible vendors for a bid (for work above the bid threshold).",
             schema({{"work_order_id", kId},
                     {"vendor_ids", {{"type", "array"}, {"items", kId}, {"minItems", 2}, {"maxItems", 5},
                                     {"uniqueItems", true}}},
                     {"due_hours", {{"type", "integer"}, {"minimum", 1}, {"maximum", 168}}}},
                    {"work_order_id", "vendor_ids"}),
             [sp](ToolContext& ctx, const Json& args) {
                 auto wo = load_wo(ctx, args);
                 const auto ranked = ops::rank_for(ctx.tx, ctx.org, wo, ctx.now, true);
                 const int hours = args.value("due_hours", 48);
                 const auto due = ctx.now + std::chrono::hours(hours);
                 Json requested = Json::array();
                 for (const auto& vid : args["vendor_ids"]) {
                     const auto id = vid.get<std::string>();
                     auto it = std::find_if(ranked.begin(), ranked.end(),
                                            [&](const VendorRank& r) { return r.vendor.id.str() == id; });
                     if (it == ranked.end()) return ToolResult::error("unknown vendor " + id);
                     if (!it->eligible) {
                         std::string why;
                         for (const auto& r : it->reasons) why += (why.empty() ? "" : ", ") + r;
                         return ToolResult::error("vendor " + id + " is not eligible: " + why);
                     }
                     Bid b;
                     b.id = BidId(new_id("bid"));
                     b.work_order_id = wo.id;
                     b.vendor_id = it->vendor.id;
                     b.requested_at = ctx.now;
                     b.due_at = due;
                     ctx.tx.put(ctx.org, b);
                     ops::message_vendor(ctx.tx, *sp, ctx.org, it->vendor, wo,
                                         "Bid request " + wo.id.str() + ": " + wo.title + ". " + wo.description +
                                             " Reply BID <amount> (e.g. BID 450) by " + format_time(due) + ".",
                                         ctx.correlation_id);
                     requested.push_back({{"vendor_id", id}, {"bid_id", b.id.str()}});
                 }
                 if (wo.status != WorkOrderStatus::kAwaitingBids) {
                     wo.transition_to(WorkOrderStatus::kAwaitingBids, ctx.now,
                                      std::to_string(requested.size()) + " bids requested");
                 }
                 wo.next_action = "compare bids";
                 wo.next_action_due = due;
                 ops::save(ctx.tx, ctx.org, wo, ctx.now, "work_order.bids_requested", ctx.correlation_id,
                           Json{{"bids", requested}});
                 ctx.enqueue({.type = job_types::kBidsDue,
                              .payload = {{"work_order_id", wo.id.str()}},
                              .run_at = due,
                              .idempotency_key = "bids-due:" + wo.id.str() + ":" + format_time(due)});
                 return ToolResult::ok({{"requested", requested}, {"due", format_time(due)}});
             }});

    reg.add({"dispatch_vendor",
             "Dispatch a vendor to a work order with a purchase order. The spending policy is enforced: "
             "above the NTE or the owner-approval threshold this creates an approval request instead.",
             schema({{"work_order_id", kId},
                     {"vendor_id", kId},
                     {"amount_cents", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100000000}}},
                     {"bid_id", kId},
                     {"reasons", {{"type", "array"}, {"items", {{"type", "string"}}}}}},
                    {"work_order_id", "vendor_id"}),
             [sp](ToolContext& ctx, const Json& args) {
                 auto wo = load_wo(ctx, args);
                 if (is_terminal(wo.status) || wo.status == WorkOrderStatus::kCompleted ||
                     wo.status == WorkOrderStatus::kInvoiced) {
                     return ToolResult::error("work order " + wo.id.str() + " is " +
                                              std::string(enum_name(wo.status)));
                 }
                 const auto ranked = ops::rank_for(ctx.tx, ctx.org, wo, ctx.now, true);
                 const auto vid = args["vendor_id"].get<std::string>();
                 auto it = std::find_if(ranked.begin(), ranked.end(),
                                        [&](const VendorRank& r) { return r.vendor.id.str() == vid; });
                 if (it == ranked.end()) return ToolResult::error("unknown vendor " + vid);
                 if (!it->eligible) {
                     std::string why;
                     for (const auto& r : it->reasons) {
                         if (r != "already_tried") why += (why.empty() ? "" : ", ") + r;
                     }
                     if (!why.empty()) return ToolResult::error("vendor " + vid + " is not eligible: " + why);
                 }
                 Money amount = it->estimate;
                 std::optional<BidId> bid;
                 if (args.contains("bid_id")) {
                     const auto b = ctx.tx.get<Bid>(ctx.org, args["bid_id"].get<std::string>());
                     if (b.work_order_id != wo.id || b.vendor_id.str() != vid ||
                         b.status != BidStatus::kReceived) {
                         return ToolResult::error("bid " + b.id.str() + " is not a received bid from " + vid +
                                                  " for " + wo.id.str());
                     }
                     amount = b.amount;
                     bid = b.id;
                 } else if (args.contains("amount_cents")) {
                     amount = Money::cents(args["amount_cents"].get<std::int64_t>());
                     try {
                         check_amount(amount, "amount_cents", sp->policy.max_amount);
                     } catch (const Error& e) {
                         return ToolResult::error(e.what());
                     }
                 }
                 const auto out = ops::dispatch(
                     ctx.tx, *sp, ctx.org, wo, it->vendor, amount, bid, ctx.correlation_id,
                     [&](const std::string& reason, const std::string& summary, Json c) {
                         ctx.escalate(reason, "high", summary, true, std::move(c));
                     });
                 if (out.status == "refused") return ToolResult::error(out.reason);
                 Json res{{"status", out.status}, {"reason", out.reason}, {"amount_cents", amount.in_cents()}};
                 if (out.po) res["purchase_order"] = out.po->number;
                 return ToolResult::ok(res);
             }});

    reg.add({"schedule_visit",
             "Schedule the dispatched vendor's visit; confirms to tenant and vendor and sets reminders.",
             schema({{"work_order_id", kId},
                     {"start", {{"type", "string"}, {"minLength", 10}}},
                     {"end", {{"type", "string"}, {"minLength", 10}}}},
                    {"work_order_id", "start"}),
             [sp](ToolContext& ctx, const Json& args) {
                 auto wo = load_wo(ctx, args);
                 if (wo.status != WorkOrderStatus::kDispatched && wo.status != WorkOrderStatus::kScheduled) {
                     return ToolResult::error("work order " + wo.id.str() + " is " +
                                              std::string(enum_name(wo.status)) + ", not dispatched");
                 }
                 TimeWindow w;
                 w.start = parse_time(args["start"].get<std::string>());
                 w.end = args.contains("end") ? parse_time(args["end"].get<std::string>())
                                              : w.start + std::chrono::hours(2);
                 if (w.start < ctx.now) return ToolResult::error("the visit cannot start in the past");
                 if (w.end <= w.start) return ToolResult::error("the visit ends before it starts");
                 ops::schedule(ctx.tx, *sp, ctx.org, wo, w, ctx.correlation_id);
                 return ToolResult::ok({{"scheduled", format_time(w.start)}});
             }});

    reg.add({"escalate",
             "Hand the matter to a person (property manager) with a reason and summary; the run waits for "
             "their decision.",
             schema({{"reason", {{"type", "string"}, {"minLength", 2}, {"maxLength", 64}}},
                     {"summary", {{"type", "string"}, {"minLength", 3}, {"maxLength", 1000}}},
                     {"severity", {{"type", "string"}, {"enum", {"low", "medium", "high", "critical"}}}},
                     {"work_order_id", kId}},
                    {"reason", "summary"}),
             [](ToolContext& ctx, const Json& args) {
                 Json c = Json::object();
                 if (args.contains("work_order_id")) c["work_order_id"] = args["work_order_id"];
                 ctx.escalate(args["reason"].get<std::string>(), args.value("severity", "medium"),
                              args["summary"].get<std::string>(), true, c);
                 return ToolResult::ok({{"escalated", true}});
             }});

    reg.add({"close_work_order",
             "Close a work order with its resolution (after completion, or cancel it when the tenant fixed "
             "it themselves or withdrew the request).",
             schema({{"work_order_id", kId}, {"resolution", {{"type", "string"}, {"minLength", 3}, {"maxLength", 1000}}}},
                    {"work_order_id", "resolution"}),
             [](ToolContext& ctx, const Json& args) {
                 auto wo = load_wo(ctx, args);
                 const auto resolution = args["resolution"].get<std::string>();
                 if (wo.status == WorkOrderStatus::kInProgress) {
                     wo.transition_to(WorkOrderStatus::kCompleted, ctx.now, resolution);
                 }
                 if (wo.status == WorkOrderStatus::kCompleted || wo.status == WorkOrderStatus::kInvoiced) {
                     wo.transition_to(WorkOrderStatus::kClosed, ctx.now, resolution);
                 } else if (!is_terminal(wo.status)) {
                     wo.transition_to(WorkOrderStatus::kCancelled, ctx.now, resolution);
                 } else {
                     return ToolResult::error("work order " + wo.id.str() + " is already " +
                                              std::string(enum_name(wo.status)));
                 }
                 wo.resolution = resolution;
                 wo.awaiting_tenant.clear();
                 wo.next_action.clear();
                 wo.next_action_due.reset();
                 ops::save(ctx.tx, ctx.org, wo, ctx.now, "work_order.closed", ctx.correlation_id,
                           Json{{"resolution", resolution}});
                 return ToolResult::ok({{"status", enum_name(wo.status)}});
             }});

    reg.add({"reconcile_invoice",
             "Reconcile a vendor invoice against its work order, purchase order, bid and NTE.",
             schema({{"invoice", {{"type", "object"}}}}, {"invoice"}),
             [sp](ToolContext& ctx, const Json& args) {
                 Json j = args["invoice"];
                 if (!j.contains("id")) j["id"] = new_id("inv");
                 const auto inv = j.get<Invoice>();
                 try {
                     check_invoice_amounts(inv, sp->policy.max_amount);
                 } catch (const Error& e) {
                     return ToolResult::error(e.what());
                 }
                 const auto r = reconcile_invoice(ctx.tx, ctx.org, inv, ctx.now, {}, "agent");
                 return ToolResult::ok({{"invoice_id", inv.id.str()},
                                        {"status", enum_name(r.status)},
                                        {"approved_cents", r.approved_amount.in_cents()},
                                        {"findings", r.findings}});
             }});
    reg.add({"search_history",
             "Search this organization's history (work orders with their resolution, vendor and cost; "
             "tenant and vendor messages; notes) by meaning and keywords, for precedent: how a problem "
             "was fixed before, by whom, for how much. Results are best first.",
             schema({{"query", {{"type", "string"}, {"minLength", 1}, {"maxLength", 500}}},
                     {"k", {{"type", "integer"}, {"minimum", 1}, {"maximum", 20}}},
                     {"kinds", {{"type", "array"},
                                {"items", {{"type", "string"}, {"enum", {"work_order", "message", "note"}}}},
                                {"uniqueItems", true}}},
                     {"unit_id", kId},
                     {"property_id", kId}},
                    {"query"}),
             [sp](ToolContext& ctx, const Json& args) {
                 if (!sp->search) return ToolResult::error("history search is not enabled for this organization");
                 SearchQuery q;
                 q.text = args["query"].get<std::string>();
                 q.k = args.value("k", 5);
                 if (args.contains("kinds")) q.kinds = args["kinds"].get<std::vector<std::string>>();
                 if (args.contains("unit_id")) q.unit_id = UnitId(args["unit_id"].get<std::string>());
                 if (args.contains("property_id")) q.property_id = PropertyId(args["property_id"].get<std::string>());
                 std::vector<SearchHit> hits;
                 try {
                     hits = sp->search->search(ctx.tx, ctx.org, q);
                 } catch (const Error& e) {
                     if (e.code() != ErrorCode::kInvalidArgument && e.code() != ErrorCode::kFailedPrecondition) throw;
                     return ToolResult::error(e.what());
                 }
                 Json out = Json::array();
                 for (const auto& h : hits) {
                     Json r{{"id", h.id},
                            {"kind", h.kind},
                            {"score", std::round(h.score * 10000) / 10000},
                            {"date", format_time(h.at).substr(0, 10)},
                            {"unit_id", h.unit_id},
                            {"text", std::string(detail::utf8_prefix(h.text, 300))}};
                     if (h.kind == "work_order") {
                         r["title"] = h.title;
                         r["status"] = h.status;
                         r["category"] = h.category;
                         if (!h.resolution.empty()) r["resolution"] = h.resolution;
                         if (h.vendor_id) r["vendor"] = {{"id", h.vendor_id->str()}, {"name", h.vendor_name}};
                         if (h.cost) r["cost_cents"] = h.cost->in_cents();
                         if (h.completed_at) r["completed_at"] = format_time(*h.completed_at);
                     } else if (h.work_order_id) {
                         r["work_order_id"] = h.work_order_id->str();
                     }
                     out.push_back(std::move(r));
                 }
                 return ToolResult::ok({{"results", out}});
             }});
}

}  // namespace

const std::vector<std::string>& maintenance_tool_names() {
    static const std::vector<std::string> kNames = {
        "triage_request", "create_work_order", "merge_into_work_order", "ask_tenant",
        "reply_to_tenant", "rank_vendors",     "request_bids",          "dispatch_vendor",
        "schedule_visit",  "escalate",         "close_work_order",      "reconcile_invoice",
        "search_history"};
    return kNames;
}

void register_maintenance_tools(ToolRegistry& registry, const WorkflowServices& services) {
    add_tools(registry, services);
}

}  // namespace propos
