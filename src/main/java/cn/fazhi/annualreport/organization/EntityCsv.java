package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.api.Shown;
import cn.fazhi.annualreport.api.Spreadsheets;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and writes the registry's CSV file: UTF-8 (a BOM is allowed and written, for Excel), one entity per line,
 * headers in Chinese or English in any order. Reading collects every problem of every line instead of stopping.
 */
final class EntityCsv {

    /** A code with the longest role suffix ("-contributor") still fits Camunda's 64-character group id. */
    static final int MAX_CODE = 52;
    static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[;；]");
    private static final Pattern PERSON_SEPARATOR = Pattern.compile("[:：]");

    private EntityCsv() {
    }

    /** What a file holds: its rows, the columns it has, and the problems found (empty if it can be imported). */
    record Parsed(List<EntityRow> rows, List<EntityColumn> columns, List<LineError> errors) {
    }

    static Parsed parse(byte[] bytes) {
        List<LineError> errors = new ArrayList<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            errors.add(new LineError(1, "文件不是UTF-8编码（Excel请另存为“CSV UTF-8（逗号分隔）”）",
                    "The file is not UTF-8 (in Excel save as \"CSV UTF-8 (Comma delimited)\")"));
            return new Parsed(List.of(), List.of(), errors);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180.builder()
                .setIgnoreEmptyLines(true).setTrim(true).get())) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            errors.add(new LineError(1, "CSV格式错误：" + e.getMessage(), "Malformed CSV: " + e.getMessage()));
            return new Parsed(List.of(), List.of(), errors);
        }
        if (records.isEmpty()) {
            errors.add(new LineError(1, "文件为空", "The file is empty"));
            return new Parsed(List.of(), List.of(), errors);
        }
        CSVRecord header = records.get(0);
        List<EntityColumn> columns = new ArrayList<>();
        for (String name : header) {
            EntityColumn column = EntityColumn.ofHeader(name).orElse(null);
            if (column == null) {
                errors.add(new LineError(1, "未知的列“" + name + "”", "Unknown column \"" + name + "\""));
            } else if (columns.contains(column)) {
                errors.add(new LineError(1, "列“" + name + "”重复", "Column \"" + name + "\" appears twice"));
            }
            columns.add(column);
        }
        for (EntityColumn required : EntityColumn.values()) {
            if (required.required() && !columns.contains(required)) {
                errors.add(new LineError(1, "缺少必需的列“" + required.headerZh() + "”",
                        "Missing required column \"" + required.headerEn() + "\" (" + required.headerZh() + ")"));
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(List.of(), columns, errors);
        }
        if (records.size() == 1) {
            errors.add(new LineError(1, "文件没有数据行", "The file has a header but no entities"));
        }
        List<EntityRow> rows = new ArrayList<>();
        for (CSVRecord record : records.subList(1, records.size())) {
            int line = (int) record.getRecordNumber();
            if (record.size() != columns.size()) {
                errors.add(new LineError(line, "列数为" + record.size() + "，表头为" + columns.size(),
                        record.size() + " values, but the header has " + columns.size() + " columns"));
                continue;
            }
            Map<EntityColumn, String> values = new EnumMap<>(EntityColumn.class);
            for (int i = 0; i < columns.size(); i++) {
                String v = Spreadsheets.value(record.get(i).strip());
                values.put(columns.get(i), v.isEmpty() ? null : v);
            }
            new RowReader(line, values, errors).read().ifPresent(rows::add);
        }
        return new Parsed(rows, columns, errors);
    }

    /** Reads one line's values, recording every problem. */
    private record RowReader(int line, Map<EntityColumn, String> values, List<LineError> errors) {

        java.util.Optional<EntityRow> read() {
            int before = errors.size();
            values.forEach((column, v) -> {
                int max = maxLength(column);
                if (v != null && v.length() > max) {
                    error("“" + column.headerZh() + "”超过" + max + "个字符", "\"" + column.headerEn()
                            + "\" is longer than " + max + " characters");
                }
                if (v != null && unprintable(v)) {
                    error("“" + column.headerZh() + "”含有换行、控制字符或无法显示的字符", "\"" + column.headerEn()
                            + "\" contains line breaks, control characters or characters that cannot be shown");
                }
            });
            String code = required(EntityColumn.CODE);
            if (code != null && !CODE.matcher(code).matches()) {
                error("单位代码只能由小写字母、数字和“-”组成：" + code,
                        "The code must be lower-case letters, digits and '-': " + code);
            }
            String name = required(EntityColumn.NAME);
            EntityType type = choice(EntityColumn.TYPE, EntityType.values(), EntityType::labelZh, true);
            AdminLevel level = choice(EntityColumn.LEVEL, AdminLevel.values(), AdminLevel::labelZh, false);
            ReviewGate gate = choice(EntityColumn.REVIEW_GATE, ReviewGate.values(), EntityCsv::gateLabel, false);
            boolean active = active();
            Map<Role, List<Person>> people = new EnumMap<>(Role.class);
            for (EntityColumn column : EntityColumn.values()) {
                if (column.role().isPresent() && values.containsKey(column)) {
                    people.put(column.role().get(), people(column));
                }
            }
            if (errors.size() > before) {
                return java.util.Optional.empty();
            }
            String recipients = values.get(EntityColumn.RECIPIENTS);
            ReportingEntity entity = new ReportingEntity(code, name, values.get(EntityColumn.SHORT_NAME), type, level,
                    values.get(EntityColumn.PARENT), values.get(EntityColumn.PARTY_COMMITTEE),
                    values.get(EntityColumn.CONGRESS), values.get(EntityColumn.SUPERVISING_OFFICE),
                    values.get(EntityColumn.HIGHER_DEPARTMENT), gate, values.get(EntityColumn.DOCUMENT_NUMBER_PREFIX),
                    recipients == null ? List.of() : split(recipients), values.get(EntityColumn.COPY_TO), active);
            return java.util.Optional.of(new EntityRow(line, entity, people));
        }

        /**
         * Whether a value holds what no name or address has and documents cannot carry: line breaks, control and
         * direction characters, the non-characters U+FFFE and U+FFFF, a lone surrogate.
         */
        private static boolean unprintable(String v) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' || Shown.invisible(c)) {
                    return true;
                }
            }
            return false;
        }

        private static int maxLength(EntityColumn column) {
            return switch (column) {
                case CODE -> MAX_CODE;
                case SHORT_NAME, ACTIVE, TYPE, LEVEL, REVIEW_GATE -> 100;
                case DOCUMENT_NUMBER_PREFIX -> 32;
                case RECIPIENTS -> 2000;
                case OWNER, DRAFTER, CONTRIBUTOR, LEADER, OFFICE, SECRECY -> 10_000;
                default -> 200;
            };
        }

        private String required(EntityColumn column) {
            String v = values.get(column);
            if (v == null) {
                error("“" + column.headerZh() + "”不能为空", "\"" + column.headerEn() + "\" must not be empty");
            }
            return v;
        }

        private <E extends Enum<E>> E choice(EntityColumn column, E[] options, Function<E, String> label,
                                             boolean required) {
            String v = required ? required(column) : values.get(column);
            if (v == null) {
                return null;
            }
            for (E option : options) {
                if (option.name().equalsIgnoreCase(v) || label.apply(option).equals(v)) {
                    return option;
                }
            }
            String allowed = String.join("、", Arrays.stream(options).map(label).toList());
            error("“" + column.headerZh() + "”的值“" + v + "”无效，应为：" + allowed,
                    "Unknown " + column.headerEn() + " \"" + v + "\"; allowed: "
                            + String.join(", ", Arrays.stream(options).map(Enum::name).toList()) + " or " + allowed);
            return null;
        }

        private boolean active() {
            String v = values.get(EntityColumn.ACTIVE);
            if (v == null) {
                return true;
            }
            switch (v.toLowerCase(Locale.ROOT)) {
                case "是", "启用", "true", "yes", "1" -> {
                    return true;
                }
                case "否", "停用", "false", "no", "0" -> {
                    return false;
                }
                default -> {
                    error("“启用”应为“是”或“否”：" + v, "\"active\" must be yes or no: " + v);
                    return true;
                }
            }
        }

        private List<Person> people(EntityColumn column) {
            String v = values.get(column);
            if (v == null) {
                return List.of();
            }
            Map<String, Person> people = new LinkedHashMap<>();
            for (String item : split(v)) {
                String[] parts = PERSON_SEPARATOR.split(item, -1);
                if (parts.length != 3) {
                    error("“" + column.headerZh() + "”中的人员应写作“账号:姓名:邮箱”：" + item,
                            "People in \"" + column.headerEn() + "\" are written \"userId:name:email\": " + item);
                    continue;
                }
                Person p = new Person(parts[0].strip(), parts[1].strip(), parts[2].strip());
                if (!USER_ID.matcher(p.id()).matches()) {
                    error("账号只能由字母、数字、“_”和“-”组成：" + p.id(),
                            "A user id must be letters, digits, '_' and '-': " + p.id());
                } else if (p.name().isEmpty()) {
                    error("人员" + p.id() + "缺少姓名", "Person " + p.id() + " has no name");
                } else if (PersonFields.nameProblem(p.name()) != null) {
                    error("人员" + p.id() + "的姓名" + PersonFields.nameProblem(p.name()).zh(),
                            "Person " + p.id() + "'s name " + PersonFields.nameProblem(p.name()).en());
                } else if (!PersonFields.isEmail(p.email())) {
                    error("人员" + p.id() + "的邮箱无效：" + PersonFields.shown(p.email()),
                            "Person " + p.id() + " has an invalid email address: " + PersonFields.shown(p.email()));
                } else {
                    people.put(p.id(), p);
                }
            }
            return List.copyOf(people.values());
        }

        private void error(String zh, String en) {
            errors.add(new LineError(line, zh, en));
        }
    }

    static List<String> split(String list) {
        return Arrays.stream(LIST_SEPARATOR.split(list)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String gateLabel(ReviewGate gate) {
        return switch (gate) {
            case EXECUTIVE_MEETING -> "政府常务会议";
            case LEADERSHIP_MEETING -> "领导班子会议";
            case PRINCIPAL_SIGN_OFF -> "主要负责人签字";
        };
    }

    /** The registry as a CSV file with Chinese headers and every column, UTF-8 with a BOM so that Excel reads it. */
    static byte[] write(List<ReportingEntity> entities, Function<ReportingEntity, Map<Role, List<Person>>> people) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(Arrays.stream(EntityColumn.values()).map(EntityColumn::headerZh).toList());
            for (ReportingEntity e : entities) {
                Map<Role, List<Person>> byRole = people.apply(e);
                List<String> row = new ArrayList<>();
                for (EntityColumn column : EntityColumn.values()) {
                    row.add(switch (column) {
                        case CODE -> e.code();
                        case NAME -> e.name();
                        case SHORT_NAME -> e.shortName();
                        case TYPE -> e.type().labelZh();
                        case LEVEL -> e.level() == null ? "" : e.level().labelZh();
                        case PARENT -> e.parent();
                        case PARTY_COMMITTEE -> e.partyCommittee();
                        case CONGRESS -> e.congressStandingCommittee();
                        case SUPERVISING_OFFICE -> e.supervisingOffice();
                        case HIGHER_DEPARTMENT -> e.higherDepartment();
                        case REVIEW_GATE -> e.reviewGate() == null ? "" : gateLabel(e.reviewGate());
                        case DOCUMENT_NUMBER_PREFIX -> e.documentNumberPrefix();
                        case RECIPIENTS -> String.join("；", e.recipients());
                        case COPY_TO -> e.copyTo();
                        case ACTIVE -> e.active() ? "是" : "否";
                        default -> String.join("；", byRole.getOrDefault(column.role().orElseThrow(), List.of())
                                .stream().map(p -> p.id() + ":" + PersonFields.exportable(p.name()) + ":"
                                        + PersonFields.exportable(p.email())).toList());
                    });
                }
                printer.printRecord(row.stream().map(Spreadsheets::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
