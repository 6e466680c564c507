/**
 * A simulated network for curio: the {@code "sim"} selector backend. Its sockets live in memory
 * between simulated hosts, time is the kernel's virtual clock, and the network's bad days (latency,
 * short reads and writes, resets, refused connects, lost datagrams, partitions, held traffic, host
 * crashes) come from a seed, so that any run can be replayed exactly. The code under test keeps using
 * {@code curio.net}; only the selector changes. Never chosen automatically: only by name or instance.
 *
 * @provides curio.api.spi.SelectorProvider the {@code "sim"} backend, with a default network
 */
module curio.selector.sim {
    requires transitive curio.api;

    exports curio.sim;

    provides curio.api.spi.SelectorProvider with curio.sim.SimNetwork;
}
