package cn.fazhi.annualreport.archive;

/** A case's stored archive with its bytes. */
public record StoredArchive(ArchiveInfo info, String asciiFileName, byte[] content) {
}
