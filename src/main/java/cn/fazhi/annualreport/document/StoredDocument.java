package cn.fazhi.annualreport.document;

/** The stored bytes of one version with what a download needs: file name, media type and SHA-256 (hex). */
public record StoredDocument(int version, String fileName, String mediaType, byte[] content, String sha256) {
}
