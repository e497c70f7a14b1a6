// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/expression.h"

#include "source/ldapdn.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

QString argumentCount(int n)
{
    return n == 1 ? u"1 argument"_s : u"%1 arguments"_s.arg(n);
}

using ExprPtr = std::shared_ptr<const Expression>;

bool isNullish(const QJsonValue &v)
{
    return v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty());
}

QString asText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return {};
}

class Literal final : public Expression
{
public:
    explicit Literal(QJsonValue v)
        : m_value(std::move(v))
    {}
    QJsonValue evaluate(const ExpressionContext &) const override { return m_value; }
    void collectAttributes(QStringList &) const override {}

private:
    QJsonValue m_value;
};

class Attribute final : public Expression
{
public:
    explicit Attribute(QString name)
        : m_name(std::move(name))
    {}
    QJsonValue evaluate(const ExpressionContext &c) const override
    {
        if (!c.entry || !c.entry->has(m_name))
            return QJsonValue::Null;
        return c.entry->text(m_name);
    }
    void collectAttributes(QStringList &into) const override
    {
        if (!into.contains(m_name, Qt::CaseInsensitive))
            into.append(m_name);
    }
    const QString &name() const { return m_name; }

private:
    QString m_name;
};

class Variable final : public Expression
{
public:
    explicit Variable(QString name)
        : m_name(std::move(name))
    {}
    QJsonValue evaluate(const ExpressionContext &c) const override
    {
        const auto it = c.variables.constFind(m_name);
        return it == c.variables.cend() ? QJsonValue(QJsonValue::Null) : QJsonValue(*it);
    }
    void collectAttributes(QStringList &) const override {}

private:
    QString m_name;
};

struct Function {
    int minArgs;
    int maxArgs;        // -1: any
    bool attributeArgs; // the arguments must be attribute names (present, ref)
    QJsonValue (*call)(const QList<ExprPtr> &args, const ExpressionContext &c);
};

const QHash<QString, Function> &functions()
{
    static const QHash<QString, Function> table = {
        {u"coalesce"_s,
         {1, -1, false,
          [](const QList<ExprPtr> &a, const ExpressionContext &c) {
              for (const ExprPtr &e : a)
                  if (QJsonValue v = e->evaluate(c); !isNullish(v))
                      return v;
              return QJsonValue(QJsonValue::Null);
          }}},
        {u"concat"_s,
         {1, -1, false,
          [](const QList<ExprPtr> &a, const ExpressionContext &c) {
              QString out;
              for (const ExprPtr &e : a) {
                  const QJsonValue v = e->evaluate(c);
                  if (isNullish(v))
                      return QJsonValue(QJsonValue::Null);
                  out += asText(v);
              }
              return QJsonValue(out);
          }}},
        {u"lower"_s,
         {1, 1, false,
          [](const QList<ExprPtr> &a, const ExpressionContext &c) {
              const QJsonValue v = a[0]->evaluate(c);
              return isNullish(v) ? v : QJsonValue(asText(v).toLower());
          }}},
        {u"upper"_s,
         {1, 1, false,
          [](const QList<ExprPtr> &a, const ExpressionContext &c) {
              const QJsonValue v = a[0]->evaluate(c);
              return isNullish(v) ? v : QJsonValue(asText(v).toUpper());
          }}},
        {u"trim"_s,
         {1, 1, false,
          [](const QList<ExprPtr> &a, const ExpressionContext &c) {
              const QJsonValue v = a[0]->evaluate(c);
              return isNullish(v) ? v : QJsonValue(asText(v).trimmed());
          }}},
        {u"replace"_s,
         {3, 3, false,
          [](const QList<ExprPtr> &a, const ExpressionContext &c) {
              const QJsonValue v = a[0]->evaluate(c);
              if (isNullish(v))
                  return v;
              return QJsonValue(asText(v).replace(asText(a[1]->evaluate(c)), asText(a[2]->evaluate(c))));
          }}},
        {u"present"_s,
         {1, 1, true,
          [](const QList<ExprPtr> &a, const ExpressionContext &c) {
              return QJsonValue(!isNullish(a[0]->evaluate(c)));
          }}},
        {u"not"_s,
         {1, 1, false,
          [](const QList<ExprPtr> &a, const ExpressionContext &c) {
              const QJsonValue v = a[0]->evaluate(c);
              const bool truthy = v.isBool() ? v.toBool()
                                             : !isNullish(v) &&
                                                   asText(v).compare(u"false"_s, Qt::CaseInsensitive) != 0 &&
                                                   asText(v) != u"0"_s;
              return QJsonValue(!truthy);
          }}},
        {u"flag"_s,
         {2, 2, false,
          [](const QList<ExprPtr> &a, const ExpressionContext &c) {
              const qint64 value = asText(a[0]->evaluate(c)).toLongLong();
              const qint64 mask = asText(a[1]->evaluate(c)).toLongLong();
              return QJsonValue((value & mask) != 0);
          }}},
        {u"ref"_s,
         {1, 1, true,
          [](const QList<ExprPtr> &a, const ExpressionContext &c) {
              const QJsonValue v = a[0]->evaluate(c);
              if (isNullish(v))
                  return QJsonValue(QJsonValue::Null);
              const QString dn = Ldap::normalizeDn(asText(v));
              return dn.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonObject{{u"$ref"_s, dn}});
          }}},
    };
    return table;
}

class Call final : public Expression
{
public:
    Call(const Function &fn, QList<ExprPtr> args)
        : m_fn(fn)
        , m_args(std::move(args))
    {}
    QJsonValue evaluate(const ExpressionContext &c) const override { return m_fn.call(m_args, c); }
    void collectAttributes(QStringList &into) const override
    {
        for (const ExprPtr &a : m_args)
            a->collectAttributes(into);
    }

private:
    const Function &m_fn;
    QList<ExprPtr> m_args;
};

class Parser
{
public:
    explicit Parser(const QString &text)
        : m_text(text)
    {}

    ExprPtr parseAll(QString *error)
    {
        ExprPtr e = expression();
        skipSpace();
        if (e && m_pos != m_text.size())
            fail(u"unexpected \"%1\""_s.arg(m_text.mid(m_pos, 10)));
        if (!m_error.isEmpty()) {
            if (error)
                *error = u"at character %1: %2"_s.arg(m_errorPos + 1).arg(m_error);
            return nullptr;
        }
        return e;
    }

private:
    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
    }
    ExprPtr fail(const QString &message)
    {
        if (m_error.isEmpty()) {
            m_error = message;
            m_errorPos = m_pos;
        }
        return nullptr;
    }
    static bool isNameChar(QChar c) { return c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u';'; }

    ExprPtr expression()
    {
        skipSpace();
        if (m_pos >= m_text.size())
            return fail(u"an expression is missing"_s);
        const QChar c = m_text[m_pos];
        if (c == u'"')
            return string();
        if (c.isDigit() || c == u'-')
            return number();
        if (c == u'$') {
            ++m_pos;
            const QString name = identifier();
            return name.isEmpty() ? fail(u"a variable name is missing after $"_s)
                                  : std::make_shared<Variable>(name);
        }
        const qsizetype start = m_pos;
        const QString name = identifier();
        if (name.isEmpty())
            return fail(u"unexpected \"%1\""_s.arg(c));
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == u'(')
            return call(name, start);
        if (name == u"true"_s || name == u"false"_s)
            return std::make_shared<Literal>(name == u"true"_s);
        if (name == u"null"_s)
            return std::make_shared<Literal>(QJsonValue::Null);
        return std::make_shared<Attribute>(name);
    }
    QString identifier()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && isNameChar(m_text[m_pos]))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    ExprPtr string()
    {
        ++m_pos; // opening quote
        QString out;
        while (m_pos < m_text.size() && m_text[m_pos] != u'"') {
            if (m_text[m_pos] == u'\\' && m_pos + 1 < m_text.size())
                ++m_pos;
            out += m_text[m_pos++];
        }
        if (m_pos >= m_text.size())
            return fail(u"a string is not closed"_s);
        ++m_pos;
        return std::make_shared<Literal>(out);
    }
    ExprPtr number()
    {
        const qsizetype start = m_pos;
        if (m_text[m_pos] == u'-')
            ++m_pos;
        while (m_pos < m_text.size() && (m_text[m_pos].isDigit() || m_text[m_pos] == u'.'))
            ++m_pos;
        bool ok = false;
        const double v = m_text.mid(start, m_pos - start).toDouble(&ok);
        return ok ? std::make_shared<Literal>(v) : fail(u"not a number"_s);
    }
    ExprPtr call(const QString &name, qsizetype start)
    {
        const auto it = functions().constFind(name.toLower());
        if (it == functions().cend()) {
            m_pos = start;
            return fail(u"unknown function \"%1\"; known: %2"_s.arg(
                name, QStringList(functions().keys()).join(u", "_s)));
        }
        ++m_pos; // (
        QList<ExprPtr> args;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == u')') {
            ++m_pos;
        } else {
            for (;;) {
                ExprPtr arg = expression();
                if (!arg)
                    return nullptr;
                if (it->attributeArgs && !dynamic_cast<const Attribute *>(arg.get()))
                    return fail(u"%1() takes an attribute name"_s.arg(name));
                args.append(arg);
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == u',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == u')') {
                    ++m_pos;
                    break;
                }
                return fail(u"expected \",\" or \")\" in %1()"_s.arg(name));
            }
        }
        if (args.size() < it->minArgs || (it->maxArgs >= 0 && args.size() > it->maxArgs))
            return fail(u"%1() takes %2, got %3"_s.arg(name).arg(
                it->maxArgs < 0 ? u"at least %1"_s.arg(argumentCount(it->minArgs))
                                : argumentCount(it->maxArgs),
                QString::number(args.size())));
        return std::make_shared<Call>(*it, std::move(args));
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    QString m_error;
    qsizetype m_errorPos = 0;
};

} // namespace

std::shared_ptr<const Expression> Expression::parse(const QString &text, QString *error)
{
    return Parser(text).parseAll(error);
}

std::shared_ptr<const Expression> Expression::attribute(const QString &name)
{
    return std::make_shared<Attribute>(name);
}

std::shared_ptr<const Expression> Expression::constant(const QJsonValue &value)
{
    return std::make_shared<Literal>(value);
}

} // namespace Updraft
