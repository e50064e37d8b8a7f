// Fuzzes the Anthropic provider's reading of a Messages API reply (the body of a 200 answer, or of
// an error status chosen by the last byte), through `AnthropicProvider::complete`.
#include "fuzz_util.hpp"
#include "propos/llm/anthropic.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    propos::fuzz::quiet_logs();
    return propos::fuzz::provider_reply_one_input<propos::llm::AnthropicProvider, propos::llm::AnthropicOptions>(
        data, size, "request-id");
}
