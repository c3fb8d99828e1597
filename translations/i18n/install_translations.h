#pragma once
// Installs the console's catalogue and Qt's own (qtbase: standard dialog
// buttons, QCommandLineParser's --help text) for one locale. QtCore only, so
// the same call works in QCoreApplication tools and in tests.

#include <QLocale>

class QCoreApplication;

namespace zeiko {

struct InstalledTranslations {
    bool application = false; // zeiko_<lang>.qm found and installed
    bool qt = false;          // qtbase_<lang>.qm found and installed
};

// Call before building any UI or QCommandLineParser so every tr() sees it.
// Missing catalogues are not an error: the English source strings stay.
InstalledTranslations installTranslations(QCoreApplication &app, const QLocale &locale = QLocale());

} // namespace zeiko
