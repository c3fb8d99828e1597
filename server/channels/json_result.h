#pragma once
// What a channel service answers: an HTTP status and a JSON object. The
// route layer turns it into a response (services stay HTTP-free).

#include <QJsonObject>

namespace zeiko::channels {

struct JsonResult {
    int status = 200;
    QJsonObject body;
};

} // namespace zeiko::channels
