#pragma once
// The tables of channels, routing, widget conversations, the SLA timer and
// the outbound mail queue: one migration step appended to
// store/migrations.cpp. Same dialect rules: {ID} is the auto-increment key.

#include <QStringList>

namespace zeiko::channels {

QStringList schemaV2Statements();

} // namespace zeiko::channels
