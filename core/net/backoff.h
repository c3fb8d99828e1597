#pragma once
// Capped, jittered exponential backoff. The random source is injectable so
// tests get deterministic delays.

#include <chrono>
#include <functional>

namespace zeiko {

struct Backoff {
    std::chrono::milliseconds initial{500};
    std::chrono::milliseconds maximum{30000};
    double jitter = 0.3;                  // +/- this fraction of the delay
    std::function<double()> random;       // uniform in [0, 1); default: QRandomGenerator

    // Delay before attempt `attempt` (1 = first retry): initial * 2^(attempt-1),
    // capped at maximum, then jittered so clients do not reconnect in lockstep.
    std::chrono::milliseconds delayFor(int attempt) const;
    // The same schedule under a hard bound: capped at `ceiling` (when that is
    // below `maximum`) and jittered downwards only, so no delay exceeds it.
    std::chrono::milliseconds delayAtMost(int attempt, std::chrono::milliseconds ceiling) const;
};

} // namespace zeiko
