#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Updraft contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reliability campaign's checks of the cloud (the SCIM test peer's /_test/dump) against the directory.

    verify.py observe  --ledger FILE --control URL --scim-log FILE [--domain D]
    verify.py converge --ledger FILE --control URL [--domain D]
    verify.py totals   --ledger FILE

observe (after every run, killed or not) records which cloud id carried which externalId, and the first cloud id
of each externalId; reads the DELETE lines the peer (started with --log) wrote since the last observe; a DELETE
of an id whose object is still in the directory is a spurious delete (an entryUUID never comes back once
deleted, and the scope is the whole suffix, so "still in the directory" means "in scope all along"); a DELETE
of an id no observe saw is counted as unknown (--several-runs: unclassified, since the agent may create and
delete an object between two observes). It also counts duplicate externalIds and userNames in the cloud.
Prints one compact line.

converge compares the cloud with the directory: users (externalId, userName, title, manager), groups
(externalId, displayName, members, nested groups as Group members), no duplicate, no orphan, and each object's
cloud id the first one ever seen for it. Prints the first few differences of each kind and exits 1 if any.

totals prints the ledger's counters as JSON. python3 stdlib only."""

import argparse
import json
import re
import sys
import urllib.request
from collections import Counter

import ldapmodel

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
DELETE_LINE = re.compile(r"^DELETE /scim/v2/(Users|Groups)/([^ ?]+)\S* (\d{3}) ")
SHOW = 5  # differences printed per kind


def load_ledger(path):
    try:
        return json.load(open(path))
    except (OSError, ValueError):
        return {"seen": {}, "first": {}, "log_offset": 0, "findings": [],
                "totals": {"observations": 0, "deletes": 0, "spurious_deletes": 0, "unknown_deletes": 0,
                           "duplicate_observations": 0}}


def cloud_dump(control):
    with urllib.request.urlopen(control + "/dump", timeout=60) as r:
        return json.load(r)


def expected(directory, domain):
    """externalId -> what the cloud should hold, from the directory."""
    def ref(dn):
        obj = directory.by_dn(dn) if dn else None
        return obj["ext"] if obj else None

    users, groups = {}, {}
    for u in directory.users.values():
        users[u["ext"]] = {"what": u["dn"], "userName": (u["mail"] or "%s@%s" % (u["uid"], domain)).lower(),
                           "title": u["title"], "manager": ref(u["manager"])}
    for g in directory.groups.values():
        groups[g["ext"]] = {"what": g["dn"], "displayName": g["displayName"] or g["cn"],
                            "members": sorted(filter(None, (ref(m) for m in g["members"])))}
    return users, groups


def actual(dump):
    """externalId -> [cloud objects], with references turned into externalIds."""
    ext_of = {u["id"]: u.get("externalId") for u in dump["Users"]}
    ext_of.update({g["id"]: g.get("externalId") for g in dump["Groups"]})
    users, groups = {}, {}
    for u in dump["Users"]:
        manager = (u.get(ENTERPRISE) or {}).get("manager") or {}
        mid = manager.get("value")
        users.setdefault(u.get("externalId"), []).append(
            {"id": u["id"], "userName": (u.get("userName") or "").lower(), "title": u.get("title"),
             "manager": ext_of.get(mid, "dangling:%s" % mid) if mid else None})
    for g in dump["Groups"]:
        members = [ext_of.get(m.get("value"), "dangling:%s" % m.get("value")) for m in g.get("members") or []]
        groups.setdefault(g.get("externalId"), []).append(
            {"id": g["id"], "displayName": g.get("displayName"), "members": sorted(members)})
    return users, groups


def duplicates(dump):
    ext = Counter(o.get("externalId") for o in dump["Users"] + dump["Groups"])
    names = Counter((u.get("userName") or "").lower() for u in dump["Users"])
    return ([e for e, n in ext.items() if n > 1], [u for u, n in names.items() if n > 1])


def observe(a):
    ledger = load_ledger(a.ledger)
    dump = cloud_dump(a.control)
    directory = ldapmodel.Directory()
    present = directory.externals()
    t = ledger["totals"]
    t["observations"] += 1
    # DELETEs the peer logged since the last observe, judged with what the earlier observes saw.
    deletes = spurious = unknown = 0
    with open(a.scim_log, "rb") as f:
        f.seek(ledger["log_offset"])
        chunk = f.read()
    complete = chunk[: chunk.rfind(b"\n") + 1]
    ledger["log_offset"] += len(complete)
    for line in complete.decode("utf-8", "replace").splitlines():
        m = DELETE_LINE.match(line)
        if not m or not m.group(3).startswith("2"):
            continue
        deletes += 1
        ext = ledger["seen"].get(m.group(2))
        if ext is None:
            unknown += 1
            if not a.several_runs:
                ledger["findings"].append("DELETE of %s %s, an id no observe saw" % (m.group(1), m.group(2)))
        elif ext in present:
            spurious += 1
            obj = next((o for o in list(directory.users.values()) + list(directory.groups.values())
                        if o["ext"] == ext), {})
            ledger["findings"].append("spurious DELETE of %s %s (externalId %s, still in the directory: %s)"
                                      % (m.group(1), m.group(2), ext, obj.get("dn")))
    for o in dump["Users"] + dump["Groups"]:
        ext = o.get("externalId")
        ledger["seen"][o["id"]] = ext
        ledger["first"].setdefault(ext, o["id"])
    dup_ext, dup_names = duplicates(dump)
    if dup_ext or dup_names:
        t["duplicate_observations"] += 1
        ledger["findings"].append("%s: duplicate externalIds %s, userNames %s"
                                  % (a.label or "observe", dup_ext[:SHOW], dup_names[:SHOW]))
    t["deletes"] += deletes
    t["spurious_deletes"] += spurious
    # With several runs between two observes (the agent), an object may be created and deleted unseen.
    key = "unclassified_deletes" if a.several_runs else "unknown_deletes"
    t[key] = t.get(key, 0) + unknown
    del ledger["findings"][50:]
    json.dump(ledger, open(a.ledger, "w"))
    print("cloud %du/%dg deletes %d spurious %d unknown %d dups %d"
          % (len(dump["Users"]), len(dump["Groups"]), deletes, spurious, unknown, len(dup_ext) + len(dup_names)))


def converge(a):
    ledger = load_ledger(a.ledger)
    dump = cloud_dump(a.control)
    directory = ldapmodel.Directory()
    want_users, want_groups = expected(directory, a.domain)
    have_users, have_groups = actual(dump)
    problems = {}
    names = {w_ext: w["what"] for want in (want_users, want_groups) for w_ext, w in want.items()}
    names.update({u.get("externalId"): "cloud user %s" % u.get("userName") for u in dump["Users"]
                  if u.get("externalId") not in names})

    def name(ext):
        return names.get(ext, ext)

    def note(kind, text, key):
        """key: what the problem is about (kind, externalId, field), so that a moved object's problem is the same"""
        problems.setdefault(kind, []).append((json.dumps([kind] + list(key)), text))

    for kind, want, have, fields in (("user", want_users, have_users, ("userName", "title", "manager")),
                                     ("group", want_groups, have_groups, ("displayName", "members"))):
        for ext, w in want.items():
            objs = have.get(ext, [])
            if not objs:
                note("missing", "%s %s (externalId %s) is not in the cloud" % (kind, w["what"], ext), (ext,))
                continue
            if len(objs) > 1:
                note("duplicates", "%s %s has %d cloud objects: %s" % (kind, w["what"], len(objs),
                                                                      [o["id"] for o in objs]), (ext,))
            o = objs[0]
            for field in fields:
                if o[field] == w[field]:
                    continue
                if field == "members":
                    extra = [name(x) for x in sorted(set(o["members"]) - set(w["members"]))]
                    lacking = [name(x) for x in sorted(set(w["members"]) - set(o["members"]))]
                    note("divergences", "%s %s: members: the cloud has %d extra %s, lacks %d %s"
                         % (kind, w["what"], len(extra), extra[:3], len(lacking), lacking[:3]),
                         (ext, field))
                else:
                    note("divergences", "%s %s: %s is %r, the directory says %r"
                         % (kind, w["what"], field, name(o[field]) if field == "manager" else o[field],
                            name(w[field]) if field == "manager" else w[field]), (ext, field))
            first = ledger["first"].get(ext)
            if first and all(x["id"] != first for x in objs):
                note("recreated", "%s %s: cloud id %s, first provisioned as %s (deleted and created again?)"
                     % (kind, w["what"], o["id"], first), (ext, o["id"]))
        for ext, objs in have.items():
            if ext not in want:
                note("orphans", "%s %s in the cloud (externalId %s): no such object in the directory"
                     % (kind, [x["id"] for x in objs], ext), (ext,))
    dup_ext, dup_names = duplicates(dump)
    for user_name in dup_names:
        note("duplicates", "userName %s is held by more than one cloud user" % user_name, ("userName", user_name))
    # A problem an earlier check reported is shown once; later checks count only what is new.
    reported = set(ledger.setdefault("reported", []))
    still = sum(1 for items in problems.values() for key, _ in items if key in reported)
    new = {k: [(key, t) for key, t in items if key not in reported] for k, items in problems.items()}
    problems = {k: items for k, items in new.items() if items}
    counts = {k: len(problems.get(k, [])) for k in ("missing", "orphans", "duplicates", "divergences", "recreated")}
    counts.update(still=still, users=len(dump["Users"]), groups=len(dump["Groups"]), directoryUsers=len(want_users),
                  directoryGroups=len(want_groups))
    for kind, items in problems.items():
        print("  %s: %d" % (kind, len(items)))
        for _, text in items[:SHOW]:
            print("    " + text)
        ledger["reported"].extend(key for key, _ in items)
        ledger.setdefault("reported_text", []).extend(text for _, text in items)
    if still:
        print("  (%d problems reported by an earlier check are still there)" % still)
    json.dump(ledger, open(a.ledger, "w"))
    print("CONVERGE " + json.dumps(counts))
    sys.exit(1 if problems else 0)


def totals(a):
    ledger = load_ledger(a.ledger)
    print(json.dumps(ledger["totals"]))
    for text in ledger["findings"][:10]:
        print("  " + text, file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", choices=("observe", "converge", "totals"))
    p.add_argument("--ledger", required=True)
    p.add_argument("--control")
    p.add_argument("--scim-log")
    p.add_argument("--label", default="")
    p.add_argument("--several-runs", action="store_true",
                   help="observe: more than one run since the last observe (the agent); a DELETE of an id no "
                        "observe saw is then counted as unclassified, not unknown")
    p.add_argument("--domain", default="example.com")
    a = p.parse_args()
    {"observe": observe, "converge": converge, "totals": totals}[a.command](a)


if __name__ == "__main__":
    main()
