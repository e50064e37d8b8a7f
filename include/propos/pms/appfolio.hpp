/// @file appfolio.hpp
/// @brief AppFolio (Stack API): webhooks verified by detached JWS (PS256) against a JWKS, work
/// order fetch and status/notes push-back.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "propos/core/http.hpp"
#include "propos/export.hpp"
#include "propos/pms/pms.hpp"

namespace propos::pms {

/// @brief Verifies a detached JWS (`<base64url header>..<base64url signature>`) over `payload`
/// with the RSA keys of `jwks_json` (a JSON Web Key Set: {"keys":[{"kty":"RSA","n","e","kid"...}]}).
///
/// Only "alg":"PS256" (RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt) is accepted — never "none"
/// or another algorithm. When the header has a "kid", only the key with that kid is tried; else every
/// RSA key. The signing input is `header + "." + base64url(payload)` (or the raw payload when the
/// header says "b64": false, RFC 7797). Returns false (never throws) on any mismatch or malformed
/// input; `why`, when given, receives a short reason.
PROPOS_EXPORT bool verify_detached_jws(std::string_view jws, std::string_view payload,
                                       std::string_view jwks_json, std::string* why = nullptr);

/// @brief Options of `AppFolioAdapter`.
struct AppFolioOptions {
    /// The customer's API host, e.g. "https://acme.appfolio.com" (tests: a loopback URL).
    std::string base_url;
    std::string client_id;      ///< API client id (basic auth user); also the webhook's client_id.
    std::string client_secret;  ///< API client secret (basic auth password).
    std::string developer_id;   ///< Sent as X-AppFolio-Developer-ID when not empty.
    /// The JWKS (JSON text) of AppFolio's signing keys, as served at
    /// https://api.appfolio.com/.well-known/jwks.json. Required while `verify_signature`.
    std::string jwks_json;
    /// Where `refresh_jwks` fetches the key set. Default: AppFolio's public JWKS URL.
    std::string jwks_url = "https://api.appfolio.com/.well-known/jwks.json";
    bool verify_signature = true;  ///< Default: true. Turn off only for local tests.
    /// Notifications whose message_sent_at is older than this (or this far in the future) are
    /// rejected as replays. Default: 1 hour (AppFolio retries failed deliveries).
    Millis max_message_age{60 * 60 * 1000};
    std::size_t max_body_bytes = 64u << 10;  ///< Default: 64 KiB (notifications are tiny).
    /// Path of the work-order list endpoint (fetch: `?filters[Id]=<id>`; push: `PATCH <path>/<id>`).
    /// Default: "/api/v0/work_orders".
    std::string work_orders_path = "/api/v0/work_orders";
    RetryPolicy retry;
    Sleeper sleeper;        ///< Default (empty): really sleep.
    Millis timeout{30000};  ///< Per request. Default: 30 s.
};

/// @brief AppFolio adapter.
///
/// Webhooks: POST application/json `{"client_id","id","topic","entity_id","update_timestamp",
/// "message_sent_at"}` with X-JWS-Signature; topic "work_order_updates" gives a kWorkOrder event,
/// other topics are ignored. Fetch: `GET {base}{work_orders_path}?filters[Id]={id}` (basic auth)
/// answering `{"data":[{...}]}`; both the API's PascalCase fields (Id, Status, JobDescription,
/// Priority, VendorId, VendorTrade, ScheduledStart...) and the work-order report's snake_case fields
/// (status, priority, work_order_type, vendor_id, vendor_trade, service_request_description,
/// estimate_amount, maintenance_limit, scheduled_start, scheduled_end, work_completed_on,
/// vendor_bill_id) are understood. Push: `PATCH {base}{work_orders_path}/{id}` with
/// `{"Status": ..., "StatusNotes": note}`. Polling is not supported (AppFolio has webhooks).
class PROPOS_EXPORT AppFolioAdapter final : public PmsAdapter {
public:
    /// @brief Throws `Error(kInvalidArgument)` when the base URL or credentials are missing, or the
    /// JWKS is given but is not a key set with at least one usable RSA key.
    AppFolioAdapter(std::shared_ptr<HttpClient> http, AppFolioOptions options);
    ~AppFolioAdapter() override;

    std::string_view system() const noexcept override { return "appfolio"; }
    PmsWebhookResult handle_webhook(std::string_view method, std::string_view url,
                                    const HttpHeaders& headers, std::string_view body,
                                    Timestamp now) override;
    PmsWorkOrder fetch(const PmsEntityRef& ref) override;
    void push_update(const PmsWorkOrderUpdate& update) override;
    /// @brief Throws `Error(kFailedPrecondition)`: AppFolio notifies by webhook.
    PmsPollResult poll(std::string_view cursor, Timestamp now) override;

    /// @brief Replaces the key set (key rotation). Throws `Error(kInvalidArgument)` for a bad JWKS.
    void set_jwks(std::string_view jwks_json);
    /// @brief Fetches the key set from `jwks_url` and installs it. Throws like `fetch`.
    void refresh_jwks();

    /// @brief Normalizes one AppFolio work order record (API or report fields).
    static PmsWorkOrder normalize(const Json& record);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace propos::pms
