"""The HTTP providers against fake servers on 127.0.0.1 (Python threads: the provider call must
release the GIL or the server could never answer)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import propos


class FakeServer:
    def __init__(self, reply):
        self.requests = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append((self.path, dict(self.headers), json.loads(body)))
                data = json.dumps(reply).encode()
                self.send_response(200)
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
