#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Updraft contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""An HTTP/1.1 proxy on 127.0.0.1 in front of the SCIM test peer, for the faults the peer cannot inject itself:
the connection reset, the slow drip of bytes, a 50 MB body, and an answer replaced after the peer applied the
request (the write happened, the client never learns it). Used by campaign.sh's fault phase; stdlib only.

    faultproxy.py --upstream http://127.0.0.1:PORT --port-file FILE

Listens on a port the kernel picks on 127.0.0.1 (written to FILE once listening) and passes every request to the
upstream unchanged (Host too, so the peer's locations name the proxy) until a rule matches. Control, on the same
port: POST /_proxy/rules (a rule or a list), DELETE /_proxy/rules, GET /_proxy/stats. A rule:

    {"kind": K, "count": 1, "every": 1, "methods": ["POST", ...], "path": "REGEX", ...}

    reset-before  the connection is reset (RST) and the request never reaches the peer
    reset-after   the peer applies the request, then the connection is reset instead of the answer
    drip          the peer's answer is sent at "bytesPerSecond" (default 20); after "maxSeconds" (default 10)
                  the connection is reset; stats tell whether the client gave up first, and when
    mangle-after  the peer applies the request; the client gets "status" (default: the peer's), "body",
                  "contentType" (default application/scim+json) instead
    huge          a 200 of "size" bytes (default 50 MiB): a SCIM ListResponse padded with blanks
                  ("after": true: once the peer applied the request)

Rules are taken in order like the peer's: the first whose methods and path match sees the request, fires on every
"every"-th one, and is used up after "count" firings."""

import argparse
import http.client
import json
import os
import re
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
       "content-length"}
KINDS = {"reset-before", "reset-after", "drip", "mangle-after", "huge"}


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.rules, self.events, self.requests = [], [], 0

    def take(self, method, path):
        with self.lock:
            self.requests += 1
            for i, r in enumerate(self.rules):
                if (r["methods"] and method not in r["methods"]) or (r["path"] and not re.search(r["path"], path)):
                    continue
                r["seen"] += 1
                if r["seen"] % r["every"]:
                    return None
                r["fired"] += 1
                if r["fired"] >= r["count"]:
                    del self.rules[i]
                return r
            return None

    def event(self, **kw):
        with self.lock:
            self.events.append(kw)


def parse_rule(body):
    if not isinstance(body, dict) or body.get("kind") not in KINDS:
        raise ValueError("a rule needs 'kind', one of: " + ", ".join(sorted(KINDS)))
    r = dict(body)
    r.setdefault("count", 1)
    r.setdefault("every", 1)
    r["methods"] = [m.upper() for m in r.get("methods") or []]
    r.setdefault("path", "")
    r.update(seen=0, fired=0)
    return r


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "faultproxy"

    def log_message(self, *args):
        pass

    def body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def reply(self, status, body, content_type="application/json", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def reset(self):
        """Close with SO_LINGER 0: the client gets an RST, not a FIN."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.server.resets.add(self.connection.fileno())
        self.close_connection = True

    def forward(self, body):
        up = self.server.upstream
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=300)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        conn.request(self.command, self.path, body=body if body or self.command in ("POST", "PUT", "PATCH") else None,
                     headers=headers)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r.status, [(k, v) for k, v in r.getheaders() if k.lower() not in HOP], data

    def control(self, body):
        state = self.server.state
        if self.command == "GET" and self.path.startswith("/_proxy/stats"):
            with state.lock:
                out = {"requests": state.requests, "pendingRules": len(state.rules), "events": state.events}
            return self.reply(200, json.dumps(out).encode())
        if self.path.startswith("/_proxy/rules"):
            if self.command == "DELETE":
                with state.lock:
                    state.rules = []
                return self.reply(204, b"")
            if self.command == "POST":
                try:
                    items = json.loads(body or b"null")
                    rules = [parse_rule(x) for x in (items if isinstance(items, list) else [items])]
                except ValueError as ex:
                    return self.reply(400, json.dumps({"error": str(ex)}).encode())
                with state.lock:
                    state.rules.extend(rules)
                return self.reply(201, json.dumps({"added": len(rules)}).encode())
        return self.reply(404, b'{"error": "unknown proxy control endpoint"}')

    def handle_any(self):
        body = self.body()
        if self.path.startswith("/_proxy/"):
            return self.control(body)
        rule = self.server.state.take(self.command, self.path)
        kind = rule["kind"] if rule else None
        t0 = time.monotonic()
        note = lambda **kw: self.server.state.event(kind=kind, method=self.command, path=self.path,
                                                    seconds=round(time.monotonic() - t0, 2), **kw)
        if kind == "reset-before":
            note(outcome="reset, not forwarded")
            return self.reset()
        if kind == "huge" and not rule.get("after"):
            return self.huge(rule, note)
        try:
            status, headers, data = self.forward(body)
        except OSError as ex:
            return self.reply(502, json.dumps({"error": "upstream: %s" % ex}).encode())
        if kind == "reset-after":
            note(outcome="forwarded (%d), then reset" % status)
            return self.reset()
        if kind == "mangle-after":
            note(outcome="forwarded (%d), answered %s" % (status, rule.get("status", status)))
            return self.reply(rule.get("status", status), rule.get("body", "").encode(),
                              rule.get("contentType", "application/scim+json"))
        if kind == "huge":
            return self.huge(rule, note)
        if kind == "drip":
            return self.drip(rule, status, headers, data, note)
        return self.reply(status, data, dict(headers).get("Content-Type", "application/json"),
                          [(k, v) for k, v in headers if k.lower() != "content-type"])

    def huge(self, rule, note):
        size = int(rule.get("size", 50 * 1024 * 1024))
        head = b'{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,' \
               b'"itemsPerPage":0,"startIndex":1,"Resources":[]'
        tail = b"}"
        self.send_response(200)
        self.send_header("Content-Type", "application/scim+json")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        sent = 0
        try:
            self.wfile.write(head)
            sent = len(head)
            block = b" " * (1 << 20)
            while sent < size - len(tail):
                n = min(len(block), size - len(tail) - sent)
                self.wfile.write(block[:n])
                sent += n
            self.wfile.write(tail)
            sent += len(tail)
            note(outcome="sent %d bytes" % sent)
        except OSError as ex:
            note(outcome="client closed after %d of %d bytes (%s)" % (sent, size, type(ex).__name__))
            self.close_connection = True

    def drip(self, rule, status, headers, data, note):
        rate = float(rule.get("bytesPerSecond", 20))
        limit = float(rule.get("maxSeconds", 10))
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        t0, sent = time.monotonic(), 0
        try:
            while sent < len(data):
                if time.monotonic() - t0 > limit:
                    note(outcome="cut after %d of %d bytes at maxSeconds" % (sent, len(data)))
                    return self.reset()
                self.wfile.write(data[sent:sent + 1])
                sent += 1
                time.sleep(1.0 / rate)
            note(outcome="dripped all %d bytes" % len(data))
        except OSError as ex:
            note(outcome="client gave up after %d of %d bytes (%s)" % (sent, len(data), type(ex).__name__))
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def shutdown_request(self, request):
        if request.fileno() in self.resets:
            self.resets.discard(request.fileno())
            request.close()  # no shutdown(SHUT_WR) first: that would send a FIN before the RST
            return
        super().shutdown_request(request)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--upstream", required=True)
    p.add_argument("--port-file", required=True)
    a = p.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    server.upstream = urllib.parse.urlsplit(a.upstream)
    server.state, server.resets = State(), set()
    with open(a.port_file + ".tmp", "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.replace(a.port_file + ".tmp", a.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
