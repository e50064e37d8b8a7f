# The llm layer: provider-neutral types, the Anthropic and OpenAI-compatible HTTP providers (through
# the core HttpClient, so no extra link dependency), rules, scripted and fallback providers, pricing.
target_sources(propos PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/anthropic.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fallback.cpp
  ${CMAKE_CURRENT_LIST_DIR}/openai.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pricing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/provider.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rules.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scripted.cpp
  ${CMAKE_CURRENT_LIST_DIR}/types.cpp)
