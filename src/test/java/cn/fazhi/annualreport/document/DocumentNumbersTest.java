package cn.fazhi.annualreport.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** 文号: unique and gap-free per prefix and year, even concurrently; manual numbers checked; cancelled never reused. */
@AnnualReportTest
class DocumentNumbersTest {

    @Autowired
    DocumentNumbers numbers;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ProcessEngine engine;

    @AfterEach
    void tearDown() {
        new TestCases(engine).cleanUp();
    }

    @Test
    void numbersCountUpPerPrefixAndYearInTheOfficialForm() {
        assertThat(assign("巴政呈", 2026)).isEqualTo("巴政呈〔2026〕1号");
        assertThat(assign("巴政呈", 2026)).isEqualTo("巴政呈〔2026〕2号");
        assertThat(assign("巴政呈", 2027)).isEqualTo("巴政呈〔2027〕1号");
        assertThat(assign("巴公呈", 2026)).isEqualTo("巴公呈〔2026〕1号");
    }

    @Test
    void aRolledBackIssuanceLeavesNoGap() {
        assign("新政文", 2026);
        tx.executeWithoutResult(status -> {
            numbers.assign("新政文", 2026, null, "tester");
            status.setRollbackOnly();
        });

        assertThat(assign("新政文", 2026)).isEqualTo("新政文〔2026〕2号");
    }

    @Test
    void concurrentIssuancesGetDistinctNumbersWithoutGaps() throws Exception {
        // Given 4 clerks issuing 10 documents each at the same time
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            results.add(pool.submit((Callable<String>) () -> assign("廊政呈", 2026)));
        }
        List<String> issued = new ArrayList<>();
        for (Future<String> f : results) {
            issued.add(f.get());
        }
        pool.shutdown();

        // Then the 40 numbers are exactly 1..40
        List<Integer> sequences = new ArrayList<>(issued.stream()
                .map(n -> Integer.parseInt(n.substring(n.indexOf('〕') + 1, n.length() - 1))).toList());
        Collections.sort(sequences);
        assertThat(sequences).isEqualTo(java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList());
    }

    @Test
    void aManualNumberIsCheckedAndTakenNumbersAreSkipped() {
        tx.executeWithoutResult(s -> numbers.registerManual("巴政呈〔2026〕2号", null, "clerk"));

        assertThat(assign("巴政呈", 2026)).isEqualTo("巴政呈〔2026〕1号");
        assertThat(assign("巴政呈", 2026)).isEqualTo("巴政呈〔2026〕3号");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> numbers.registerManual("巴政呈〔2026〕2号", null, "c")))
                .isInstanceOfSatisfying(DocumentNumberException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThatThrownBy(() -> numbers.checkManual("巴政呈2026-12"))
                .isInstanceOfSatisfying(DocumentNumberException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void aCancelledNumberIsRecordedAndNeverGivenOutAgain() {
        String first = assign("巴政呈", 2026);

        DocumentNumber cancelled = numbers.cancel(first, "文件撤回", "admin");

        assertThat(cancelled.status()).isEqualTo(DocumentNumber.CANCELLED);
        assertThat(cancelled.cancelReason()).contains("文件撤回");
        assertThat(assign("巴政呈", 2026)).isEqualTo("巴政呈〔2026〕2号");
        assertThatThrownBy(() -> numbers.checkManual(first)).isInstanceOf(DocumentNumberException.class);
    }

    private String assign(String prefix, int year) {
        return tx.execute(s -> numbers.assign(prefix, year, null, "clerk"));
    }
}
