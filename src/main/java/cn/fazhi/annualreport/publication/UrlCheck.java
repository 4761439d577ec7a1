package cn.fazhi.annualreport.publication;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.stereotype.Component;

/** Whether a published URL answers: an HTTP GET (redirects followed) that ends in a 2xx status. */
@Component
class UrlCheck {

    private final PublicationProperties properties;
    private final HttpClient client;

    UrlCheck(PublicationProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.check().timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * GETs the URL.
     *
     * @throws PublicationException when it does not answer 2xx in time (the job retries, then raises an incident)
     */
    void requireAnswer(URI url) {
        int status;
        try {
            status = client.send(HttpRequest.newBuilder(url).timeout(properties.check().timeout())
                            .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
                            .header("User-Agent", "annual-report-publication-check").GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new PublicationException("公开网址无法访问：" + url + "（" + e + "）",
                    "The published URL does not answer: " + url + " (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublicationException("核验公开网址时被中断：" + url, "Interrupted while checking " + url, e);
        }
        if (status / 100 != 2) {
            throw new PublicationException("公开网址未正常打开：" + url + " 返回 HTTP " + status,
                    "The published URL " + url + " answered HTTP " + status);
        }
    }
}
