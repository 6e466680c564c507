package curio.net;

import java.net.SocketAddress;

/**
 * One datagram received by {@link Socket#recvFrom(int)}.
 *
 * @param data the payload
 * @param sender where it came from
 */
public record Datagram(byte[] data, SocketAddress sender) {}
