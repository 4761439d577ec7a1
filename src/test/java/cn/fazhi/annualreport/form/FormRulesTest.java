package cn.fazhi.annualreport.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.groups.Tuple.tuple;

import cn.fazhi.annualreport.form.FieldRule.FieldType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The field rules read from the real forms in forms/ (Camunda Forms and the embedded HTML draft form). */
class FormRulesTest {

    /** The forms directory of the project; surefire runs with the project root as working directory. */
    static final Path FORMS = Paths.get("forms");

    static List<FieldRule> rulesOf(String fileName) {
        try {
            return FormRules.parse(Files.readString(FORMS.resolve(fileName), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FieldRule rule(String fileName, String key) {
        return rulesOf(fileName).stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(fileName + " has no field " + key));
    }

    static Stream<String> camundaForms() throws IOException {
        try (Stream<Path> files = Files.list(FORMS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".form")).sorted().toList()
                    .stream();
        }
    }

    @Test
    void theFormsDirectoryHoldsTheKnownForms() throws IOException {
        // Given the project's forms directory
        // When its Camunda Forms are listed
        List<String> forms = camundaForms().toList();

        // Then the nine task and start forms are there, and the HTML forms of the department material, the draft,
        // the issuance and the secrecy review
        assertThat(forms).hasSize(9).contains("kickoff.form", "filing.form", "record-receipt.form");
        assertThat(FORMS.resolve("department-material.html")).isRegularFile();
        assertThat(FORMS.resolve("sign-and-issue.html")).isRegularFile();
        assertThat(FORMS.resolve("draft-report.html")).isRegularFile();
        assertThat(FORMS.resolve("secrecy-review.html")).isRegularFile();
    }

    @Test
    void theSecrecyReviewFormRequiresItsReviewerAndBindsNoReportText() {
        // Given the embedded secrecy review form (the decision, comment and redacted text are set by its script,
        // which the form declares with data-variable-name)
        // When its rules are read
        List<FieldRule> rules = rulesOf("secrecy-review.html");

        // Then the reviewer is required text of at most 100 characters, the decision one of three, and the redacted
        // report a file or a text without a limit of its own (it is transient: report.SecrecyReviewListener)
        assertThat(rules).extracting(FieldRule::key, FieldRule::type, FieldRule::required, FieldRule::maxLength)
                .containsExactlyInAnyOrder(tuple("secrecyReviewer", FieldType.TEXT, true, 100),
                        tuple("secrecyDecision", FieldType.TEXT, true, null),
                        tuple("secrecyComment", FieldType.TEXT, false, 2000),
                        tuple("redactedReport", FieldType.FILE, false, null),
                        tuple("redactedText", FieldType.TEXT, false, null));
        assertThat(rule("secrecy-review.html", "secrecyReviewer").label()).isEqualTo("审查人");
        assertThat(rule("secrecy-review.html", "secrecyDecision").allowedValues())
                .containsExactly("PUBLISH_FULL", "PUBLISH_REDACTED", "NOT_PUBLIC");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("camundaForms")
    void everyCamundaFormParsesIntoWellFormedRules(String fileName) {
        // Given a real Camunda Form
        // When its rules are read
        List<FieldRule> rules = rulesOf(fileName);

        // Then it has input fields, each with a unique key, a type, a positive limit where one is set, a pattern that
        // compiles, and a 4,000-character limit at most for text (the engine's String column)
        assertThat(rules).as(fileName).isNotEmpty();
        assertThat(rules).extracting(FieldRule::key).doesNotHaveDuplicates().allSatisfy(k -> assertThat(k).isNotBlank());
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.type()).isNotNull();
            assertThat(r.label()).isNotBlank();
            if (r.maxLength() != null) {
                assertThat(r.maxLength()).isBetween(1, SubmissionValidator.ENGINE_STRING_LIMIT);
            }
            if (r.pattern() != null) {
                assertThat(Pattern.compile(r.pattern()).pattern()).isEqualTo(r.pattern());
            }
        });
    }

    @Test
    void documentNumberOfSignAndIssueIsOptionalWithThePattern() {
        // Given form-sign-and-issue
        // When the rule of its 文号 field is read
        FieldRule documentNumber = rule("sign-and-issue.html", "documentNumber");

        // Then it is optional (empty: the system assigns the next number) text of at most 50 characters matching
        // 发文机关代字〔年份〕序号号 when entered by hand
        assertThat(documentNumber.type()).isEqualTo(FieldType.TEXT);
        assertThat(documentNumber.label()).isEqualTo("文号");
        assertThat(documentNumber.required()).isFalse();
        assertThat(documentNumber.maxLength()).isEqualTo(50);
        assertThat(documentNumber.pattern()).isEqualTo("^.+〔\\d{4}〕\\d+号$");
        assertThat("巴政呈〔2026〕12号").matches(documentNumber.pattern());
        assertThat("巴政呈2026-12").doesNotMatch(documentNumber.pattern());
    }

    @Test
    void signAndIssueHasExactlyItsFourInputs() {
        // Given the sign-and-issue form (the sealed report's declaration and three fields)
        // When its rules are read
        List<FieldRule> rules = rulesOf("sign-and-issue.html");

        // Then the sealed report is an optional file and the browser's date input is typed DATE
        assertThat(rules).extracting(FieldRule::key, FieldRule::type, FieldRule::required).containsExactly(
                tuple("issuedReport", FieldType.FILE, false),
                tuple("issuedBy", FieldType.TEXT, true),
                tuple("issueDate", FieldType.DATE, true),
                tuple("documentNumber", FieldType.TEXT, false));
    }

    @Test
    void aDatetimeFieldTakesItsLabelFromDateLabel() {
        // Given form-executive-meeting, whose 会议日期 is a datetime component with "dateLabel" and no "label"
        // When the rule is read
        FieldRule meetingDate = rule("executive-meeting.form", "meetingDate");

        // Then its label is the Chinese caption and it is a date
        assertThat(meetingDate.label()).isEqualTo("会议日期");
        assertThat(meetingDate.type()).isEqualTo(FieldType.DATE);
    }

    @Test
    void selectFieldsCarryTheirAllowedValues() {
        // Given form-filing with its 报送结果 and 报送渠道 choices
        // When the rules are read
        FieldRule outcome = rule("filing.form", "filingOutcome");
        FieldRule channel = rule("filing.form", "filingChannel");

        // Then only the listed outcomes and channels are allowed
        assertThat(outcome.required()).isTrue();
        assertThat(outcome.allowedValues()).containsExactly("RECEIPTED", "AWAITING_RECEIPT", "EXEMPT");
        assertThat(channel.type()).isEqualTo(FieldType.TEXT);
        assertThat(channel.allowedValues())
                .containsExactly("ELECTRONIC", "CONFIDENTIAL_COURIER", "POST", "IN_PERSON", "EMAIL");
    }

    @Test
    void aFieldShownOnlyUnderAConditionIsNotRequiredByTheFormRules() {
        // Given form-filing, whose receipt fields are shown only for "已取得回执" and the reason only for "免于报送"
        // When the rules are read
        // Then those fields keep their limits but are not required here (the server cannot evaluate FEEL): the
        // filing task's own check (filing.FilingFormCheck) requires them for the outcome chosen
        assertThat(rule("filing.form", "receiptNumber").required()).isFalse();
        assertThat(rule("filing.form", "receiptNumber").maxLength()).isEqualTo(100);
        assertThat(rule("filing.form", "receiptDate").required()).isFalse();
        assertThat(rule("filing.form", "exemptionReason").required()).isFalse();
        assertThat(rule("filing.form", "exemptionReason").maxLength()).isEqualTo(1000);
        assertThat(rule("record-receipt.form", "filingOutcome").allowedValues()).containsExactly("RECEIPTED", "EXEMPT");
    }

    @Test
    void kickoffFieldsAreTypedFromTheirComponents() {
        // Given form-kickoff (number, select, checkbox, text and two optional dates)
        // When its rules are read
        List<FieldRule> rules = rulesOf("kickoff.form");

        // Then the component types map to value kinds, and only code and year are required
        assertThat(rule("kickoff.form", "reportingYear").type()).isEqualTo(FieldType.NUMBER);
        assertThat(rule("kickoff.form", "solicitOpinions").type()).isEqualTo(FieldType.BOOLEAN);
        assertThat(rule("kickoff.form", "filingDeadlineOverride").type()).isEqualTo(FieldType.DATE);
        assertThat(rule("kickoff.form", "reviewGate").allowedValues())
                .containsExactly("EXECUTIVE_MEETING", "LEADERSHIP_MEETING", "PRINCIPAL_SIGN_OFF");
        assertThat(rules).filteredOn(FieldRule::required).extracting(FieldRule::key)
                .containsExactlyInAnyOrder("entityCode", "reportingYear");
    }

    @Test
    void draftReportHtmlLeavesTheDraftItselfToTheDraftCheck() {
        // Given the embedded HTML form draft-report.html
        // When its rules are read
        List<FieldRule> rules = rulesOf("draft-report.html");

        // Then the note is optional text of at most 4,000 characters and the checkbox a BOOLEAN; the draft (a file or
        // five sections) and the justification, which the form's script sends as transient variables, are declared
        // (data-variable-name) without rules of their own: the draft task's check (report.DraftReportListener) decides
        FieldRule note = rule("draft-report.html", "draftNote");
        assertThat(note.type()).isEqualTo(FieldType.TEXT);
        assertThat(note.required()).isFalse();
        assertThat(note.maxLength()).isEqualTo(4000);
        assertThat(rule("draft-report.html", "solicitOpinions").type()).isEqualTo(FieldType.BOOLEAN);
        assertThat(rules).extracting(FieldRule::key).containsExactlyInAnyOrder("draftNote", "solicitOpinions",
                "draftReport", "draftSection1", "draftSection2", "draftSection3", "draftSection4", "draftSection5",
                "completenessJustification", "completenessConfirmed");
        assertThat(rules).filteredOn(r -> !r.key().equals("draftNote") && !r.key().equals("solicitOpinions"))
                .allSatisfy(r -> assertThat(r.required()).isFalse());
    }

    @Test
    void aFileInputOfAnEmbeddedFormIsAFileRule() {
        // Given an embedded form with a required file input
        String html = """
                <form><label for="f">报告稿文件</label>
                <input type="file" id="f" cam-variable-name="draftReport" cam-variable-type="File" data-required="true" />
                </form>""";

        // When its rules are read
        List<FieldRule> rules = FormRules.parse(html);

        // Then the file is a required FILE rule labelled as on screen
        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(FieldType.FILE);
            assertThat(r.required()).isTrue();
            assertThat(r.label()).isEqualTo("报告稿文件");
        });
    }

    @Test
    void nestedComponentsAreFound() {
        // Given a Camunda Form with a field inside a group
        String form = """
                {"components": [{"type": "group", "label": "组", "components": [
                  {"type": "textfield", "key": "inner", "label": "内层", "validate": {"required": true}}]}]}
                """;

        // When its rules are read
        List<FieldRule> rules = FormRules.parse(form);

        // Then the nested field is a rule with its label
        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("inner");
            assertThat(r.label()).isEqualTo("内层");
            assertThat(r.required()).isTrue();
        });
    }

    @Test
    void invalidJsonIsRefused() {
        // Given a broken Camunda Form
        // When / Then parsing refuses it
        assertThatIllegalStateException().isThrownBy(() -> FormRules.parse("{\"components\": ["))
                .withMessageContaining("not valid JSON");
    }

    /** form-js "datetime" fields carry their caption in {@code dateLabel}: violations must still name it in Chinese. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("camundaForms")
    void everyCamundaFormFieldHasItsChineseLabel(String fileName) {
        // Given a real Camunda Form
        // When its rules are read
        List<FieldRule> rules = rulesOf(fileName);

        // Then every field's label is the Chinese caption the clerk sees, not the variable name
        assertThat(rules).allSatisfy(r -> assertThat(r.label()).as("%s %s", fileName, r.key())
                .isNotEqualTo(r.key()).containsPattern("[\\u4e00-\\u9fff]"));
    }
}
