/// @file pricing.hpp
/// @brief Token prices per model (`PriceTable`) and a thread-safe `CostMeter` that adds up tokens
/// and cost per call, run and organization. Money here is integer micro-dollars (1 USD =
/// 1,000,000).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "propos/core/json.hpp"
#include "propos/export.hpp"
#include "propos/llm/types.hpp"

namespace propos::llm {

/// @brief Prices of one model in micro-dollars per million tokens (so $3.00 / MTok is 3000000).
struct ModelPrice {
    std::int64_t input = 0;        ///< Uncached input tokens.
    std::int64_t output = 0;       ///< Output tokens.
    std::int64_t cache_read = 0;   ///< Input tokens read from the prompt cache.
    std::int64_t cache_write = 0;  ///< Input tokens written to the prompt cache (5-minute lifetime).
    /// Input tokens written to the prompt cache with the 1-hour lifetime (Anthropic: 2x input,
    /// where a 5-minute write is 1.25x). 0: priced as `cache_write`.
    std::int64_t cache_write_1h = 0;
    bool operator==(const ModelPrice&) const = default;
};

/// @brief Per-model prices, looked up by the longest matching prefix of the model name, so
/// "claude-sonnet-4-5-20250929" is priced as "claude-sonnet-4-5" and "gpt-4o-mini-2024-07-18" as
/// "gpt-4o-mini" (not "gpt-4o"). Unknown models (local Ollama/vLLM models, "rules", "scripted")
/// cost 0.
///
/// `defaults()` holds list prices (USD, standard tier, 5-minute and 1-hour cache writes) of current Anthropic
/// and OpenAI models as published in 2025; check them against the providers' pricing pages and
/// override with `set()` or `from_json` when they change.
///
/// Thread-safety: a value type; const methods may run concurrently, `set` needs exclusive access.
class PROPOS_EXPORT PriceTable {
public:
    /// @brief An empty table: everything costs 0.
    PriceTable() = default;
    /// @brief The built-in list prices.
    static PriceTable defaults();
    /// @brief Reads `{"<model prefix>": {"input":..,"output":..,"cache_read":..,"cache_write":..,
    /// "cache_write_1h":..}}`
    /// (micro-dollars per MTok; missing fields are 0). Throws `Error(kInvalidArgument)` naming the
    /// entry on a wrong type or a negative price.
    static PriceTable from_json(const Json& j);
    /// @brief The inverse of `from_json`.
    Json to_json() const;

    /// @brief Sets (or replaces) the price of every model whose name starts with `model_prefix`.
    /// Throws `Error(kInvalidArgument)` on an empty prefix or a negative price.
    void set(std::string model_prefix, ModelPrice price);
    /// @brief The entry with the longest prefix of `model`, or nullopt.
    std::optional<ModelPrice> find(std::string_view model) const;
    /// @brief `find(model)`, or all zeros.
    ModelPrice price(std::string_view model) const;
    /// @brief The cost of `usage` on `model` in micro-dollars, rounded up to a whole micro-dollar.
    /// Never throws; saturates instead of overflowing.
    std::int64_t cost_micros(std::string_view model, const Usage& usage) const noexcept;
    /// @brief Number of entries.
    std::size_t size() const noexcept { return prices_.size(); }

private:
    std::map<std::string, ModelPrice, std::less<>> prices_;
};

/// @brief `PriceTable::defaults().cost_micros(model, usage)` (the defaults are built once).
PROPOS_EXPORT std::int64_t cost_micros(std::string_view model, const Usage& usage);

/// @brief Calls, tokens and cost added up.
struct CostTotals {
    std::int64_t calls = 0;
    Usage usage;
    std::int64_t cost_micros = 0;
    bool operator==(const CostTotals&) const = default;
};

/// @brief Adds up tokens and cost per call, per run, per organization and per model.
///
/// Keys are free-form strings (an organization id, an agent run id); empty keys are not tracked.
/// Per-run totals live until `forget_run` (call it when a run ends in a long-lived process).
///
/// Thread-safety: every method may be called from any thread.
class PROPOS_EXPORT CostMeter {
public:
    /// @brief Prices calls with `prices`. Default: `PriceTable::defaults()`.
    explicit CostMeter(PriceTable prices = PriceTable::defaults());

    /// @brief Records one call and returns its cost in micro-dollars.
    std::int64_t record(std::string_view org, std::string_view run, std::string_view model,
                        const Usage& usage);
    /// @brief Records a response (its model and usage).
    std::int64_t record(std::string_view org, std::string_view run, const LlmResponse& response);

    /// @brief Everything recorded.
    CostTotals total() const;
    /// @brief One organization's totals (zeros when unknown).
    CostTotals org(std::string_view org) const;
    /// @brief One run's totals (zeros when unknown).
    CostTotals run(std::string_view run) const;
    /// @brief Totals per model name as reported by the provider.
    std::map<std::string, CostTotals> by_model() const;
    /// @brief Drops a finished run's totals.
    void forget_run(std::string_view run);
    /// @brief Drops everything.
    void reset();
    /// @brief The price table in use.
    const PriceTable& prices() const noexcept { return prices_; }

private:
    const PriceTable prices_;
    mutable std::mutex mu_;
    CostTotals total_;
    std::map<std::string, CostTotals, std::less<>> orgs_, runs_, models_;
};

}  // namespace propos::llm
