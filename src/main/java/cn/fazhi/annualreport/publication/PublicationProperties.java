package cn.fazhi.annualreport.publication;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where issued reports are published ({@code report.publication.*}): the built-in public column and, optionally, the
 * portal's CMS, with the timeouts of the CMS call and of the check that a published URL answers.
 *
 * @param publicColumn the column 法治政府建设年度报告 under /public/reports
 * @param cms          the portal CMS that receives each report by HTTP POST
 * @param check        the check that a published URL answers before the case goes on
 */
@ConfigurationProperties("report.publication")
record PublicationProperties(@DefaultValue PublicColumn publicColumn, @DefaultValue Cms cms,
                             @DefaultValue Check check) {

    PublicationProperties {
        if (!publicColumn.enabled() && !cms.enabled()) {
            throw new IllegalStateException("report.publication: enable the public column (public-column.enabled) or"
                    + " the portal CMS (cms.enabled); reports must be published somewhere");
        }
    }

    /**
     * @param enabled whether reports are published in the column (the default target)
     * @param baseUrl the public address of this application, in front of /public/reports in published URLs and in
     *                the feed; placeholders are resolved on each use (e.g. {@code ${local.server.port}})
     */
    record PublicColumn(@DefaultValue("true") boolean enabled, String baseUrl) {
    }

    /**
     * @param enabled  whether reports are also sent to the CMS
     * @param name     the target's name, recorded with each publication (e.g. 巴彦县人民政府门户网站)
     * @param url      the CMS endpoint that receives a report (POST, JSON)
     * @param token    sent as {@code Authorization: Bearer <token>}
     * @param timeout  connect and answer timeout of each call
     * @param entities the entity codes whose reports go to the CMS, each with the entities below it (its
     *                 departments, or the governments and departments under a province or city); empty: every entity
     */
    record Cms(@DefaultValue("false") boolean enabled, @DefaultValue("门户网站") String name, URI url, String token,
               @DefaultValue("PT10S") Duration timeout, @DefaultValue List<String> entities) {

        Cms {
            entities = entities == null ? List.of() : List.copyOf(entities);
            if (enabled) {
                if (url == null || !url.isAbsolute()
                        || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
                    throw new IllegalStateException("report.publication.cms.url must be an absolute http(s) URL when"
                            + " the CMS is enabled, not " + url);
                }
                if (token == null || token.isBlank()) {
                    throw new IllegalStateException("report.publication.cms.token is required when the CMS is enabled"
                            + " (REPORT_PUBLICATION_CMS_TOKEN)");
                }
                if (name == null || name.isBlank() || name.length() > 64 || PublicationRecord.PUBLIC_COLUMN.equals(name)) {
                    throw new IllegalStateException("report.publication.cms.name must be 1–64 characters and not "
                            + PublicationRecord.PUBLIC_COLUMN + ", not " + name);
                }
            }
        }

        /** Never shows the token. */
        @Override
        public String toString() {
            return "Cms[enabled=" + enabled + ", name=" + name + ", url=" + url + ", token="
                    + (token == null || token.isBlank() ? "(none)" : "(set)") + ", timeout=" + timeout
                    + ", entities=" + entities + "]";
        }
    }

    /** @param timeout how long the check of a published URL waits for its answer */
    record Check(@DefaultValue("PT10S") Duration timeout) {
    }
}
