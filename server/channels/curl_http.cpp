#include "channels/curl_http.h"

#include <curl/curl.h>

#include <mutex>

namespace zeiko::channels {

namespace {

void ensureGlobalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t collect(char *data, size_t size, size_t count, void *user)
{
    auto *out = static_cast<QByteArray *>(user);
    if (out->size() > 32 * 1024 * 1024)
        return 0;   // refuse absurd responses (aborts the transfer)
    out->append(data, qsizetype(size * count));
    return size * count;
}

struct Upload {
    const QByteArray *data;
    qsizetype offset = 0;
};

size_t supply(char *buffer, size_t size, size_t count, void *user)
{
    auto *upload = static_cast<Upload *>(user);
    const size_t room = size * count;
    const size_t left = size_t(upload->data->size() - upload->offset);
    const size_t n = std::min(room, left);
    memcpy(buffer, upload->data->constData() + upload->offset, n);
    upload->offset += qsizetype(n);
    return n;
}

struct Easy {
    CURL *handle = curl_easy_init();
    curl_slist *headers = nullptr;
    curl_slist *recipients = nullptr;
    ~Easy()
    {
        curl_slist_free_all(headers);
        curl_slist_free_all(recipients);
        if (handle)
            curl_easy_cleanup(handle);
    }
};

} // namespace

CurlResult httpRequest(const QByteArray &method, const QString &url, const QList<QPair<QByteArray, QByteArray>> &headers,
                       const QByteArray &body, int timeoutMs)
{
    ensureGlobalInit();
    CurlResult result;
    Easy easy;
    if (!easy.handle) {
        result.error = QStringLiteral("curl_easy_init failed");
        return result;
    }
    const QByteArray urlBytes = url.toUtf8();
    curl_easy_setopt(easy.handle, CURLOPT_URL, urlBytes.constData());
    curl_easy_setopt(easy.handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy.handle, CURLOPT_TIMEOUT_MS, long(timeoutMs));
    curl_easy_setopt(easy.handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy.handle, CURLOPT_CUSTOMREQUEST, method.constData());
    if (method != "GET") {
        curl_easy_setopt(easy.handle, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(easy.handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    }
    for (const auto &[name, value] : headers)
        easy.headers = curl_slist_append(easy.headers, (name + ": " + value).constData());
    curl_easy_setopt(easy.handle, CURLOPT_HTTPHEADER, easy.headers);
    curl_easy_setopt(easy.handle, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(easy.handle, CURLOPT_WRITEDATA, &result.body);
    const CURLcode code = curl_easy_perform(easy.handle);
    if (code != CURLE_OK) {
        result.error = QString::fromUtf8(curl_easy_strerror(code));
        return result;
    }
    curl_easy_getinfo(easy.handle, CURLINFO_RESPONSE_CODE, &result.status);
    return result;
}

CurlResult smtpSend(const QString &smtpUrl, const QString &from, const QStringList &recipients, const QByteArray &message,
                    int timeoutMs, SmtpTls tls)
{
    ensureGlobalInit();
    CurlResult result;
    Easy easy;
    if (!easy.handle) {
        result.error = QStringLiteral("curl_easy_init failed");
        return result;
    }
    const QByteArray urlBytes = smtpUrl.toUtf8();
    const QByteArray fromBytes = ('<' + from.toUtf8() + '>');
    curl_easy_setopt(easy.handle, CURLOPT_URL, urlBytes.constData());
    curl_easy_setopt(easy.handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy.handle, CURLOPT_TIMEOUT_MS, long(timeoutMs));
    curl_easy_setopt(easy.handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    // Never CURLUSESSL_TRY: an attacker who strips STARTTLS from the EHLO
    // answer would get the SMTP password in clear.
    curl_easy_setopt(easy.handle, CURLOPT_USE_SSL, long(tls == SmtpTls::Required ? CURLUSESSL_ALL : CURLUSESSL_NONE));
    curl_easy_setopt(easy.handle, CURLOPT_MAIL_FROM, fromBytes.constData());
    for (const QString &to : recipients)
        easy.recipients = curl_slist_append(easy.recipients, ('<' + to.toUtf8() + '>').constData());
    curl_easy_setopt(easy.handle, CURLOPT_MAIL_RCPT, easy.recipients);
    Upload upload{&message};
    curl_easy_setopt(easy.handle, CURLOPT_READFUNCTION, supply);
    curl_easy_setopt(easy.handle, CURLOPT_READDATA, &upload);
    curl_easy_setopt(easy.handle, CURLOPT_UPLOAD, 1L);
    const CURLcode code = curl_easy_perform(easy.handle);
    if (code != CURLE_OK) {
        result.error = QString::fromUtf8(curl_easy_strerror(code));
        return result;
    }
    curl_easy_getinfo(easy.handle, CURLINFO_RESPONSE_CODE, &result.status);
    if (result.status == 0)
        result.status = 250;
    return result;
}

} // namespace zeiko::channels
