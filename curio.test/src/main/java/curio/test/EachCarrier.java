package curio.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs a test once per carrier, named {@code [continuation]} and {@code [virtual]}; the test method
 * takes the carrier id as its {@code String} parameter (a backend id for {@link Kernels} on nio).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ParameterizedTest(name = "[{0}]")
@ValueSource(strings = {"continuation", "virtual"})
public @interface EachCarrier {}
