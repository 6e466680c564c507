package curio.testkit;

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
 * It lives in curio.api's test jar beside the rest of the project's test kit, because every module's
 * tests already depend on that jar and it needs no module of its own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(CurioTestExtension.class)
public @interface CurioTest {

    /** Carriers to run on. */
    String[] carriers() default {"continuation", "virtual"};

    /** Selectors to run on. */
    String[] selectors() default {"nio"};
}
