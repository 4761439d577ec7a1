package cn.fazhi.annualreport.document;

/** A file checked like a report draft: its cleaned name, its media type by content, and its text. */
public record CheckedFile(String fileName, String mediaType, String text) {
}
