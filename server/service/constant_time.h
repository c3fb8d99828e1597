#pragma once
// The one constant-time comparison of the server: webhook signatures
// (Svix/Resend, Shopify) and password hashes are checked with it, so the time
// a wrong guess takes tells nothing about how many of its bytes were right.
// Lengths are not secret (a MAC or a hash has a fixed, public size): unequal
// lengths return false at once.

#include <QByteArrayView>

namespace zeiko::service {

bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace zeiko::service
