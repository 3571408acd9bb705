#!/usr/bin/env python3
"""Writes a seed file for the benchmark: for each wrk thread, the tasks and jobs its batches name,
plus a number of other tasks in the same account (the store's size, for the per-batch cost).

usage: seed.py OUT BATCHES_PER_THREAD THREADS EXTRA_TASKS
"""
import json
import sys

out, batches, threads, extra = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
DOMAIN = "0970dd7a1300f5672ff2c003c60ae115"
PROJECT = "054ba152d480d55b2f5dc0069e7ddef0"
with open(out, "w") as f:
    f.write('{"sms": {"sources": [{"id": "idle", "domain_id": "%s", "state": "stopped", "connected": true}], "tasks": [' % DOMAIN)
    first = True
    def task(task_id):
        global first
        f.write(("" if first else ",") + '{"id":"%s","domain_id":"%s","source_id":"idle"}' % (task_id, DOMAIN))
        first = False
    for t in range(1, threads + 1):
        for n in range(batches * 50):
            task(f"t{t}-{n}")
    for n in range(extra):
        task(f"x{n}")
    f.write(']}, "drs": {"jobs": [')
    first = True
    for t in range(1, threads + 1):
        for n in range(batches * 50):
            # Even jobs run (terminate stops them); odd ones are released (delete removes them).
            status = "INCRE_TRANSFER_STARTED" if n % 2 == 0 else "RELEASE_RESOURCE_COMPLETE"
            f.write(("" if first else ",") + '{"id":"j%d-%d","project_id":"%s","status":"%s"}' % (t, n, PROJECT, status))
            first = False
    f.write("]}}\n")
