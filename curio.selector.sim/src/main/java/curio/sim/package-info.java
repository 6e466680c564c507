/**
 * A simulated network for tests: hosts, sockets and hardship (latency, splits, resets, refusals, losses,
 * partitions, power cuts, killed processes) on the kernel's virtual clock, all drawn from one seed, so a
 * failing run replays exactly. {@link curio.sim.Simulation} runs a body on a fresh {@link curio.sim.SimNetwork};
 * {@link curio.sim.SimHost}s run its tasks; {@link curio.sim.Hardship} says how rough the network is.
 * <pre>{@code
 * Simulation.run(seed, Hardship.ROUGH, net -> {
 *     SimHost server = net.host("server");
 *     server.run(() -> Net.tcpServer("", 7000, (client, from) -> client.sendAll("hi\n".getBytes())));
 *     net.host("client").spawn(() -> {
 *         try (SocketStream s = Net.openConnection("server", 7000)) {
 *             assertArrayEquals("hi\n".getBytes(), s.readLine());
 *         }
 *     }).join();
 * }).rethrow(); // names the seed that failed, to replay with -Dcurio.sim.seed
 * }</pre>
 * The network is a backend like any other: it offers the kernel a clock, names, randomness and a watch on
 * tasks as capabilities ({@code ReadinessSelector.capability}), and refuses waits on other threads.
 */
package curio.sim;
