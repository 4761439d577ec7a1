package cn.fazhi.annualreport.report;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the packaged diagram meets an administrator's ({@code report.process.*}): by default a release whose diagram
 * changed does not replace an administrator's latest version; {@code release-replaces-admin-version=true} makes it.
 */
@ConfigurationProperties("report.process")
record ProcessProperties(boolean releaseReplacesAdminVersion) {
}
