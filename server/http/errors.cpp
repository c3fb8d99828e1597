#include "http/errors.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace zeiko::http {

Response errorResponse(int status, QByteArray code, QString message)
{
    const QJsonObject error{{QStringLiteral("code"), QString::fromUtf8(code)},
                            {QStringLiteral("message"), message}};
    const QJsonObject root{{QStringLiteral("error"), error}};
    return Response::json(status, QJsonDocument(root).toJson(QJsonDocument::Compact));
}

} // namespace zeiko::http
