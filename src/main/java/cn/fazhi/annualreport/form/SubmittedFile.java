package cn.fazhi.annualreport.form;

/**
 * A File or Bytes variable of a submission, decoded from the REST shape (base64 value, valueInfo filename/mimetype).
 *
 * @param filename the file name the client sent (may be null)
 * @param mimeType the media type the client claimed (may be null; not to be trusted)
 * @param content  the bytes
 */
public record SubmittedFile(String filename, String mimeType, byte[] content) {
}
