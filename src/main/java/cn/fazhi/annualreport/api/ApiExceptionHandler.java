package cn.fazhi.annualreport.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentConversionNotSupportedException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** Turns refusals of the application's /api into JSON errors in the reader's language, with both languages for code. */
@RestControllerAdvice(basePackages = "cn.fazhi.annualreport")
class ApiExceptionHandler {

    private final DataSize maxFileSize;

    ApiExceptionHandler(MultipartProperties multipart) {
        this.maxFileSize = multipart.getMaxFileSize();
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e, HttpServletRequest request) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(ApiError.of(Language.of(request), e.status().value(),
                e.getClass().getSimpleName(), e.messageZh(), e.messageEn(), e.details()));
    }

    /** A refusal of the engine's task guard, raised as the engine's form error (Refusals). */
    @ExceptionHandler(FormFieldValidationException.class)
    ResponseEntity<ApiError> refusedSubmission(FormFieldValidationException e, HttpServletRequest request) {
        return Refusals.behind(e).map(r -> refused(r, request)).orElseGet(() -> ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(
                ApiError.of(Language.of(request), 400, "BadRequest", "表单填写有误",
                        "Invalid form submission: " + e.getMessage(), List.of())));
    }

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<ApiError> forbidden(AuthorizationException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON).body(ApiError.of(Language.of(request), 403, "Forbidden",
                "无权执行此操作", "You are not allowed to do this: " + e.getMessage(), null));
    }

    /** Stopped by the servlet container's multipart limit, which follows report.documents.max-size. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        String limit = megabytes(maxFileSize);
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_JSON).body(ApiError.of(Language.of(request), 413,
                "PayloadTooLarge", "上传的文件过大（最大" + limit + "）", "The upload is too large (at most " + limit + ")",
                List.of()));
    }

    private static String megabytes(DataSize size) {
        long bytes = size.toBytes();
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " B";
    }

    /**
     * The database cannot be reached (no connection within Hikari's connection timeout): 503, and the caller may try
     * again; nothing was written (docs/resilience.md, "Database outage").
     */
    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ApiError> databaseUnavailable(Exception e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30")
                .body(DatabaseUnavailableFilter.error(Language.of(request)));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MethodArgumentConversionNotSupportedException.class,
            MissingServletRequestParameterException.class, MultipartException.class})
    ResponseEntity<ApiError> unreadable(Exception e, HttpServletRequest request) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(ApiError.of(Language.of(request), 400, "BadRequest",
                "请求格式不正确", "Malformed request: " + Shown.value(e.getMessage()), List.of()));
    }

    /**
     * A body that is not the JSON the call takes — not JSON, a list where an object belongs, a key given twice — is
     * 400, described without the Java types it would have become. (A message that cannot be written is the
     * application's fault and stays a 500.)
     */
    @ExceptionHandler(HttpMessageConversionException.class)
    ResponseEntity<ApiError> unreadableBody(HttpMessageConversionException e, HttpServletRequest request) {
        if (e instanceof HttpMessageNotWritableException) {
            throw e;
        }
        String detail = e.getMostSpecificCause() instanceof JsonProcessingException json
                && json.getLocation() != null ? "（第" + json.getLocation().getLineNr() + "行第"
                + json.getLocation().getColumnNr() + "列）" : "";
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(ApiError.of(Language.of(request), 400, "BadRequest",
                "请求体不是本接口要求的 JSON" + detail + "：须为一个对象，每个字段只出现一次，字段值类型正确",
                "The request body is not the JSON this call takes" + detail.replace("（第", " (line ")
                        .replace("行第", ", column ").replace("列）", ")")
                        + ": one object, each field once, each of its type", List.of()));
    }
}
