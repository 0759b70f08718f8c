"""Fake upstreams for the conformance matrix: a recording pass-through proxy and a server whose
streams stop halfway."""
import http.client
import json

from conftest import QuietHandler, ThreadedServer

# ---------------------------------------------------------------------------------------------
# A recording pass-through proxy between the gateway and the simulator.

class Recorder(ThreadedServer):
    """Forwards every request to `target_port` and keeps (path, headers, body, status, answer and
    its headers).

    Streams are relayed as they arrive (chunked), so chunk boundaries reach the gateway roughly
    as the simulator wrote them.
    """

    def __init__(self, target_port):
        self.exchanges = []
        recorder = self

        class Handler(QuietHandler):
            def do_GET(self):
                self.forward()

            def do_POST(self):
                self.forward()

            def forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                entry = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                         "body": body, "status": None, "answer": b""}
                recorder.exchanges.append(entry)
                upstream = http.client.HTTPConnection("127.0.0.1", target_port, timeout=30)
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "content-length", "connection", "transfer-encoding", "expect")}
                try:
                    upstream.request(self.command, self.path, body=body, headers=headers)
                    response = upstream.getresponse()
                    entry["status"] = response.status
                    entry["answer_headers"] = {k.lower(): v for k, v in response.getheaders()}
                    self.send_response(response.status)
                    for name, value in response.getheaders():
                        if name.lower() not in ("content-length", "transfer-encoding", "connection", "date", "server"):
                            self.send_header(name, value)
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    while True:
                        data = response.read1(65536)
                        if not data:
                            break
                        entry["answer"] += data
                        self.wfile.write(b"%x\r\n" % len(data) + data + b"\r\n")
                        self.wfile.flush()
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                except OSError:
                    self.close_connection = True
                finally:
                    upstream.close()

        super().__init__(Handler)

    def mark(self):
        return len(self.exchanges)

    def since(self, mark):
        return self.exchanges[mark:]


class Truncator(ThreadedServer):
    """An upstream whose streams stop halfway, in the dialect the path asks for.

    Under `/clean` the response ends properly (last chunk sent) but the stream lacks its finish
    (`finish_reason`/`[DONE]`, `message_delta`/`message_stop`, `finishReason`); under `/abort`
    the connection is dropped mid-body, as a crashing upstream would.
    """

    OPENAI = [
        {"id": "chatcmpl-t", "object": "chat.completion.chunk", "created": 1, "model": "m",
         "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]},
        {"id": "chatcmpl-t", "object": "chat.completion.chunk", "created": 1, "model": "m",
         "choices": [{"index": 0, "delta": {"content": "partial"}, "finish_reason": None}]},
    ]
    ANTHROPIC = [
        ("message_start", {"type": "message_start", "message": {
            "id": "msg_t", "type": "message", "role": "assistant", "model": "m", "content": [],
            "stop_reason": None, "stop_sequence": None, "usage": {"input_tokens": 5, "output_tokens": 1}}}),
        ("content_block_start", {"type": "content_block_start", "index": 0,
                                 "content_block": {"type": "text", "text": ""}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                 "delta": {"type": "text_delta", "text": "partial"}}),
    ]
    GEMINI = [{"candidates": [{"content": {"parts": [{"text": "partial"}], "role": "model"}, "index": 0}],
               "usageMetadata": {"promptTokenCount": 5, "totalTokenCount": 5}, "modelVersion": "m",
               "responseId": "r1"}]

    def __init__(self):
        class Handler(QuietHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if "/v1/messages" in self.path:
                    events = [f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in Truncator.ANTHROPIC]
                elif "/v1beta/" in self.path:
                    events = [f"data: {json.dumps(data)}\n\n" for data in Truncator.GEMINI]
                else:
                    events = [f"data: {json.dumps(data)}\n\n" for data in Truncator.OPENAI]
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for event in events:
                    data = event.encode()
                    self.wfile.write(b"%x\r\n" % len(data) + data + b"\r\n")
                    self.wfile.flush()
                if self.path.startswith("/abort"):
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()

        super().__init__(Handler)
