#include "net/backoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace zeiko {

std::chrono::milliseconds Backoff::delayFor(int attempt) const
{
    const double base = double(initial.count()) * std::pow(2.0, double(std::clamp(attempt, 1, 30) - 1));
    const double capped = std::min(base, double(maximum.count()));
    const double unit = random ? random() : QRandomGenerator::global()->generateDouble();
    const double factor = 1.0 + jitter * (2.0 * unit - 1.0);
    return std::chrono::milliseconds(std::max<qint64>(1, qint64(std::llround(capped * factor))));
}

} // namespace zeiko
