package curio.test;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps curio's log output (every logger under {@code curio}) out of a passing test's console, and puts
 * it there when the test fails. A test that expects a crash report or a never-joined warning reads it
 * from {@link #records()} and asserts on it, instead of printing a stack trace into a green build.
 * <p>Registered per class with {@code @ExtendWith(CapturedLogs.class)}, or for every test with JUnit's
 * extension auto-detection ({@code junit.jupiter.extensions.autodetection.enabled=true}; curio.test
 * provides it as a service):
 * <pre>{@code
 * @CurioTest
 * void aCrashIsLogged() {
 *     Curio.spawn(() -> { throw new IllegalStateException("boom"); }).awaitTermination();
 *     assertTrue(CapturedLogs.messages(Level.SEVERE).getFirst().startsWith("Task Crash"));
 * }
 * }</pre>
 * Records are captured from every thread, since kernels log from their own threads.
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {

    private static final Logger CURIO = Logger.getLogger("curio");
    private static final Formatter FORMAT = new SimpleFormatter();

    // Tests of one JVM run one at a time here (the project does not run tests in parallel); the
    // handler is installed for the test running now.
    private static final List<LogRecord> RECORDS = new ArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (RECORDS) {
                RECORDS.add(record);
            }
        }

        @Override public void flush() {}
        @Override public void close() {}
    };

    /** Created by JUnit; holds no state. */
    public CapturedLogs() {}

    /**
     * Returns the records curio logged during the current test, oldest first.
     *
     * @return a copy of the records, oldest first
     */
    public static List<LogRecord> records() {
        synchronized (RECORDS) {
            return List.copyOf(RECORDS);
        }
    }

    /**
     * Returns the formatted messages curio logged at {@code level} during the current test.
     *
     * @param level the exact level, e.g. {@link Level#SEVERE}
     * @return the messages, oldest first
     */
    public static List<String> messages(Level level) {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records()) {
            if (r.getLevel().equals(level)) {
                out.add(FORMAT.formatMessage(r));
            }
        }
        return out;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        synchronized (RECORDS) {
            RECORDS.clear();
        }
        CAPTURE.setLevel(Level.ALL);
        CURIO.addHandler(CAPTURE);
        CURIO.setUseParentHandlers(false);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CURIO.removeHandler(CAPTURE);
        CURIO.setUseParentHandlers(true);
        if (context.getExecutionException().isPresent()) {
            PrintStream err = System.err;
            for (LogRecord r : records()) {
                err.print(FORMAT.format(r)); // the failure's context, as the console would have shown it
            }
        }
    }
}
