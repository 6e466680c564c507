/**
 * Networking for tasks: {@link curio.net.Socket} (TCP, UDP, Unix), buffered
 * {@link curio.net.SocketStream}s, {@link curio.net.Net} for clients and servers, TLS
 * ({@link curio.net.TlsOptions}), and message {@link curio.net.Channel}s. Calls look blocking and
 * suspend only the calling task.
 * <pre>{@code
 * Curio.run(() -> Net.tcpServer("", 25000, client -> {
 *     for (byte[] data = client.recv(100_000); data.length > 0; data = client.recv(100_000)) {
 *         client.sendAll(data);
 *     }
 * }));
 * }</pre>
 */
package curio.net;
