package cn.fazhi.annualreport.publication;

import java.net.URI;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The built-in column 法治政府建设年度报告 (the default target): a report is published there when its row is marked
 * PUBLISHED, which makes /public/reports/{entity}/{year} show it; the URL is that page's.
 */
@Component
@Order(1)
class PublicColumnPublisher implements Publisher {

    private final PublicationProperties properties;
    private final PublicSite site;

    PublicColumnPublisher(PublicationProperties properties, PublicSite site) {
        this.properties = properties;
        this.site = site;
    }

    @Override
    public String target() {
        return PublicationRecord.PUBLIC_COLUMN;
    }

    @Override
    public boolean covers(String entityCode) {
        return properties.publicColumn().enabled();
    }

    @Override
    public URI publish(PublishedReport report) {
        return site.reportPage(report.entityCode(), report.year());
    }
}
