#!/usr/bin/env python3
"""Writes a seed file for the benchmark: for each wrk thread, the tasks (KIND sms) or jobs (KIND drs)
its batches name, plus a number of other tasks in the same account (the store's size, for the
per-batch cost).

usage: seed.py OUT KIND BATCHES_PER_THREAD THREADS EXTRA_TASKS
"""
import sys

out, kind, batches, threads, extra = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
DOMAIN = "0970dd7a1300f5672ff2c003c60ae115"
PROJECT = "054ba152d480d55b2f5dc0069e7ddef0"
if kind not in ("sms", "drs"):
    sys.exit("KIND is sms or drs")
per_thread = range(batches * 50)

with open(out, "w") as f:
    f.write('{"sms": {"sources": [{"id": "idle", "domain_id": "%s", "state": "stopped", "connected": true}], "tasks": [' % DOMAIN)
    ids = [f"t{t}-{n}" for t in range(1, threads + 1) for n in per_thread] if kind == "sms" else []
    ids += [f"x{n}" for n in range(extra)]
    f.write(",".join('{"id":"%s","domain_id":"%s","source_id":"idle"}' % (task_id, DOMAIN) for task_id in ids))
    f.write(']}, "drs": {"jobs": [')
    if kind == "drs":
        # Even jobs run (terminate stops them); odd ones are released (delete removes them).
        f.write(",".join('{"id":"j%d-%d","project_id":"%s","status":"%s"}'
                         % (t, n, PROJECT, "INCRE_TRANSFER_STARTED" if n % 2 == 0 else "RELEASE_RESOURCE_COMPLETE")
                         for t in range(1, threads + 1) for n in per_thread))
    f.write("]}}\n")
