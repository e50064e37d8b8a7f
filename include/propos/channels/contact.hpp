/// @file contact.hpp
/// @brief Contact helpers: phone numbers to E.164 and emails to lower case (for matching a sender
/// to a tenant or vendor), carrier keywords (STOP/START/HELP), and the channel a tenant should be
/// reached on given their preference and opt-out.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "propos/channels/inbound.hpp"
#include "propos/export.hpp"
#include "propos/model/portfolio.hpp"

namespace propos::channels {

/// @brief A phone number in E.164 form ("+14155550100"), or nullopt when `text` is not one.
///
/// Accepts "+1 (415) 555-0100", "415.555.0100", "14155550100", "001 415 555 0100" (00 is the
/// international prefix), "tel:+1-415-555-0100", "sms:..." and an "ext"/"x" suffix (dropped).
/// Numbers without a "+" or "00" are read as national numbers of `default_country_code` (digits
/// only, default "1": NANP, where 10 digits get "+1" and 11 digits starting with 1 get "+").
/// The result has 8 to 15 digits after the "+". Letters, or too few or too many digits, give nullopt.
PROPOS_EXPORT std::optional<std::string> normalize_phone(std::string_view text,
                                                         std::string_view default_country_code = "1");

/// @brief The address of an email in lower case ("maria.lopez@example.com"), or nullopt.
///
/// Accepts a bare address or a display form ("Maria Lopez <Maria.Lopez@Example.com>",
/// "mailto:..."). The address needs one "@", a non-empty local part and a domain with a dot and no
/// spaces. The whole address is lower-cased (PropOS treats local parts as case-insensitive, as
/// every mainstream provider does).
PROPOS_EXPORT std::optional<std::string> normalize_email(std::string_view text);

/// @brief The key under which a contact is matched: the E.164 phone, else the lower-case email,
/// else `address` trimmed. Two spellings of the same phone or email give the same key.
PROPOS_EXPORT std::string contact_key(std::string_view address);

/// @brief Classifies an inbound SMS by carrier keyword. Only a message whose whole text (trimmed,
/// case-insensitive, trailing punctuation ignored) is a keyword counts: "STOP" is a stop, "stop
/// the leak" is not. "YES" counts as kStart only when `sender_opted_out` (tenants answer yes to
/// questions all the time).
PROPOS_EXPORT SmsKeyword detect_sms_keyword(std::string_view text, bool sender_opted_out = false);

/// @brief True when the whole text is "YES" (as `detect_sms_keyword` reads words): the answer that
/// opts a sender back in when they have opted out, which only the caller knows.
PROPOS_EXPORT bool is_sms_yes(std::string_view text);

/// @brief The channel and address to reach a tenant on.
struct ChannelChoice {
    std::optional<Channel> channel;  ///< nullopt: the tenant cannot be reached (see `reason`).
    std::string address;             ///< E.164 phone, email, or the tenant id for the portal.
    std::string reason;              ///< Why this channel (or why none), for the audit trail.
};

/// @brief Picks the channel for a message to `tenant`: their preferred channel when usable, else
/// the other of SMS/email. SMS is usable with a valid phone and no opt-out; email with a valid
/// address; the portal always (address = tenant id); voice is not a messaging channel, so a voice
/// preference falls back to SMS, then email. Never throws.
PROPOS_EXPORT ChannelChoice choose_channel(const Tenant& tenant);

}  // namespace propos::channels
