package cn.fazhi.annualreport.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Download names made from names in the registry: safe as files and zip entries, sent per RFC 6266/5987. */
class DownloadsTest {

    @Test
    void pathSeparatorsControlAndReservedCharactersAreReplaced() {
        // Given addressee names as an import might bring them
        // When they are made file names
        // Then no path, control, bidi-override or Windows-reserved character survives, and nothing is empty
        assertThat(Downloads.safeFileName("中共巴彦县委")).isEqualTo("中共巴彦县委");
        assertThat(Downloads.safeFileName("../../etc/passwd")).isEqualTo("_.._etc_passwd");
        assertThat(Downloads.safeFileName("市委办公室\\秘书科: \"机要\" <室>|?*")).isEqualTo("市委办公室_秘书科_ _机要_ _室____");
        assertThat(Downloads.safeFileName("报送\r\n函\u202Excod.exe")).isEqualTo("报送函xcod.exe");
        assertThat(Downloads.safeFileName("CON")).isEqualTo("_CON");
        assertThat(Downloads.safeFileName("...")).isEqualTo("_");
        assertThat(Downloads.safeFileName(null)).isEqualTo("_");
        assertThat(Downloads.safeFileName("委".repeat(300))).hasSize(100);
    }

    @Test
    void anAttachmentHasAnAsciiFallbackAndTheUtf8Name() {
        // Given a Chinese file name with a space
        // When it is sent as an attachment
        String header = Downloads.attachment("bayan-2025-filing-package-1.zip", "报送材料 中共巴彦县委.zip");

        // Then old clients get the ASCII name, others the percent-encoded UTF-8 name
        assertThat(header).isEqualTo("attachment; filename=\"bayan-2025-filing-package-1.zip\"; "
                + "filename*=UTF-8''%E6%8A%A5%E9%80%81%E6%9D%90%E6%96%99%20%E4%B8%AD%E5%85%B1%E5%B7%B4%E5%BD%A6%E5%8E%BF%E5%A7%94.zip");
    }
}
