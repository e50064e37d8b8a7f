/// @file yardi.hpp
/// @brief Yardi Voyager: no webhooks, so a polling adapter over the service-request interface
/// (ItfServiceRequests), spoken as JSON: the Coordinator calls `poll` from a scheduled job (about
/// every 10 minutes) and pushes status changes back.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "propos/core/http.hpp"
#include "propos/export.hpp"
#include "propos/pms/pms.hpp"

namespace propos::pms {

/// @brief Options of `YardiAdapter`. The interface credentials travel in each request body, as the
/// Yardi interfaces expect; they are never logged.
struct YardiOptions {
    std::string base_url;            ///< e.g. "https://www.yardiasp14.com/12345acme/webservices".
    std::string username;
    std::string password;
    std::string server_name;
    std::string database;
    std::string platform = "SQL Server";
    std::string interface_entity;
    std::string interface_license;
    std::vector<std::string> property_ids;  ///< YardiPropertyId values polled. Required.
    /// Paths of the three operations (POST, JSON bodies). Defaults as shown.
    std::string search_path = "/ItfServiceRequests/GetServiceRequests";
    std::string get_path = "/ItfServiceRequests/GetServiceRequest";
    std::string update_path = "/ItfServiceRequests/CreateOrEditServiceRequests";
    /// On the first poll (empty cursor), how far back to look. Default: 7 days.
    Millis first_poll_lookback{7LL * 24 * 60 * 60 * 1000};
    RetryPolicy retry;
    Sleeper sleeper;
    Millis timeout{60000};
};

/// @brief Yardi adapter (polling).
///
/// Wire format: every call is `POST {base_url}{path}` with a JSON body carrying the credentials
/// (UserName, Password, ServerName, Database, Platform, InterfaceEntity, InterfaceLicense) and
/// YardiPropertyId. `search_path` also gets FromDate (ISO-8601 UTC) and answers
/// `{"ServiceRequests":[{...}]}`; `get_path` gets ServiceRequestId and answers one record (or the
/// same wrapper); `update_path` gets `{"ServiceRequests":[{"ServiceRequestId","CurrentStatus",
/// "StatusNotes"}]}`. Records use the ServiceRequest field names of Yardi's interface:
/// ServiceRequestId, PropertyId/PropertyCode, UnitId/UnitCode, TenantCode, RequestorName,
/// RequestorPhoneNumber, RequestorEmail, ServiceRequestBriefDescription,
/// ServiceRequestFullDescription, ProblemDescriptionNotes, Category, SubCategory, Priority,
/// CurrentStatus, HasPermissionToEnter, HasPets, AccessNotes, ServiceRequestDate, DueDate,
/// LastModifiedDate (or UpdateDate), CompletedDate, VendorId, EstimatedCost.
///
/// The cursor is opaque JSON: the newest LastModifiedDate seen and the ids seen at that instant,
/// so a record is returned again only when it changes again.
class PROPOS_EXPORT YardiAdapter final : public PmsAdapter {
public:
    /// @brief Throws `Error(kInvalidArgument)` when the base URL, credentials or property ids are
    /// missing.
    YardiAdapter(std::shared_ptr<HttpClient> http, YardiOptions options);
    ~YardiAdapter() override;

    std::string_view system() const noexcept override { return "yardi"; }
    /// @brief Always a dead letter (404): Yardi has no webhooks; use `poll`.
    PmsWebhookResult handle_webhook(std::string_view method, std::string_view url,
                                    const HttpHeaders& headers, std::string_view body,
                                    Timestamp now) override;
    PmsWorkOrder fetch(const PmsEntityRef& ref) override;
    void push_update(const PmsWorkOrderUpdate& update) override;
    PmsPollResult poll(std::string_view cursor, Timestamp now) override;

    /// @brief Normalizes one ServiceRequest record.
    static PmsWorkOrder normalize(const Json& record);
    /// @brief PropOS status -> Yardi CurrentStatus.
    static std::string status_for(WorkOrderStatus status);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace propos::pms
