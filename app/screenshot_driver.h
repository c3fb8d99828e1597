#pragma once
// --screenshot-dir: drives the real window through the documented states and
// saves main.png, composer-note.png, palette.png and offline.png. For offline
// it writes "ready-for-offline" into the directory and waits until the
// server is gone (tools/screenshots.sh stops it) and the status says so.

#include <QDir>
#include <QObject>
#include <QTimer>

#include <functional>

class ConsoleApp;
namespace zeiko::ui { class MainWindow; }

class ScreenshotDriver : public QObject
{
    Q_OBJECT
public:
    ScreenshotDriver(ConsoleApp &app, const QString &directory);

private:
    void begin(zeiko::ui::MainWindow *window);
    void waitFor(std::function<bool()> condition, int timeoutMs, std::function<void()> then);
    void save(const QString &name);
    void pickTicket();
    void goOffline();
    void key(QWidget *target, int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier, const QString &text = {});

    ConsoleApp &m_app;
    QDir m_dir;
    zeiko::ui::MainWindow *m_window = nullptr;
};
