// Fuzzes the OpenAI-compatible provider's reading of a Chat Completions reply (the body of a 200
// answer, or of an error status chosen by the last byte), through `OpenAiCompatibleProvider::complete`.
#include "fuzz_util.hpp"
#include "propos/llm/openai.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    propos::fuzz::quiet_logs();
    return propos::fuzz::provider_reply_one_input<propos::llm::OpenAiCompatibleProvider, propos::llm::OpenAiOptions>(
        data, size, "x-request-id");
}
