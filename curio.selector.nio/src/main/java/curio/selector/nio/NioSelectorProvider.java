package curio.selector.nio;

import curio.api.spi.ReadinessSelector;
import curio.api.spi.SelectorProvider;
import java.io.IOException;
import java.util.Optional;

/**
 * The {@code "nio"} selector backend: {@link java.nio.channels.Selector} with socket channels.
 * Supported everywhere, at priority 10, so that a native backend (epoll, priority 20) wins when present.
 */
public final class NioSelectorProvider implements SelectorProvider {

    /** Called by {@link java.util.ServiceLoader}; does no work. */
    public NioSelectorProvider() {}

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Optional<String> unsupportedReason() {
        return Optional.empty();
    }

    @Override
    public ReadinessSelector open() throws IOException {
        return new NioSelector();
    }
}
