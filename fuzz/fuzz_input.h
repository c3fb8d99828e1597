#pragma once
// Shared by the harnesses: split one fuzz input into the fields a target
// takes (a webhook's headers, body and secret...), so one byte string
// drives every argument.

#include <QByteArray>
#include <QList>

#include <cstddef>
#include <cstdint>

namespace zeiko::fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// The first `count - 1` fields end at a '\n'; the last takes the rest
// (missing fields are empty).
inline QList<QByteArray> fields(const uint8_t *data, size_t size, qsizetype count)
{
    const QByteArray all = bytes(data, size);
    QList<QByteArray> out;
    qsizetype from = 0;
    while (out.size() < count - 1) {
        const qsizetype nl = all.indexOf('\n', from);
        if (nl < 0)
            break;
        out.append(all.mid(from, nl - from));
        from = nl + 1;
    }
    out.append(from <= all.size() ? all.mid(from) : QByteArray());
    while (out.size() < count)
        out.append(QByteArray());
    return out;
}

} // namespace zeiko::fuzz

// A property the harness checks failed: abort, so libFuzzer (and the replay
// test) report the input.
#define ZEIKO_FUZZ_CHECK(condition)                                                                          \
    do {                                                                                                      \
        if (!(condition)) {                                                                                   \
            fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);               \
            abort();                                                                                          \
        }                                                                                                     \
    } while (false)
