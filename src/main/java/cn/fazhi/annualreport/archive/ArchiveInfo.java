package cn.fazhi.annualreport.archive;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A case's stored archive, without its bytes.
 *
 * @param fileName  the zip's file name, e.g. 巴彦县人民政府2025年度法治政府建设情况报告-归档.zip
 * @param sizeBytes its size
 * @param sha256    its SHA-256 (lower-case hex): every download has it
 * @param createdAt when it was built (when the case finished)
 * @param entries   the names of its files, in order
 * @param href      where its readers download it, also long after the case ended
 */
public record ArchiveInfo(String fileName, long sizeBytes, String sha256, OffsetDateTime createdAt,
                          List<String> entries, String href) {
}
