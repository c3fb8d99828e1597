#pragma once
// `zeiko-server simulate`: realistic support traffic against a running
// server through its public APIs (see traffic_simulator.h).

#include <QStringList>

namespace zeiko::simulate {

int runSimulate(const QStringList &arguments);

} // namespace zeiko::simulate
