package cn.fazhi.annualreport.document;

import java.util.ArrayList;
import java.util.List;

/**
 * A report draft as the drafter submits it: an uploaded file, or the text of the five statutory sections written in the
 * form; with the drafter's justification for missing statutory contents, the confirmation of uncertain ones and a note
 * for the reviewers.
 *
 * @param fileName      the uploaded file's name (its extension must agree with its content); null for sections
 * @param content       the uploaded file; null for sections
 * @param sections      the five sections in statutory order (blank for an unwritten one); empty for an upload
 * @param title         the report's title, the first line of a document rendered from sections (may be null)
 * @param justification why statutory contents are missing, required if any is (may be null)
 * @param note          the drafter's note (起草说明, may be null)
 * @param confirmed     the drafter confirms the items the check is unsure of, and a text that seems cut off, as meant
 */
public record DraftSubmission(String fileName, byte[] content, List<String> sections, String title,
                              String justification, String note, boolean confirmed) {

    public DraftSubmission {
        List<String> copy = new ArrayList<>();
        if (sections != null) {
            sections.forEach(s -> copy.add(s == null ? "" : s));
        }
        sections = List.copyOf(copy);
    }

    /** A submission without a confirmation of uncertain items. */
    public DraftSubmission(String fileName, byte[] content, List<String> sections, String title, String justification,
                           String note) {
        this(fileName, content, sections, title, justification, note, false);
    }

    /** The same submission, confirmed or not. */
    public DraftSubmission withConfirmed(boolean confirmed) {
        return new DraftSubmission(fileName, content, sections, title, justification, note, confirmed);
    }

    public static DraftSubmission upload(String fileName, byte[] content, String justification, String note) {
        return new DraftSubmission(fileName, content, List.of(), null, justification, note);
    }

    public static DraftSubmission structured(String title, List<String> sections, String justification, String note) {
        return new DraftSubmission(null, null, sections, title, justification, note);
    }

    /** Whether a file was sent (even an empty one, which is refused as such). */
    public boolean hasFile() {
        return content != null;
    }

    /** Whether any section has text. */
    public boolean hasSections() {
        return sections.stream().anyMatch(s -> !s.isBlank());
    }
}
