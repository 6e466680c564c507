package curio.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method as the main task of a fresh kernel with the virtual clock, once per carrier (and
 * selector) listed; tasks the test leaves running, and tasks that ended fine but were never joined,
 * fail it. The method takes no parameters and may call async code directly:
 * <pre>{@code
 * @CurioTest
 * void sleepsTakeNoRealTime() {
 *     Curio.sleep(Duration.ofHours(1));
 * }
 * }</pre>
 * Runs are named {@code [continuation, nio]}, {@code [virtual, nio]}, and so on. A run whose carrier
 * this JVM cannot provide is aborted (reported as skipped) with the JVM flag it needs. A deadlock ends
 * the run at once with the kernel's {@link curio.api.DeadlockException}, naming who waits on what.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(CurioTestExtension.class)
public @interface CurioTest {

    /**
     * Carriers to run on.
     *
     * @return the text
     */
    String[] carriers() default {"continuation", "virtual"};

    /**
     * Selectors to run on.
     *
     * @return the text
     */
    String[] selectors() default {"nio"};

    /**
     * A deadline for the test body, in seconds of the kernel's clock (which follows real time while
     * tasks wait on I/O or other threads); 0 for none. A body still running then fails the test with
     * an {@link AssertionError} naming the deadline.
     *
     * @return the deadline in seconds; 0 for none
     */
    long deadlineSeconds() default 0;
}
