package cn.fazhi.annualreport.publication;

import java.net.URI;

/** A place reports are published (a target): the built-in column, or the portal CMS. */
interface Publisher {

    /** The target's name recorded with each publication: PUBLIC_COLUMN, or the CMS's configured name. */
    String target();

    /** Whether this target publishes the reports of the entity. */
    boolean covers(String entityCode);

    /**
     * Publishes the report and answers the URL of its page there.
     *
     * @throws PublicationException when the target refuses it or cannot be reached (the job retries)
     */
    URI publish(PublishedReport report);
}
