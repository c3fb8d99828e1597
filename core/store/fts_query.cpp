#include "store/fts_query.h"

#include <QRegularExpression>
#include <QStringList>

namespace zeiko {

QString ftsQueryFor(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s\\p{P}\\p{S}]+"));
    QStringList terms;
    for (const QString &word : text.split(separators, Qt::SkipEmptyParts)) {
        QString quoted = word;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        terms.append(QLatin1Char('"') + quoted + QStringLiteral("\"*"));
    }
    return terms.join(QLatin1Char(' '));
}

} // namespace zeiko
