package cn.fazhi.annualreport.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * A registry file (docs/organization.md, the import format) for the benchmark: one supervising city government
 * ({@code bench}, 模拟市, only its owner, no case of its own) with N county governments below it, each with M
 * departments. Every role of an entity has exactly one person, so that a reminder to a task's candidates is one
 * mail: a government has an owner, a drafter, a leader, an office clerk and a secrecy reviewer; a department its head
 * (owner, leader) and one staff member (drafter, contributor, office, secrecy), as in the demo file.
 */
final class RegistryCsv {

    static final String CITY = "bench";
    static final String CITY_OWNER = "bench_owner";

    private static final String HEADER = "单位代码,单位名称,简称,类型,层级,上级单位代码,同级党委,同级人大常委会,依法治理办公室,"
            + "上级主管部门,审议方式,文号前缀,报送对象,抄送,启用,牵头负责人,起草人员,材料报送人员,主要负责人,办公室人员,保密审查人员";
    private static final String[] DEPARTMENTS = {"司法局", "公安局", "教育局", "市场监督管理局", "生态环境局",
            "人力资源和社会保障局", "住房和城乡建设局", "财政局", "自然资源局", "交通运输局", "农业农村局", "卫生健康委员会",
            "应急管理局", "民政局", "文化和旅游局", "审计局", "统计局", "医疗保障局", "林业和草原局", "水务局"};
    private static final String DIGITS = "〇一二三四五六七八九";

    private final int governments;
    private final int departments;

    RegistryCsv(int governments, int departments) {
        this.governments = governments;
        this.departments = departments;
    }

    static String government(int g) {
        return String.format("g%03d", g);
    }

    static String department(int g, int d) {
        return String.format("g%03d-d%02d", g, d);
    }

    /** The staff member of a department: drafter, contributor, office and secrecy reviewer. */
    static String departmentStaff(int g, int d) {
        return department(g, d).replace('-', '_') + "_staff";
    }

    /** Every entity that gets a case: the governments, each followed by its departments. */
    List<String> caseEntities() {
        List<String> out = new ArrayList<>();
        for (int g = 1; g <= governments; g++) {
            out.add(government(g));
            for (int d = 1; d <= departments; d++) {
                out.add(department(g, d));
            }
        }
        return out;
    }

    /** The departments in the order {@link #caseEntities()} lists them. */
    List<String> departmentEntities() {
        List<String> out = new ArrayList<>();
        for (int g = 1; g <= governments; g++) {
            for (int d = 1; d <= departments; d++) {
                out.add(department(g, d));
            }
        }
        return out;
    }

    int users() {
        return 1 + governments * 5 + governments * departments * 2;
    }

    String csv() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        out.append(String.join(",", CITY, "模拟市人民政府", "模拟市", "政府", "市级", "", "中共模拟市委", "模拟市人大常委会",
                "中共模拟市委全面依法治市委员会办公室", "", "政府常务会议", "模政呈", "", "", "是",
                person(CITY_OWNER, "模拟市依法治市办"), "", "", "", "", "")).append('\n');
        for (int g = 1; g <= governments; g++) {
            String code = government(g);
            String county = "模拟" + chinese(g) + "县";
            out.append(String.join(",", code, county + "人民政府", county, "政府", "县级", CITY, "中共" + county + "委",
                    county + "人大常委会", "中共" + county + "委全面依法治县委员会办公室", "", "政府常务会议",
                    "模" + chinese(g) + "政呈", "", "", "是",
                    person(code + "_owner", county + "司法局负责人"), person(code + "_drafter", county + "起草人"), "",
                    person(code + "_leader", county + "县长"), person(code + "_office", county + "政府办"),
                    person(code + "_secrecy", county + "保密审查员"))).append('\n');
            for (int d = 1; d <= departments; d++) {
                String dept = department(g, d);
                String name = DEPARTMENTS[(d - 1) % DEPARTMENTS.length]
                        + (d > DEPARTMENTS.length ? String.valueOf(d) : "");
                String head = person(dept.replace('-', '_') + "_head", county + name + "局长");
                String staff = person(departmentStaff(g, d), county + name + "科员");
                out.append(String.join(",", dept, county + name, name, "部门", "县级", code, "", "", "",
                        "模拟市" + name, d % 4 == 0 ? "主要负责人签字" : "领导班子会议",
                        "模" + chinese(g) + "部" + chinese(d) + "呈", "", "", "是",
                        head, staff, staff, head, staff, staff)).append('\n');
            }
        }
        return out.toString();
    }

    private static String person(String id, String name) {
        return id + ":" + name + ":" + id.replace('_', '.') + "@example.org";
    }

    private static String chinese(int n) {
        StringBuilder s = new StringBuilder();
        for (char c : String.valueOf(n).toCharArray()) {
            s.append(DIGITS.charAt(c - '0'));
        }
        return s.toString();
    }
}
