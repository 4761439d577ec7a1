package cn.fazhi.annualreport.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/**
 * Submissions in the Camunda REST shape {"name": {"value": ..., "type": ...}} checked against the real forms in
 * forms/ (read via {@link FormRulesTest#rulesOf}).
 */
class SubmissionValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<FieldRule> SIGN_AND_ISSUE = FormRulesTest.rulesOf("sign-and-issue.form");
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

    /** A REST variables object under construction. */
    private static final class Vars {
        private final ObjectNode root = JSON.createObjectNode();

        Vars string(String name, String value) {
            ObjectNode v = root.putObject(name);
            v.put("value", value);
            v.put("type", "String");
            return this;
        }

        Vars number(String name, long value) {
            ObjectNode v = root.putObject(name);
            v.put("value", value);
            v.put("type", "Long");
            return this;
        }

        Vars bool(String name, boolean value) {
            ObjectNode v = root.putObject(name);
            v.put("value", value);
            v.put("type", "Boolean");
            return this;
        }

        Vars typed(String name, String value, String type) {
            ObjectNode v = root.putObject(name);
            v.put("value", value);
            if (type != null) {
                v.put("type", type);
            }
            return this;
        }

        ObjectNode json() {
            return root;
        }
    }

    private static Vars vars() {
        return new Vars();
    }

    private static Vars validSignAndIssue() {
        return vars().string("issuedBy", "陈国栋").string("issueDate", "2026-02-25")
                .string("documentNumber", "巴政呈〔2026〕12号");
    }

    private static FormValidationException refused(List<FieldRule> rules, ObjectNode variables) {
        FormValidationException e = catchThrowableOfType(() -> SubmissionValidator.validate(rules, variables),
                FormValidationException.class);
        assertThat(e).as("submission should be refused: %s", variables).isNotNull();
        return e;
    }

    @Test
    void aValidSubmissionPasses() {
        // Given a complete and well-formed sign-and-issue submission
        ObjectNode variables = validSignAndIssue().json();

        // When / Then it is accepted
        assertThatCode(() -> SubmissionValidator.validate(SIGN_AND_ISSUE, variables)).doesNotThrowAnyException();
    }

    @Test
    void aValidKickoffWithNumberBooleanSelectAndDatesPasses() {
        // Given a kickoff with a numeric year, a boolean, an allowed select value and an ISO date-time
        ObjectNode variables = vars().string("entityCode", "bayan").number("reportingYear", 2025)
                .bool("solicitOpinions", true).string("reviewGate", "EXECUTIVE_MEETING")
                .string("filingDeadlineOverride", "2026-03-10T00:00:00.000+0800").json();

        // When / Then it is accepted
        assertThatCode(() -> SubmissionValidator.validate(KICKOFF, variables)).doesNotThrowAnyException();
    }

    @Test
    void missingRequiredFieldsAreRefusedWithTheirChineseLabels() {
        // Given a sign-and-issue submission with only the date
        ObjectNode variables = vars().string("issueDate", "2026-02-25").json();

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
        ObjectNode variables = validSignAndIssue().json();
        variables.remove("issueDate");

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then the clerk reads the caption, not the variable name
        assertThat(e.violations()).containsExactly("「印发日期」为必填项");
        assertThat(e.getMessage()).contains("'issueDate' is required");
    }

    @Test
    void blankOrNullValuesCountAsMissing() {
        // Given a signer of blanks and a null document number
        ObjectNode variables = validSignAndIssue().string("issuedBy", "   ").json();
        variables.putObject("documentNumber").putNull("value");

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then both are reported missing
        assertThat(e.violations()).containsExactly("「签发人」为必填项");
    }

    @Test
    void noVariablesAtAllReportsEveryRequiredField() {
        // Given a submission without a variables object
        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, null);

        // Then each of the two required fields is reported (the 文号 may be left for the system to assign)
        assertThat(e.violations()).containsExactly("「签发人」为必填项", "「印发日期」为必填项");
    }

    @Test
    void aNumberThatIsNotANumberIsRefused() {
        // Given a kickoff whose 报告年度 is "abc"
        ObjectNode variables = vars().string("entityCode", "bayan").string("reportingYear", "abc").json();

        // When it is validated
        FormValidationException e = refused(KICKOFF, variables);

        // Then the year is reported as not a number
        assertThat(e.violations()).containsExactly("「报告年度」须为数字");
        assertThat(e.getMessage()).contains("'reportingYear' must be a number");
    }

    @Test
    void aNumberSentAsNumericTextIsAccepted() {
        // Given a kickoff whose year arrives as the text "2025"
        ObjectNode variables = vars().string("entityCode", "bayan").string("reportingYear", "2025").json();

        // When / Then it is accepted
        assertThatCode(() -> SubmissionValidator.validate(KICKOFF, variables)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "issueDate \"{0}\" is refused")
    @ValueSource(strings = {"2026/02/30", "2026-02-30", "25.02.2026", "2026-02-25 10:00", "tomorrow"})
    void aDateThatIsNotAnIsoDateIsRefused(String date) {
        // Given a sign-and-issue whose 印发日期 is not a real yyyy-MM-dd date
        ObjectNode variables = validSignAndIssue().string("issueDate", date).json();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then exactly the date is reported
        assertThat(e.violations()).singleElement().asString().contains("须为日期");
        assertThat(e.getMessage()).contains("'issueDate' must be a date (yyyy-MM-dd)");
    }

    @Test
    void aSelectValueOutsideTheListIsRefused() {
        // Given a filing whose 报送渠道 is not one of the form's options
        ObjectNode variables = vars().string("filingOutcome", "RECEIPTED").string("filedOn", "2026-03-30")
                .string("filingChannel", "FAX").string("receiptNumber", "哈政办收〔2026〕5号")
                .string("receiptDate", "2026-03-31").json();

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
        ObjectNode variables = validSignAndIssue().string("documentNumber", "巴政呈2026-12").json();

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
        ObjectNode variables = validSignAndIssue().string("documentNumber", tooLong).json();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then the length and limit are reported
        assertThat(e.violations()).containsExactly("「文号」最多50字，现为51字");
    }

    @Test
    void aNonTextValueForATextFieldIsRefused() {
        // Given a signer sent as a number
        ObjectNode variables = validSignAndIssue().number("issuedBy", 42).json();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then it is reported as not text
        assertThat(e.violations()).containsExactly("「签发人」须为文本");
    }

    @Test
    void aBooleanThatIsNotTrueOrFalseIsRefused() {
        // Given a kickoff whose checkbox arrives as "yes"
        ObjectNode variables = vars().string("entityCode", "bayan").number("reportingYear", 2025)
                .string("solicitOpinions", "yes").json();

        // When it is validated
        FormValidationException e = refused(KICKOFF, variables);

        // Then the checkbox is reported
        assertThat(e.violations()).singleElement().asString().contains("须为是/否");
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        // Given a sign-and-issue with a missing signer, a bad date and a bad document number
        ObjectNode variables = vars().string("issueDate", "2026/02/30").string("documentNumber", "12").json();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then all three problems come back together, joined in both languages
        assertThat(e.violations()).hasSize(3);
        assertThat(e.messageZh()).contains("；");
        assertThat(e.getMessage()).contains("; ");
    }

    @ParameterizedTest(name = "type {0}")
    @ValueSource(strings = {"String", "string", ""})
    void aStringOfMoreThan4000CharactersIsRefusedInAnyVariable(String type) {
        // Given a valid submission plus a variable the form does not know, holding 4,001 characters
        ObjectNode variables = validSignAndIssue().typed("smuggledNote", "字".repeat(4001), type).json();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then it is refused because of the engine's 4,000-character column, pointing to file upload
        assertThat(e.violations()).singleElement().asString().contains("smuggledNote").contains("4000")
                .contains("4001");
        assertThat(e.getMessage()).contains("at most 4000").contains("upload long content as a file");
    }

    @Test
    void aStringWithoutTypeOfMoreThan4000CharactersIsRefused() {
        // Given a variable without a "type" (the engine then treats it as a String)
        ObjectNode variables = validSignAndIssue().typed("untyped", "a".repeat(4001), null).json();

        // When it is validated
        FormValidationException e = refused(SIGN_AND_ISSUE, variables);

        // Then it is refused as well
        assertThat(e.violations()).singleElement().asString().contains("untyped").contains("4000");
    }

    @Test
    void aStringOfExactly4000CharactersIsAccepted() {
        // Given an extra String of exactly 4,000 characters
        ObjectNode variables = validSignAndIssue().string("longButFine", "字".repeat(4000)).json();

        // When / Then it fits the column and is accepted
        assertThatCode(() -> SubmissionValidator.validate(SIGN_AND_ISSUE, variables)).doesNotThrowAnyException();
    }

    @Test
    void aTransientStringAboveTheColumnSizeIsAccepted() {
        // Given a section of a draft written in the form, 9,000 characters, sent as a transient variable
        ObjectNode variables = validSignAndIssue().string("draftSection1", "字".repeat(9000)).json();
        ((ObjectNode) variables.get("draftSection1")).putObject("valueInfo").put("transient", true);

        // When / Then it is accepted: the engine never writes a transient value to its 4,000-character column
        assertThatCode(() -> SubmissionValidator.validate(SIGN_AND_ISSUE, variables)).doesNotThrowAnyException();
    }

    @Test
    void aFileFieldMustBeSentAsAFile() {
        // Given a draft-report submission whose draftReport is a plain String instead of an uploaded file
        ObjectNode asText = vars().string("draftReport", "报告全文……").json();
        ObjectNode asFile = vars().typed("draftReport", "UEsDBBQ=", "File").json();

        // When both are validated
        FormValidationException e = refused(DRAFT_REPORT, asText);

        // Then the String is refused and the File accepted
        assertThat(e.violations()).containsExactly("「报告稿文件」须上传文件");
        assertThatCode(() -> SubmissionValidator.validate(DRAFT_REPORT, asFile)).doesNotThrowAnyException();
    }

    @Test
    void aMissingDraftFileIsRefused() {
        // Given a draft-report submission with only a note
        ObjectNode variables = vars().string("draftNote", "按五项法定内容起草").json();

        // When it is validated
        FormValidationException e = refused(DRAFT_REPORT, variables);

        // Then the required file is reported
        assertThat(e.violations()).singleElement().asString().contains("报告稿文件").contains("必填");
    }
}
