#include "propos/llm/pricing.hpp"

#include <algorithm>
#include <limits>

namespace propos::llm {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// Dollars per million tokens -> micro-dollars per million tokens.
constexpr std::int64_t usd(double dollars) {
    return static_cast<std::int64_t>(dollars * 1000000.0 + 0.5);
}

std::int64_t mul_sat(std::int64_t tokens, std::int64_t price) noexcept {
    if (tokens <= 0 || price <= 0) return 0;
    std::int64_t out = 0;
    return __builtin_mul_overflow(tokens, price, &out) ? kMax : out;
}

std::int64_t add_sat(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t out = 0;
    return __builtin_add_overflow(a, b, &out) ? kMax : out;
}

void add(CostTotals& t, const Usage& u, std::int64_t cost) {
    t.calls += 1;
    t.usage += u;
    t.cost_micros = add_sat(t.cost_micros, cost);
}

template <class Map>
CostTotals lookup(const Map& m, std::string_view key) {
    auto it = m.find(key);
    return it == m.end() ? CostTotals{} : it->second;
}

void check_price(const std::string& prefix, const ModelPrice& p) {
    if (prefix.empty()) throw Error(ErrorCode::kInvalidArgument, "price table: empty model prefix");
    if (p.input < 0 || p.output < 0 || p.cache_read < 0 || p.cache_write < 0 ||
        p.cache_write_1h < 0) {
        throw Error(ErrorCode::kInvalidArgument,
                    "price table: negative price for '" + prefix + "'");
    }
}

}  // namespace

PriceTable PriceTable::defaults() {
    PriceTable t;
    // Anthropic: input, output, cache read (0.1x input), cache write (5-minute, 1.25x input),
    // cache write (1-hour, 2x input).
    const ModelPrice opus_4{usd(15), usd(75), usd(1.50), usd(18.75), usd(30)};
    const ModelPrice opus_4_5{usd(5), usd(25), usd(0.50), usd(6.25), usd(10)};
    const ModelPrice sonnet{usd(3), usd(15), usd(0.30), usd(3.75), usd(6)};
    t.set("claude-opus-4", opus_4);
    t.set("claude-opus-4-1", opus_4);
    t.set("claude-opus-4-5", opus_4_5);
    t.set("claude-sonnet-4", sonnet);
    t.set("claude-sonnet-4-5", sonnet);
    t.set("claude-3-7-sonnet", sonnet);
    t.set("claude-haiku-4-5", {usd(1), usd(5), usd(0.10), usd(1.25), usd(2)});
    t.set("claude-3-5-haiku", {usd(0.80), usd(4), usd(0.08), usd(1), usd(1.60)});
    t.set("claude-3-haiku", {usd(0.25), usd(1.25), usd(0.03), usd(0.30), usd(0.50)});
    // OpenAI: input, output, cached input; no separate cache-write charge (priced as input).
    auto openai = [&](const char* m, double in, double out, double cached) {
        t.set(m, {usd(in), usd(out), usd(cached), usd(in), usd(in)});
    };
    openai("gpt-5", 1.25, 10, 0.125);
    openai("gpt-5-mini", 0.25, 2, 0.025);
    openai("gpt-5-nano", 0.05, 0.40, 0.005);
    openai("gpt-4.1", 2, 8, 0.50);
    openai("gpt-4.1-mini", 0.40, 1.60, 0.10);
    openai("gpt-4.1-nano", 0.10, 0.40, 0.025);
    openai("gpt-4o", 2.50, 10, 1.25);
    openai("gpt-4o-mini", 0.15, 0.60, 0.075);
    return t;
}

PriceTable PriceTable::from_json(const Json& j) {
    if (!j.is_object()) {
        throw Error(ErrorCode::kInvalidArgument,
                    std::string("price table: expected a JSON object of model prefixes, got ") +
                        j.type_name());
    }
    PriceTable t;
    for (const auto& [prefix, v] : j.items()) {
        const std::string what = "price table entry '" + prefix + "'";
        if (!v.is_object()) {
            throw Error(ErrorCode::kInvalidArgument, what + ": expected an object of prices");
        }
        ModelPrice p;
        p.input = json_get_or<std::int64_t>(v, "input", 0, what);
        p.output = json_get_or<std::int64_t>(v, "output", 0, what);
        p.cache_read = json_get_or<std::int64_t>(v, "cache_read", 0, what);
        p.cache_write = json_get_or<std::int64_t>(v, "cache_write", 0, what);
        p.cache_write_1h = json_get_or<std::int64_t>(v, "cache_write_1h", 0, what);
        t.set(prefix, p);
    }
    return t;
}

Json PriceTable::to_json() const {
    Json j = Json::object();
    for (const auto& [prefix, p] : prices_) {
        j[prefix] = Json{{"input", p.input},
                         {"output", p.output},
                         {"cache_read", p.cache_read},
                         {"cache_write", p.cache_write},
                         {"cache_write_1h", p.cache_write_1h}};
    }
    return j;
}

void PriceTable::set(std::string model_prefix, ModelPrice price) {
    check_price(model_prefix, price);
    prices_[std::move(model_prefix)] = price;
}

std::optional<ModelPrice> PriceTable::find(std::string_view model) const {
    // Longest prefix: walk the prefixes of `model` from the longest down.
    for (std::size_t n = model.size(); n > 0; --n) {
        auto it = prices_.find(model.substr(0, n));
        if (it != prices_.end()) return it->second;
    }
    return std::nullopt;
}

ModelPrice PriceTable::price(std::string_view model) const {
    return find(model).value_or(ModelPrice{});
}

std::int64_t PriceTable::cost_micros(std::string_view model, const Usage& usage) const noexcept {
    const auto p = find(model);
    if (!p) return 0;
    std::int64_t sum = mul_sat(usage.input_tokens, p->input);
    sum = add_sat(sum, mul_sat(usage.output_tokens, p->output));
    sum = add_sat(sum, mul_sat(usage.cache_read_input_tokens, p->cache_read));
    // 1-hour cache writes at their own rate; the rest of the writes are 5-minute ones.
    const std::int64_t writes_1h =
        std::clamp<std::int64_t>(usage.cache_creation_1h_input_tokens, 0,
                                 std::max<std::int64_t>(usage.cache_creation_input_tokens, 0));
    sum = add_sat(sum, mul_sat(usage.cache_creation_input_tokens - writes_1h, p->cache_write));
    sum = add_sat(sum, mul_sat(writes_1h, p->cache_write_1h > 0 ? p->cache_write_1h : p->cache_write));
    if (sum == kMax) return kMax;
    return sum / 1000000 + (sum % 1000000 != 0 ? 1 : 0);
}

std::int64_t cost_micros(std::string_view model, const Usage& usage) {
    static const PriceTable kDefaults = PriceTable::defaults();
    return kDefaults.cost_micros(model, usage);
}

CostMeter::CostMeter(PriceTable prices) : prices_(std::move(prices)) {}

std::int64_t CostMeter::record(std::string_view org, std::string_view run, std::string_view model,
                               const Usage& usage) {
    const std::int64_t cost = prices_.cost_micros(model, usage);
    std::lock_guard lock(mu_);
    add(total_, usage, cost);
    if (!org.empty()) add(orgs_[std::string(org)], usage, cost);
    if (!run.empty()) add(runs_[std::string(run)], usage, cost);
    add(models_[std::string(model)], usage, cost);
    return cost;
}

std::int64_t CostMeter::record(std::string_view org, std::string_view run,
                               const LlmResponse& response) {
    return record(org, run, response.model, response.usage);
}

CostTotals CostMeter::total() const {
    std::lock_guard lock(mu_);
    return total_;
}

CostTotals CostMeter::org(std::string_view org) const {
    std::lock_guard lock(mu_);
    return lookup(orgs_, org);
}

CostTotals CostMeter::run(std::string_view run) const {
    std::lock_guard lock(mu_);
    return lookup(runs_, run);
}

std::map<std::string, CostTotals> CostMeter::by_model() const {
    std::lock_guard lock(mu_);
    return {models_.begin(), models_.end()};
}

void CostMeter::forget_run(std::string_view run) {
    std::lock_guard lock(mu_);
    if (auto it = runs_.find(run); it != runs_.end()) runs_.erase(it);
}

void CostMeter::reset() {
    std::lock_guard lock(mu_);
    total_ = {};
    orgs_.clear();
    runs_.clear();
    models_.clear();
}

}  // namespace propos::llm
