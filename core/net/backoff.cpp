#include "net/backoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace zeiko {

namespace {
double uncappedDelay(const Backoff &backoff, int attempt)
{
    return double(backoff.initial.count()) * std::pow(2.0, double(std::clamp(attempt, 1, 30) - 1));
}

double unitRandom(const Backoff &backoff)
{
    return backoff.random ? backoff.random() : QRandomGenerator::global()->generateDouble();
}
} // namespace

std::chrono::milliseconds Backoff::delayFor(int attempt) const
{
    const double capped = std::min(uncappedDelay(*this, attempt), double(maximum.count()));
    const double factor = 1.0 + jitter * (2.0 * unitRandom(*this) - 1.0);
    return std::chrono::milliseconds(std::max<qint64>(1, qint64(std::llround(capped * factor))));
}

std::chrono::milliseconds Backoff::delayAtMost(int attempt, std::chrono::milliseconds ceiling) const
{
    const double bound = double(std::min(maximum, ceiling).count());
    const double capped = std::min(uncappedDelay(*this, attempt), bound);
    // Below the bound only: still spread (clients do not retry in lockstep), never above.
    const double factor = 1.0 - std::clamp(jitter, 0.0, 1.0) * unitRandom(*this);
    return std::chrono::milliseconds(std::clamp<qint64>(qint64(std::llround(capped * factor)), 1, std::max<qint64>(1, qint64(bound))));
}

} // namespace zeiko
