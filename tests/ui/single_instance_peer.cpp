// A tiny process around SingleInstance for test_ui_single_instance:
//   single_instance_peer <socket path> <timeout ms> [arguments to hand over...]
// Prints "primary" and then one "received: a|b|c" line per hand-over (quits
// when the arguments contain "--quit"), or "secondary" and exits 0, or exits 3
// when the running instance does not answer.
#include "ui/single_instance.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3)
        return 2;
    zeiko::ui::SingleInstance instance(args.at(1));
    QTextStream out(stdout);
    switch (instance.claim(args.mid(3), args.at(2).toInt())) {
    case zeiko::ui::SingleInstance::Role::Secondary:
        out << "secondary" << Qt::endl;
        return 0;
    case zeiko::ui::SingleInstance::Role::Unresponsive:
        out << "unresponsive" << Qt::endl;
        return 3;
    case zeiko::ui::SingleInstance::Role::Primary:
        break;
    }
    QObject::connect(&instance, &zeiko::ui::SingleInstance::activationRequested, &app,
                     [&out](const QStringList &received) {
                         out << "received: " << received.join(QLatin1Char('|')) << Qt::endl;
                         if (received.contains(QStringLiteral("--quit")))
                             QCoreApplication::quit();
                     });
    out << "primary" << Qt::endl;
    return app.exec();
}
