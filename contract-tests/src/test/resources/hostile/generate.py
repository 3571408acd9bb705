#!/usr/bin/env python3
"""Writes corpus.jsonl: hostile requests for HostileCorpusTest, one JSON object per line.

Each entry: name, method, path, headers, body (text) or body_hex (raw bytes), and the answer it must
get: status and error_code. A body or a header value may be a list of pieces, each a string or
[string, times], so that huge requests stay small here; "filler_headers": N adds N headers.
Placeholders, filled in by the test: {token}, {project}, {admin}. Run it again after changing it;
the corpus is data, reviewed like code.
"""
import json
from pathlib import Path

JSON = {"Content-Type": "application/json"}
AUTH = {"X-Auth-Token": "{token}", **JSON}
ADMIN = {"X-Batchops-Admin-Token": "{admin}", **JSON}

entries = []


def rep(text, times):
    """A piece repeated, expanded by the test."""
    return [text, times]


def add(name, method, path, headers, body=None, status=400, code=None, body_hex=None):
    entry = {"name": name, "method": method, "path": path, "headers": headers, "status": status, "code": code}
    if body is not None:
        entry["body"] = body
    if body_hex is not None:
        entry["body_hex"] = body_hex
    entries.append(entry)


# Operations with a JSON body: (label, method, path, headers, a valid body, codes by problem).
SMS = {"malformed": "SMS.1801", "invalid": "SMS.1801", "missing": "SMS.1801", "range": "SMS.1801"}
DRS = {"malformed": "DRS.M00007", "invalid": "DRS.M00200", "missing": "DRS.M00201", "range": "DRS.M00202"}
ADM = {"malformed": "BATCHOPS.0400", "invalid": "BATCHOPS.0400", "missing": "BATCHOPS.0400", "range": "BATCHOPS.0400"}
P = "/v3/{project}"
JOB = {"name": "job-1", "db_use_type": "migration", "engine_type": "mysql", "job_direction": "up", "net_type": "eip",
       "node_type": "high", "task_type": "FULL_INCR_TRANS", "source_endpoint": {}, "target_endpoint": {}}
TASK = {"name": "t", "type": "MIGRATE_BLOCK", "os_type": "LINUX", "region_name": "r", "region_id": "r",
        "project_name": "p", "project_id": "p", "source_server": {"id": "s1"}, "target_server": {}}
OPS = [
    ("sms batch delete", "POST", "/v3/tasks/delete", AUTH, {"ids": ["t1"]}, SMS, "ids"),
    ("sms register", "POST", "/v3/sources", AUTH, {"ip": "10.0.0.1", "name": "s", "os_type": "LINUX"}, SMS, "name"),
    ("sms create task", "POST", "/v3/tasks", AUTH, TASK, SMS, "name"),
    ("drs batch stop/delete", "DELETE", P + "/jobs/batch-jobs", AUTH,
     {"jobs": [{"delete_type": "terminate", "job_id": "j1"}]}, DRS, "jobs"),
    ("drs batch create", "POST", P + "/jobs/batch-creation", AUTH, {"jobs": [JOB]}, DRS, "jobs"),
    ("drs list", "POST", P + "/jobs", AUTH, {"cur_page": 1, "per_page": 10, "db_use_type": "migration"}, DRS, "cur_page"),
    ("drs batch status", "POST", P + "/jobs/batch-status", AUTH, {"jobs": ["j1"]}, DRS, "jobs"),
    ("admin timing", "PUT", "/_batchops/timing", ADMIN, {"mode": "reads", "reads": 2}, ADM, "mode"),
]

for label, method, path, headers, valid, codes, key in OPS:
    text = json.dumps(valid)
    # Malformed and truncated JSON.
    for i, bad in enumerate(["{", text[:-1], text[: len(text) // 2], text + " x", "{'" + key + "': 1}",
                             text.replace('"', "", 2), text.replace(":", "", 1), text.replace("}", ",}", 1),
                             text + " " + text, "\u00a0" + text, "nul", "/* c */" + text]):
        add(f"{label}: malformed JSON {i}", method, path, headers, bad, code=codes["malformed"])
    # Two values where one belongs: the first, empty, is judged first.
    add(f"{label}: two values", method, path, headers, "{} {}", code=codes["missing"])
    # A body that is JSON but not an object.
    for i, bad in enumerate(["[]", "\"" + key + "\"", "42", "true"]):
        add(f"{label}: not an object {i}", method, path, headers, bad, code=codes["invalid"])
    add(f"{label}: null body", method, path, headers, "null", code=codes["missing"])
    add(f"{label}: empty body", method, path, headers, "", code=codes["missing"])
    # Wrong types for the key field.
    wrong_types = ["x", True, {"a": 1}, [1]] if isinstance(valid[key], int) else [123, True, {"a": 1}, 1.5]
    for i, wrong in enumerate(wrong_types):
        add(f"{label}: {key} of the wrong type {i}", method, path, headers, json.dumps({**valid, key: wrong}), code=codes["invalid"])
    add(f"{label}: {key} null", method, path, headers, json.dumps({**valid, key: None}), code=codes["missing"])
    # Unknown fields and duplicate keys.
    add(f"{label}: unknown field", method, path, headers, json.dumps({**valid, "unexpected": 1}), code=codes["invalid"])
    add(f"{label}: duplicate key", method, path, headers,
        "{" + json.dumps(key) + ": " + json.dumps(valid[key]) + ", " + text[1:], code=codes["invalid"])
    # Invalid UTF-8 in a field name, read before any value: lone continuation byte, cut-short
    # sequence, 0xFF, a five-byte form.
    for i, raw in enumerate([b"\x80", b"\xe2\x82", b"\xff\xfe", b"\xf8\x88\x80\x80\x80"]):
        body = b'{"' + raw + b'": 1}'
        add(f"{label}: invalid UTF-8 {i}", method, path, headers, body_hex=body.hex(), code=codes["malformed"])
    # Deep nesting where a value of another shape belongs: refused at the first level.
    add(f"{label}: deep nesting", method, path, headers, ["{" + json.dumps(key) + ": ", rep("[", 5000), rep("]", 5000), "}"],
        code=codes["invalid"])
    # Content types.
    for i, content_type in enumerate(["text/plain", "application/xml", "application/x-www-form-urlencoded",
                                      "multipart/form-data; boundary=x"]):
        add(f"{label}: content type {content_type}", method, path, {**headers, "Content-Type": content_type}, text,
            code=codes["invalid"])
    no_type = {k: v for k, v in headers.items() if k != "Content-Type"}
    add(f"{label}: no content type", method, path, no_type, text, code=codes["invalid"])

# Bounds far past their limits.
add("sms ids: 10,000 items", "POST", "/v3/tasks/delete", AUTH, ['{"ids": [', rep('"t", ', 9999), '"t"]}'], code="SMS.1801")
add("sms ids: an id of 256 characters", "POST", "/v3/tasks/delete", AUTH, json.dumps({"ids": ["x" * 256]}), code="SMS.1801")
add("sms ids: an id of 100,000 characters", "POST", "/v3/tasks/delete", AUTH, ['{"ids": ["', rep("x", 100000), '"]}'], code="SMS.1801")
add("sms ids: nulls inside", "POST", "/v3/tasks/delete", AUTH, json.dumps({"ids": ["t1", None]}), code="SMS.1801")
add("sms ids: only null", "POST", "/v3/tasks/delete", AUTH, json.dumps({"ids": [None]}), code="SMS.1801")
add("sms ids: numbers inside", "POST", "/v3/tasks/delete", AUTH, json.dumps({"ids": ["t1", 2]}), code="SMS.1801")
add("sms ids: arrays inside", "POST", "/v3/tasks/delete", AUTH, json.dumps({"ids": [["t1"]]}), code="SMS.1801")
add("sms register: name of 256", "POST", "/v3/sources", AUTH, json.dumps({"ip": "1", "name": "x" * 256, "os_type": "LINUX"}), code="SMS.1801")
add("sms register: os_type not in enum", "POST", "/v3/sources", AUTH, json.dumps({"ip": "1", "name": "x", "os_type": "MACOS"}), code="SMS.1801")
add("sms register: negative memory", "POST", "/v3/sources", AUTH, json.dumps({"ip": "1", "name": "x", "os_type": "LINUX", "memory": -1}), code="SMS.1801")
add("sms register: huge number", "POST", "/v3/sources", AUTH, json.dumps({"ip": "1", "name": "x", "os_type": "LINUX"})[:-1] + ', "cpu_quantity": 1e400}', code="SMS.1801")
add("sms register: another account's domain_id", "POST", "/v3/sources", AUTH, json.dumps({"ip": "1", "name": "x", "os_type": "LINUX", "domain_id": "other"}), code="SMS.1801")
add("sms create task: priority 3", "POST", "/v3/tasks", AUTH, json.dumps({**TASK, "priority": 3}), code="SMS.1801")
add("sms create task: source_server without id", "POST", "/v3/tasks", AUTH, json.dumps({**TASK, "source_server": {}}), code="SMS.1801")
add("sms create task: unknown source server", "POST", "/v3/tasks", AUTH, json.dumps({**TASK, "source_server": {"id": "nope"}}), code="SMS.2216")
for n in (0, 101, 10000):
    entry = '{"delete_type": "terminate", "job_id": "j"}'
    add(f"drs jobs: {n} entries", "DELETE", P + "/jobs/batch-jobs", AUTH,
        ['{"jobs": [', rep(entry + ", ", n - 1), entry + "]}"] if n else '{"jobs": []}', code="DRS.M00202")
add("drs jobs: null entry", "DELETE", P + "/jobs/batch-jobs", AUTH, json.dumps({"jobs": [None]}), code="DRS.M00201")
add("drs jobs: entry without job_id", "DELETE", P + "/jobs/batch-jobs", AUTH, json.dumps({"jobs": [{"delete_type": "delete"}]}), code="DRS.M00201")
add("drs jobs: delete_type in capitals", "DELETE", P + "/jobs/batch-jobs", AUTH, json.dumps({"jobs": [{"delete_type": "DELETE", "job_id": "j1"}]}), code="DRS.M00202")
add("drs jobs: job_id a number", "DELETE", P + "/jobs/batch-jobs", AUTH, json.dumps({"jobs": [{"delete_type": "delete", "job_id": 7}]}), code="DRS.M00200")
add("drs jobs: breakpoint flag a string", "DELETE", P + "/jobs/batch-jobs", AUTH, json.dumps({"jobs": [{"delete_type": "delete", "job_id": "j1", "is_show_breakpoint_position": "yes"}]}), code="DRS.M00200")
add("drs create: an endpoint nested 5,000 deep", "POST", P + "/jobs/batch-creation", AUTH,
    [json.dumps({"jobs": [{**JOB, "source_endpoint": {}}]})[:-4], rep('{"a": ', 5000), "1", rep("}", 5000), "}]}"],
    code="DRS.M00007")
add("drs create: 11 jobs", "POST", P + "/jobs/batch-creation", AUTH, json.dumps({"jobs": [JOB] * 11}), code="DRS.M00202")
add("drs create: name of 51", "POST", P + "/jobs/batch-creation", AUTH, json.dumps({"jobs": [{**JOB, "name": "j" * 51}]}), code="DRS.M00202")
add("drs create: name starting with a digit", "POST", P + "/jobs/batch-creation", AUTH, json.dumps({"jobs": [{**JOB, "name": "1job"}]}), code="DRS.M00202")
add("drs create: name with a script", "POST", P + "/jobs/batch-creation", AUTH, json.dumps({"jobs": [{**JOB, "name": "<script>"}]}), code="DRS.M00202")
add("drs list: per_page 101", "POST", P + "/jobs", AUTH, json.dumps({"cur_page": 1, "per_page": 101, "db_use_type": "migration"}), code="DRS.M00211")
add("drs list: cur_page 2^31", "POST", P + "/jobs", AUTH, '{"cur_page": 2147483648, "per_page": 1, "db_use_type": "migration"}', code="DRS.M00210")
add("drs status: page 0", "POST", P + "/jobs/batch-status", AUTH, json.dumps({"jobs": ["j1"], "page_req": {"cur_page": 0}}), code="DRS.M00210")
add("drs status: 11 ids", "POST", P + "/jobs/batch-status", AUTH, json.dumps({"jobs": [f"j{i}" for i in range(11)]}), code="DRS.M00202")
add("drs status: an id of 256", "POST", P + "/jobs/batch-status", AUTH, json.dumps({"jobs": ["x" * 256]}), code="DRS.M00202")
add("drs: X-Language fr-fr", "POST", P + "/jobs/batch-status", {**AUTH, "X-Language": "fr-fr"}, json.dumps({"jobs": ["j1"]}), code="DRS.M00202")
add("admin timing: reads 0", "PUT", "/_batchops/timing", ADMIN, json.dumps({"mode": "reads", "reads": 0}), code="BATCHOPS.0400")
add("admin timing: mode sometimes", "PUT", "/_batchops/timing", ADMIN, json.dumps({"mode": "sometimes"}), code="BATCHOPS.0400")
add("admin fixtures: a task without source_id", "POST", "/_batchops/fixtures", ADMIN,
    json.dumps({"sms": {"tasks": [{"id": "x", "domain_id": "d"}]}}), code="BATCHOPS.0400")

# Bodies over the size limit: announced, and chunked (the test sends body_chunked entries in chunks).
add("sms: a body over 1 MiB", "POST", "/v3/tasks/delete", AUTH, ['{"ids": ["', rep("x", 1024 * 1024), '"]}'],
    status=413, code="APIGW.0201")
add("drs: a body over 1 MiB", "DELETE", P + "/jobs/batch-jobs", AUTH,
    ['{"jobs": [{"delete_type": "delete", "job_id": "', rep("x", 1024 * 1024), '"}]}'], status=413, code="APIGW.0201")
entries[-1]["chunked"] = True

# Headers.
add("a header of 70,000 bytes", "POST", "/v3/tasks/delete", {**AUTH, "X-Padding": [rep("p", 70000)]}, '{"ids": ["t1"]}', code="APIGW.0202")
add("2,000 headers", "POST", "/v3/tasks/delete", AUTH, '{"ids": ["t1"]}', code="APIGW.0202")
entries[-1]["filler_headers"] = 2000
add("a token of 16,385 characters", "POST", "/v3/tasks/delete", {**AUTH, "X-Auth-Token": [rep("t", 16385)]}, '{"ids": ["t1"]}', status=401, code="APIGW.0301")
add("an empty token", "POST", "/v3/tasks/delete", {**AUTH, "X-Auth-Token": ""}, '{"ids": ["t1"]}', status=401, code="APIGW.0301")
add("no credentials", "POST", "/v3/tasks/delete", JSON, '{"ids": ["t1"]}', status=401, code="APIGW.0301")
add("a malformed signature", "POST", "/v3/tasks/delete", {**JSON, "Authorization": "SDK-HMAC-SHA256 Access=x"}, '{"ids": ["t1"]}', status=401, code="APIGW.0301")
add("a signature without a date", "POST", "/v3/tasks/delete", {**JSON, "Authorization": "SDK-HMAC-SHA256 Access=BATCHOPSDEVACCESSKEY, SignedHeaders=host;x-sdk-date, Signature=" + "0" * 64}, '{"ids": ["t1"]}', status=401, code="APIGW.0301")
add("an admin token on a service", "POST", "/v3/tasks/delete", {**JSON, "X-Auth-Token": "{admin}"}, '{"ids": ["t1"]}', status=401, code="APIGW.0301")
add("a tenant token on the control API", "POST", "/_batchops/reset", {"X-Batchops-Admin-Token": "{token}"}, None, status=401, code="BATCHOPS.0401")
add("a wrong language header", "DELETE", P + "/jobs/batch-jobs", {**AUTH, "X-Language": "EN-US"}, '{"jobs": [{"delete_type": "delete", "job_id": "j1"}]}', code="DRS.M00202")

# Paths: traversal, encoded characters, other tenants, bad encoding.
for i, path in enumerate(["/v3/tasks/../../etc/passwd", "/v3/../../../etc/passwd", "/v3/tasks/delete/../../../x",
                          "/%2e%2e/%2e%2e/etc/passwd", "/v3/tasks/delete/extra", "/V3/tasks/delete", "/v3//tasks/delete",
                          "/v3/tasks/delete.json"]):
    add(f"path traversal or variant {i}", "POST", path, AUTH, '{"ids": ["t1"]}', status=404, code="APIGW.0101")
for i, task_id in enumerate(["..%2F..%2Fetc%2Fpasswd", "%00", "%2e%2e", "%E2%80%AE", "%20", "x" * 255, "%25", "%3Cscript%3E"]):
    add(f"a task id with encoded characters {i}", "GET", "/v3/tasks/" + task_id, AUTH, None, status=404, code="SMS.1802")
    add(f"deleting a task id with encoded characters {i}", "DELETE", "/v3/tasks/" + task_id, AUTH, None, status=404, code="SMS.1802")
for i, source_id in enumerate(["..%2F..", "%00", "x" * 255]):
    add(f"a source id with encoded characters {i}", "GET", "/v3/sources/" + source_id, AUTH, None, status=404, code="SMS.1803")
add("a task id of 256 characters", "GET", "/v3/tasks/" + "x" * 256, AUTH, None, code="SMS.1801")
for i, project in enumerate(["..%2F..%2Fetc", "%2e%2e", "other-project", "x" * 500, "%00", "{project}%20"]):
    add(f"another project in the path {i}", "DELETE", "/v3/" + project + "/jobs/batch-jobs", AUTH,
        '{"jobs": [{"delete_type": "delete", "job_id": "j1"}]}', status=403, code="DRS.M00261")
for i, path in enumerate(["/v3/tasks/%ZZ", "/v3/tasks/%", "/v3/tasks?limit=%G1", "/v3/sources/%e", "/v3/tasks?state=<script>",
                          "/v3/tasks/a|b", "/v3/tasks/{x}"]):
    add(f"bad percent-encoding {i}", "GET", path, AUTH, None, code="APIGW.0202")

# Query parameters.
for i, query in enumerate(["limit=abc", "limit=-1", "limit=201", "limit=99999999999", "offset=-5", "offset=1e3",
                           "state=%3Cscript%3E", "state=ready", "limit=1.5"]):
    add(f"a bad query parameter {i}", "GET", "/v3/tasks?" + query, AUTH, None, code="SMS.1801")
for i, query in enumerate(["connected=1&limit=abc", "state=SYNCING"]):
    add(f"a bad source query parameter {i}", "GET", "/v3/sources?" + query, AUTH, None, code="SMS.1801")

# Methods no API has.
for method in ["FOO", "TRACE", "PATCH", "OPTIONS", "PROPFIND", "PUT"]:
    add(f"method {method} on the SMS batch", method, "/v3/tasks/delete", AUTH, '{"ids": ["t1"]}', status=404, code="APIGW.0101")
    add(f"method {method} on the DRS batch", method, P + "/jobs/batch-jobs", AUTH, '{"jobs": []}', status=404, code="APIGW.0101")
add("GET on the DRS batch", "GET", P + "/jobs/batch-jobs", AUTH, None, status=404, code="APIGW.0101")
add("POST on the DRS batch", "POST", P + "/jobs/batch-jobs", AUTH, '{"jobs": []}', status=404, code="APIGW.0101")

out = Path(__file__).with_name("corpus.jsonl")
out.write_text("".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries), encoding="utf-8")
print(f"{len(entries)} entries written to {out.name}")
