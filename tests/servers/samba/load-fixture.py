#!/usr/bin/python3
"""Load the Updraft test fixture straight into a Samba AD DC's sam.ldb, and grant the reader its rights.

    /usr/bin/python3 tests/servers/samba/load-fixture.py --smbconf DIR/etc/smb.conf \
        [--ldif DIR/fixture/fixture.ldif] --reader-dn DN [--spn-host 127.0.0.77]

Used by start.sh. Needs Samba's Python bindings (Debian package python3-samba), hence
/usr/bin/python3 and not whatever python3 comes first on PATH.

Why not ldapadd: all records go through the same Samba module stack, but in one ldb transaction
in this process instead of one LDAP request and one transaction per entry; that is about 3x faster
for the 1,600 bulk users (measured: see README.md). Works with the server stopped (start.sh's
default) or running (samba-tool does the same on a live DC).

Then, in the same transaction:
- the reader gets "Replicating Directory Changes" (DS-Replication-Get-Changes) on the domain root,
  the one extra right DirSync needs (the same ACE `samba-tool dsacl set --sddl=...` would add);
- the DC's account gets the SPN ldap/<address>, so a GSSAPI bind to ldap://<address> works
  without DNS (libldap and Kerberos then ask for a ticket to ldap/<address>).
"""

import argparse
import sys
import time

import ldb
from samba.auth import system_session
from samba.dcerpc import security
from samba.ndr import ndr_unpack
from samba.param import LoadParm
from samba.samdb import SamDB
from samba.sd_utils import SDUtils

GET_CHANGES = "1131f6aa-9c07-11d1-f79f-00c04fc2dcd2"   # DS-Replication-Get-Changes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smbconf", required=True)
    ap.add_argument("--ldif")
    ap.add_argument("--reader-dn", required=True)
    ap.add_argument("--spn-host")
    args = ap.parse_args()

    lp = LoadParm()
    lp.load(args.smbconf)
    t0 = time.monotonic()
    # lp carries "ldb:nosync = true", which SamDB turns into LDB_FLG_NOSYNC.
    samdb = SamDB(url=lp.private_path("sam.ldb"), lp=lp, session_info=system_session())
    base = samdb.domain_dn()
    samdb.transaction_start()
    try:
        n = 0
        if args.ldif:
            with open(args.ldif, encoding="utf-8") as f:
                text = f.read()
            for changetype, msg in samdb.parse_ldif(text):
                try:
                    if changetype == ldb.CHANGETYPE_MODIFY:
                        samdb.modify(msg)
                    else:
                        samdb.add(msg)
                except ldb.LdbError as e:
                    raise SystemExit("load-fixture: %s: %s" % (msg.dn, e.args[-1]))
                n += 1
        t1 = time.monotonic()

        res = samdb.search(base=args.reader_dn, scope=ldb.SCOPE_BASE, attrs=["objectSid"])
        sid = str(ndr_unpack(security.dom_sid, res[0]["objectSid"][0]))
        ace = "(OA;;CR;%s;;%s)" % (GET_CHANGES, sid)
        SDUtils(samdb).dacl_add_ace(base, ace)

        if args.spn_host:
            dcs = samdb.search(base="OU=Domain Controllers," + base, scope=ldb.SCOPE_ONELEVEL,
                               expression="(objectClass=computer)", attrs=["servicePrincipalName"])
            if len(dcs) != 1:
                raise SystemExit("load-fixture: expected one DC account, found %d" % len(dcs))
            spn = "ldap/" + args.spn_host
            if spn not in [str(v) for v in dcs[0].get("servicePrincipalName", [])]:
                m = ldb.Message(dcs[0].dn)
                m["servicePrincipalName"] = ldb.MessageElement(spn, ldb.FLAG_MOD_ADD, "servicePrincipalName")
                samdb.modify(m)
        samdb.transaction_commit()
    except BaseException:
        samdb.transaction_cancel()
        raise
    t2 = time.monotonic()
    print("load-fixture: %d records in %.1f s; reader %s granted DS-Replication-Get-Changes%s (%.1f s in all)"
          % (n, t1 - t0, sid, ", SPN ldap/%s added" % args.spn_host if args.spn_host else "", t2 - t0),
          file=sys.stderr)


if __name__ == "__main__":
    main()
