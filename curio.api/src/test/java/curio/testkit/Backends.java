package curio.testkit;

import curio.api.spi.Providers;
import curio.api.spi.SelectorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every installed and supported selector backend times both carriers, as "selector/carrier" ids. */
public final class Backends {

    private Backends() {}

    /** The ids {@link EachBackend} runs a test with, e.g. "nio/continuation", "epoll/virtual". */
    public static Stream<String> all() {
        List<String> ids = new ArrayList<>();
        for (SelectorProvider p : Providers.selectors()) {
            if (p.unsupportedReason().isPresent()) {
                System.err.println("[curio.testkit] selector " + p.name() + " skipped: " + p.unsupportedReason().get());
                continue;
            }
            for (String carrier : List.of("continuation", "virtual")) {
                ids.add(p.name() + "/" + carrier);
            }
        }
        return ids.stream().sorted();
    }
}
