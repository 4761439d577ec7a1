package cn.fazhi.annualreport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Runs the annual rule-of-law government report (法治政府建设年度报告) workflow on Camunda 7. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnnualReportApplication {

    public static void main(String[] args) {
        SpringApplication.run(AnnualReportApplication.class, args);
    }
}
