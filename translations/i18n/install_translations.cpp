#include "i18n/install_translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

Q_LOGGING_CATEGORY(lcI18n, "zeiko.i18n")

namespace zeiko {

namespace {

// QTranslator::load(locale, ...) walks the UI languages (de-AT -> de), so one
// German catalogue serves every German-speaking locale.
bool installFirst(QCoreApplication &app, const QLocale &locale, const QString &name, const QStringList &dirs)
{
    for (const QString &dir : dirs) {
        auto *translator = new QTranslator(&app);
        if (translator->load(locale, name, QStringLiteral("_"), dir)) {
            QCoreApplication::installTranslator(translator);
            qCDebug(lcI18n) << "installed" << translator->filePath();
            return true;
        }
        delete translator;
    }
    return false;
}

} // namespace

InstalledTranslations installTranslations(QCoreApplication &app, const QLocale &locale)
{
    InstalledTranslations result;
    // An installed catalogue next to the binary wins over the embedded one, so
    // an updated translation can be dropped in without a rebuild.
    const QString installed =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral(ZEIKO_QM_RELATIVE_TO_BINARY));
    result.application = installFirst(app, locale, QStringLiteral("zeiko"), {installed, QStringLiteral(":/i18n")});
    result.qt = installFirst(app, locale, QStringLiteral("qtbase"),
                             {QLibraryInfo::path(QLibraryInfo::TranslationsPath),
                              QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("translations"))});
    if (locale.language() != QLocale::English && locale.language() != QLocale::C && !result.application)
        qCInfo(lcI18n) << "no console translation for" << locale.name() << "- using English";
    return result;
}

} // namespace zeiko
