package cn.fazhi.annualreport.publication;

/**
 * What a completed secrecy review releases for publication: the text to publish (the final version's, or the redacted
 * text the reviewer supplied) with the report's title and document number.
 *
 * @param processInstanceId the case
 * @param entityCode        the reporting entity
 * @param entityName        its name
 * @param year              the reporting year
 * @param title             the report's title
 * @param documentNumber    its document number (文号), may be null
 * @param sourceVersion     the draft version the review concerned
 * @param decision          PUBLISH_FULL or PUBLISH_REDACTED
 * @param text              exactly the text to publish
 * @param releasedBy        the reviewer (user id)
 */
record Release(String processInstanceId, String entityCode, String entityName, int year, String title,
               String documentNumber, int sourceVersion, SecrecyDecision decision, String text, String releasedBy) {
}
