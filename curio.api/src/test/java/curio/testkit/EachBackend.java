package curio.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test once per installed selector and carrier; the test method takes the backend id
 * ("selector/carrier") as its {@code String} parameter and passes it to {@link Kernels}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ParameterizedTest(name = "[{0}]")
@MethodSource("curio.testkit.Backends#all")
public @interface EachBackend {}
