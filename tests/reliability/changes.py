#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Updraft contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A random batch of directory changes for the reliability campaign, as LDIF for ldapmodify -c.

    changes.py --seed N --ops N [--mass N] --memory FILE --tag TEXT > batch.ldif

Reads the live directory (ldapmodel.search), then draws N operations: title changes, moves between OUs (modrdn
with newsuperior), group member adds and removes, user adds and deletes, and operations that undo an earlier one
(a title set back, a user moved back, a membership undone, a user just created deleted, a deleted user added again
under the same uid, hence the same userName, with a new entryUUID). --mass N gives N more users a new title
at once (a long write phase to kill). Every change keeps the directory consistent the way the refint overlay
would: a moved or deleted user's DN is rewritten in (or removed from) groups and managers, and no group is left
without a member. FILE remembers earlier batches (what to undo); a summary goes to stderr."""

import argparse
import base64
import json
import random
import sys
from collections import Counter

import ldapmodel

TITLES = ["Analyst", "Senior Analyst", "Engineer", "Staff Engineer", "Team Lead", "Manager", "Director",
          "Account Executive", "Support Specialist", "Architect", "Coordinator", "Consultant"]
KEEP = 60  # how many earlier changes of each kind the memory keeps


def ldif_line(attr, value):
    """attr: value, in base64 when LDIF's SAFE-STRING does not allow it as it is."""
    if value and (not value.isascii() or value[0] in " :<" or value.endswith(" ") or "\n" in value):
        return "%s:: %s" % (attr, base64.b64encode(value.encode()).decode())
    return "%s: %s" % (attr, value)


def parent(dn):
    return dn.split(",", 1)[1]


class Batch:
    def __init__(self, rng, directory, memory, tag):
        self.rng, self.memory, self.tag = rng, memory, tag
        self.out, self.done = [], Counter()
        # The model the batch edits as it goes: users by uid, groups by cn (both unique in this directory).
        self.users = {u["uid"]: dict(u) for u in directory.users.values()}
        self.groups = {g["cn"]: dict(g, members=list(g["members"])) for g in directory.groups.values()}
        self.ous = sorted({parent(u["dn"]) for u in self.users.values()}, key=str.lower)
        self.base = ldapmodel.ldap_env()["UPDRAFT_LDAP_BASE_DN"]

    # --- LDIF records
    def record(self, dn, *lines):
        self.out.append("\n".join([ldif_line("dn", dn)] + list(lines)) + "\n")

    def modify(self, dn, changes):
        """changes: list of (op, attr, [values]); one modify record."""
        lines = ["changetype: modify"]
        for i, (op, attr, values) in enumerate(changes):
            if i:
                lines.append("-")
            lines.append("%s: %s" % (op, attr))
            lines.extend(ldif_line(attr, v) for v in values)
        self.record(dn, *lines)

    # --- helpers on the model
    def user_dns(self):
        return {ldapmodel.norm_dn(u["dn"]) for u in self.users.values()}

    def groups_with(self, dn):
        key = ldapmodel.norm_dn(dn)
        return [g for g in self.groups.values() if any(ldapmodel.norm_dn(m) == key for m in g["members"])]

    def pick_user(self, exclude=()):
        uids = [u for u in self.users if u not in exclude and u not in ("jose.muller", "li.lei")]
        return self.users[self.rng.choice(sorted(uids))] if uids else None

    def rewrite_references(self, old_dn, new_dn, exclude=()):
        """What refint does on a rename (new_dn) or a delete (new_dn None), for groups and managers."""
        key = ldapmodel.norm_dn(old_dn)
        for g in self.groups_with(old_dn):
            g["members"] = [m for m in g["members"] if ldapmodel.norm_dn(m) != key]
            changes = [("delete", "member", [old_dn])]
            if new_dn:
                g["members"].append(new_dn)
                changes.append(("add", "member", [new_dn]))
            elif not g["members"]:
                stand_in = self.pick_user(exclude)
                if stand_in is None:
                    continue
                g["members"].append(stand_in["dn"])
                changes.insert(0, ("add", "member", [stand_in["dn"]]))
            self.modify(g["dn"], changes)
        for u in self.users.values():
            if u.get("manager") and ldapmodel.norm_dn(u["manager"]) == key:
                if new_dn:
                    u["manager"] = new_dn
                    self.modify(u["dn"], [("replace", "manager", [new_dn])])
                else:
                    u["manager"] = None
                    self.modify(u["dn"], [("delete", "manager", [])])

    def remember(self, kind, item):
        items = self.memory.setdefault(kind, [])
        items.append(item)
        del items[:-KEEP]

    # --- operations; each returns True when it changed something
    def title(self, value=None):
        u = self.pick_user()
        if not u:
            return False
        new = value or self.rng.choice([t for t in TITLES if t != u.get("title")])
        self.remember("titles", {"uid": u["uid"], "old": u.get("title")})
        u["title"] = new
        self.modify(u["dn"], [("replace", "title", [new])])
        return True

    def title_revert(self):
        items = [t for t in self.memory.get("titles", []) if t["uid"] in self.users]
        if not items:
            return False
        t = self.rng.choice(items)
        self.memory["titles"].remove(t)
        u = self.users[t["uid"]]
        u["title"] = t["old"]
        self.modify(u["dn"], [("replace", "title", [t["old"]] if t["old"] else [])])
        return True

    def move(self, uid=None, to=None):
        u = self.users.get(uid) if uid else self.pick_user()
        if not u:
            return False
        here = parent(u["dn"])
        to = to or self.rng.choice([o for o in self.ous if o.lower() != here.lower()] or [here])
        if to.lower() == here.lower():
            return False
        new_dn = "uid=%s,%s" % (u["uid"], to)
        if ldapmodel.norm_dn(new_dn) in self.user_dns():
            return False
        if not uid:
            self.remember("moves", {"uid": u["uid"], "from": here})
        self.record(u["dn"], "changetype: modrdn", ldif_line("newrdn", "uid=" + u["uid"]), "deleteoldrdn: 1",
                    ldif_line("newsuperior", to))
        old = u["dn"]
        u["dn"] = new_dn
        self.rewrite_references(old, new_dn)
        return True

    def move_back(self):
        items = [m for m in self.memory.get("moves", []) if m["uid"] in self.users]
        if not items:
            return False
        m = self.rng.choice(items)
        self.memory["moves"].remove(m)
        return self.move(m["uid"], m["from"])

    def member_add(self, group=None, user=None):
        if not self.groups:
            return False
        g = group or self.groups[self.rng.choice(sorted(self.groups))]
        present = {ldapmodel.norm_dn(m) for m in g["members"]}
        candidates = sorted(uid for uid, u in self.users.items() if ldapmodel.norm_dn(u["dn"]) not in present)
        if (user is None and not candidates) or (user and ldapmodel.norm_dn(user["dn"]) in present):
            return False
        u = user or self.users[self.rng.choice(candidates)]
        g["members"].append(u["dn"])
        self.modify(g["dn"], [("add", "member", [u["dn"]])])
        if user is None:
            self.remember("member_adds", {"group": g["cn"], "uid": u["uid"]})
        return True

    def member_remove(self):
        groups = sorted(cn for cn, g in self.groups.items() if len(g["members"]) > 1)
        if not groups:
            return False
        g = self.groups[self.rng.choice(groups)]
        users = {ldapmodel.norm_dn(u["dn"]): u for u in self.users.values()}
        member_users = [users[ldapmodel.norm_dn(m)] for m in g["members"] if ldapmodel.norm_dn(m) in users]
        if not member_users:
            return False
        u = self.rng.choice(sorted(member_users, key=lambda x: x["uid"]))
        g["members"] = [m for m in g["members"] if ldapmodel.norm_dn(m) != ldapmodel.norm_dn(u["dn"])]
        self.modify(g["dn"], [("delete", "member", [u["dn"]])])
        self.remember("member_removes", {"group": g["cn"], "uid": u["uid"]})
        return True

    def member_revert(self):
        adds = [("add", m) for m in self.memory.get("member_adds", [])]
        removes = [("remove", m) for m in self.memory.get("member_removes", [])]
        items = [(k, m) for k, m in adds + removes if m["group"] in self.groups and m["uid"] in self.users]
        if not items:
            return False
        kind, m = self.rng.choice(items)
        self.memory["member_adds" if kind == "add" else "member_removes"].remove(m)
        g, u = self.groups[m["group"]], self.users[m["uid"]]
        present = any(ldapmodel.norm_dn(x) == ldapmodel.norm_dn(u["dn"]) for x in g["members"])
        if kind == "add" and present and len(g["members"]) > 1:
            g["members"] = [x for x in g["members"] if ldapmodel.norm_dn(x) != ldapmodel.norm_dn(u["dn"])]
            self.modify(g["dn"], [("delete", "member", [u["dn"]])])
            return True
        if kind == "remove" and not present:
            return self.member_add(g, u)
        return False

    def add_user(self, attrs=None):
        if attrs is None:
            n = self.memory["counter"] = self.memory.get("counter", 0) + 1
            uid = "rel.%s.%d" % (self.tag, n)
            given, sn = self.rng.choice(["Ada", "Bo", "Chidi", "Dana", "Élodie", "Femi"]), "Kill%d" % n
            attrs = {"uid": uid, "cn": "%s %s" % (given, sn), "sn": sn, "givenName": given,
                     "displayName": "%s %s" % (given, sn), "title": self.rng.choice(TITLES),
                     "mail": "%s@example.com" % uid if self.rng.random() < 0.8 else None,
                     "dn": "uid=%s,%s" % (uid, self.rng.choice(self.ous))}
            if self.rng.random() < 0.3:
                boss = self.pick_user()
                attrs["manager"] = boss["dn"] if boss else None
        if attrs["uid"] in self.users or ldapmodel.norm_dn(attrs["dn"]) in self.user_dns():
            return False
        if attrs.get("manager") and ldapmodel.norm_dn(attrs["manager"]) not in self.user_dns():
            attrs["manager"] = None
        lines = ["changetype: add", "objectClass: inetOrgPerson"]
        for a in ("uid", "cn", "sn", "givenName", "displayName", "mail", "title", "manager"):
            if attrs.get(a):
                lines.append(ldif_line(a, attrs[a]))
        self.record(attrs["dn"], *lines)
        self.users[attrs["uid"]] = dict(attrs)
        self.remember("created", attrs["uid"])
        for _ in range(self.rng.choice([0, 0, 1, 2])):
            self.member_add(user=self.users[attrs["uid"]]) if self.groups else None
        return True

    def delete_user(self, uid=None):
        u = self.users.get(uid) if uid else self.pick_user()
        if not u:
            return False
        self.rewrite_references(u["dn"], None, exclude=(u["uid"],))
        self.record(u["dn"], "changetype: delete")
        del self.users[u["uid"]]
        self.remember("deleted", {k: u.get(k) for k in ("uid", "cn", "sn", "givenName", "displayName", "mail",
                                                          "title", "manager", "dn")})
        return True

    def delete_created(self):
        items = [uid for uid in self.memory.get("created", []) if uid in self.users]
        if not items:
            return False
        uid = self.rng.choice(items[-10:])
        self.memory["created"].remove(uid)
        return self.delete_user(uid)

    def add_then_delete(self):
        """A user added and deleted in the same batch: the run sees neither, or both."""
        return self.add_user() and self.delete_user(self.memory["created"][-1])

    def readd_deleted(self):
        items = [d for d in self.memory.get("deleted", []) if d["uid"] not in self.users
                 and parent(d["dn"]).lower() in {o.lower() for o in self.ous}]
        if not items:
            return False
        d = self.rng.choice(items)
        self.memory["deleted"].remove(d)
        return self.add_user(dict(d))

    def add_group(self):
        n = self.memory["counter"] = self.memory.get("counter", 0) + 1
        cn = "Rel %s %d" % (self.tag, n)
        members = [self.pick_user() for _ in range(self.rng.randint(1, 6))]
        members = sorted({m["dn"] for m in members if m})
        if not members:
            return False
        dn = "cn=%s,ou=Groups,%s" % (cn, self.base)
        self.record(dn, "changetype: add", "objectClass: groupOfNames", ldif_line("cn", cn),
                    *[ldif_line("member", m) for m in members])
        self.groups[cn] = {"dn": dn, "cn": cn, "members": members}
        self.remember("groups_created", cn)
        return True

    def delete_group(self):
        items = [cn for cn in self.memory.get("groups_created", []) if cn in self.groups]
        if not items:
            return False
        cn = self.rng.choice(items)
        self.memory["groups_created"].remove(cn)
        g = self.groups.pop(cn)
        self.rewrite_references(g["dn"], None)
        self.record(g["dn"], "changetype: delete")
        return True


OPERATIONS = [("title", 22), ("title_revert", 8), ("move", 10), ("move_back", 5), ("member_add", 12),
              ("member_remove", 10), ("member_revert", 6), ("add_user", 10), ("delete_user", 4),
              ("delete_created", 5), ("add_then_delete", 2), ("readd_deleted", 3), ("add_group", 2),
              ("delete_group", 2)]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", required=True)
    p.add_argument("--ops", type=int, required=True)
    p.add_argument("--mass", type=int, default=0)
    p.add_argument("--memory", required=True)
    p.add_argument("--tag", required=True)
    a = p.parse_args()
    try:
        memory = json.load(open(a.memory))
    except (OSError, ValueError):
        memory = {}
    rng = random.Random(a.seed)
    batch = Batch(rng, ldapmodel.Directory(), memory, a.tag)
    names, weights = zip(*OPERATIONS)
    attempts = 0
    while sum(batch.done.values()) < a.ops and attempts < a.ops * 10:
        attempts += 1
        op = rng.choices(names, weights)[0]
        if getattr(batch, op)():
            batch.done[op] += 1
    for _ in range(a.mass):
        if batch.title("Reorg %s" % a.tag):
            batch.done["mass_title"] += 1
    sys.stdout.write("\n".join(batch.out))
    json.dump(memory, open(a.memory, "w"))
    print("%d ops: %s" % (sum(batch.done.values()), " ".join("%s %d" % kv for kv in sorted(batch.done.items()))),
          file=sys.stderr)


if __name__ == "__main__":
    main()
