#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Updraft contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reliability campaign's SCIM fault catalogue: for a fault kind, the rules for the SCIM test peer
(POST /_test/faults, tests/servers/scim/README.md) and for faultproxy.py (POST /_proxy/rules).

    faults.py KIND [--target-timeout S]   prints {"peer": [...], "proxy": [...]}
    faults.py --list                      prints the kinds

The peer answers an injected fault without applying the request. A 200 whose body is not the SCIM resource is
therefore never sent to a DELETE (a 200 there means done, whatever the body). The "freeze" kind has no rules:
campaign.sh stops the peer with SIGSTOP."""

import argparse
import json

WRITES = ["POST", "PATCH", "PUT", "DELETE"]
HTML = ("<!DOCTYPE html><html><head><title>Maintenance</title></head>"
        "<body><h1>We will be back soon</h1></body></html>")
LIST_START = '{"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "Resources": ['


def catalogue(timeout):
    body_writes = ["POST", "PATCH"]
    return {
        # a burst of 503s and 502s on writes, and 500s on every third read
        "5xx-burst": {"peer": [{"status": 503, "count": 4, "methods": WRITES},
                               {"status": 500, "count": 2, "every": 3, "methods": ["GET"]},
                               {"status": 502, "count": 2, "methods": WRITES}]},
        # every PATCH fails until 40 have: objects fail after their retries, the run ends with exit 2
        "5xx-persistent": {"peer": [{"status": 502, "count": 40, "methods": ["PATCH"]}]},
        "429-retry-after": {"peer": [{"status": 429, "count": 3, "retryAfter": 1, "methods": WRITES},
                                     {"status": 429, "count": 1, "every": 2, "retryAfter": 2, "methods": ["GET"]}]},
        # the connection reset before the request reaches the peer
        "reset-before": {"proxy": [{"kind": "reset-before", "count": 3, "methods": ["POST", "PATCH", "DELETE"]},
                                   {"kind": "reset-before", "count": 1, "every": 2, "methods": ["GET"]}]},
        # the peer applies the write, the client gets a reset instead of the answer
        "reset-after": {"proxy": [{"kind": "reset-after", "count": 4, "methods": ["POST", "PATCH", "DELETE"]}]},
        # answers of reads at 50 bytes a second, cut after three client timeouts
        "drip": {"proxy": [{"kind": "drip", "count": 2, "every": 2, "methods": ["GET"], "bytesPerSecond": 50,
                            "maxSeconds": 3 * timeout}]},
        "malformed-json": {"peer": [{"status": 200, "count": 2, "every": 2, "methods": ["GET"], "body": LIST_START},
                                    {"status": 200, "count": 2, "methods": body_writes,
                                     "body": '{"id": "4f1c", "userName": '}]},
        # the peer applies the write, the client gets malformed JSON in place of its answer
        "malformed-json-after-write": {"proxy": [{"kind": "mangle-after", "count": 3, "methods": ["POST", "PATCH"],
                                                  "body": '{"id": "trunc'}]},
        "html-200": {"peer": [{"status": 200, "count": 2, "methods": ["GET"], "contentType": "text/html",
                               "body": HTML},
                              {"status": 200, "count": 2, "methods": body_writes, "contentType": "text/html",
                               "body": HTML}]},
        "empty-200": {"peer": [{"status": 200, "count": 2, "methods": ["GET"], "body": ""},
                               {"status": 200, "count": 2, "methods": body_writes, "body": ""}]},
        # a 50 MiB answer to the second and fourth read (the peer's control API takes at most 32 MiB)
        "huge-50mb": {"proxy": [{"kind": "huge", "count": 2, "every": 2, "methods": ["GET"], "size": 50 << 20}]},
        "freeze": {},
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kind", nargs="?")
    p.add_argument("--list", action="store_true")
    p.add_argument("--target-timeout", type=int, default=4)
    a = p.parse_args()
    kinds = catalogue(a.target_timeout)
    if a.list:
        print(" ".join(kinds))
        return
    if a.kind not in kinds:
        p.error("unknown fault kind %r (one of: %s)" % (a.kind, ", ".join(kinds)))
    rules = kinds[a.kind]
    print(json.dumps({"peer": rules.get("peer", []), "proxy": rules.get("proxy", [])}))


if __name__ == "__main__":
    main()
