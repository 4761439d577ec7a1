package cn.fazhi.annualreport.document;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * Lets a draft of {@code report.documents.max-size} travel as base64 in a task completion (the engine's REST API and
 * Tasklist send files so): Jackson reads no JSON string above 20,000,000 characters by default, the base64 of a 15 MB
 * file. Before any JSON parser exists, the default limit is raised to twice the base64 of the configured size, so
 * that a file somewhat too large is still read and refused with the application's 413 naming the limit.
 */
class JsonStringLimit implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DataSize maxSize = Binder.get(environment).bind("report.documents.max-size", DataSize.class)
                .orElse(DocumentProperties.DEFAULT_MAX_SIZE);
        raiseTo(2 * base64Length(maxSize.toBytes()) + 1024);
    }

    static long base64Length(long bytes) {
        return 4 * ((bytes + 2) / 3);
    }

    static void raiseTo(long characters) {
        StreamReadConstraints defaults = StreamReadConstraints.defaults();
        int wanted = (int) Math.min(characters, Integer.MAX_VALUE / 2);
        if (wanted > defaults.getMaxStringLength()) {
            StreamReadConstraints.overrideDefaultStreamReadConstraints(
                    defaults.rebuild().maxStringLength(wanted).build());
        }
    }
}
