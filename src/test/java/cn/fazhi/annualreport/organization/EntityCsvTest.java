package cn.fazhi.annualreport.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading and writing the registry's CSV file: headers in either language, values in Chinese, one error per problem. */
class EntityCsvTest {

    private static final String HEADER = "单位代码,单位名称,类型,层级,上级单位代码,审议方式,启用,起草人员\n";

    private static EntityCsv.Parsed parse(String text) {
        return EntityCsv.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void chineseValuesAndPeopleAreRead() {
        // Given a county and its department with Chinese values, people written 账号:姓名:邮箱 and a BOM
        String file = "\uFEFF" + HEADER
                + "zz-county,某县人民政府,政府,县级,,政府常务会议,是,zz_a:张三:a@example.org；zz_b:李四:b@example.org\n"
                + "zz-county-sfj,某县司法局,部门,县级,zz-county,领导班子会议,否,\n";

        // When it is parsed
        EntityCsv.Parsed parsed = parse(file);

        // Then both rows are read without errors, with their types, gates, flags and people
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).hasSize(2);
        ReportingEntity county = parsed.rows().get(0).entity();
        assertThat(county.type()).isEqualTo(EntityType.GOVERNMENT);
        assertThat(county.level()).isEqualTo(AdminLevel.COUNTY);
        assertThat(county.reviewGate()).isEqualTo(ReviewGate.EXECUTIVE_MEETING);
        assertThat(county.parent()).isNull();
        assertThat(parsed.rows().get(0).people().get(Role.DRAFTER)).extracting(Person::id).containsExactly("zz_a", "zz_b");
        assertThat(parsed.rows().get(1).entity().active()).isFalse();
        assertThat(parsed.rows().get(1).people().get(Role.DRAFTER)).isEmpty();
        assertThat(parsed.rows().get(1).line()).isEqualTo(3);
    }

    @Test
    void englishHeadersAndEnumNamesAreAccepted() {
        // Given English headers in another order and enum names as values
        String file = "type,parent,name,code\nGOVERNMENT,,Some county,zz-en\n";

        // When it is parsed
        EntityCsv.Parsed parsed = parse(file);

        // Then the row is read
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).singleElement().satisfies(r -> {
            assertThat(r.entity().code()).isEqualTo("zz-en");
            assertThat(r.entity().type()).isEqualTo(EntityType.GOVERNMENT);
        });
    }

    @Test
    void everyProblemOfEveryLineIsReportedWithItsLine() {
        // Given a file with a bad code on line 2, an unknown type and gate on line 3, bad people on line 4,
        // a short line 5 and a bad active flag on line 6
        String file = HEADER
                + "Bad_Code,某县人民政府,政府,县级,,,是,\n"
                + "zz-x,某单位,事业单位,县级,,人大审议,是,\n"
                + "zz-y,某单位,政府,县级,,,是,zz_a:张三；bad id:李四:b@example.org；zz_c:王五:not-a-mail\n"
                + "zz-z,某单位,政府\n"
                + "zz-w,某单位,政府,县级,,,也许,\n";

        // When it is parsed
        List<LineError> errors = parse(file).errors();

        // Then each problem is named with its line, in both languages
        assertThat(errors).extracting(LineError::line).containsExactly(2, 3, 3, 4, 4, 4, 5, 6);
        assertThat(errors.get(0).messageZh()).contains("单位代码只能由小写字母");
        assertThat(errors.get(1).messageEn()).contains("Unknown type \"事业单位\"");
        assertThat(errors.get(2).messageZh()).contains("审议方式");
        assertThat(errors.get(3).messageEn()).contains("userId:name:email");
        assertThat(errors.get(4).messageEn()).contains("user id must be letters");
        assertThat(errors.get(5).messageEn()).contains("invalid email address");
        assertThat(errors.get(6).messageEn()).contains("3 values, but the header has 8 columns");
        assertThat(errors.get(7).text()).startsWith("第6行：").contains(" / line 6: ");
    }

    @Test
    void aMissingRequiredColumnAndAnUnknownColumnAreHeaderErrors() {
        // Given a header without 类型 (type) and with a misspelt column
        String file = "单位代码,单位名称,上级单位代码,备注\nzz-a,某县人民政府,,\n";

        // When it is parsed
        EntityCsv.Parsed parsed = parse(file);

        // Then line 1 is named for both, and no row is read
        assertThat(parsed.rows()).isEmpty();
        assertThat(parsed.errors()).extracting(LineError::line).containsOnly(1);
        assertThat(parsed.errors()).extracting(LineError::messageZh)
                .anySatisfy(m -> assertThat(m).contains("未知的列“备注”"))
                .anySatisfy(m -> assertThat(m).contains("缺少必需的列“类型”"));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithAHintForExcel() {
        // Given a registry file saved by Excel in GBK
        byte[] gbk = (HEADER + "zz-a,某县人民政府,政府,县级,,,是,\n").getBytes(Charset.forName("GBK"));

        // When it is parsed
        EntityCsv.Parsed parsed = EntityCsv.parse(gbk);

        // Then it is refused as a whole, with the way to save it as UTF-8
        assertThat(parsed.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.messageZh()).contains("UTF-8");
            assertThat(e.messageEn()).contains("CSV UTF-8");
        });
    }

    @Test
    void aWrittenFileReadsBackToTheSameEntitiesAndPeople() {
        // Given an entity with every field and people
        ReportingEntity county = new ReportingEntity("zz-county", "某县人民政府", "某县", EntityType.GOVERNMENT,
                AdminLevel.COUNTY, "zz-city", "中共某县委", "某县人大常委会", "某县依法治县办", null,
                ReviewGate.PRINCIPAL_SIGN_OFF, "某政呈", List.of("甲, 乙", "丙"), "某市依法治市办", false);
        Map<Role, List<Person>> people = Map.of(Role.OWNER, List.of(new Person("zz_o", "赵六", "o@example.org")));

        // When it is written and read again
        EntityCsv.Parsed parsed = EntityCsv.parse(EntityCsv.write(List.of(county), e -> people));

        // Then nothing is lost (a comma inside a value is quoted)
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).singleElement().satisfies(r -> {
            assertThat(r.entity()).isEqualTo(county);
            assertThat(r.people().get(Role.OWNER)).containsExactly(new Person("zz_o", "赵六", "o@example.org"));
            assertThat(r.people().get(Role.DRAFTER)).isEmpty();
        });
    }
}
