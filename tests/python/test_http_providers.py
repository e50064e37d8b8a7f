"""The HTTP providers against fake servers on 127.0.0.1 (Python threads: the provider call must
release the GIL or the server could never answer)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import propos


class FakeServer:
    def __init__(self, reply, status=200, headers=None):
        self.requests = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append((self.path, dict(self.headers), json.loads(body)))
                data = json.dumps(reply).encode()
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


REQUEST = propos.LlmRequest(messages=[propos.ChatMessage.user("Is the boiler OK?")], max_tokens=50)


def test_openai_compatible_provider():
    reply = {"id": "chatcmpl-1", "model": "local-m",
             "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "Yes."}}],
             "usage": {"prompt_tokens": 12, "completion_tokens": 2}}
    with FakeServer(reply) as server:
        p = propos.OpenAiCompatibleProvider(propos.OpenAiOptions(base_url=server.url, model="local-m",
                                                                 provider_name="ollama"))
        r = p.complete(REQUEST)
    assert r.text() == "Yes." and r.stop_reason == "end_turn" and r.usage.input_tokens == 12
    assert p.name() == "ollama" and p.url.endswith("/v1/chat/completions")
    assert server.requests[0][2]["messages"][-1]["content"] == "Is the boiler OK?"


def test_anthropic_provider():
    reply = {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-x",
             "content": [{"type": "text", "text": "All good."}], "stop_reason": "end_turn",
             "usage": {"input_tokens": 9, "output_tokens": 3}}
    with FakeServer(reply) as server:
        p = propos.AnthropicProvider(propos.AnthropicOptions(api_key="test-key", base_url=server.url))
        r = p.complete(REQUEST)
    assert r.text() == "All good." and r.usage.output_tokens == 3
    path, headers, body = server.requests[0]
    assert path == "/v1/messages" and headers["x-api-key"] == "test-key" and body["max_tokens"] == 50


def test_missing_key_names_the_variable(monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(propos.InvalidArgument, match="ANTHROPIC_API_KEY"):
        propos.AnthropicProvider()


def test_local_server_presets_leave_out_what_those_servers_ignore():
    reply = {"id": "c1", "model": "llama3",
             "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "ok"}}],
             "usage": {"prompt_tokens": 3, "completion_tokens": 1}}
    o = propos.OpenAiOptions.ollama("llama3")
    assert o.provider_name == "ollama" and o.send_tool_choice is False and o.base_url.endswith(":11434")
    assert propos.OpenAiOptions.vllm("qwen").provider_name == "vllm"
    assert propos.OpenAiOptions.llama_cpp("m").provider_name == "llama.cpp"
    with FakeServer(reply) as server:
        o = propos.OpenAiOptions.ollama("llama3", base_url=server.url)
        propos.OpenAiCompatibleProvider(o).complete(REQUEST)
    body = server.requests[0][2]
    assert "max_tokens" in body and "tool_choice" not in body and "parallel_tool_calls" not in body
    a = propos.AnthropicOptions(api_key="k", extra_headers=[("anthropic-beta", "x-1")])
    assert a.extra_headers == [("anthropic-beta", "x-1")]


def test_a_long_retry_after_is_raised_with_its_delay_instead_of_slept():
    error = {"error": {"message": "slow down", "type": "rate_limit_error"}}
    with FakeServer(error, status=429, headers={"retry-after": "120"}) as server:
        p = propos.OpenAiCompatibleProvider(propos.OpenAiOptions(base_url=server.url, model="m", api_key="k"))
        with pytest.raises(propos.Error) as info:
            p.complete(REQUEST)
    assert info.value.http_status == 429 and info.value.retry_after == 120.0
    assert len(server.requests) == 1  # no sleeping retry on the caller's thread
