"""Upstreams named by host name rather than address: the gateway looks the name up (off its loop)
and serves through it, streamed and whole; a name that does not resolve is the caller's 502 in
its own dialect, with the ledger row written."""
import openai
import pytest
from openai import OpenAI

from conftest import sim_config, start_gateway
from test_fuzz_bodies import assert_one_ledger_row_each


def test_a_provider_at_a_host_name_serves_whole_and_streamed_answers(tmp_path, sim):
    named = sim.base.replace("127.0.0.1", "localhost")
    gateway = start_gateway(tmp_path, sim_config(named, str(tmp_path / "data")))
    try:
        client = OpenAI(base_url=gateway.base + "/v1", api_key="sk-client", max_retries=0)
        messages = [{"role": "user", "content": "echo:switchyard by name"}]
        whole = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
        assert whole.choices[0].message.content == "switchyard by name"
        pieces = [c.choices[0].delta.content or "" for c in
                  client.chat.completions.create(model="gpt-4o-mini", messages=messages, stream=True) if c.choices]
        assert "".join(pieces) == "switchyard by name"
    finally:
        gateway.stop()


def test_a_name_that_does_not_resolve_is_a_502_with_its_ledger_row(tmp_path, sim):
    # RFC 6761: names under .invalid never resolve.
    data = tmp_path / "data"
    gateway = start_gateway(tmp_path, sim_config("http://upstream.invalid:9", str(data)))
    try:
        client = OpenAI(base_url=gateway.base + "/v1", api_key="sk-client", max_retries=0)
        with pytest.raises(openai.APIStatusError) as failure:
            client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
        assert failure.value.status_code == 502
        assert failure.value.response.json()["error"]["message"]
        request_id = failure.value.response.headers["x-switchyard-request-id"]
        assert_one_ledger_row_each(data / "switchyard.db", [request_id])
    finally:
        gateway.stop()
