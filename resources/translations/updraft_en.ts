<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>Theme</name>
        <message>
            <source>As the &amp;desktop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Light</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>D&amp;ark</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::ConfigurationCard</name>
        <message>
            <source>Run now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last run</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next run</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hashes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Running</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n problem(s)</source>
            <translation>
                <numerusform>%n problem</numerusform>
                <numerusform>%n problems</numerusform>
            </translation>
        </message>
        <message>
            <source>no problems</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>starting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %v of %m</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run %1, started %2: %3. Click to open its results.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The agent that runs this configuration, and when it last reported to the store</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::ConfigurationEditor</name>
        <message>
            <source>Edit %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Duplicate %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New configuration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>General</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Directory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mapping</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the other domain, e.g. emea.example.com</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A configuration is named after its domain; the name is its identity in the store and in the cloud, so it cannot change. Duplicate it to start one for another domain.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the domain, e.g. corp.example.com</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name (domain)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpenLDAP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Active Directory or Samba AD</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>389 Directory Server or Red Hat Directory Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Test connection reads what the server says it is and suggests the type.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Directory type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send users' password hashes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Users can then sign in to the cloud with their directory password. A user who must change the password at next logon gets no hash until they have.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hash sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run on a schedule</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Schedule</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Between runs; a run reads only what changed when the directory can tell.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A run that would delete more cloud objects than this stops and stages the deletes for approval.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete threshold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> % of the provisioned objects</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>off</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>…or more than</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None (local connections only)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>StartTLS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>LDAPS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Encryption</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>empty: the CAs this machine trusts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Browse…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CA certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Verify the server's certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bind account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Base DN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The attribute that ties each directory object to its cloud object for life: one value, never changed, on every user and group in scope. It is fixed once the first run has linked objects.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Anchor attribute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Token</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scope's impact shows here once the directory can be read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fill in the directory first: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connecting to the directory…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot browse the directory: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The impact shows once the scope is valid: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A user principal name (svc-updraft@corp.example.com), a down-level logon name (CORP\svc-updraft) or a distinguished name. Empty for an anonymous bind.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The distinguished name of the account. Empty for an anonymous bind.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ms-DS-ConsistencyGuid, else objectGUID</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n field(s) still to fill in or correct.</source>
            <translation>
                <numerusform>%n field still to fill in or correct.</numerusform>
                <numerusform>%n fields still to fill in or correct.</numerusform>
            </translation>
        </message>
        <message>
            <source>Ready to save.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Storing the secrets in the keychain…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A SCIM 2.0 service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Microsoft Entra ID (API-driven inbound provisioning)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cloud directory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SCIM base URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>token</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bearer token</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Adopt a cloud user with the same user name on first sight</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Soft match</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Users go to the provisioning job of an "API-driven provisioning to Microsoft Entra ID" app, 50 to a request; Entra reports each user's outcome in its provisioning logs, shown with the run that sent the user. Users only: groups and password hashes are not provisioned this way, and a user who leaves the scope is disabled, not deleted. The app registration needs SynchronizationData-User.Upload and ProvisioningLog.Read.All (and Synchronization.Read.All to see a paused or quarantined job).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tenant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>tenant id, or a verified domain</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Application (client) id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>of the app registration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Certificate (recommended)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client secret</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in with</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Certificate (PEM file)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>uploaded to the app registration, e.g. /etc/updraft/entra.crt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>private key (PEM)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Private key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>client secret</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Service principal id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the provisioning app's object id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provisioning job id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign-in authority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Microsoft Graph</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Entra's inbound provisioning takes no password hashes: users of this configuration sign in as Entra ID decides (e.g. a temporary access pass).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read over LDAP (Updraft on a Samba domain controller)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replicate from a domain controller (MS-DRSR)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Windows domain controllers give NT hashes only by replication, as Entra Connect reads them: to an account granted "Replicating Directory Changes" and "Replicating Directory Changes All" on the domain. Test connection checks both.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hashes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>empty: the bind account; or svc-replication@corp.example.com</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replication account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Its password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>empty: the directory's host</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The domain controller's name. Kerberos needs a name: where the directory is given by its address, its name goes here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Domain controller</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::ConfigurationHealth</name>
        <message>
            <source>Quarantined</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n run(s) in a row failed; runs are spaced out until one succeeds. Last error: %1</source>
            <translation>
                <numerusform>%n run in a row failed; runs are spaced out until one succeeds. Last error: %1</numerusform>
                <numerusform>%n runs in a row failed; runs are spaced out until one succeeds. Last error: %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Waiting for approval</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>The delete threshold held back %n delete(s); approve or reject them.</source>
            <translation>
                <numerusform>The delete threshold held back %n delete; approve or reject them.</numerusform>
                <numerusform>The delete threshold held back %n deletes; approve or reject them.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not run yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The first run is in progress.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This configuration has not run yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Errors</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The last run failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopped by a guard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The last run was stopped before any delete: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n object(s) could not be written in the last run.</source>
            <translation>
                <numerusform>%n object could not be written in the last run.</numerusform>
                <numerusform>%n objects could not be written in the last run.</numerusform>
            </translation>
        </message>
        <message>
            <source>Interrupted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The last run was interrupted; the next one picks up where it stopped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warnings</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n user(s) have a password hash problem.</source>
            <translation>
                <numerusform>%n user has a password hash problem.</numerusform>
                <numerusform>%n users have a password hash problem.</numerusform>
            </translation>
        </message>
        <message>
            <source>Healthy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The last run succeeded.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::ConfigurationsModel</name>
        <message>
            <source>No run yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>running now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not scheduled; runs on demand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>due now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>every %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, took %2: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no agent leads it: Run now runs it from this console</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, process %2 · seen %3</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::ConfigurationsView</name>
        <message>
            <source>yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(none)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n rule(s)</source>
            <translation>
                <numerusform>%n rule</numerusform>
                <numerusform>%n rules</numerusform>
            </translation>
        </message>
        <message>
            <source>&lt;p&gt;What the service supports is read at the start of every run (and by Test connection in the editor); no run has asked it yet.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;p&gt;What the service said it supports (asked %1, at %2):&lt;/p&gt;&lt;ul&gt;%3&lt;/ul&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;p&gt;It did not say everything; assumed:&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Full sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show runs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview run…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What a run would do now, object by object, without writing anything</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Explain…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One user's or group's way through a run, step by step; provision it alone on demand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Duplicate…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A new configuration for another domain, starting from this one's settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save as JSON, with secrets as references only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;p&gt;Select a configuration to see how it is set up.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;p&gt;No configuration in this state directory yet.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Directory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mapping</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hash sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Schedule</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;p&gt;Defaults.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Configurations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The selected configuration</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::ConnectionCheckView</name>
        <message>
            <source>Test connection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Result</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Testing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connected, with warnings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connected.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>passed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>warning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>skipped</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::ConnectionTest</name>
        <message>
            <source>Server name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 names no server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is an IP address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The name %1 (%2) cannot be resolved: check the name, or this machine's DNS servers.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing accepts connections on %1 port %2 (refused): check the port in %3 and that the server runs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 port %2 does not answer within %3 s: check the port in %4 and any firewall between here and there.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 port %2 accepts connections.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Encryption</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not needed: a local connection.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kerberos (%1) protects the bind.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None: the bind password and every attribute cross the network in clear text. Use ldaps:// or StartTLS.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1; the server's certificate is trusted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, but the certificate is not checked (source.verifyCertificate is off).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server's certificate is not trusted by this machine, or not issued for the name %1: set source.caFile to the CA that issued it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server's certificate is not issued by the CA in source.caFile (%1), or not for the name %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No TLS handshake on %1 even without checking the certificate: is port %2 an LDAPS port (usually 636)?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server does not offer StartTLS on port %1: turn StartTLS off and use ldaps://, or enable TLS on the server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Directory type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server is %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server is %1, but the configuration says %2: choose %3 as the directory type (source.type "%4"), so that its anchor, locked accounts and change feed are read its way.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Base DN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>source.baseDn is empty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> The server holds: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The account may not read the base DN %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The base DN %1 does not exist (source.baseDn).%2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 exists.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read users</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The account sees no users under %1: check the base DN and that the account may read user objects.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Users are readable (first: %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Anchor</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>The first %n users have a usable anchor (%1).</source>
            <translation>
                <numerusform>The first user has a usable anchor (%1).</numerusform>
                <numerusform>The first %n users have a usable anchor (%1).</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 of the first %2 users cannot be anchored; runs report each one as failed. %3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hashes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None of the first users shows a password hash (%1): the account needs read access to these attributes, or every user will be reported as "hash not readable".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hashes are readable (%1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign-in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The directory refused the bind DN or the password (source.bindDn %1, source.bindPassword).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The directory refused the bind: %1 (source.bindDn %2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bound with %1 as %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bound with %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bound anonymously.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bound as %1, which the directory resolved to %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bound as %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None: the token and every user's attributes cross the network in clear text. Use https://.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No TLS handshake with %1: is it an HTTPS port?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate of %1 is not trusted by this machine: %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>HTTPS; the certificate is trusted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Entra</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Token</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provisioning job</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Entra did not issue a token for client %1 of tenant %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Entra or Microsoft Graph did not answer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Entra issued a token for client %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The app may not use the provisioning job: grant it SynchronizationData-User.Upload (admin consent).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The provisioning job cannot take users now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provisioning logs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Readable: each user's outcome is shown once Entra has processed it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not readable: users are sent, but their outcome cannot be shown.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Capabilities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>target.url must start with https:// (or http:// for a local service).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SCIM service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No SCIM service answers at %1 (HTTP %2): target.url must be the SCIM base URL, the one ending before /Users (often …/scim/v2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The request to %1 failed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The service refused target.token (HTTP 401): the token is wrong, expired or revoked.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The token is valid but may not read users (HTTP 403): give it the provisioning permission.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Listing users failed (HTTP %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A SCIM 2.0 service.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>The token is accepted; the service holds %n user(s).</source>
            <translation>
                <numerusform>The token is accepted; the service holds %n user.</numerusform>
                <numerusform>The token is accepted; the service holds %n users.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not said: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 may replicate password hashes from %2 ("Replicating Directory Changes" and "Replicating Directory Changes All").</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The Kerberos principal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 lacks %2 on %3, so no password hash can be replicated.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> and </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On a Windows domain, a domain admin grants it with:
%1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Whether it holds "Replicating Directory Changes All" shows once it has the first.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::ConsoleController</name>
        <message>
            <source>Run now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Full sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read the whole scope again, even where the directory reports no change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop run</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop the run after the batch in progress; it is recorded as interrupted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot create the state directory %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Engine ready.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The engine could not open the store: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1: %n delete(s) approved; a run carries them out now.</source>
            <translation>
                <numerusform>%1: %n delete approved; a run carries them out now.</numerusform>
                <numerusform>%1: %n deletes approved; a run carries them out now.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: %n delete(s) rejected; the objects stay.</source>
            <translation>
                <numerusform>%1: %n delete rejected; the objects stay.</numerusform>
                <numerusform>%1: %n deletes rejected; the objects stay.</numerusform>
            </translation>
        </message>
        <message>
            <source>Running every configuration…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Running %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopping after the batch in progress…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: the password hash is sent again on a run starting now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: deleting its cloud objects…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Removing %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: configuration saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no configuration named %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 cannot be written: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: computing the plan of a run; nothing is written…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopping…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>every configuration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run %1 now (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Engine stopped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Idle · runs on schedule</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Idle · runs on demand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: starting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 %3/%4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Idle · shared store: the agents run the schedules</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::DashboardView</name>
        <message>
            <source>No configuration yet. Add one with &lt;code&gt;updraft-cli run --config FILE&lt;/code&gt;; it appears here with its health and runs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Configurations and their health</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::Decommission</name>
        <message>
            <source> Its secrets stay in the keychain: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no configuration named %1.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1 removed. Its %n cloud object(s) were left as they are.</source>
            <translation>
                <numerusform>%1 removed. Its %n cloud object was left as it is.</numerusform>
                <numerusform>%1 removed. Its %n cloud objects were left as they are.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 cannot run: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 was not removed: the clean-up would delete more objects than the delete threshold. Approve the deletes, then remove it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 was not removed: the clean-up run did not finish cleanly (%2: %3).</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1 was not removed: %n of its object(s) are still in the cloud directory.</source>
            <translation>
                <numerusform>%1 was not removed: %n of its objects is still in the cloud directory.</numerusform>
                <numerusform>%1 was not removed: %n of its objects are still in the cloud directory.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 deprovisioned: %n cloud object(s) deleted, none left; the configuration is removed.</source>
            <translation>
                <numerusform>%1 deprovisioned: %n cloud object deleted, none left; the configuration is removed.</numerusform>
                <numerusform>%1 deprovisioned: %n cloud objects deleted, none left; the configuration is removed.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Updraft::ExplainDialog</name>
        <message>
            <source>Explain or provision one object of %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name a user (name, uid, sAMAccountName, userPrincipalName, cn or mail), a group (cn) or any DN: its way through a run of %1 is shown step by step. Nothing is written unless you choose Provision now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. jdoe, jane.doe@example.com or uid=jdoe,ou=People,dc=example,dc=com</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Explain</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Matching objects</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What happens</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Steps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Explain only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provision now…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provisioning “%1”…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Explaining “%1”…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provision “%1” (%2) of %3 now?

%4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provision now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>group</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 “%2” — %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not a user or group this directory type syncs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Double-click one to explain it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The explanation could not be completed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Group</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 “%2” (%3): %4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>out of scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provisioned by run %1: %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not provisioned: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provisioning it now: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stops here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>warning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>passes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>for the record</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::Explainer</name>
        <message>
            <source>user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>group</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (binary GUID)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>(binary, %n byte(s))</source>
            <translation>
                <numerusform>(binary, %n byte)</numerusform>
                <numerusform>(binary, %n bytes)</numerusform>
            </translation>
        </message>
        <message>
            <source>Searching the directory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a user's name, uid, mail or DN, or a group's name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not under the base DN %2 of %3: only objects under it can be provisioned by this configuration.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The directory could not be searched: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing under %1 is named “%2” (searched sAMAccountName, userPrincipalName, cn, mail and displayName; a DN works too).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing under %1 is named “%2” (searched uid, cn, mail and displayName; a DN works too).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>More than %1 objects match “%2”; the first %1 are listed. Pick one, or be more precise.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n objects match “%1”; pick one.</source>
            <translation>
                <numerusform>%n object matches “%1”.</numerusform>
                <numerusform>%n objects match “%1”; pick one.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… and %n more</numerusform>
                <numerusform>… and %n more</numerusform>
            </translation>
        </message>
        <message>
            <source>DN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read from the directory</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Found the %1 “%2” at %3: %n attribute(s) read. Secrets and password hashes are never shown, only whether they are there.</source>
            <translation>
                <numerusform>Found the %1 “%2” at %3: %n attribute read. Secrets and password hashes are never shown, only whether they are there.</numerusform>
                <numerusform>Found the %1 “%2” at %3: %n attributes read. Secrets and password hashes are never shown, only whether they are there.</numerusform>
            </translation>
        </message>
        <message>
            <source>Filter of this directory type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Object type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Never synced: it is %1. Such accounts are left out of every scope.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>never synced: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not a user or group this directory type syncs: it matches neither its user filter nor its group filter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User filter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Group filter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not a user or group this directory type syncs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A %1 this directory type syncs: it matches its %1 filter and is not a system object, a computer or a trust account.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A %1 this directory type syncs: it matches its %1 filter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Source anchor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No usable anchor: %1. Every run counts this object as failed until it has one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing can be written: the object has no usable anchor.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attribute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>mS-DS-ConsistencyGuid is set (%1), so it is the anchor rather than objectGUID: an object moved between forests keeps its cloud object.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>mS-DS-ConsistencyGuid is not set, so objectGUID (%1) is the anchor. Updraft never writes to the directory, so it is not written back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2 ties it to its cloud object for life; a rename or move keeps it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>externalId (immutableId)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cloud object's externalId is %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scope could not be read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scope OUs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scope groups</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In scope now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 users, %2 groups</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In scope: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It matches the scope's filter %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rule</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Out of scope: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the configuration's scope is empty (no OUs and no groups), so nothing is in scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>under %1, which the scope lists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, but excluded by the filter %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, but the directory did not return it when the scope was read (did it change meanwhile?); explain it again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not under any of the scope's OUs (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not a member of its groups (%1), directly or through nested groups</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>neither one of its groups (%1) nor nested in them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> and </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provisioned on demand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was provisioned: there is nothing to write for this object.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provisioning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(secret, not shown)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 → %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(none)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asking the cloud directory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the cloud directory requires %1, which is empty for this object</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cloud object</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cloud id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Linked by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a match on first sight</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>creating it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DN when last exported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Linked to the cloud %1 %2, but it is gone from the cloud (deleted outside Updraft). The next write to it finds it gone and forgets the link; the run after that creates it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Linked to the cloud %1 %2. The cloud could not be asked about it now: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Linked to the cloud %1 %2, which this configuration matched on first sight and adopted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Linked to the cloud %1 %2, which this configuration created.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not provisioned by this configuration: there is no link for this anchor.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not linked. The cloud is not asked: the object cannot be mapped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not linked, and the cloud could not be asked for a match (%1). A run looks again before it creates anything.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the cloud object %1 (%2) belongs to configuration “%3”; it is not adopted. Two configurations must not provision the same object: narrow one of their scopes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not linked, and %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provisioned by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>matched by externalId</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not linked yet, but the cloud holds the %1 %2 with this externalId: a run adopts it (matched by externalId) instead of creating a duplicate.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Matched by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>userName “%1” already belongs to the cloud user %2 with another externalId (%3); it is not adopted. Resolve the duplicate in the directory or the cloud.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not linked, and the %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Its externalId</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>matched by userName (soft match)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not linked yet, but the cloud user %1 has the userName “%2” and no externalId: a run adopts it (soft match by userName).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>userName (soft match)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not linked, and the cloud holds no %1 with externalId %2 or userName “%3”: a run creates it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not linked, and the cloud holds no %1 with externalId %2: a run creates it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Soft matching by userName is off (target.softMatch).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is in another domain or forest (outside %2): left empty, since references resolve only within one configuration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not in this configuration's scope: left empty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is in scope but not provisioned yet: left out until it is</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, the cloud object %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mapped attributes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it could not be mapped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It cannot be mapped, so a run records a failure for it and writes nothing: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cloud directory cannot take it as mapped, so a run records a failure for it and writes nothing: %1. Map it in the configuration's mapping, or fill it in the directory.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (reference)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Members listed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Members in scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Members provisioned</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>The mapping gives this SCIM %1 (%n attribute(s)).</source>
            <translation>
                <numerusform>The mapping gives this SCIM %1 (%n attribute).</numerusform>
                <numerusform>The mapping gives this SCIM %1 (%n attributes).</numerusform>
            </translation>
        </message>
        <message>
            <source>A referenced object is in scope but has no cloud object yet: the reference is set once it is provisioned.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Proposed action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing: it is out of scope, and this configuration has not provisioned it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>moved out of scope, to %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no longer in scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cause</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> The delete threshold holds it back (%1 since run %2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Staged delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete: the cloud %1 %2 is deleted by the next run (%3). Deletes go through the delete threshold (safety.deleteThreshold: %4).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing can be written: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create: POST a new cloud %1 with the mapped attributes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Adopt: link the cloud %1 %2 to this object. Its attributes already match, so nothing is written to it.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Adopt: link the cloud %1 %2 and PATCH the %n attribute(s) that differ: %3.</source>
            <translation>
                <numerusform>Adopt: link the cloud %1 %2 and PATCH the %n attribute that differ: %3.</numerusform>
                <numerusform>Adopt: link the cloud %1 %2 and PATCH the %n attributes that differ: %3.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Update: PATCH the %n attribute(s) that differ from what was last exported: %1.</source>
            <translation>
                <numerusform>Update: PATCH the %n attribute that differ from what was last exported: %1.</numerusform>
                <numerusform>Update: PATCH the %n attributes that differ from what was last exported: %1.</numerusform>
            </translation>
        </message>
        <message>
            <source>No change: the cloud %1 is as last exported, so a run writes nothing to it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Members: %1 to add, %2 to remove.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The directory sent only part of the member list: members are added, and nobody is removed until the whole list is read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The reference to an object not provisioned yet is set by the run that provisions it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Members to add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Members to remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hash sync is off for this configuration (passwordHashSync), so no hash is sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No hash is sent for a user out of scope.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In the directory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no password hash read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scheme</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Must change at next logon</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password set</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hash (%1) is sent by the next run: it was never sent, or changed since it was.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The hash (%1) is sent in the same run that creates the user.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PATCH %1: its password hash, and nothing else.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to write.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>POST %1: create the cloud user “%2” (userName %3).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>POST %1: create the cloud group “%2”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link the existing cloud %1 %2 to “%3”; nothing is written to it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link the existing cloud %1 %2 to “%3” and PATCH %4: %5.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PATCH %1 (the cloud %2 “%3”): %4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DELETE %1: the cloud %2 “%3” is deleted, as it is out of scope.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing can be written: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>see the steps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Then PATCH its password hash.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Then PATCH its members: %1 added, %2 removed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Its group memberships are left to the next run.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing else is written, deleted or staged; the run is recorded with the trigger “on-demand”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replicating the password hash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(replicated from %1)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::Explanation</name>
        <message>
            <source>Provisioned on demand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was provisioned: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run %1 (on demand) found nothing to write: the cloud object is as it should be.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run %1 (on demand) ended %2 without writing to this object. %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run %1 (on demand) ended %2: %3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trigger</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 → %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::Format</name>
        <message>
            <source>never</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>just now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in a moment</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n min</source>
            <translation>
                <numerusform>%n min</numerusform>
                <numerusform>%n min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n h</source>
            <translation>
                <numerusform>%n h</numerusform>
                <numerusform>%n h</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 ago</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt; 0.1 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 min %2 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>running…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Succeeded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Succeeded with warnings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopped by a guard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Interrupted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Running</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 created, %2 updated, %3 deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, %1 failed</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::GroupSearchModel</name>
        <message>
            <source>%1+</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At least %1 members: the directory sends large member lists in parts, and only the first was read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Group</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Members</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DN</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::MainWindow</name>
        <message>
            <source>Updraft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dashboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Runs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hashes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deletes to approve</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Configurations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Run</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: starting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 %v of %m</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deletes to approve (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show Updraft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Acting on every configuration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Acting on %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run %1 is no longer in the history.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import a configuration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Configurations (*.json);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 cannot be read: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not a JSON object (%2 at byte %3).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Configurations (*.json)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 exported to %2; secrets are in it only as references.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Appearance</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::MappingEditor</name>
        <message>
            <source>(no value)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Users</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Groups</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target attribute to add, e.g. nickName</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a rule for this SCIM attribute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the selected rules: added rules go, default rules are no longer mapped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reset</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put the dialect's default rule back in the selected rows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>uid, sAMAccountName, userPrincipalName, cn or mail (* for any text), or a DN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target attribute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attributes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SCIM resource</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>mapping.%1: unknown key (expected one of: users, groups)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>mapping.%1: expected an object</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview for &amp;user:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview for &amp;group:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fill in the directory section first: the preview reads an entry from it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the directory…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading “%1” from the directory…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a user to see what the mapping makes of them, as a run would.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a group to see what the mapping makes of it, as a run would.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>More than %1 entries match “%2”; this is the first of them: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 entries match “%2”; this is the first of them: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>References show the DN of the object they name; a run sends that object's cloud id instead (resolved at run time).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not applied: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::MappingModel</name>
        <message>
            <source>type the name of a directory attribute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type the SCIM attribute to map, e.g. nickName or %1:costCenter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Updraft computes %1 itself; it cannot be mapped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is mapped already, in row %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attribute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Constant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expression</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Default</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Removed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Added</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not valid: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>true and false are sent as booleans, anything else as text ("true" in double quotes for the text true).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Functions: coalesce, concat, lower, upper, trim, replace, present, not, flag, ref; attributes by name, $domain, $immutableId, "text".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The default rule.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changed from the default: %1 %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not mapped: this configuration removes the default rule (%1 %2). Reset brings it back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A rule of this configuration's own.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Target attribute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In Entra ID (default mapping)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In the cloud</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::MappingPreview</name>
        <message>
            <source>Type a user name, e-mail address or name to look for.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a group name to look for.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no entry "%1" in the directory.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The base DN "%1" does not exist in the directory.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"%1" is not a user (%2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"%1" is not a group (%2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No user under %1 has "%2" as uid, sAMAccountName, userPrincipalName, cn or mail.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No group under %1 has "%2" as uid, sAMAccountName, userPrincipalName, cn or mail.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(secret, not shown)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Runs never sync this entry: it is %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Runs count this entry as failed: it has no usable anchor (%1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A secret: never shown. Password hashes reach the cloud only through password hash sync, never through a mapping rule.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A reference, resolved at run time: a run sends the cloud id of this object when this configuration provisions it, and leaves the attribute empty otherwise.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No value: a run does not send this attribute.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No value (%1 not in the entry): a run does not send this attribute.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::Notifier</name>
        <message>
            <source>%1: the run failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: stopped by the delete guard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is quarantined</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Its runs keep failing, so they are spaced out until one succeeds. %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is out of quarantine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A run succeeded again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Updraft: every configuration is healthy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Updraft: some objects could not be written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Updraft: a configuration needs attention</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::OuTreeModel</name>
        <message>
            <source>Cannot read what is in %1: the bind account is not allowed to see its entries. Grant it read access, or scope another OU.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln user(s) in this subtree</source>
            <translation>
                <numerusform>%Ln user in this subtree</numerusform>
                <numerusform>%Ln users in this subtree</numerusform>
            </translation>
        </message>
        <message>
            <source>, %1 right in it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Included with %1, which is checked with everything below it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organizational unit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Users</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::PasswordHashAdvice</name>
        <message>
            <source>%1 (run %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Held until the password is changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for the user to be provisioned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not sent: unsupported hash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No hash could be read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused by the cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed, will be retried</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Held</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unsupported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unreadable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retrying</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cloud has this user's current password hash, sent %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cloud has this user's current password hash.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to do. A new password is sent on the next run after it is set.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The user must change the password at next logon, so the current password is temporary and is not sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to do: the hash is sent on the first run after the user changes the password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The user is not provisioned in the cloud yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fix the provisioning error shown in that run's results; the hash follows on the run that provisions the user.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to do: the hash is sent on the run that provisions the user.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The directory stores this password in a form that is never sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Store the password in a supported form (an NT hash, or a salted SHA or PBKDF2 scheme), for instance by having the user set it again. See docs/password-hash-sync.md.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No password hash was read for this user.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (HTTP %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the cloud's password policy and the user. Tried again after %1, or now with Retry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the cloud's password policy and the user, then retry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to do unless it persists: next attempt after %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to do unless it persists: it is tried again on the next run.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n attempt(s) since %1.</source>
            <translation>
                <numerusform>%n attempt since %1.</numerusform>
                <numerusform>%n attempts since %1.</numerusform>
            </translation>
        </message>
        <message>
            <source>Check that the bind account may read the password attributes (for Active Directory: that password hashes are read by replication, or that Updraft runs on a Samba domain controller), and that the user has a password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do what the explanation says (Test connection on the source checks it); the hashes are replicated again on the next run.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::PasswordHashModel</name>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Configuration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What happened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First seen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last attempt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attempts</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::PasswordHashView</name>
        <message>
            <source>Show:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search users, DNs, reasons (Ctrl+F)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send this user's hash on a run starting now, without waiting for the back-off</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open provisioning result</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the run that last changed this user's status, at this user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No password hash status yet. Configurations with password hash sync list their users here after their first run.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No password hash problems: every user in scope has their current hash in the cloud, or is held until they change a must-change password.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Nothing matches these filters. %n user(s) have a hash problem; show every status to see them.</source>
            <translation>
                <numerusform>Nothing matches these filters. %n user has a hash problem; show every status to see it.</numerusform>
                <numerusform>Nothing matches these filters. %n users have a hash problem; show every status to see them.</numerusform>
            </translation>
        </message>
        <message>
            <source>Filter users</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hash status of each user</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::PreviewDialog</name>
        <message>
            <source>Preview of a run of %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The plan could not be computed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing has been written. A run now would create %1, update %2 and delete %3; %4 stay as they are.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n object(s)</source>
            <translation>
                <numerusform>%n object</numerusform>
                <numerusform>%n objects</numerusform>
            </translation>
        </message>
        <message>
            <source>Apply this plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run with the new plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking that the plan is still the same…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>The directory changed since this preview: %n write(s) differ from the plan shown, so nothing was run. %1%2</source>
            <translation>
                <numerusform>The directory changed since this preview: %n write differs from the plan shown, so nothing was run. %1%2</numerusform>
                <numerusform>The directory changed since this preview: %n writes differ from the plan shown, so nothing was run. %1%2</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Updraft::RemoveConfigurationDialog</name>
        <message>
            <source>Remove %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1 provisioned %n object(s) in the cloud directory. What should happen to them?</source>
            <translation>
                <numerusform>%1 provisioned %n object in the cloud directory. What should happen to them?</numerusform>
                <numerusform>%1 provisioned %n objects in the cloud directory. What should happen to them?</numerusform>
            </translation>
        </message>
        <message>
            <source>Keep them (recommended)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The configuration and its history go; the cloud objects stay as they are and nothing updates them any more. Another configuration may adopt them later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete them first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A run with nothing in scope deletes exactly the objects this configuration provisioned, through its delete threshold (more than the threshold wait for your approval). The configuration is removed only when none of them is left; objects of other configurations are never touched.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Delete %n object(s) and remove</source>
            <translation>
                <numerusform>Delete %n object and remove</numerusform>
                <numerusform>Delete %n objects and remove</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Remove, keep %n object(s)</source>
            <translation>
                <numerusform>Remove, keep %n object</numerusform>
                <numerusform>Remove, keep %n objects</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Updraft::ResultsModel</name>
        <message>
            <source>%1: %2 → %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(none)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Object</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changed attributes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::RunCharts</name>
        <message numerus="yes">
            <source>Last %n run(s): changes and duration</source>
            <translation>
                <numerusform>The last run: changes and duration</numerusform>
                <numerusform>The last %n runs: changes and duration</numerusform>
            </translation>
        </message>
        <message>
            <source>Created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Updated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Duration in seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>objects</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Errors over time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Objects not written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hashes refused or retried</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed or stopped runs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes and duration of the last runs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No run has finished yet. The changes and durations of the last runs are drawn here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No run has finished yet, so there are no errors to show.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One run so far (#%1): %2 created, %3 updated, %4 deleted, in %5 s. A chart is drawn from the second run on.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>No errors in the last %n run(s).</source>
            <translation>
                <numerusform>No errors in the last run.</numerusform>
                <numerusform>No errors in the last %n runs.</numerusform>
            </translation>
        </message>
        <message>
            <source>One run so far: %1, %2; it %3.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n object(s) not written</source>
            <translation>
                <numerusform>%n object not written</numerusform>
                <numerusform>%n objects not written</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n password hash(es) refused or retried</source>
            <translation>
                <numerusform>%n password hash refused or retried</numerusform>
                <numerusform>%n password hashes refused or retried</numerusform>
            </translation>
        </message>
        <message>
            <source>failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>finished</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the last runs…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::RunCompareDialog</name>
        <message>
            <source>Compare run %1 with run %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run %1 (%2, %3) against the later run %4 (%5, %6).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New errors (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolved errors (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changed in both (%1)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::RunResultsPane</name>
        <message>
            <source>Select a run to see the objects it touched.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Updated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Matched</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unchanged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disabled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Skipped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Succeeded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepted, outcome pending</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Skipped by the target</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Planned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filter objects: name, DN, message, attribute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export CSV…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export JSON…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select an object to see what the run did to it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Run %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The plan</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>&lt;b&gt;%1&lt;/b&gt; of %2 · %3 · %4 · %5 · %n object(s) touched%6</source>
            <translation>
                <numerusform>&lt;b&gt;%1&lt;/b&gt; of %2 · %3 · %4 · %5 · %n object touched%6</numerusform>
                <numerusform>&lt;b&gt;%1&lt;/b&gt; of %2 · %3 · %4 · %5 · %n objects touched%6</numerusform>
            </translation>
        </message>
        <message>
            <source>Attribute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Before</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>After</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changed:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Source anchor:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot write %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export results as CSV</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export results as JSON</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>JSON files (*.json)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export failed</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::RunsModel</name>
        <message>
            <source>Run %1, started %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finished %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 users, %2 groups — click to list them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Started</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Configuration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trigger</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Duration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Updated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unchanged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hashes synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Held</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hashes failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hashes held until the user changes a must-change password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password hashes the cloud refused, or that are being retried</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::RunsView</name>
        <message>
            <source>Every status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs attention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopped by a guard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>With warnings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Interrupted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Succeeded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Running</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every configuration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Started between</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search runs: configuration, status, message, #id (Ctrl+F)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare the two selected runs, or the selected run with the one before it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>and</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filter runs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Runs</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::ScopeImpact</name>
        <message>
            <source>%1 is already provisioned by %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has %2 members: groups over %3 members are slow to provision and some services refuse them.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n cloud object(s) would be deleted: more than the delete threshold (%1), so the next run will stop and stage them for approval.</source>
            <translation>
                <numerusform>%n cloud object would be deleted: more than the delete threshold (%1), so the next run will stop and stage them for approval.</numerusform>
                <numerusform>%n cloud objects would be deleted: more than the delete threshold (%1), so the next run will stop and stage them for approval.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cloud object(s) would be deleted: more than %1 % of the provisioned objects, so the next run will stop and stage them for approval.</source>
            <translation>
                <numerusform>%n cloud object would be deleted: more than %1 % of the provisioned objects, so the next run will stop and stage them for approval.</numerusform>
                <numerusform>%n cloud objects would be deleted: more than %1 % of the provisioned objects, so the next run will stop and stage them for approval.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>…and %n more already provisioned by another configuration.</source>
            <translation>
                <numerusform>…and %n more already provisioned by another configuration.</numerusform>
                <numerusform>…and %n more already provisioned by another configuration.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Updraft::ScopeImpactView</name>
        <message>
            <source>%1, %2</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%Ln user(s)</source>
            <translation>
                <numerusform>%Ln user</numerusform>
                <numerusform>%Ln users</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln group(s)</source>
            <translation>
                <numerusform>%Ln group</numerusform>
                <numerusform>%Ln groups</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>…and %n more</source>
            <translation>
                <numerusform>…and %n more</numerusform>
                <numerusform>…and %n more</numerusform>
            </translation>
        </message>
        <message>
            <source>Reading the directory to see what this scope changes…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The impact is unknown: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In scope: %1. Entering: %2. Leaving: %3. Cloud objects the next run would delete: %4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Entering scope: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Leaving scope: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::ScopePicker</name>
        <message>
            <source>Find an OU by name (Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read the directory again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Searching…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No OU's name contains “%1”.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Showing the first %n match(es); type more to narrow down.</source>
            <translation>
                <numerusform>Showing the first match; type more to narrow down.</numerusform>
                <numerusform>Showing the first %n matches; type more to narrow down.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n match(es), selected.</source>
            <translation>
                <numerusform>%n match, selected.</numerusform>
                <numerusform>%n matches, selected.</numerusform>
            </translation>
        </message>
        <message>
            <source>&lt;b&gt;Organizational units&lt;/b&gt;: users in a checked OU and everything below it are in scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find groups by name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Members of the selected groups, and of the groups nested in them, are in scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Groups in scope:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;Groups&lt;/b&gt;: their members, also through nested groups</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional LDAP filter that users must also match, e.g. (departmentNumber=Sales)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Test</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Count the users this scope selects, reading the directory as a run does</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filter:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No OU checked.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In scope: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type part of a group's name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No group's name contains “%1”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Showing the first %1 groups; type more to narrow down.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check an OU or add a group first: with neither, no user is in scope.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Counting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 user matches</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 users match</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::SecretField</name>
        <message>
            <source>Keychain</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Environment variable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where the %1 is kept. The configuration holds only where, never the %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kept in the keychain; type to replace it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name of the variable, e.g. UPDRAFT_BIND_PASSWORD</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Path of a file only its owner can read (mode 0600)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::StagedDeletesModel</name>
        <message>
            <source>Waiting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Approved: the next run deletes it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rejected: kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Held back by run %1 at %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Object</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cause</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Held back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Configuration</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::StagedDeletesView</name>
        <message>
            <source>Approve deletes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select every object with this cause</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n object(s) will be deleted in the cloud by a run that starts now. This cannot be undone from Updraft.</source>
            <translation>
                <numerusform>%n object will be deleted in the cloud by a run that starts now. This cannot be undone from Updraft.</numerusform>
                <numerusform>%n objects will be deleted in the cloud by a run that starts now. This cannot be undone from Updraft.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n object(s)</source>
            <translation>
                <numerusform>Delete %n object</numerusform>
                <numerusform>Delete %n objects</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Approve %n delete(s)…</source>
            <translation>
                <numerusform>Approve %n delete…</numerusform>
                <numerusform>Approve %n deletes…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Reject %n</source>
            <translation>
                <numerusform>Reject %n</numerusform>
                <numerusform>Reject %n</numerusform>
            </translation>
        </message>
        <message>
            <source>No delete is waiting. When a run would delete more objects than a configuration's delete threshold, it deletes nothing and lists them here, each with its cause, for you to approve or reject.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n delete(s) wait for your decision. A run would have deleted more objects than the delete threshold allows, so it deleted none of them. Approved deletes are carried out by a run that starts at once; rejected ones are kept and not proposed again until their cause changes.</source>
            <translation>
                <numerusform>%n delete waits for your decision. A run would have deleted more objects than the delete threshold allows, so it deleted none of them. Approved deletes are carried out by a run that starts at once; rejected ones are kept and not proposed again until their cause changes.</numerusform>
                <numerusform>%n deletes wait for your decision. A run would have deleted more objects than the delete threshold allows, so it deleted none of them. Approved deletes are carried out by a run that starts at once; rejected ones are kept and not proposed again until their cause changes.</numerusform>
            </translation>
        </message>
        <message>
            <source>Deletes to approve</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Updraft::SyncService</name>
        <message>
            <source>%1 cannot run: its configuration is not valid: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>its configuration is not valid: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no configuration named %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: the plan could not be checked again: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: no password hash status for that user any more.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the agent on %1 (process %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the console on %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot ask %1 to run %2: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asked %1 to run %2; its run appears here when it is done.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>Updraft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The state store cannot be opened:
%1</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
