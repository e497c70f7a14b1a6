// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ldapconnection.h"

#include "core/logging.h"

#include <QFile>
#include <QMutex>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTcpSocket>

#include <ldap.h>
#include <sasl/sasl.h>

#include <algorithm>
#include <cstring>

#include <memory>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

template <typename T, auto Free> struct Deleter {
    void operator()(T *p) const
    {
        if (p)
            Free(p);
    }
};
using MessagePtr = std::unique_ptr<LDAPMessage, Deleter<LDAPMessage, ldap_msgfree>>;
using ControlPtr = std::unique_ptr<LDAPControl, Deleter<LDAPControl, ldap_control_free>>;
using ControlsPtr = std::unique_ptr<LDAPControl *, Deleter<LDAPControl *, ldap_controls_free>>;

void freeControls(LDAPControl **controls)
{
    ldap_controls_free(controls);
}

QString diagnostic(LDAP *ld)
{
    char *text = nullptr;
    if (!ld || ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &text) != LDAP_OPT_SUCCESS || !text)
        return {};
    QString out = QString::fromUtf8(text);
    ldap_memfree(text);
    return out;
}

int toLdapScope(SearchScope scope)
{
    switch (scope) {
    case SearchScope::Base:
        return LDAP_SCOPE_BASE;
    case SearchScope::OneLevel:
        return LDAP_SCOPE_ONELEVEL;
    case SearchScope::Subtree:
        return LDAP_SCOPE_SUBTREE;
    }
    return LDAP_SCOPE_SUBTREE;
}

} // namespace

// libldap says "can't contact" both when nothing listens and when an ldaps:// handshake fails; a plain TCP
// connect tells the two apart.
bool LdapConnection::tcpReachable() const
{
    QTcpSocket socket;
    socket.connectToHost(m_settings.url.host(), static_cast<quint16>(m_settings.url.port(636)));
    return socket.waitForConnected(m_settings.timeoutSeconds * 1000);
}

LdapConnection::LdapConnection(LdapSettings settings)
    : m_settings(std::move(settings))
{}

LdapConnection::~LdapConnection()
{
    if (m_ld)
        ldap_unbind_ext_s(m_ld, nullptr, nullptr);
}

// Active Directory (and Samba AD) says why a bind failed in its diagnostic message: "…AcceptSecurityContext
// error, data 52e, v4563" (the Win32 error of the logon).
QString LdapConnection::activeDirectoryBindReason(const QString &diagnostic)
{
    static const QRegularExpression data(u"data ([0-9a-fA-F]+)"_s);
    const QRegularExpressionMatch m = data.match(diagnostic);
    if (!m.hasMatch())
        return {};
    static const QHash<QString, QString> reasons{
        {u"525"_s, u"the account does not exist"_s},
        {u"52e"_s, u"the name or the password is wrong"_s}, // AD says so for a name it does not know too
        {u"530"_s, u"the account may not sign in at this time"_s},
        {u"531"_s, u"the account may not sign in from this computer"_s},
        {u"532"_s, u"the account's password has expired"_s},
        {u"533"_s, u"the account is disabled"_s},
        {u"568"_s, u"the account is in too many groups"_s},
        {u"701"_s, u"the account has expired"_s},
        {u"773"_s, u"the account must change its password first"_s},
        {u"775"_s, u"the account is locked out"_s},
    };
    return reasons.value(m.captured(1).toLower());
}

bool LdapConnection::fail(int code, const QString &context)
{
    using Kind = LdapError::Kind;
    m_error.code = code;
    m_error.detail = QString::fromUtf8(ldap_err2string(code));
    const QString diag = diagnostic(m_ld);
    if (!diag.isEmpty())
        m_error.detail += u": "_s + diag;
    const QString server = m_settings.url.toString();
    const bool tlsProblem =
        diag.contains(u"TLS"_s, Qt::CaseInsensitive) ||
        diag.contains(u"certificate"_s, Qt::CaseInsensitive) || code == LDAP_CONNECT_ERROR ||
        (code == LDAP_SERVER_DOWN && m_settings.url.scheme() == u"ldaps"_s && tcpReachable());
    switch (code) {
    case LDAP_SERVER_DOWN:
    case LDAP_CONNECT_ERROR:
        m_error.kind = tlsProblem && (m_settings.startTls || m_settings.url.scheme() == u"ldaps"_s)
                           ? Kind::Tls
                           : Kind::Connect;
        m_error.message =
            m_error.kind == Kind::Tls
                ? u"The TLS handshake with %1 failed: the server's certificate is not trusted or not valid "
                  u"for this name. Check source.caFile and the server certificate."_s.arg(server)
                : u"Cannot reach the directory server at %1: check source.url and that the server is running."_s
                      .arg(server);
        break;
    case LDAP_INVALID_CREDENTIALS:
        m_error.kind = Kind::Credentials;
        if (const QString reason = activeDirectoryBindReason(diag); !reason.isEmpty())
            m_error.message = u"The directory refused the bind: %1 (source.bindDn \"%2\")."_s.arg(
                reason, m_settings.bindDn);
        else
            m_error.message =
                u"The directory rejected the bind name or password (source.bindDn \"%1\")."_s.arg(
                    m_settings.bindDn);
        break;
    case LDAP_NO_SUCH_OBJECT:
        m_error.kind = Kind::NoSuchObject;
        m_error.message = u"%1 does not exist in the directory."_s.arg(context);
        break;
    case LDAP_INSUFFICIENT_ACCESS:
    case LDAP_INAPPROPRIATE_AUTH:
    case LDAP_STRONG_AUTH_REQUIRED:
    case LDAP_CONFIDENTIALITY_REQUIRED:
        m_error.kind = Kind::Permission;
        m_error.message = u"The directory refused %1 for the sync account."_s.arg(context);
        break;
    case LDAP_FILTER_ERROR:
        m_error.kind = Kind::Filter;
        m_error.message =
            u"The search filter for %1 is not valid LDAP filter syntax (scope.filter)."_s.arg(context);
        break;
    case LDAP_TIMEOUT:
    case LDAP_TIMELIMIT_EXCEEDED:
        m_error.kind = Kind::Timeout;
        m_error.message =
            u"The directory did not answer %1 within %2 s."_s.arg(context).arg(m_settings.timeoutSeconds);
        break;
    case LDAP_SIZELIMIT_EXCEEDED:
        m_error.kind = Kind::SizeLimit;
        m_error.message =
            u"The server's size limit cut %1 short: allow paged results or an unlimited size for the sync account."_s
                .arg(context);
        break;
    default:
        m_error.kind = Kind::Other;
        m_error.message = u"The directory reported an error during %1."_s.arg(context);
    }
    qCWarning(lcLdap).noquote() << m_error.message << "-" << m_error.detail;
    return false;
}

bool LdapConnection::open()
{
    m_error = {};
    const QString scheme = m_settings.url.scheme().toLower();
    if (scheme != u"ldap"_s && scheme != u"ldaps"_s && scheme != u"ldapi"_s) {
        m_error = {LdapError::Kind::Connect,
                   0,
                   u"source.url \"%1\" must start with ldap://, ldaps:// or ldapi://."_s.arg(
                       m_settings.url.toString()),
                   {}};
        return false;
    }
    // ldapi: the socket path goes percent-encoded where the host would be (empty: libldap's default socket).
    const QByteArray uri = scheme == u"ldapi"_s ? "ldapi://" + QUrl::toPercentEncoding(m_settings.url.path())
                                                : m_settings.url.toString(QUrl::FullyEncoded).toUtf8();
    if (int rc = ldap_initialize(&m_ld, uri.constData()); rc != LDAP_SUCCESS)
        return fail(rc, u"connecting"_s);

    int version = LDAP_VERSION3;
    ldap_set_option(m_ld, LDAP_OPT_PROTOCOL_VERSION, &version);
    ldap_set_option(m_ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    timeval timeout{m_settings.timeoutSeconds, 0};
    ldap_set_option(m_ld, LDAP_OPT_NETWORK_TIMEOUT, &timeout);
    ldap_set_option(m_ld, LDAP_OPT_TIMEOUT, &timeout);

    int requireCert = m_settings.verifyCertificate ? LDAP_OPT_X_TLS_DEMAND : LDAP_OPT_X_TLS_NEVER;
    if (!m_settings.verifyCertificate)
        qCWarning(lcLdap) << "certificate verification is switched off for" << m_settings.url.host();
    ldap_set_option(m_ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &requireCert);
    if (!m_settings.caFile.isEmpty()) {
        const QByteArray ca = m_settings.caFile.toLocal8Bit();
        ldap_set_option(m_ld, LDAP_OPT_X_TLS_CACERTFILE, ca.constData());
    }
    int isServer = 0;
    ldap_set_option(m_ld, LDAP_OPT_X_TLS_NEWCTX, &isServer);

    if (m_settings.startTls && scheme == u"ldap"_s) {
        if (int rc = ldap_start_tls_s(m_ld, nullptr, nullptr); rc != LDAP_SUCCESS) {
            fail(rc, u"StartTLS"_s);
            m_error.kind = LdapError::Kind::Tls;
            m_error.message =
                u"StartTLS with %1 failed: check the server certificate, source.caFile, and that the "
                u"server offers StartTLS."_s.arg(m_settings.url.toString());
            return false;
        }
    }

    if (!m_settings.saslMechanism.isEmpty())
        return saslBind();

    const QByteArray dn = m_settings.bindDn.toUtf8();
    berval cred{static_cast<ber_len_t>(m_settings.bindPassword.size()),
                const_cast<char *>(m_settings.bindPassword.constData())};
    if (int rc = ldap_sasl_bind_s(m_ld, dn.isEmpty() ? nullptr : dn.constData(), LDAP_SASL_SIMPLE, &cred,
                                  nullptr, nullptr, nullptr);
        rc != LDAP_SUCCESS) {
        fail(rc, u"the bind"_s);
        ldap_unbind_ext_s(m_ld, nullptr, nullptr);
        m_ld = nullptr;
        return false;
    }
    qCDebug(lcLdap) << "bound to" << m_settings.url.toString() << "as" << m_settings.bindDn;
    return true;
}

bool LdapConnection::whoAmI(QString *authzId)
{
    m_error = {};
    berval *id = nullptr;
    if (int rc = ldap_whoami_s(m_ld, &id, nullptr, nullptr); rc != LDAP_SUCCESS)
        return fail(rc, u"the \"Who am I?\" request"_s);
    *authzId = id ? QString::fromUtf8(id->bv_val, qsizetype(id->bv_len)) : QString();
    ber_bvfree(id);
    return true;
}

namespace {

// GSSAPI asks nothing the ticket or the keytab does not answer: every prompt takes its default.
int saslInteract(LDAP *, unsigned, void *, void *prompts)
{
    for (auto *p = static_cast<sasl_interact_t *>(prompts); p && p->id != SASL_CB_LIST_END; ++p) {
        p->result = p->defresult ? p->defresult : "";
        p->len = static_cast<unsigned>(std::strlen(static_cast<const char *>(p->result)));
    }
    return LDAP_SUCCESS;
}

} // namespace

bool LdapConnection::saslBind()
{
    // MIT krb5 reads the client keytab from the environment, which the whole process shares: one GSSAPI bind
    // at a time, each with its own configuration's keytab.
    static QMutex environment;
    const QMutexLocker lock(&environment);
    const bool hadKeytab = qEnvironmentVariableIsSet("KRB5_CLIENT_KTNAME");
    const QByteArray previousKeytab = qgetenv("KRB5_CLIENT_KTNAME");
    const auto restore = qScopeGuard([&] {
        if (m_settings.keytab.isEmpty())
            return;
        if (hadKeytab)
            qputenv("KRB5_CLIENT_KTNAME", previousKeytab);
        else
            qunsetenv("KRB5_CLIENT_KTNAME");
    });
    if (!m_settings.keytab.isEmpty())
        qputenv("KRB5_CLIENT_KTNAME", QFile::encodeName(m_settings.keytab));
    // The service principal is ldap/<the host as written in the URL>: no reverse lookup that could pick
    // another name (or none, on a test address).
    int noCanon = 1;
    ldap_set_option(m_ld, LDAP_OPT_X_SASL_NOCANON, &noCanon);
    const QByteArray mechanism = m_settings.saslMechanism.toUtf8();
    if (int rc = ldap_sasl_interactive_bind_s(m_ld, nullptr, mechanism.constData(), nullptr, nullptr,
                                              LDAP_SASL_QUIET, saslInteract, nullptr);
        rc != LDAP_SUCCESS) {
        fail(rc, u"the %1 bind"_s.arg(m_settings.saslMechanism));
        if (m_error.detail.contains(u"credential"_s, Qt::CaseInsensitive) ||
            m_error.detail.contains(u"ticket"_s, Qt::CaseInsensitive) ||
            m_error.detail.contains(u"Kerberos"_s, Qt::CaseInsensitive) || rc == LDAP_LOCAL_ERROR) {
            m_error.kind = LdapError::Kind::Credentials;
            m_error.message =
                u"The %1 bind to %2 failed: no usable Kerberos ticket (kinit, or source.keytab) or "
                u"no service principal ldap/%3 in the realm. %4"_s.arg(m_settings.saslMechanism,
                                                                       m_settings.url.toString(),
                                                                       m_settings.url.host(), m_error.detail);
        }
        ldap_unbind_ext_s(m_ld, nullptr, nullptr);
        m_ld = nullptr;
        return false;
    }
    char *who = nullptr;
    ldap_get_option(m_ld, LDAP_OPT_X_SASL_USERNAME, &who);
    qCDebug(lcLdap) << "bound to" << m_settings.url.toString() << "with" << m_settings.saslMechanism << "as"
                    << (who ? who : "?");
    if (who)
        ldap_memfree(who);
    return true;
}

DirectoryEntry LdapConnection::readEntry(void *message)
{
    auto *entry = static_cast<LDAPMessage *>(message);
    DirectoryEntry out;
    if (char *dn = ldap_get_dn(m_ld, entry)) {
        out.dn = QString::fromUtf8(dn);
        ldap_memfree(dn);
    }
    BerElement *ber = nullptr;
    for (char *attr = ldap_first_attribute(m_ld, entry, &ber); attr;
         attr = ldap_next_attribute(m_ld, entry, ber)) {
        const QString name = QString::fromUtf8(attr).toLower();
        if (berval **values = ldap_get_values_len(m_ld, entry, attr)) {
            QList<QByteArray> &list = out.attributes[name];
            for (berval **v = values; *v; ++v)
                list.append(QByteArray((*v)->bv_val, static_cast<qsizetype>((*v)->bv_len)));
            ldap_value_free_len(values);
        }
        ldap_memfree(attr);
    }
    if (ber)
        ber_free(ber, 0);
    return out;
}

bool LdapConnection::search(const QString &base, SearchScope scope, const QString &filter,
                            const QStringList &attributes, const EntryHandler &handler)
{
    m_error = {};
    if (!m_ld) {
        m_error = {
            LdapError::Kind::Connect, LDAP_SERVER_DOWN, u"The directory connection is not open."_s, {}};
        return false;
    }
    const QByteArray baseUtf8 = base.toUtf8();
    const QByteArray filterUtf8 = filter.isEmpty() ? QByteArrayLiteral("(objectClass=*)") : filter.toUtf8();
    std::vector<QByteArray> attrStore;
    std::vector<char *> attrs;
    for (const QString &a : attributes)
        attrStore.push_back(a.toUtf8());
    for (QByteArray &a : attrStore)
        attrs.push_back(a.data());
    attrs.push_back(nullptr);
    const QString context = u"the search under \"%1\""_s.arg(base);

    berval cookie{0, nullptr};
    QByteArray cookieStore;
    timeval timeout{m_settings.timeoutSeconds, 0};
    do {
        LDAPControl *rawPage = nullptr;
        const int pageSize =
            m_sizeLimit > 0 ? std::min(m_sizeLimit, m_settings.pageSize) : m_settings.pageSize;
        if (int rc = ldap_create_page_control(m_ld, static_cast<ber_int_t>(pageSize),
                                              cookie.bv_len ? &cookie : nullptr, 0, &rawPage);
            rc != LDAP_SUCCESS)
            return fail(rc, context);
        ControlPtr pageControl(rawPage);
        LDAPControl *serverControls[] = {pageControl.get(), nullptr};

        LDAPMessage *rawResult = nullptr;
        const int rc =
            ldap_search_ext_s(m_ld, baseUtf8.constData(), toLdapScope(scope), filterUtf8.constData(),
                              attributes.isEmpty() ? nullptr : attrs.data(), 0, serverControls, nullptr,
                              &timeout, m_sizeLimit > 0 ? m_sizeLimit : LDAP_NO_LIMIT, &rawResult);
        MessagePtr result(rawResult);
        if (rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED && rc != LDAP_PARTIAL_RESULTS)
            return fail(rc, context);

        qint64 received = 0;
        for (LDAPMessage *e = ldap_first_entry(m_ld, result.get()); e; e = ldap_next_entry(m_ld, e)) {
            ++m_entriesRead;
            ++received;
            handler(readEntry(e));
        }
        if (m_sizeLimit > 0 && (rc == LDAP_SIZELIMIT_EXCEEDED || received >= m_sizeLimit))
            return true;

        int resultCode = LDAP_SUCCESS;
        LDAPControl **returned = nullptr;
        if (int prc =
                ldap_parse_result(m_ld, result.get(), &resultCode, nullptr, nullptr, nullptr, &returned, 0);
            prc != LDAP_SUCCESS)
            return fail(prc, context);
        std::unique_ptr<LDAPControl *, decltype(&freeControls)> returnedGuard(returned, &freeControls);
        if (resultCode == LDAP_SIZELIMIT_EXCEEDED && m_sizeLimit > 0)
            return true;
        if (resultCode != LDAP_SUCCESS)
            return fail(resultCode, context);

        cookieStore.clear();
        cookie = {0, nullptr};
        if (LDAPControl *page = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, returned, nullptr)) {
            ber_int_t estimate = 0;
            berval next{0, nullptr};
            if (ldap_parse_pageresponse_control(m_ld, page, &estimate, &next) == LDAP_SUCCESS &&
                next.bv_len) {
                cookieStore = QByteArray(next.bv_val, static_cast<qsizetype>(next.bv_len));
                ber_memfree(next.bv_val);
                cookie = {static_cast<ber_len_t>(cookieStore.size()), cookieStore.data()};
            }
        }
    } while (cookie.bv_len > 0);
    return true;
}

namespace {

// Keeps a changed DN or a deleted id of a check while there is room; past it, says the list is partial.
template <typename List, typename Value>
void keep(LdapConnection::SyncCheck &out, List &list, int limit, Value value)
{
    if (list.size() < limit)
        list.append(std::move(value));
    else
        out.changesKept = false;
}

// syncInfoValue (RFC 4533 2.5): a syncIdSet carries a cookie and the UUIDs of deleted entries, or (without
// refreshDeletes) of present ones; refreshPresent ends a present phase.
void readSyncInfo(BerElement *ber, LdapConnection::SyncCheck &out, int keepChanges)
{
    ber_len_t len = 0;
    const ber_tag_t tag = ber_peek_tag(ber, &len);
    if (tag == LDAP_TAG_SYNC_NEW_COOKIE) {
        berval cookie{};
        if (ber_scanf(ber, "m", &cookie) != LBER_ERROR)
            out.cookie = QByteArray(cookie.bv_val, qsizetype(cookie.bv_len));
        return;
    }
    if (tag != LDAP_TAG_SYNC_ID_SET && tag != LDAP_TAG_SYNC_REFRESH_DELETE &&
        tag != LDAP_TAG_SYNC_REFRESH_PRESENT)
        return;
    if (tag == LDAP_TAG_SYNC_REFRESH_PRESENT)
        out.presentPhase = true;
    if (ber_scanf(ber, "{") == LBER_ERROR)
        return;
    if (ber_peek_tag(ber, &len) == LDAP_TAG_SYNC_COOKIE) {
        berval cookie{};
        if (ber_scanf(ber, "m", &cookie) != LBER_ERROR)
            out.cookie = QByteArray(cookie.bv_val, qsizetype(cookie.bv_len));
    }
    if (tag != LDAP_TAG_SYNC_ID_SET)
        return;
    ber_int_t deletes = 0;
    if (ber_peek_tag(ber, &len) == LDAP_TAG_REFRESHDELETES)
        ber_scanf(ber, "b", &deletes);
    BerVarray uuids = nullptr;
    if (ber_scanf(ber, "[W]", &uuids) != LBER_ERROR && uuids) {
        for (BerVarray u = uuids; u->bv_val; ++u) {
            if (!deletes) {
                out.presentPhase = true;
                continue;
            }
            ++out.deletedUuids;
            keep(out, out.deletedIds, keepChanges, QByteArray(u->bv_val, qsizetype(u->bv_len)));
        }
        ber_bvarray_free(uuids);
    }
}

// An entry's syncStateValue (RFC 4533 2.2): { state ENUMERATED, entryUUID, cookie OPTIONAL }.
bool readSyncState(LDAP *ld, LDAPMessage *entry, int *state, QByteArray *uuid)
{
    LDAPControl **controls = nullptr;
    if (ldap_get_entry_controls(ld, entry, &controls) != LDAP_SUCCESS || !controls)
        return false;
    const ControlsPtr guard(controls);
    LDAPControl *control = ldap_control_find(LDAP_CONTROL_SYNC_STATE, controls, nullptr);
    if (!control)
        return false;
    BerElement *ber = ber_init(&control->ldctl_value);
    if (!ber)
        return false;
    ber_int_t value = 0;
    berval id{};
    const bool ok = ber_scanf(ber, "{em", &value, &id) != LBER_ERROR;
    if (ok) {
        *state = int(value);
        *uuid = QByteArray(id.bv_val, qsizetype(id.bv_len));
    }
    ber_free(ber, 1);
    return ok;
}

} // namespace

bool LdapConnection::failUnexpected(void *message, const QString &context)
{
    // Not an answer to the search (a server refusing a critical control with an extended response): say so
    // now rather than wait out the timeout.
    int rc = LDAP_OTHER;
    ldap_parse_result(m_ld, static_cast<LDAPMessage *>(message), &rc, nullptr, nullptr, nullptr, nullptr, 0);
    ldap_msgfree(static_cast<LDAPMessage *>(message));
    return fail(rc == LDAP_SUCCESS ? LDAP_PROTOCOL_ERROR : rc, context);
}

bool LdapConnection::syncCheck(const QString &base, const QString &filter, const QByteArray &cookie,
                               SyncCheck &out)
{
    out = {};
    // syncRequestValue ::= SEQUENCE { mode ENUMERATED, cookie syncCookie OPTIONAL, reloadHint BOOLEAN DEFAULT
    // FALSE }
    BerElement *ber = ber_alloc_t(LBER_USE_DER);
    berval cookieValue{static_cast<ber_len_t>(cookie.size()), const_cast<char *>(cookie.constData())};
    if (cookie.isEmpty())
        ber_printf(ber, "{e}", ber_int_t(LDAP_SYNC_REFRESH_ONLY));
    else
        ber_printf(ber, "{eO}", ber_int_t(LDAP_SYNC_REFRESH_ONLY), &cookieValue);
    berval value{};
    ber_flatten2(ber, &value, 0);
    LDAPControl *raw = nullptr;
    const int created = ldap_control_create(LDAP_CONTROL_SYNC, 1, &value, 1, &raw);
    ber_free(ber, 1);
    if (created != LDAP_SUCCESS)
        return fail(created, u"the change check"_s);
    ControlPtr control(raw);
    LDAPControl *serverControls[] = {control.get(), nullptr};

    const QByteArray b = base.toUtf8();
    const QByteArray f = filter.toUtf8();
    char noAttributes[] = "1.1";
    char *attrs[] = {noAttributes, nullptr};
    int msgid = 0;
    if (int rc = ldap_search_ext(m_ld, b.constData(), LDAP_SCOPE_SUBTREE, f.constData(), attrs, 0,
                                 serverControls, nullptr, nullptr, 0, &msgid);
        rc != LDAP_SUCCESS)
        return fail(rc, u"the change check"_s);

    timeval timeout{m_settings.timeoutSeconds, 0};
    for (;;) {
        LDAPMessage *message = nullptr;
        const int type = ldap_result(m_ld, msgid, LDAP_MSG_ONE, &timeout, &message);
        if (type <= 0) {
            ldap_msgfree(message);
            return fail(type == 0 ? LDAP_TIMEOUT : LDAP_SERVER_DOWN, u"the change check"_s);
        }
        if (type == LDAP_RES_SEARCH_ENTRY) {
            int state = LDAP_SYNC_ADD;
            QByteArray uuid;
            readSyncState(m_ld, message, &state, &uuid);
            if (state == LDAP_SYNC_DELETE) {
                ++out.deletedUuids;
                keep(out, out.deletedIds, m_keepChanges, uuid);
            } else {
                ++out.entries;
                if (state == LDAP_SYNC_PRESENT)
                    out.presentPhase = true;
                else if (char *dn = ldap_get_dn(m_ld, message)) {
                    keep(out, out.changedDns, m_keepChanges, QString::fromUtf8(dn));
                    ldap_memfree(dn);
                }
            }
        } else if (type == LDAP_RES_INTERMEDIATE) {
            berval *data = nullptr;
            if (ldap_parse_intermediate(m_ld, message, nullptr, &data, nullptr, 0) == LDAP_SUCCESS && data) {
                if (BerElement *info = ber_init(data)) {
                    readSyncInfo(info, out, m_keepChanges);
                    ber_free(info, 1);
                }
                ber_bvfree(data);
            }
        } else if (type != LDAP_RES_SEARCH_RESULT && type != LDAP_RES_SEARCH_REFERENCE) {
            return failUnexpected(message, u"the change check"_s);
        } else if (type == LDAP_RES_SEARCH_RESULT) {
            int rc = LDAP_SUCCESS;
            LDAPControl **returned = nullptr;
            const int parsed = ldap_parse_result(m_ld, message, &rc, nullptr, nullptr, nullptr, &returned, 0);
            ldap_msgfree(message);
            const ControlsPtr guard(returned);
            if (parsed != LDAP_SUCCESS)
                return fail(parsed, u"the change check"_s);
            if (rc == LDAP_SYNC_REFRESH_REQUIRED) {
                out.refreshRequired = true;
                return true;
            }
            if (rc != LDAP_SUCCESS)
                return fail(rc, u"the change check"_s);
            // syncDoneValue ::= SEQUENCE { cookie syncCookie OPTIONAL, refreshDeletes BOOLEAN DEFAULT FALSE }
            if (LDAPControl *done = ldap_control_find(LDAP_CONTROL_SYNC_DONE, returned, nullptr)) {
                if (BerElement *d = ber_init(&done->ldctl_value)) {
                    ber_len_t len = 0;
                    berval newCookie{};
                    if (ber_scanf(d, "{") != LBER_ERROR && ber_peek_tag(d, &len) == LDAP_TAG_SYNC_COOKIE &&
                        ber_scanf(d, "m", &newCookie) != LBER_ERROR)
                        out.cookie = QByteArray(newCookie.bv_val, qsizetype(newCookie.bv_len));
                    ber_free(d, 1);
                }
            }
            return true;
        }
        ldap_msgfree(message);
    }
}

bool LdapConnection::dirSyncCheck(const QString &base, const QString &filter, const QStringList &attributes,
                                  const QByteArray &cookie, SyncCheck &out)
{
    out = {};
    out.cookie = cookie;
    const QByteArray b = base.toUtf8();
    const QByteArray f = filter.toUtf8();
    QList<QByteArray> names;
    for (const QString &a : attributes)
        names.append(a.toUtf8());
    names.append("isDeleted");
    names.append("objectGUID");
    std::vector<char *> attrs;
    for (QByteArray &n : names)
        attrs.push_back(n.data());
    attrs.push_back(nullptr);

    // One search per batch: the server says whether more changes wait behind the cookie it returns.
    for (int batch = 0;; ++batch) {
        // DirSyncRequestValue ::= SEQUENCE { Flags INTEGER, MaxBytes INTEGER, Cookie OCTET STRING }
        BerElement *ber = ber_alloc_t(LBER_USE_DER);
        berval cookieValue{static_cast<ber_len_t>(out.cookie.size()),
                           const_cast<char *>(out.cookie.constData())};
        ber_printf(ber, "{iiO}", ber_int_t(DirSyncObjectSecurity | DirSyncIncrementalValues),
                   ber_int_t(1 << 20), &cookieValue);
        berval value{};
        ber_flatten2(ber, &value, 0);
        LDAPControl *raw = nullptr;
        const int created = ldap_control_create(DirSyncOid, 1, &value, 1, &raw);
        ber_free(ber, 1);
        if (created != LDAP_SUCCESS)
            return fail(created, u"the change check (DirSync)"_s);
        ControlPtr control(raw);
        LDAPControl *serverControls[] = {control.get(), nullptr};
        int msgid = 0;
        if (int rc = ldap_search_ext(m_ld, b.constData(), LDAP_SCOPE_SUBTREE, f.constData(), attrs.data(), 0,
                                     serverControls, nullptr, nullptr, 0, &msgid);
            rc != LDAP_SUCCESS)
            return fail(rc, u"the change check (DirSync)"_s);

        timeval timeout{m_settings.timeoutSeconds, 0};
        bool more = false;
        for (bool done = false; !done;) {
            LDAPMessage *message = nullptr;
            const int type = ldap_result(m_ld, msgid, LDAP_MSG_ONE, &timeout, &message);
            if (type <= 0) {
                ldap_msgfree(message);
                return fail(type == 0 ? LDAP_TIMEOUT : LDAP_SERVER_DOWN, u"the change check (DirSync)"_s);
            }
            if (type == LDAP_RES_SEARCH_ENTRY) {
                const DirectoryEntry e = readEntry(message);
                if (e.value(u"isDeleted"_s).compare("TRUE", Qt::CaseInsensitive) == 0) {
                    ++out.deletedUuids;
                    keep(out, out.deletedIds, m_keepChanges, e.value(u"objectGUID"_s));
                } else {
                    ++out.entries;
                    keep(out, out.changedDns, m_keepChanges, e.dn);
                }
            } else if (type != LDAP_RES_SEARCH_RESULT && type != LDAP_RES_SEARCH_REFERENCE) {
                return failUnexpected(message, u"the change check (DirSync)"_s);
            } else if (type == LDAP_RES_SEARCH_RESULT) {
                int rc = LDAP_SUCCESS;
                LDAPControl **returned = nullptr;
                const int parsed =
                    ldap_parse_result(m_ld, message, &rc, nullptr, nullptr, nullptr, &returned, 0);
                ldap_msgfree(message);
                message = nullptr;
                const ControlsPtr guard(returned);
                if (parsed != LDAP_SUCCESS)
                    return fail(parsed, u"the change check (DirSync)"_s);
                if (rc != LDAP_SUCCESS)
                    return fail(rc, u"the change check (DirSync)"_s);
                // DirSyncResponseValue ::= SEQUENCE { MoreResults INTEGER, unused INTEGER, CookieServer OCTET
                // STRING }
                LDAPControl *response = ldap_control_find(DirSyncOid, returned, nullptr);
                if (!response)
                    return fail(LDAP_PROTOCOL_ERROR, u"the change check (DirSync: no cookie came back)"_s);
                BerElement *d = ber_init(&response->ldctl_value);
                ber_int_t moreResults = 0, unused = 0;
                berval newCookie{};
                const bool ok = d && ber_scanf(d, "{iim}", &moreResults, &unused, &newCookie) != LBER_ERROR;
                if (ok)
                    out.cookie = QByteArray(newCookie.bv_val, qsizetype(newCookie.bv_len));
                if (d)
                    ber_free(d, 1);
                if (!ok)
                    return fail(LDAP_DECODING_ERROR, u"the change check (DirSync cookie)"_s);
                more = moreResults != 0;
                done = true;
            }
            ldap_msgfree(message);
        }
        if (!more || batch > 10000)
            return true;
    }
}

bool LdapConnection::usnCheck(const QString &base, const QString &filter, const QByteArray &cookie,
                              SyncCheck &out)
{
    out = {};
    QString serviceName;
    QByteArray highest;
    if (!search(QString(), SearchScope::Base, u"(objectClass=*)"_s,
                {u"highestCommittedUSN"_s, u"dsServiceName"_s}, [&](DirectoryEntry &&e) {
                    highest = e.value(u"highestCommittedUSN"_s);
                    serviceName = e.text(u"dsServiceName"_s);
                }))
        return false;
    QByteArray invocationId;
    if (!serviceName.isEmpty() &&
        !search(serviceName, SearchScope::Base, u"(objectClass=*)"_s, {u"invocationId"_s},
                [&](DirectoryEntry &&e) { invocationId = e.value(u"invocationId"_s); }))
        return false;
    bool numeric = false;
    highest.toLongLong(&numeric);
    if (!numeric || invocationId.isEmpty()) {
        m_error = {LdapError::Kind::Other,
                   0,
                   u"The directory server did not give its highestCommittedUSN and invocationId."_s,
                   {}};
        return false;
    }
    out.cookie = "usn:" + invocationId.toHex() + ':' + highest;
    const QList<QByteArray> previous = cookie.split(':');
    if (previous.size() != 3 || previous.at(0) != "usn") {
        out.entries = 1; // no watermark yet: everything counts as changed
        return true;
    }
    if (previous.at(1) != invocationId.toHex()) {
        out.refreshRequired = true; // another DC, or this one restored: its USNs are not ours
        return true;
    }
    const qint64 since = previous.at(2).toLongLong(&numeric);
    if (!numeric) {
        out.refreshRequired = true;
        return true;
    }
    out.deletesShown = false;
    return search(base, SearchScope::Subtree, u"(&%1(uSNChanged>=%2))"_s.arg(filter).arg(since + 1),
                  {u"1.1"_s}, [&](DirectoryEntry &&e) {
                      ++out.entries;
                      keep(out, out.changedDns, m_keepChanges, e.dn);
                  });
}

} // namespace Updraft
