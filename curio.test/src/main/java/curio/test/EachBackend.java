package curio.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test once per installed selector and carrier, named {@code [continuation, epoll]} and so on;
 * the test method takes the backend id as its {@code String} parameter and passes it to {@link Kernels}.
 * <pre>{@code
 * @EachBackend
 * void sleeps(String backend) {
 *     Kernels.run(backend, () -> Curio.sleep(Duration.ofHours(1)));
 * }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ParameterizedTest(name = "[{0}]")
@MethodSource("curio.test.Backends#all")
public @interface EachBackend {}
