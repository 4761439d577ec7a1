package cn.fazhi.annualreport.notification;

import org.springframework.context.ApplicationContext;

/** For tests in other packages: sends the queued notices now, as the dispatcher does after each commit in production. */
public final class QueuedNotices {

    private QueuedNotices() {
    }

    public static int send(ApplicationContext context) {
        return context.getBean(NoticeDispatcher.class).dispatchDue();
    }
}
