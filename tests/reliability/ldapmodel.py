# SPDX-FileCopyrightText: 2026 Updraft contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The directory as the reliability campaign sees it: read with ldapsearch (as the rootdn, every entry), parsed
from LDIF into users and groups keyed by normalized DN, with the externalId Updraft gives each (the entryUUID's
16 bytes in base64). Shared by changes.py and verify.py; python3 stdlib only."""

import base64
import os
import subprocess
import uuid


def norm_dn(dn):
    """A DN compared the way this campaign writes them: case-insensitive, no blanks around ',' and '='."""
    return ",".join("=".join(p.strip() for p in rdn.split("=", 1)) for rdn in dn.split(",")).lower()


def parse_ldif(text):
    """Entries of an ldapsearch -LLL answer as a list of {attr(lower): [values]} with 'dn' as a plain string."""
    entries, lines = [], []
    for raw in text.splitlines() + [""]:
        if raw.startswith(" ") and lines:
            lines[-1] += raw[1:]
            continue
        if raw.startswith("#"):
            continue
        if raw == "":
            if lines:
                entry = {}
                for line in lines:
                    name, _, value = line.partition(":")
                    if value.startswith(":"):
                        value = base64.b64decode(value[1:].strip()).decode("utf-8", "replace")
                    else:
                        value = value[1:] if value.startswith(" ") else value
                    entry.setdefault(name.lower(), []).append(value)
                entry["dn"] = entry["dn"][0]
                entries.append(entry)
            lines = []
            continue
        lines.append(raw)
    return entries


def external_id(entry_uuid):
    return base64.b64encode(uuid.UUID(entry_uuid).bytes).decode()


def ldap_env():
    """The slapd.env values the campaign exports (UPDRAFT_LDAP_*)."""
    return {k: os.environ[k] for k in ("UPDRAFT_LDAP_URL", "UPDRAFT_LDAP_ADMIN_DN", "UPDRAFT_LDAP_ADMIN_PASSWORD",
                                       "UPDRAFT_LDAP_BASE_DN")}


def search():
    env = ldap_env()
    out = subprocess.run(
        ["ldapsearch", "-LLL", "-x", "-o", "ldif-wrap=no", "-o", "nettimeout=10", "-H", env["UPDRAFT_LDAP_URL"],
         "-D", env["UPDRAFT_LDAP_ADMIN_DN"], "-w", env["UPDRAFT_LDAP_ADMIN_PASSWORD"], "-b", env["UPDRAFT_LDAP_BASE_DN"],
         "-E", "pr=1000/noprompt", "(|(objectClass=inetOrgPerson)(objectClass=groupOfNames))",
         "entryUUID", "objectClass", "uid", "cn", "sn", "givenName", "displayName", "mail", "title", "manager",
         "member"],
        check=True, capture_output=True, env=dict(os.environ, LDAPNOINIT="1"))
    return out.stdout.decode("utf-8", "replace")


class Directory:
    """users and groups: normalized DN -> dict(dn, ext, attrs...). Built from the live server or an LDIF text."""

    def __init__(self, text=None):
        self.users, self.groups = {}, {}
        for e in parse_ldif(search() if text is None else text):
            classes = {c.lower() for c in e.get("objectclass", [])}
            first = lambda a: e.get(a, [None])[0]
            obj = {"dn": e["dn"], "ext": external_id(first("entryuuid")), "cn": first("cn")}
            if "inetorgperson" in classes:
                obj.update(uid=first("uid"), sn=first("sn"), givenName=first("givenname"),
                           displayName=first("displayname"), mail=first("mail"), title=first("title"),
                           manager=first("manager"))
                self.users[norm_dn(e["dn"])] = obj
            elif "groupofnames" in classes:
                obj.update(displayName=first("displayname"), members=list(e.get("member", [])))
                self.groups[norm_dn(e["dn"])] = obj

    def by_dn(self, dn):
        key = norm_dn(dn)
        return self.users.get(key) or self.groups.get(key)

    def externals(self):
        return {o["ext"] for o in self.users.values()} | {o["ext"] for o in self.groups.values()}
