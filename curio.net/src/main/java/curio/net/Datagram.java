package curio.net;

import curio.api.spi.Received;
import curio.api.spi.SocketHandle;
import curio.api.trap.BlockingTrap;
import curio.api.trap.Traps;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * One datagram received by {@link Socket#recvFrom(int)}.
 *
 * @param data the payload
 * @param sender where it came from
 */
public record Datagram(byte[] data, SocketAddress sender) {

    /** The largest datagram UDP can carry (65,535 bytes less the IPv4 headers). */
    static final int MAX_SIZE = 65_507;

    /** Receives one datagram of at most {@code maxBytes} on {@code h}, waiting with {@code readable}. */
    static Datagram receive(SocketHandle h, int maxBytes, BlockingTrap.ReadWait readable) throws IOException {
        int size = Math.min(maxBytes, MAX_SIZE); // no datagram is larger: never allocate more
        byte[] buf = new byte[size];
        while (true) {
            Received d = h.receive(buf, 0, size);
            if (d != null) {
                return new Datagram(Arrays.copyOf(buf, d.length()), d.sender());
            }
            Traps.readWait(readable);
        }
    }

    /** Sends {@code data} as one datagram to {@code to} on {@code h}, waiting with {@code writable}. */
    static int send(SocketHandle h, byte[] data, SocketAddress to, BlockingTrap.WriteWait writable) throws IOException {
        Objects.requireNonNull(to, "sendTo(): address must not be null");
        while (true) {
            int n = h.send(data, 0, data.length, to);
            if (n != SocketHandle.WOULD_BLOCK) {
                return n;
            }
            Traps.writeWait(writable);
        }
    }
}
