package cn.fazhi.annualreport.form;

import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.variable.value.FileValue;

/**
 * A File or Bytes variable of a submission, decoded from the REST shape (base64 value, valueInfo filename/mimetype).
 *
 * @param filename the file name the client sent (may be null)
 * @param mimeType the media type the client claimed (may be null; not to be trusted)
 * @param content  the bytes
 */
public record SubmittedFile(String filename, String mimeType, byte[] content) {

    /** A File variable as handed to the engine (e.g. in a task listener), its bytes read; null for null. */
    public static SubmittedFile of(FileValue file) {
        if (file == null || file.getValue() == null) {
            return null;
        }
        try (InputStream in = file.getValue()) {
            return new SubmittedFile(file.getFilename(), file.getMimeType(), in.readAllBytes());
        } catch (IOException e) {
            throw new ProcessEngineException("Cannot read the submitted file " + file.getFilename(), e);
        }
    }
}
