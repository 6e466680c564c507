package curio.api.spi;

import java.net.SocketAddress;

/**
 * One datagram received: how many bytes were stored and where they came from.
 *
 * @param length bytes stored in the caller's buffer
 * @param sender the sender's address
 */
public record Received(int length, SocketAddress sender) {}
