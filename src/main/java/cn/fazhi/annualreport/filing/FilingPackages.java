package cn.fazhi.annualreport.filing;

import cn.fazhi.annualreport.api.Downloads;
import cn.fazhi.annualreport.document.StoredDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Service;

/**
 * The filing package (报送材料) of one addressee, for download: a zip with the cover letter (报送函, or 抄送函 for the
 * supervising office) addressed to it, and the issued report — the final version's file as stored. File names come
 * from the addressee's name made safe (no path separators, no control characters).
 */
@Service
public class FilingPackages {

    /**
     * What a package is made of.
     *
     * @param entityCode      the reporting entity's code (for the ASCII file name)
     * @param entityName      its name, e.g. 巴彦县人民政府
     * @param year            the reporting year
     * @param documentNumber  the report's 文号
     * @param letterDate      the cover letter's date (the report's issue date)
     * @param recipient       the addressee, as the case names it
     * @param copy            true for the copy to the supervising office (抄送)
     * @param addresseeNumber the addressee's place among the case's addressees, from 1 (for the ASCII file name)
     * @param report          the final version of the report
     */
    public record Request(String entityCode, String entityName, int year, String documentNumber,
                          LocalDate letterDate, String recipient, boolean copy, int addresseeNumber,
                          StoredDocument report) {
    }

    /** A built package: its file name, an ASCII fallback name, and the zip's bytes. */
    public record Package(String fileName, String asciiFileName, byte[] content) {
    }

    /** Where the webapps (with their session) and API clients download the package of an addressee. */
    public static String link(String entity, int year, String recipient) {
        return "/api/reports/" + entity + "/" + year + "/filing-package?recipient="
                + URLEncoder.encode(recipient, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The cover letter (报送函, or 抄送函 for the copy) of one addressee, as its package carries it (.docx). */
    public byte[] coverLetter(String entityName, int year, String documentNumber, String recipient, boolean copy,
                              LocalDate date) {
        return CoverLetter.docx(entityName, year, documentNumber, recipient, copy, date);
    }

    public Package build(Request r) {
        String report = CoverLetter.reportTitle(r.entityName(), r.year());
        String recipient = Downloads.safeFileName(r.recipient());
        String letterName = "01-" + (r.copy() ? "抄送函" : "报送函") + "-" + recipient + ".docx";
        String reportName = "02-" + Downloads.safeFileName(report + "（" + r.documentNumber() + "）")
                + extension(r.report().fileName());
        byte[] letter = CoverLetter.docx(r.entityName(), r.year(), r.documentNumber(), r.recipient(), r.copy(),
                r.letterDate());
        LocalDateTime time = r.letterDate().atStartOfDay();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            add(zip, letterName, letter, time);
            add(zip, reportName, r.report().content(), time);
            zip.finish();
            return new Package(Downloads.safeFileName(report + "-" + (r.copy() ? "抄送" : "报送") + "材料-" + recipient)
                    + ".zip", r.entityCode() + "-" + r.year() + "-filing-package-" + r.addresseeNumber() + ".zip",
                    bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the filing package", e);
        }
    }

    private static void add(ZipOutputStream zip, String name, byte[] content, LocalDateTime time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** ".docx", ".pdf", ".txt" or ".md" from the stored file's name; "" if it has none. */
    private static String extension(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot).replaceAll("[^A-Za-z0-9.]", "");
    }
}
