#include "service/constant_time.h"

namespace zeiko::service {

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    // Every byte is visited and folded into one value: no early exit. The
    // volatile accumulator keeps the compiler from turning it into memcmp.
    volatile unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff = diff | static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace zeiko::service
