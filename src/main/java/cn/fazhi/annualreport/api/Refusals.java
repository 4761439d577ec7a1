package cn.fazhi.annualreport.api;

import java.util.Optional;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * The application's refusals of engine calls — a guarded task action, a check inside a delegate — in the exception
 * types with which the engine's REST API answers 400 rather than 500, kept for the request being answered, so that
 * {@link EngineRefusalFilter} replaces the engine's answer by the refusal's own status and bilingual body.
 */
public final class Refusals {

    private static final ThreadLocal<ApiException[]> CURRENT = new ThreadLocal<>();

    private Refusals() {
    }

    /** A task completion or form submission refused: the REST API answers such an exception with 400. */
    public static RuntimeException ofSubmission(ApiException refusal) {
        record(refusal);
        return new RefusedSubmission(refusal);
    }

    /** Any other engine call refused (claim, hand-over, comment, resolve): 400 from the REST API. */
    public static RuntimeException ofAction(ApiException refusal) {
        record(refusal);
        return refusal;
    }

    /**
     * Keeps the refusal as the answer to the engine REST request on this thread, if one is being answered. The last
     * one counts: a refusal that a check caught and got over (a form looked up for a task completed meanwhile) gives
     * way to the one that ended the request.
     */
    public static void record(ApiException refusal) {
        ApiException[] slot = CURRENT.get();
        if (slot != null) {
            slot[0] = refusal;
        }
    }

    /** The application's refusal behind an exception of the engine, if there is one. */
    public static Optional<ApiException> behind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EngineRefusal r) {
                return Optional.of(r.refusal());
            }
            if (t instanceof ApiException a) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a request of the engine's REST API and answers what the application refused meanwhile, if anything, and
     * whether the request ended in an exception.
     */
    static Outcome capture(Call call) throws Exception {
        ApiException[] previous = CURRENT.get();
        ApiException[] slot = new ApiException[1];
        CURRENT.set(slot);
        try {
            call.run();
            return new Outcome(slot[0], false);
        } catch (Exception e) {
            if (slot[0] != null) {
                return new Outcome(slot[0], true);
            }
            throw e;
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The refusal recorded while a request ran (or null), and whether the request ended in an exception. */
    record Outcome(ApiException refusal, boolean failed) {
    }

    /** A request handed on to the engine's REST API. */
    interface Call {
        void run() throws Exception;
    }

    /** An engine exception that carries one of the application's refusals. */
    public interface EngineRefusal {
        ApiException refusal();
    }

    /**
     * Caught by the REST API's completion and form submission as a form error (400); its message in the language of
     * the request being answered, if any.
     */
    static final class RefusedSubmission extends FormFieldValidationException implements EngineRefusal {

        private final transient ApiException refusal;

        RefusedSubmission(ApiException refusal) {
            super(null, Language.current().pick(refusal.messageZh(), refusal.messageEn()), refusal);
            this.refusal = refusal;
        }

        @Override
        public ApiException refusal() {
            return refusal;
        }
    }
}
