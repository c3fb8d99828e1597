#pragma once
#include <QCoreApplication>
#include <QString>

#include <stdexcept>

namespace zeiko {

// Thrown by every decoder: names the offending field as a dotted path
// ("ticket.customer.email", "events[3].seq") and says what was wrong.
class DecodeError : public std::runtime_error
{
    Q_DECLARE_TR_FUNCTIONS(DecodeError)
public:
    DecodeError(QString field, QString reason)
        : std::runtime_error((field + QStringLiteral(": ") + reason).toStdString())
        , m_field(std::move(field))
        , m_reason(std::move(reason))
    {
    }

    const QString &field() const { return m_field; }
    const QString &reason() const { return m_reason; }
    QString message() const { return tr("Field \"%1\": %2").arg(m_field, m_reason); }

private:
    QString m_field;
    QString m_reason;
};

} // namespace zeiko
