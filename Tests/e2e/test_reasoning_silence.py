"""A reasoning model behind OpenAI's chat completions: the stream's head comes at once, then
nothing while the model thinks, then the tokens (OpenAI and Gemini send no bytes meanwhile).
The gateway must wait it out (the idle deadline counts from the first token, the first-byte
default does not hold a whole answer), and its ledger must time the first token, not the head."""
import json
import time

import anthropic
import httpx2 as httpx  # the HTTP client the openai SDK itself uses
import openai

from conftest import QuietHandler, ThreadedServer, start_gateway, start_sim
from reliability import attempts, ledger

THINK_S = 0.9
IDLE_MS = 300


class ThinkingUpstream(ThreadedServer):
    """OpenAI-shaped answers after `THINK_S` of silence; a stream sends its head first."""

    def __init__(self):
        class Handler(QuietHandler):
            def do_POST(self):
                request = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                base = {"id": "chatcmpl-think", "created": 1, "model": request["model"]}
                usage = {"prompt_tokens": 9, "completion_tokens": 2, "total_tokens": 11}
                if not request.get("stream"):
                    time.sleep(THINK_S)
                    body = json.dumps({**base, "object": "chat.completion", "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": "Thought."},
                         "finish_reason": "stop"}], "usage": usage}).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self.wfile.flush()
                time.sleep(THINK_S)
                chunk = {**base, "object": "chat.completion.chunk"}
                events = [
                    {**chunk, "choices": [{"index": 0, "delta": {"role": "assistant", "content": "Thought."},
                                           "finish_reason": None}]},
                    {**chunk, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
                    {**chunk, "choices": [], "usage": usage},
                ]
                for data in [json.dumps(e) for e in events] + ["[DONE]"]:
                    piece = f"data: {data}\n\n".encode()
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()

        super().__init__(Handler)


def thinking_gateway(tmp_path, upstream, server=""):
    return start_gateway(tmp_path, f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {tmp_path / "d"}
timeouts: {{idle_ms: {IDLE_MS}}}
{server}
providers:
  - name: thinker
    type: openai-compatible
    base_url: {upstream.base}/v1
    api_keys: ["sk-upstream-think-0001"]
models:
  - name: o-think
    provider: thinker
""")


def test_the_client_hears_keepalives_while_the_model_thinks(tmp_path):
    """SSE comments every stream_keepalive_ms of silence before the first token, in both
    dialects; the official SDKs skip them and read the answer whole."""
    upstream = ThinkingUpstream()
    gw = thinking_gateway(tmp_path, upstream, "server: {stream_keepalive_ms: 200}")
    try:
        body = {"model": "o-think", "messages": [{"role": "user", "content": "Think."}], "stream": True}
        raw = httpx.post(gw.base + "/v1/chat/completions", json=body, timeout=10).text
        before_first_event = raw.split("data:", 1)[0]
        assert before_first_event.count(": keepalive\n\n") >= 2, raw[:300]
        assert ": keepalive" not in raw.split("data:", 1)[1], "comments only before the first token"
        client = openai.OpenAI(base_url=gw.base + "/v1", api_key="any", max_retries=0)
        chunks = client.chat.completions.create(model="o-think", messages=body["messages"], stream=True)
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "Thought."
        messages = anthropic.Anthropic(base_url=gw.base, api_key="any", max_retries=0)
        with messages.messages.stream(model="o-think", max_tokens=50,
                                      messages=[{"role": "user", "content": "Think."}]) as stream:
            assert stream.get_final_text() == "Thought."
    finally:
        gw.stop()
        upstream.stop()


def test_a_thinking_stream_and_a_thinking_whole_answer_are_waited_for(tmp_path):
    upstream = ThinkingUpstream()
    data = tmp_path / "d"
    gw = thinking_gateway(tmp_path, upstream)
    try:
        client = openai.OpenAI(base_url=gw.base + "/v1", api_key="any", max_retries=0)
        raw = client.chat.completions.with_raw_response.create(
            model="o-think", messages=[{"role": "user", "content": "Think."}], stream=True)
        text = "".join(c.choices[0].delta.content or "" for c in raw.parse() if c.choices)
        assert text == "Thought."
        stream_id = raw.headers["x-switchyard-request-id"]

        whole = client.chat.completions.with_raw_response.create(
            model="o-think", messages=[{"role": "user", "content": "Think."}])
        assert whole.parse().choices[0].message.content == "Thought."
        whole_id = whole.headers["x-switchyard-request-id"]

        rows = ledger(data, [stream_id, whole_id])
        stream_row, whole_row = rows[stream_id], rows[whole_id]
        assert stream_row["status"] == 200 and stream_row["streamed"] == 1, stream_row
        assert attempts(stream_row) == ["thinker/o-think:200"], stream_row
        # The first token came THINK_S after the head: that is the stream's time to first token.
        assert stream_row["ttft_ms"] >= THINK_S * 1000 * 0.9, stream_row
        assert stream_row["output_tokens"] == 2 and stream_row["cost_estimated"] == 0, stream_row
        assert whole_row["status"] == 200 and whole_row["ttft_ms"] >= THINK_S * 1000 * 0.9, whole_row
    finally:
        gw.stop()
        upstream.stop()


def test_the_simulator_thinks_like_the_providers(tmp_path):
    """`x-sim-think-ms`: the head (and Anthropic's message_start) at once, then silence, then the
    tokens. Through the gateway, for each upstream dialect. OpenAI's and Gemini's silence comes
    before their first body byte, so a 300 ms idle limit does not cut it; Anthropic's comes after
    message_start, where its idle deadline runs (Anthropic pings a long stream; the simulator's
    thinking does not), so that provider gets a longer one."""
    sim = start_sim(tmp_path, "sim", "--ttft-ms", "50", "--tokens-per-second", "100")
    think = '{x-sim-think-ms: "800"}'
    data = tmp_path / "d"
    gw = start_gateway(tmp_path, f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data}
timeouts: {{idle_ms: {IDLE_MS}}}
server: {{stream_keepalive_ms: 250}}
providers:
  - {{name: p-oa, type: openai-compatible, base_url: "{sim.base}/v1", api_keys: ["sk-sim-think-01"], headers: {think}}}
  - {{name: p-an, type: anthropic, base_url: "{sim.base}", api_keys: ["sk-sim-think-02"], headers: {think},
      timeouts: {{idle_ms: 5000}}}}
  - {{name: p-ge, type: gemini, base_url: "{sim.base}", api_keys: ["sk-sim-think-03"], headers: {think}}}
models:
  - {{name: m-oa, provider: p-oa, upstream_model: o4-mini}}
  - {{name: m-an, provider: p-an, upstream_model: claude-sonnet-4-6}}
  - {{name: m-ge, provider: p-ge, upstream_model: gemini-2.5-pro}}
""")
    try:
        client = openai.OpenAI(base_url=gw.base + "/v1", api_key="any", max_retries=0)
        ids = {}
        for model in ["m-oa", "m-an", "m-ge"]:
            started = time.monotonic()
            raw = client.chat.completions.with_raw_response.create(
                model=model, messages=[{"role": "user", "content": "echo:thought it through"}], stream=True)
            text = "".join(c.choices[0].delta.content or "" for c in raw.parse() if c.choices)
            assert text == "thought it through", (model, text)
            assert time.monotonic() - started >= 0.8, model
            ids[model] = raw.headers["x-switchyard-request-id"]
        rows = ledger(data, ids.values())
        for model, request_id in ids.items():
            row = rows[request_id]
            assert row["status"] == 200 and attempts(row)[0].endswith(":200"), row
        # OpenAI and Gemini send nothing while thinking: their first body byte is the first token.
        assert rows[ids["m-oa"]]["ttft_ms"] >= 800 and rows[ids["m-ge"]]["ttft_ms"] >= 800, rows
        # Straight to the simulator, the official SDK reads the thinking stream as it would OpenAI's.
        direct = openai.OpenAI(base_url=sim.base + "/v1", api_key="any", max_retries=0,
                               default_headers={"x-sim-think-ms": "300"})
        chunks = direct.chat.completions.create(model="o4-mini", stream=True,
                                                messages=[{"role": "user", "content": "echo:direct"}])
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "direct"
    finally:
        gw.stop()
        sim.stop()
