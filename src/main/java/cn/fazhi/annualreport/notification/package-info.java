/**
 * Notices by mail: reminders before and after a deadline, new-task and assignment notices through an outbox, the mail
 * log.
 */
@ApplicationModule(allowedDependencies = {"api", "calendar", "deadline", "organization", "security", "shared"})
package cn.fazhi.annualreport.notification;

import org.springframework.modulith.ApplicationModule;
