package curio.test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.opentest4j.TestAbortedException;

/** {@link EachSeed}'s engine: one invocation per seed, the seed as the {@code long} parameter. */
final class EachSeedExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(EachSeed.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method m = context.getRequiredTestMethod();
        EachSeed seeds = m.getAnnotation(EachSeed.class);
        if (seeds.value() < 1) {
            throw new IllegalArgumentException("@EachSeed on " + m.getName() + ": the count must be at least 1, got "
                    + seeds.value());
        }
        if (m.getParameterCount() != 1 || m.getParameterTypes()[0] != long.class) {
            throw new IllegalArgumentException("@EachSeed method " + m.getName() + " must take one long parameter: the seed");
        }
        String property = System.getProperty(EachSeed.SEED_PROPERTY);
        LongStream chosen = seeds.replay() >= 0 ? LongStream.of(seeds.replay())
                : property != null ? LongStream.of(Long.parseLong(property.trim()))
                : LongStream.rangeClosed(1, seeds.value());
        return chosen.mapToObj(Invocation::new);
    }

    private record Invocation(long seed) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[seed " + seed + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new SeedParameter(seed));
        }
    }

    /** Supplies the seed, and names it in a failure with the ways to replay it. */
    private record SeedParameter(long seed) implements ParameterResolver, TestExecutionExceptionHandler {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == long.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return seed;
        }

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
            if (thrown instanceof TestAbortedException || String.valueOf(thrown.getMessage()).contains("-D" + EachSeed.SEED_PROPERTY)) {
                throw thrown; // already names its seed (Simulation's own errors do)
            }
            AssertionError named = new AssertionError("failed with seed " + seed + "; replay this run alone with -D"
                    + EachSeed.SEED_PROPERTY + "=" + seed + " or @EachSeed(replay = " + seed + "): " + thrown, thrown);
            throw named;
        }
    }
}
