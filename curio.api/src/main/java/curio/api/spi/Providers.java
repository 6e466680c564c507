package curio.api.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the kernel and selector providers on the module path (or class path).
 * <p>Selector choice, in order: the name passed in (from {@code Kernel.builder().selector(name)}),
 * then the system property {@code curio.selector}, then the supported provider with the highest
 * priority; a provider with a negative priority (the simulation) is never chosen that way, only by name. A named provider that is missing or unsupported is an error whose message lists every
 * provider found and why each one was rejected.
 */
public final class Providers {

    private static final System.Logger LOG = System.getLogger("curio.kernel");

    private Providers() {}

    /**
     * Returns every selector provider found, in ServiceLoader order.
     *
     * @return every selector provider found, in ServiceLoader order
     */
    public static List<SelectorProvider> selectors() {
        List<SelectorProvider> found = new ArrayList<>();
        ServiceLoader.load(SelectorProvider.class, Providers.class.getClassLoader()).forEach(found::add);
        return found;
    }

    /**
     * Chooses a selector provider.
     *
     * @param requested a name, or null to consult {@code -Dcurio.selector} and then priorities
     * @return the provider chosen
     * @throws IllegalStateException if the choice is missing or unsupported, or nothing is usable
     */
    public static SelectorProvider selector(String requested) {
        List<SelectorProvider> found = selectors();
        String name = requested != null ? requested : System.getProperty("curio.selector");
        String origin = requested != null ? "Kernel.builder().selector(\"" + requested + "\")"
                : "-Dcurio.selector=" + name;
        if (name != null && !name.isBlank()) {
            for (SelectorProvider p : found) {
                if (p.name().equals(name)) {
                    Optional<String> why = p.unsupportedReason();
                    if (why.isPresent()) {
                        throw new IllegalStateException("Selector '" + name + "' chosen by " + origin
                                + " is not supported here: " + why.get() + ". Found: " + describe(found));
                    }
                    LOG.log(System.Logger.Level.DEBUG, "selector {0} chosen by {1}", name, origin);
                    return p;
                }
            }
            throw new IllegalStateException("Selector '" + name + "' chosen by " + origin
                    + " was not found: no selector module of that name on the module path, and no jar on the class path"
                    + " that provides it. Found: " + describe(found));
        }
        SelectorProvider best = found.stream()
                .filter(p -> p.priority() >= 0 && p.unsupportedReason().isEmpty())
                .max(Comparator.comparingInt(SelectorProvider::priority))
                .orElseThrow(() -> new IllegalStateException(
                        "No usable curio selector: put curio.selector.nio (or another backend) on the module path. Found: "
                                + describe(found)));
        LOG.log(System.Logger.Level.DEBUG, "selector {0} chosen by priority", best.name());
        return best;
    }

    /** Describes every provider with its priority and support, for error messages. */
    static String describe(List<SelectorProvider> found) {
        if (found.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (SelectorProvider p : found) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(p.name()).append(" (priority ").append(p.priority()).append(", ")
                    .append(p.unsupportedReason().map(r -> "unsupported: " + r).orElse("supported")).append(')');
        }
        return sb.toString();
    }

    /**
     * Returns the kernel provider.
     *
     * @return the kernel provider
     * @throws IllegalStateException if curio.kernel is not on the module path
     */
    public static KernelProvider kernel() {
        return ServiceLoader.load(KernelProvider.class, Providers.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No curio kernel found: put the curio.kernel module on the module path"));
    }
}
