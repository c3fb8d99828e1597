#pragma once
// The one exception the local store throws: an SQL statement failed (disk
// full, I/O error, a corrupt file). It carries a translated message the UI
// can show as is, and the driver's text for the log.

#include <QCoreApplication>
#include <QString>

#include <stdexcept>

namespace zeiko {

class StoreError : public std::runtime_error
{
    Q_DECLARE_TR_FUNCTIONS(StoreError)
public:
    StoreError(QString userMessage, QString driverText)
        : std::runtime_error((userMessage + QStringLiteral(" (") + driverText + QStringLiteral(")")).toStdString())
        , m_userMessage(std::move(userMessage))
        , m_driverText(std::move(driverText))
    {
    }

    // Human, translated: "Could not save to the local cache: disk is full".
    const QString &userMessage() const { return m_userMessage; }
    // The SQL driver's own text, for logs and bug reports.
    const QString &driverText() const { return m_driverText; }

private:
    QString m_userMessage;
    QString m_driverText;
};

} // namespace zeiko
