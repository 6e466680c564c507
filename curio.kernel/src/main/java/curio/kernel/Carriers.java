package curio.kernel;

/**
 * Chooses a carrier: the builder's choice, else {@code -Dcurio.carrier}, else continuation when
 * {@code java.base/jdk.internal.vm} is exported to this module and {@code java.base/java.lang} opened to it,
 * else virtual. The export gives continuations; the opening lets each task have its own thread-locals on
 * them ({@link ContinuationCarrier}).
 */
final class Carriers {

    /** The flags that allow continuations, as they must be written where this module was loaded; both of them. */
    static final String FLAG = flags(Carriers.class.getModule());

    private Carriers() {}

    /** On the module path the flags name curio.kernel; on the class path the kernel is in the unnamed module. */
    static String flags(Module kernel) {
        String target = kernel.isNamed() ? kernel.getName() : "ALL-UNNAMED";
        return "--add-exports java.base/jdk.internal.vm=" + target + " --add-opens java.base/java.lang=" + target;
    }

    /** Returns true when the continuation carrier may be loaded. */
    static boolean continuationsAllowed() {
        return missing().isEmpty();
    }

    /** The flags still missing for continuations, in the words of the command line; empty when none is. */
    static String missing() {
        Module base = Object.class.getModule();
        Module kernel = Carriers.class.getModule();
        String target = kernel.isNamed() ? kernel.getName() : "ALL-UNNAMED";
        StringBuilder sb = new StringBuilder();
        if (!base.isExported("jdk.internal.vm", kernel)) {
            sb.append("--add-exports java.base/jdk.internal.vm=").append(target);
        }
        if (!base.isOpen("java.lang", kernel)) {
            sb.append(sb.isEmpty() ? "" : " ").append("--add-opens java.base/java.lang=").append(target)
                    .append(" (each task's own thread-locals)");
        }
        return sb.toString();
    }

    /**
     * Returns the carrier for a requested name.
     *
     * @param requested "continuation", "virtual", or null for the automatic choice
     * @throws IllegalStateException for an unknown name, or continuation without the flags
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
                    throw new IllegalStateException("Carrier 'continuation' needs the JVM flag " + missing()
                            + "; use carrier 'virtual' without it");
                }
                yield continuation();
            }
            default -> throw new IllegalStateException(
                    "Unknown carrier '" + name + "'; known carriers: continuation, virtual");
        };
    }

    // Only reached after the checks: loading ContinuationCarrier earlier would fail for good.
    private static Carrier continuation() {
        return new ContinuationCarrier();
    }
}
