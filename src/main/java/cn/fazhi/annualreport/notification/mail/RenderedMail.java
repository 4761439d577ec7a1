package cn.fazhi.annualreport.notification.mail;

/** A rendered notice: one-line subject, plain text and HTML. */
record RenderedMail(String subject, String text, String html) {
}
