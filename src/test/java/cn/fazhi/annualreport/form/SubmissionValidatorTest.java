package cn.fazhi.annualreport.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/**
 * Submissions as the engine receives them from REST and Tasklist (typed values: String, Long, Boolean, File …)
 * checked against the real forms in forms/ (read via {@link FormRulesTest#rulesOf}).
 */
class SubmissionValidatorTest {

    private static final List<FieldRule> SIGN_AND_ISSUE = FormRulesTest.rulesOf("sign-and-issue.html");
    private static final List<FieldRule> KICKOFF = FormRulesTest.rulesOf("kickoff.form");
    private static final List<FieldRule> FILING = FormRulesTest.rulesOf("filing.form");
    /** An embedded form with a required file input, as the draft form had before drafts became document versions. */
    private static final List<FieldRule> DRAFT_REPORT = FormRules.parse("""
            <label for="draftReport-field">报告稿文件</label>
            <input type="file" id="draftReport-field" cam-variable-name="draftReport" cam-variable-type="File"
                   data-required="true" />
            <label for="draftNote-field">起草说明</label>
            <textarea id="draftNote-field" maxlength="4000" cam-variable-name="draftNote" cam-variable-type="String"></textarea>
            """);

    /** A submission under construction. */
    private static final class Vars {
        private final Map<String, TypedValue> values = new LinkedHashMap<>();

        Vars string(String name, String value) {
            values.put(name, Variables.stringValue(value));
            return this;
        }

        Vars number(String name, long value) {
            values.put(name, Variables.longValue(value));
            return this;
        }

        Vars bool(String name, boolean value) {
            values.put(name, Variables.booleanValue(value));
            return this;
        }

        Vars value(String name, TypedValue value) {
            values.put(name, value);
            return this;
        }

        Vars remove(String name) {
            values.remove(name);
            return this;
        }

        Map<String, TypedValue> map() {
            return values;
        }
    }

    private static Vars vars() {
        return new Vars();
    }

    private static Vars validSignAndIssue() {
        return vars().string("issuedBy", "陈国栋").string("issueDate", "2026-02-25")
                .string("documentNumber", "巴政呈〔2026〕12号");
    }

    private static void validate(List<FieldRule> rules, Map<String, TypedValue> variables) {
        SubmissionValidator.validate(rules, Set.of(), variables, true);
    }

    private static FormValidationException refused(List<FieldRule> rules, Map<String, TypedValue> variables) {
        FormValidationException e = catchThrowableOfType(() -> validate(rules, variables),
                FormValidationException.class);
        assertThat(e).as("submission should be refused: %s", variables).isNotNull();
        return e;
    }

    @Test
    void aValidSubmissionPasses() {
        // Given a complete and well-formed sign-and-issue submission
        Map<String, TypedValue> variables = validSignAndIssue().map();

        // When / Then it is accepted
        assertThatCode(() -> validate(SIGN_AND_ISSUE, variables)).doesNotThrowAnyException();
    }

    @Test
    void aValidKickoffWithNumberBooleanSelectAndDatesPasses() {
        // Given a kickoff with a numeric year, a boolean, an allowed select value and an ISO date-time
        Map<String, TypedValue> variables = vars().string("entityCode", "bayan").number("reportingYear", 2025)
                .bool("solicitOpinions", true).string("reviewGate", "EXECUTIVE_MEETING")
                .string("filingDeadlineOverride", "2026-03-10T00:00:00.000+0800").map();

        // When / Then it is accepted
        assertThatCode(() -> validate(KICKOFF, variables)).doesNotThrowAnyException();
    }

    @Test
    void missingRequiredFieldsAreRefusedWithTheirChineseLabels() {
        // Given a sign-and-issue submission with only the date
        Map<String, TypedValue> variables = vars().string("issueDate", "2026-02-25").map();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then both missing fields are listed by their Chinese labels, in Chinese and in English, as HTTP 400
        // (the 文号 may be left empty: the system then assigns the next number)
        assertThat(e.violations()).containsExactly("「签发人」为必填项");
        assertThat(e.messageZh()).startsWith("表单填写有误").contains("签发人");
        assertThat(e.getMessage()).startsWith("Invalid form submission")
                .contains("'issuedBy' is required").doesNotContain("'documentNumber'");
        assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aMissingDateIsReportedByItsChineseCaption() {
        // Given a sign-and-issue without 印发日期 (a datetime field, captioned via dateLabel)
        Map<String, TypedValue> variables = validSignAndIssue().remove("issueDate").map();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then the clerk reads the caption, not the variable name
        assertThat(e.violations()).containsExactly("「印发日期」为必填项");
        assertThat(e.getMessage()).contains("'issueDate' is required");
    }

    @Test
    void blankOrNullValuesCountAsMissing() {
        // Given a signer of blanks and a null document number
        Map<String, TypedValue> variables = validSignAndIssue().string("issuedBy", "   ")
                .value("documentNumber", Variables.stringValue(null)).map();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then both are reported missing
        assertThat(e.violations()).containsExactly("「签发人」为必填项");
    }

    @Test
    void noVariablesAtAllReportsEveryRequiredField() {
        // Given a submission without any variables
        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, Map.of());

        // Then each of the two required fields is reported (the 文号 may be left for the system to assign)
        assertThat(e.violations()).containsExactly("「签发人」为必填项", "「印发日期」为必填项");
    }

    @Test
    void aNumberThatIsNotANumberIsRefused() {
        // Given a kickoff whose 报告年度 is "abc"
        Map<String, TypedValue> variables = vars().string("entityCode", "bayan").string("reportingYear", "abc").map();

        // When it is validated
        FormValidationException e = refused(KICKOFF, variables);

        // Then the year is reported as not a number
        assertThat(e.violations()).containsExactly("「报告年度」须为数字");
        assertThat(e.getMessage()).contains("'reportingYear' must be a number");
    }

    @Test
    void aNumberSentAsNumericTextIsAccepted() {
        // Given a kickoff whose year arrives as the text "2025"
        Map<String, TypedValue> variables = vars().string("entityCode", "bayan").string("reportingYear", "2025").map();

        // When / Then it is accepted
        assertThatCode(() -> validate(KICKOFF, variables)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "issueDate \"{0}\" is refused")
    @ValueSource(strings = {"2026/02/30", "2026-02-30", "25.02.2026", "2026-02-25 10:00", "tomorrow"})
    void aDateThatIsNotAnIsoDateIsRefused(String date) {
        // Given a sign-and-issue whose 印发日期 is not a real yyyy-MM-dd date
        Map<String, TypedValue> variables = validSignAndIssue().string("issueDate", date).map();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then exactly the date is reported
        assertThat(e.violations()).singleElement().asString().contains("须为日期");
        assertThat(e.getMessage()).contains("'issueDate' must be a date (yyyy-MM-dd)");
    }

    @Test
    void aSelectValueOutsideTheListIsRefused() {
        // Given a filing whose 报送渠道 is not one of the form's options
        Map<String, TypedValue> variables = vars().string("filingOutcome", "RECEIPTED").string("filedOn", "2026-03-30")
                .string("filingChannel", "FAX").string("receiptNumber", "哈政办收〔2026〕5号")
                .string("receiptDate", "2026-03-31").map();

        // When it is validated
        FormValidationException e = refused(FILING, variables);

        // Then the channel is reported with the value given and the allowed values
        assertThat(e.violations()).containsExactly("「报送渠道」的取值无效：FAX");
        assertThat(e.getMessage()).contains("'filingChannel' must be one of [ELECTRONIC, CONFIDENTIAL_COURIER, "
                + "POST, IN_PERSON, EMAIL], not FAX");
    }

    @Test
    void aDocumentNumberNotMatchingThePatternIsRefused() {
        // Given a 文号 without the hexagonal brackets 〔〕 and the closing 号
        Map<String, TypedValue> variables = validSignAndIssue().string("documentNumber", "巴政呈2026-12").map();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then the format is reported with the value
        assertThat(e.violations()).containsExactly("「文号」格式不正确：巴政呈2026-12");
        assertThat(e.getMessage()).contains("'documentNumber' does not match");
    }

    @Test
    void aTextLongerThanItsFieldLimitIsRefused() {
        // Given a 文号 of 51 characters (limit 50) that otherwise matches the pattern
        String tooLong = "巴".repeat(43) + "〔2026〕1号";
        assertThat(tooLong).hasSize(51);
        Map<String, TypedValue> variables = validSignAndIssue().string("documentNumber", tooLong).map();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then the length and limit are reported
        assertThat(e.violations()).containsExactly("「文号」最多50字，现为51字");
    }

    @Test
    void aNonTextValueForATextFieldIsRefused() {
        // Given a signer sent as a number
        Map<String, TypedValue> variables = validSignAndIssue().number("issuedBy", 42).map();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then it is reported as not text
        assertThat(e.violations()).containsExactly("「签发人」须为文本");
    }

    @Test
    void aBooleanThatIsNotTrueOrFalseIsRefused() {
        // Given a kickoff whose checkbox arrives as "yes"
        Map<String, TypedValue> variables = vars().string("entityCode", "bayan").number("reportingYear", 2025)
                .string("solicitOpinions", "yes").map();

        // When it is validated
        FormValidationException e = refused(KICKOFF, variables);

        // Then the checkbox is reported
        assertThat(e.violations()).singleElement().asString().contains("须为是/否");
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        // Given a sign-and-issue with a missing signer, a bad date and a bad document number
        Map<String, TypedValue> variables = vars().string("issueDate", "2026/02/30").string("documentNumber", "12").map();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then all three problems come back together, joined in both languages
        assertThat(e.violations()).hasSize(3);
        assertThat(e.messageZh()).contains("；");
        assertThat(e.getMessage()).contains("; ");
    }

    @Test
    void aVariableTheFormDoesNotDeclareIsRefused() {
        // Given a valid submission plus the case's own facts, as an attacker adds them
        Map<String, TypedValue> variables = validSignAndIssue().string("entityCode", "xinhua")
                .string("reviewGate", "PRINCIPAL_SIGN_OFF").map();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then each is named as no field of this form, and nothing else is said
        assertThat(e.violations()).containsExactly("「entityCode」不是本表单的填写项，不能提交",
                "「reviewGate」不是本表单的填写项，不能提交");
        assertThat(e.getMessage()).contains("'entityCode' is not a field of this form");
    }

    @Test
    void objectsListsAndSerializedValuesAreRefusedEvenForDeclaredFields() {
        // Given a signer sent as a serialized Java object naming a class, and one as a list (an untyped JSON array)
        Map<String, TypedValue> serialized = validSignAndIssue().value("issuedBy", Variables
                .serializedObjectValue("rO0AB").objectTypeName("com.example.Evil")
                .serializationDataFormat("application/x-java-serialized-object").create()).map();
        Map<String, TypedValue> list = validSignAndIssue().value("issuedBy",
                Variables.untypedValue(new ArrayList<>(List.of("陈国栋")))).map();

        // When both are validated
        FormValidationException objectRefused = refused(SIGN_AND_ISSUE, serialized);
        FormValidationException listRefused = refused(SIGN_AND_ISSUE, list);

        // Then both are refused as not a plain value
        assertThat(objectRefused.violations()).containsExactly("「签发人」只能是文本、数字、是非、日期或文件");
        assertThat(objectRefused.getMessage()).contains("not object");
        assertThat(listRefused.violations()).containsExactly("「签发人」只能是文本、数字、是非、日期或文件");
    }

    @Test
    void aDeclaredTextOfMoreThan4000CharactersIsRefused() {
        // Given a form whose field has no limit of its own, and a text of 4,001 characters for it
        List<FieldRule> rules = FormRules.parse("<textarea id=\"n\" cam-variable-name=\"draftNote\"></textarea>");
        Map<String, TypedValue> variables = vars().string("draftNote", "字".repeat(4001)).map();

        // When it is validated
        FormValidationException e = refused(rules, variables);

        // Then it is refused because of the engine's 4,000-character column, pointing to file upload
        assertThat(e.violations()).singleElement().asString().contains("draftNote").contains("4000").contains("4001");
        assertThat(e.getMessage()).contains("at most 4000").contains("upload long content as a file");
    }

    @Test
    void aTransientTextAboveTheColumnSizeIsAccepted() {
        // Given a section of a draft written in the form, 9,000 characters, which the task takes as transient
        List<FieldRule> rules = FormRules.parse(
                "<input type=\"hidden\" data-variable-name=\"draftSection1\" data-variable-type=\"String\" />");
        Map<String, TypedValue> variables = vars().string("draftSection1", "字".repeat(9000)).map();

        // When / Then it is accepted: the engine never writes a transient value to its 4,000-character column
        assertThatCode(() -> SubmissionValidator.validate(rules, Set.of("draftSection1"), variables, true))
                .doesNotThrowAnyException();
    }

    @Test
    void aResolveMayLeaveRequiredFieldsForTheOwner() {
        // Given a delegate's resolve with only the signer
        Map<String, TypedValue> variables = vars().string("issuedBy", "陈国栋").map();

        // When / Then it is accepted without the required date, which the owner fills in on completion
        assertThatCode(() -> SubmissionValidator.validate(SIGN_AND_ISSUE, Set.of(), variables, false))
                .doesNotThrowAnyException();
    }

    @Test
    void aFileFieldMustBeSentAsAFile() {
        // Given a draft-report submission whose draftReport is a plain String instead of an uploaded file
        Map<String, TypedValue> asText = vars().string("draftReport", "报告全文……").map();
        Map<String, TypedValue> asFile = vars().value("draftReport",
                Variables.fileValue("报告.docx").file(new byte[] {80, 75, 3, 4}).create()).map();

        // When both are validated
        FormValidationException e = refused(DRAFT_REPORT, asText);

        // Then the String is refused and the File accepted
        assertThat(e.violations()).containsExactly("「报告稿文件」须上传文件");
        assertThatCode(() -> validate(DRAFT_REPORT, asFile)).doesNotThrowAnyException();
    }

    @Test
    void aMissingDraftFileIsRefused() {
        // Given a draft-report submission with only a note
        Map<String, TypedValue> variables = vars().string("draftNote", "按五项法定内容起草").map();

        // When it is validated
        FormValidationException e = refused(DRAFT_REPORT, variables);

        // Then the required file is reported
        assertThat(e.violations()).singleElement().asString().contains("报告稿文件").contains("必填");
    }
}
