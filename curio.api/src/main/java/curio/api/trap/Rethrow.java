package curio.api.trap;

/**
 * Rethrows any throwable unchanged, checked or not.
 * <p>Curio promises that {@code Curio.run}, {@code Task.result()} and timeout blocks raise a task's own
 * exception, not a wrapper; Java's checked exceptions would otherwise force a wrapper.
 */
public final class Rethrow {

    private Rethrow() {}

    /**
     * Throws {@code t} as it is. Declared to return an error so that callers can write
     * {@code throw Rethrow.unchecked(t);} and keep the compiler's flow analysis.
     *
     * @param t the task
     * @return never returns normally
     */
    public static RuntimeException unchecked(Throwable t) {
        throw Rethrow.<RuntimeException>sneaky(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
