#!/usr/bin/python3
"""Grant the Samba test reader its rights and add an SPN; with --ldif, first load the fixture into sam.ldb.

    /usr/bin/python3 tests/servers/samba/load-fixture.py --smbconf DIR/etc/smb.conf \
        [--ldif DIR/fixture/fixture.ldif] --reader-dn DN [--reader-rights dirsync|get-changes|none] \
        [--spn-host 127.0.0.77] [--replicator-dn DN] [--secrets-only-dn DN]

Used by start.sh. Needs Samba's Python bindings (Debian package python3-samba), hence
/usr/bin/python3 and not whatever python3 comes first on PATH.

With --ldif (start.sh --loader samdb): all records go through the same Samba module stack as an
LDAP add, but in one ldb transaction in this process instead of one LDAP request and one
transaction each. On the mdb backend that saves only 20-40 % (about 8 s against 10 s for the
fixture, see README.md), so start.sh loads with ldapadd by default and calls this script only for
the steps below. Works with the server stopped or running (samba-tool does the same on a live DC).

Then, in the same transaction:
- the reader (a plain domain user) gets, with --reader-rights dirsync (the default):
  "Replicating Directory Changes" (DS-Replication-Get-Changes) on the domain root, the right
  DirSync requires (the ACE `samba-tool dsacl set --sddl=...` would add), and List Contents +
  Read Property on CN=Deleted Objects: without that, Samba 4.17's DirSync leaves deleted objects
  out for a non-admin (and a Show Deleted search finds none). With get-changes only the first;
  with none neither (the account can then read, but DirSync fails with insufficientAccessRights);
- with --replicator-dn, that account gets both rights that password hash replication (MS-DRSR
  GetNCChanges) needs: Replicating Directory Changes and Replicating Directory Changes All; with
  --secrets-only-dn, that account gets only the second (to test the message for a missing right);
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

GET_CHANGES = "1131f6aa-9c07-11d1-f79f-00c04fc2dcd2"       # DS-Replication-Get-Changes
GET_CHANGES_ALL = "1131f6ad-9c07-11d1-f79f-00c04fc2dcd2"   # DS-Replication-Get-Changes-All


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smbconf", required=True)
    ap.add_argument("--ldif")
    ap.add_argument("--reader-dn", required=True)
    ap.add_argument("--reader-rights", choices=["dirsync", "get-changes", "none"], default="dirsync")
    ap.add_argument("--spn-host")
    ap.add_argument("--replicator-dn", help="gets both replication rights (password hashes over MS-DRSR)")
    ap.add_argument("--secrets-only-dn", help="gets Replicating Directory Changes All only")
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
        sdu = SDUtils(samdb)
        granted = []
        if args.reader_rights in ("dirsync", "get-changes"):
            sdu.dacl_add_ace(base, "(OA;;CR;%s;;%s)" % (GET_CHANGES, sid))
            granted.append("DS-Replication-Get-Changes on " + base)
        if args.reader_rights == "dirsync":
            # samba-tool dsacl cannot do this one: the container is only found with Show Deleted.
            deleted = "CN=Deleted Objects," + base
            ctl = ["show_deleted:1"]
            domain_sid = security.dom_sid(samdb.get_domain_sid())
            sddl = sdu.read_sd_on_dn(deleted, controls=ctl).as_sddl(domain_sid)
            ace = "(A;;RPLC;;;%s)" % sid
            if ace not in sddl:
                # The DACL ends where the SACL ("S:") begins.
                sddl = sddl.replace("S:", ace + "S:", 1) if "S:" in sddl else sddl + ace
                sdu.modify_sd_on_dn(deleted, security.descriptor.from_sddl(sddl, domain_sid), controls=ctl)
            granted.append("List Contents + Read Property on " + deleted)

        for dn, rights in ((args.replicator_dn, (GET_CHANGES, GET_CHANGES_ALL)),
                           (args.secrets_only_dn, (GET_CHANGES_ALL,))):
            if not dn:
                continue
            res = samdb.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["objectSid"])
            account = str(ndr_unpack(security.dom_sid, res[0]["objectSid"][0]))
            for right in rights:
                sdu.dacl_add_ace(base, "(OA;;CR;%s;;%s)" % (right, account))
            granted.append("%s to %s" % (" and ".join(rights), dn.split(",")[0]))

        if args.spn_host:
            dcs = samdb.search(base="OU=Domain Controllers," + base, scope=ldb.SCOPE_ONELEVEL,
                               expression="(objectClass=computer)", attrs=["servicePrincipalName", "dNSHostName"])
            if len(dcs) != 1:
                raise SystemExit("load-fixture: expected one DC account, found %d" % len(dcs))
            # ldap/<dNSHostName> is what Samba's DRSUAPI client asks a ticket for (replication with
            # Kerberos); samba_spnupdate adds it on a DC with the dnsupdate service, left out here.
            have = [str(v) for v in dcs[0].get("servicePrincipalName", [])]
            for spn in ("ldap/" + args.spn_host, "ldap/" + str(dcs[0]["dNSHostName"][0])):
                if spn not in have:
                    m = ldb.Message(dcs[0].dn)
                    m["servicePrincipalName"] = ldb.MessageElement(spn, ldb.FLAG_MOD_ADD, "servicePrincipalName")
                    samdb.modify(m)
        samdb.transaction_commit()
    except BaseException:
        samdb.transaction_cancel()
        raise
    t2 = time.monotonic()
    print("load-fixture: %sreader %s granted: %s%s (%.1f s in all)"
          % ("%d records in %.1f s; " % (n, t1 - t0) if args.ldif else "", sid, "; ".join(granted) or "nothing",
             "; SPN ldap/%s added" % args.spn_host if args.spn_host else "", t2 - t0),
          file=sys.stderr)


if __name__ == "__main__":
    main()
