package curio.kernel;

/**
 * Chooses a carrier: the builder's choice, else {@code -Dcurio.carrier}, else continuation when
 * {@code java.base/jdk.internal.vm} is exported to this module, else virtual.
 */
final class Carriers {

    /** The flag that allows continuations, as it must be written where this module was loaded. */
    static final String FLAG = flag(Carriers.class.getModule());

    /** On the module path the export goes to curio.kernel; on the class path the kernel is in the unnamed module. */
    static String flag(Module kernel) {
        return "--add-exports java.base/jdk.internal.vm=" + (kernel.isNamed() ? kernel.getName() : "ALL-UNNAMED");
    }

    private Carriers() {}

    /** Returns true when the continuation carrier may be loaded. */
    static boolean continuationsAllowed() {
        return Object.class.getModule().isExported("jdk.internal.vm", Carriers.class.getModule());
    }

    /**
     * Returns the carrier for a requested name.
     *
     * @param requested "continuation", "virtual", or null for the automatic choice
     * @throws IllegalStateException for an unknown name, or continuation without the export
     */
    static Carrier choose(String requested) {
        String name = requested != null ? requested : System.getProperty("curio.carrier");
        if (name == null || name.isBlank() || name.equals("auto")) {
            return continuationsAllowed() ? continuation() : new VirtualCarrier();
        }
        return switch (name) {
            case "virtual" -> new VirtualCarrier();
            case "continuation" -> {
                if (!continuationsAllowed()) {
                    throw new IllegalStateException("Carrier 'continuation' needs the JVM flag " + FLAG
                            + "; use carrier 'virtual' without it");
                }
                yield continuation();
            }
            default -> throw new IllegalStateException(
                    "Unknown carrier '" + name + "'; known carriers: continuation, virtual");
        };
    }

    // Only reached after the export check: loading ContinuationCarrier earlier would fail for good.
    private static Carrier continuation() {
        return new ContinuationCarrier();
    }
}
