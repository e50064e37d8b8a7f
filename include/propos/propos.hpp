/// @file propos.hpp
/// @brief The umbrella header: everything a host needs to embed PropOS — the `Coordinator`, the
/// store, the LLM providers (Anthropic, OpenAI-compatible, offline rules, scripted, fallback), the
/// channels (Twilio, SendGrid, outbox), the PMS adapters, history search, the agent and the
/// workflows' types. Including this header alone is enough; each family also has its own header.
#pragma once

#include "propos/version.hpp"

#include "propos/core/clock.hpp"
#include "propos/core/cron.hpp"
#include "propos/core/crypto.hpp"
#include "propos/core/error.hpp"
#include "propos/core/ids.hpp"
#include "propos/core/json.hpp"
#include "propos/core/logging.hpp"
#include "propos/core/money.hpp"
#include "propos/core/time.hpp"
#include "propos/core/timezone.hpp"

#include "propos/model/cadence.hpp"  // follow-up cadences (issue 17)
#include "propos/model/common.hpp"
#include "propos/model/decision.hpp"  // staff decisions (issue 20)
#include "propos/model/message.hpp"
#include "propos/model/knowledge.hpp"
#include "propos/model/note.hpp"
#include "propos/model/oversight.hpp"
#include "propos/model/portfolio.hpp"
#include "propos/model/procurement.hpp"
#include "propos/model/work_order.hpp"

#include "propos/store/audit_log.hpp"
#include "propos/store/job.hpp"
#include "propos/store/job_queue.hpp"
#include "propos/store/portfolio_import.hpp"
#include "propos/store/records.hpp"
#include "propos/store/store.hpp"

#include "propos/llm/anthropic.hpp"
#include "propos/llm/fallback.hpp"
#include "propos/llm/openai.hpp"
#include "propos/llm/pricing.hpp"
#include "propos/llm/provider.hpp"
#include "propos/llm/rules.hpp"
#include "propos/llm/scripted.hpp"
#include "propos/llm/types.hpp"

#include "propos/channels/blob_store.hpp"
#include "propos/channels/contact.hpp"
#include "propos/channels/inbound.hpp"
#include "propos/channels/outbound.hpp"
#include "propos/channels/outbox.hpp"
#include "propos/channels/quiet_hours.hpp"
#include "propos/channels/sendgrid.hpp"
#include "propos/channels/text.hpp"
#include "propos/channels/twilio.hpp"
#include "propos/channels/webhook_auth.hpp"

#include "propos/pms/appfolio.hpp"
#include "propos/pms/buildium.hpp"
#include "propos/pms/pms.hpp"
#include "propos/pms/yardi.hpp"

#include "propos/search/embedder.hpp"
#include "propos/search/history_search.hpp"
#include "propos/search/vector_index.hpp"

#include "propos/agent/agent_runner.hpp"
#include "propos/agent/emergency.hpp"
#include "propos/agent/escalation.hpp"
#include "propos/agent/policy.hpp"
#include "propos/agent/tool.hpp"

#include "propos/workflows/approval.hpp"
#include "propos/workflows/availability.hpp"
#include "propos/workflows/cadence.hpp"  // follow-up cadences (issue 17)
#include "propos/workflows/decisions.hpp"  // staff decisions, work order notes (issue 20)
#include "propos/workflows/delivery.hpp"
#include "propos/workflows/dispatch.hpp"
#include "propos/workflows/intake.hpp"
#include "propos/workflows/intent.hpp"
#include "propos/workflows/invoice.hpp"
#include "propos/workflows/knowledge.hpp"
#include "propos/workflows/maintenance.hpp"
#include "propos/workflows/move_out.hpp"
#include "propos/workflows/renewal.hpp"
#include "propos/workflows/tenant_requests.hpp"
#include "propos/workflows/triage.hpp"
#include "propos/workflows/workflow.hpp"

#include "propos/coordinator.hpp"
