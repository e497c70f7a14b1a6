#!/usr/bin/env python3
"""Generate the Samba AD DC test fixture for Updraft: an LDIF to load and a JSON of what to expect.

    tests/servers/samba/gen-fixture.py --base-dn DC=updraft,DC=test --upn-suffix updraft.test \
        --out-dir DIR [--bulk 1600]

Writes DIR/fixture.ldif (ldapadd input, changetype-free adds plus one modify of the domain root)
and DIR/fixture.json (DNs, passwords, anchors, memberships and counts a test can check against).
Python 3 standard library only. The output is deterministic: the same arguments give the same files.

The LDIF sets unicodePwd, so it must be loaded over a connection Samba considers encrypted
(LDAPS, StartTLS or the privileged ldapi socket); start.sh uses the ldapi socket.
"""

import argparse
import base64
import json
import os
import sys

# Samba's groupType values (signed 32-bit, as AD stores them).
GLOBAL_SECURITY = -2147483646    # 0x80000002
UNIVERSAL_DISTRIBUTION = 8       # 0x00000008

# userAccountControl bits (MS-ADTS 2.2.16).
UAC_ACCOUNTDISABLE = 0x0002
UAC_PASSWD_NOTREQD = 0x0020
UAC_NORMAL_ACCOUNT = 0x0200
UAC_WORKSTATION_TRUST_ACCOUNT = 0x1000
UAC_DONT_EXPIRE_PASSWORD = 0x10000

# ---------------------------------------------------------------------------------------------
# The people. (key, given, sn, cn or None for "given sn", ou key, title, department, manager key)
# Managers come before their reports so that `manager` can be set in the same add.
PEOPLE = [
    ("grace.hopper", "Grace", "Hopper", None, "staff", "Chief Executive Officer", "Management", None),
    ("zoe.angstrom", "Zoë", "Ångström", None, "eng", "VP Engineering", "Engineering", "grace.hopper"),
    ("jose.nunez", "José", "Núñez", None, "eng", "Engineering Manager", "Engineering", "zoe.angstrom"),
    ("lukasz.zolw", "Łukasz", "Żółw", None, "eng", "Senior Engineer", "Engineering", "jose.nunez"),
    ("li.lei", "Lei", "Li", "李雷", "eng", "Engineer", "Engineering", "jose.nunez"),
    ("sean.obrien", "Seán", "O'Brien", None, "eng", "Engineer", "Engineering", "jose.nunez"),
    ("chloe.dubois", "Chloé", "Dubois", None, "eng", "Site Reliability Engineer", "Engineering", "jose.nunez"),
    ("marten.oberg", "Mårten", "Öberg", None, "eng", "Staff Engineer", "Engineering", "zoe.angstrom"),
    ("priya.raman", "Priya", "Raman", None, "eng", "QA Engineer", "Engineering", "jose.nunez"),
    ("ahmed.hassan", "Ahmed", "Hassan", None, "eng", "Engineer", "Engineering", "jose.nunez"),
    ("kenji.sato", "Kenji", "Sato", None, "eng", "Engineer", "Engineering", "marten.oberg"),
    ("olga.ivanova", "Olga", "Ivanova", None, "eng", "Engineer", "Engineering", "marten.oberg"),
    ("bjorn.gruber", "Björn", "Grüber", None, "eng", "Engineer", "Engineering", "marten.oberg"),
    ("ana.lima", "Ana", "Lima", None, "eng", "Engineer", "Engineering", None),
    ("tom.becker", "Tom", "Becker", None, "eng", "Intern", "Engineering", None),
    ("anna.smith", "Anna", "Smith", "Smith, Anna", "sales", "Sales Director", "Sales", "grace.hopper"),
    ("roger.yang", "Roger", "Yang", None, "sales", "Account Executive", "Sales", "anna.smith"),
    ("fatima.zahra", "Fatima", "Zahra", None, "sales", "Account Executive", "Sales", "anna.smith"),
    ("lucas.martin", "Lucas", "Martin", None, "sales", "Sales Engineer", "Sales", "anna.smith"),
    ("emma.wilson", "Emma", "Wilson", None, "sales", "Account Manager", "Sales", "anna.smith"),
    ("noah.brown", "Noah", "Brown", None, "sales", "Account Manager", "Sales", "anna.smith"),
    ("mia.fischer", "Mia", "Fischer", None, "sales", "Sales Assistant", "Sales", None),
    ("soren.dahl", "Søren", "Dahl", None, "sales", "Account Executive", "Sales", "anna.smith"),
    ("alan.turing", "Alan", "Turing", None, "staff", "Chief Technology Officer", "Management", "grace.hopper"),
    ("ines.costa", "Inês", "Costa", None, "staff", "HR Partner", "Human Resources", "grace.hopper"),
    # Special cases (see SPECIAL below).
    ("pat.kowalski", "Pat", "Kowalski", None, "staff", "Contractor", "Facilities", None),
    ("nina.neumann", "Nina", "Neumann", None, "staff", "Analyst", "Finance", "grace.hopper"),
    ("derek.left", "Derek", "Left", None, "disabled", "Former Account Executive", "Sales", None),
]

NO_UPN = "pat.kowalski"          # no userPrincipalName: the sync must fall back (or skip, as documented)
MUST_CHANGE = "nina.neumann"     # pwdLastSet = 0: must change password at next logon
DISABLED = "derek.left"          # userAccountControl 514
# mS-DS-ConsistencyGuid: known 16-byte values (the immutableId is their base64).
CONSISTENCY_GUIDS = {
    "kenji.sato": bytes.fromhex("00112233445566778899aabbccddeeff"),
    "emma.wilson": bytes.fromhex("0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
}

OUS = [  # key, RDN path below the base DN (outermost last)
    ("staff", "OU=Staff"),
    ("eng", "OU=Engineering,OU=Staff"),
    ("sales", "OU=Sales,OU=Staff"),
    ("groups", "OU=Groups"),
    ("disabled", "OU=Disabled"),
    ("bulk", "OU=Bulk"),
    ("service", "OU=Service"),
]

# Groups, in an order where every nested group is added before the group holding it.
# (key, cn, groupType, members: person keys or "group:<key>")
GROUPS = [
    ("platform", "Platform", GLOBAL_SECURITY, ["lukasz.zolw", "chloe.dubois", "kenji.sato"]),
    ("engineering", "Engineering", GLOBAL_SECURITY,
     ["zoe.angstrom", "jose.nunez", "li.lei", "sean.obrien", "marten.oberg", "priya.raman",
      "ahmed.hassan", "olga.ivanova", "bjorn.gruber", "ana.lima", "tom.becker", "group:platform"]),
    ("sales", "Sales", GLOBAL_SECURITY,
     ["anna.smith", "roger.yang", "fatima.zahra", "lucas.martin", "emma.wilson", "noah.brown",
      "mia.fischer", "soren.dahl", "derek.left"]),
    ("all-staff", "All Staff", GLOBAL_SECURITY,
     ["group:engineering", "group:sales", "grace.hopper", "alan.turing", "ines.costa",
      "pat.kowalski", "nina.neumann"]),
    ("managers", "Managers", GLOBAL_SECURITY,
     ["grace.hopper", "zoe.angstrom", "jose.nunez", "marten.oberg", "anna.smith"]),
    ("newsletter", "Newsletter", UNIVERSAL_DISTRIBUTION, ["emma.wilson", "li.lei", "zoe.angstrom"]),
    ("empty", "Empty Group", GLOBAL_SECURITY, []),
    ("all-staff-large", "All Staff Large", GLOBAL_SECURITY, ["bulk:*"]),
]

READER_SAM = "svc-updraft"
# Password hash replication (MS-DRSR) accounts: load-fixture.py grants their rights.
REPLICATOR_SAM = "svc-replicator"        # Replicating Directory Changes + ... Changes All
SECRETS_ONLY_SAM = "svc-secrets-only"    # ... Changes All without Replicating Directory Changes
COMPUTER_CN = "WS-001"


def password_for(index):
    # Meets Samba's default complexity rules (3 of 4 classes, >= 7 chars) and contains neither
    # the sAMAccountName nor a displayName token, which the complexity check also rejects.
    return "Pw-%02d-Updraft!" % index


def ldif_value(attr, value):
    """One `attr: value` line, base64 when RFC 2849 requires it (non-ASCII, leading space/:/<...)."""
    if isinstance(value, bytes):
        return "%s:: %s" % (attr, base64.b64encode(value).decode("ascii"))
    value = str(value)
    safe = (value == "" or (
        all(0 < ord(c) < 128 and c not in "\r\n" for c in value)
        and value[0] not in " :<" and value[-1] != " "))
    if safe:
        return "%s: %s" % (attr, value)
    return "%s:: %s" % (attr, base64.b64encode(value.encode("utf-8")).decode("ascii"))


def escape_rdn_value(v):
    """RFC 4514 escaping of an attribute value in a DN."""
    out = []
    for i, c in enumerate(v):
        if c in ',+"\\<>;=' or (c == "#" and i == 0) or (c == " " and (i == 0 or i == len(v) - 1)):
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def unicode_pwd(pw):
    # AD's unicodePwd: the password in double quotes, UTF-16LE.
    return ('"%s"' % pw).encode("utf-16-le")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base-dn", default="DC=updraft,DC=test")
    ap.add_argument("--upn-suffix", default="updraft.test")
    ap.add_argument("--bulk", type=int, default=1600, help="simple users in OU=Bulk, all in 'All Staff Large'")
    ap.add_argument("--reader-password", default="Reader-Updraft-1!")
    ap.add_argument("--replicator-password", default="Replicator-Updraft-1!")
    ap.add_argument("--bulk-passwords", action="store_true",
                    help="give each bulk user a password (Bulk-NNNN-Updraft!); slower: the DC derives its keys")
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()
    base = args.base_dn
    sfx = args.upn_suffix
    os.makedirs(args.out_dir, exist_ok=True)

    ou_dn = {k: "%s,%s" % (rdn, base) for k, rdn in OUS}
    blocks = []   # each block is a list of LDIF lines (one record)
    expect = {"base_dn": base, "upn_suffix": sfx, "ous": [ou_dn[k] for k, _ in OUS],
              "users": {}, "groups": {}, "bulk": {}}

    # Domain password policy: no minimum age and no history, so tests may change a password
    # several times in a row; no expiry. Complexity stays on (the default).
    blocks.append(["dn: " + base, "changetype: modify",
                   "replace: minPwdAge", "minPwdAge: 0", "-",
                   "replace: maxPwdAge", "maxPwdAge: 0", "-",
                   "replace: pwdHistoryLength", "pwdHistoryLength: 0", "-"])

    for k, _ in OUS:
        rdn_val = ou_dn[k].split(",", 1)[0].split("=", 1)[1]
        blocks.append(["dn: " + ou_dn[k], "changetype: add", "objectClass: organizationalUnit",
                       ldif_value("ou", rdn_val)])

    # ---- people
    person_dn = {}
    for i, (key, given, sn, cn, ou, title, dept, mgr) in enumerate(PEOPLE, start=1):
        cn = cn or "%s %s" % (given, sn)
        dn = "CN=%s,%s" % (escape_rdn_value(cn), ou_dn[ou])
        person_dn[key] = dn
        display = cn if cn != "Smith, Anna" else "Anna Smith"
        pw = password_for(i)
        uac = UAC_NORMAL_ACCOUNT | (UAC_ACCOUNTDISABLE if key == DISABLED else 0)
        rec = [ldif_value("dn", dn), "changetype: add", "objectClass: user",
               ldif_value("cn", cn),
               ldif_value("sAMAccountName", key),
               ldif_value("givenName", given), ldif_value("sn", sn),
               ldif_value("displayName", display),
               ldif_value("mail", "%s@%s" % (key, sfx)),
               ldif_value("title", title), ldif_value("department", dept),
               "employeeNumber: %d" % (1000 + i),
               "telephoneNumber: +1 555 01%02d" % i]
        if key != NO_UPN:
            rec.append(ldif_value("userPrincipalName", "%s@%s" % (key, sfx)))
        if mgr:
            rec.append(ldif_value("manager", person_dn[mgr]))
        if key in CONSISTENCY_GUIDS:
            rec.append(ldif_value("mS-DS-ConsistencyGuid", CONSISTENCY_GUIDS[key]))
        rec.append(ldif_value("unicodePwd", unicode_pwd(pw)))
        rec.append("userAccountControl: %d" % uac)
        if key == MUST_CHANGE:
            rec.append("pwdLastSet: 0")
        blocks.append(rec)
        u = {"dn": dn, "sAMAccountName": key, "userPrincipalName": None if key == NO_UPN else "%s@%s" % (key, sfx),
             "givenName": given, "sn": sn, "displayName": display, "mail": "%s@%s" % (key, sfx),
             "title": title, "department": dept, "employeeNumber": str(1000 + i),
             "manager": person_dn[mgr] if mgr else None, "password": pw,
             "userAccountControl": uac, "enabled": key != DISABLED, "mustChangePassword": key == MUST_CHANGE}
        if key in CONSISTENCY_GUIDS:
            u["mS-DS-ConsistencyGuid_hex"] = CONSISTENCY_GUIDS[key].hex()
            u["immutableId"] = base64.b64encode(CONSISTENCY_GUIDS[key]).decode("ascii")
        expect["users"][key] = u

    # ---- the read-only service account: a plain domain user, outside the staff OUs
    reader_dn = "CN=Updraft Reader,%s" % ou_dn["service"]
    blocks.append([ldif_value("dn", reader_dn), "changetype: add", "objectClass: user",
                   "cn: Updraft Reader", "sAMAccountName: " + READER_SAM,
                   "userPrincipalName: %s@%s" % (READER_SAM, sfx),
                   "description: Updraft read-only sync account (test)",
                   ldif_value("unicodePwd", unicode_pwd(args.reader_password)),
                   "userAccountControl: %d" % (UAC_NORMAL_ACCOUNT | UAC_DONT_EXPIRE_PASSWORD)])
    expect["reader"] = {"dn": reader_dn, "sAMAccountName": READER_SAM,
                        "userPrincipalName": "%s@%s" % (READER_SAM, sfx), "password": args.reader_password}

    # ---- the password hash replication accounts: plain users until load-fixture.py grants their rights
    for key, cn, sam in (("replicator", "Updraft Replicator", REPLICATOR_SAM),
                         ("secrets_only", "Updraft Secrets Only", SECRETS_ONLY_SAM)):
        dn = "CN=%s,%s" % (cn, ou_dn["service"])
        blocks.append([ldif_value("dn", dn), "changetype: add", "objectClass: user", "cn: " + cn,
                       "sAMAccountName: " + sam, "userPrincipalName: %s@%s" % (sam, sfx),
                       ldif_value("unicodePwd", unicode_pwd(args.replicator_password)),
                       "userAccountControl: %d" % (UAC_NORMAL_ACCOUNT | UAC_DONT_EXPIRE_PASSWORD)])
        expect[key] = {"dn": dn, "sAMAccountName": sam, "userPrincipalName": "%s@%s" % (sam, sfx),
                       "password": args.replicator_password}

    # ---- a computer account in a synced OU (objectClass computer is a subclass of user:
    # a filter on objectClass=user matches it, and the sync must skip it)
    comp_dn = "CN=%s,%s" % (COMPUTER_CN, ou_dn["staff"])
    blocks.append([ldif_value("dn", comp_dn), "changetype: add", "objectClass: computer",
                   "cn: " + COMPUTER_CN, "sAMAccountName: %s$" % COMPUTER_CN,
                   "userAccountControl: %d" % (UAC_WORKSTATION_TRUST_ACCOUNT | UAC_PASSWD_NOTREQD)])
    expect["computer"] = {"dn": comp_dn, "sAMAccountName": COMPUTER_CN + "$",
                          "userAccountControl": UAC_WORKSTATION_TRUST_ACCOUNT | UAC_PASSWD_NOTREQD}

    # ---- bulk users: no password (PASSWD_NOTREQD, enabled), minimal attributes, fast to add
    bulk_dns = []
    for n in range(1, args.bulk + 1):
        sam = "bulk%04d" % n
        dn = "CN=Bulk User %04d,%s" % (n, ou_dn["bulk"])
        bulk_dns.append(dn)
        block = ["dn: " + dn, "changetype: add", "objectClass: user",
                 "sAMAccountName: " + sam, "userPrincipalName: %s@%s" % (sam, sfx),
                 "givenName: Bulk", "sn: User %04d" % n, "displayName: Bulk User %04d" % n,
                 "mail: %s@%s" % (sam, sfx), "department: Bulk",
                 "userAccountControl: %d" % (UAC_NORMAL_ACCOUNT | UAC_PASSWD_NOTREQD)]
        if args.bulk_passwords:
            block.append(ldif_value("unicodePwd", unicode_pwd("Bulk-%04d-Updraft!" % n)))
        else:
            # -1 = "now": without it a user added with no password has pwdLastSet 0,
            # which reads as "must change password"; only MUST_CHANGE should.
            block.append("pwdLastSet: -1")
        blocks.append(block)
    expect["bulk"] = {"ou": ou_dn["bulk"], "count": args.bulk,
                      "first": bulk_dns[0] if bulk_dns else None, "last": bulk_dns[-1] if bulk_dns else None,
                      "userAccountControl": UAC_NORMAL_ACCOUNT | UAC_PASSWD_NOTREQD,
                      "sAMAccountName_pattern": "bulk%04d", "dn_pattern": "CN=Bulk User %04d," + ou_dn["bulk"]}

    # ---- groups
    group_dn = {}
    for key, cn, gtype, members in GROUPS:
        dn = "CN=%s,%s" % (escape_rdn_value(cn), ou_dn["groups"])
        group_dn[key] = dn
        mdns = []
        for m in members:
            if m == "bulk:*":
                mdns.extend(bulk_dns)
            elif m.startswith("group:"):
                mdns.append(group_dn[m[6:]])
            else:
                mdns.append(person_dn[m])
        rec = [ldif_value("dn", dn), "changetype: add", "objectClass: group", ldif_value("cn", cn),
               ldif_value("sAMAccountName", cn.replace(" ", "-").lower()),
               "groupType: %d" % gtype, ldif_value("description", "%s (Updraft test group)" % cn)]
        rec.extend(ldif_value("member", d) for d in mdns)
        blocks.append(rec)
        g = {"dn": dn, "sAMAccountName": cn.replace(" ", "-").lower(), "groupType": gtype,
             "member_count": len(mdns)}
        if len(mdns) <= 50:
            g["members"] = mdns
        g["nested_groups"] = [group_dn[m[6:]] for m in members if m.startswith("group:")]
        expect["groups"][key] = g

    # Transitive user members of the nested groups, for scope-by-group checks.
    def transitive(key, seen=None):
        seen = seen or set()
        out = set()
        for m in next(g for g in GROUPS if g[0] == key)[3]:
            if m.startswith("group:") and m[6:] not in seen:
                seen.add(m[6:])
                out |= transitive(m[6:], seen)
            elif m == "bulk:*":
                out |= set(bulk_dns)
            elif not m.startswith("group:"):
                out.add(person_dn[m])
        return out
    for key in ("engineering", "all-staff"):
        expect["groups"][key]["transitive_user_members"] = sorted(transitive(key))

    people = len(PEOPLE)
    expect["counts"] = {
        "people": people,                               # in OU=Staff (and below) and OU=Disabled
        "people_in_staff": sum(1 for p in PEOPLE if p[4] != "disabled"),
        "bulk_users": args.bulk,
        "users_with_password": people + 1,              # the people and the reader
        "users_total": people + 3 + args.bulk,          # + reader, replicators; the computer is not a user
        "groups": len(GROUPS),
        "computers": 1,
        "large_group_members": args.bulk,
    }
    expect["special"] = {"no_upn": person_dn[NO_UPN], "must_change": person_dn[MUST_CHANGE],
                         "disabled": person_dn[DISABLED],
                         "consistency_guid": [person_dn[k] for k in CONSISTENCY_GUIDS],
                         "large_group": group_dn["all-staff-large"]}

    with open(os.path.join(args.out_dir, "fixture.ldif"), "w", encoding="utf-8") as f:
        f.write("# Generated by tests/servers/samba/gen-fixture.py -- throwaway test data.\n\n")
        for b in blocks:
            f.write("\n".join(b) + "\n\n")
    with open(os.path.join(args.out_dir, "fixture.json"), "w", encoding="utf-8") as f:
        json.dump(expect, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
    c = expect["counts"]
    print("gen-fixture: %d people, %d bulk users, %d groups, 1 computer, 1 reader, 2 replication accounts" %
          (c["people"], c["bulk_users"], c["groups"]), file=sys.stderr)


if __name__ == "__main__":
    main()
