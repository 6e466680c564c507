/**
 * The java.nio Selector backend for curio: works on every OS.
 *
 * @provides curio.api.spi.SelectorProvider the {@code "nio"} backend
 */
module curio.selector.nio {
    requires curio.api;

    provides curio.api.spi.SelectorProvider with curio.selector.nio.NioSelectorProvider;
}
