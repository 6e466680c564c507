package curio.selector.epoll;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Socket addresses in and out of C:
 * <pre>
 * struct sockaddr_in  { sa_family_t family; in_port_t port (big-endian); struct in_addr addr; char zero[8]; }   16 bytes
 * struct sockaddr_in6 { sa_family_t family; in_port_t port; uint32_t flowinfo; struct in6_addr addr; uint32_t scope_id; } 28
 * struct sockaddr_un  { sa_family_t family; char path[108]; }
 * </pre>
 * {@code sa_family_t} is a native-order 16-bit integer; ports and IPv4/IPv6 addresses are big-endian.
 */
final class SockAddr {

    /** Size of a buffer that fits every address kind (sockaddr_storage). */
    static final int STORAGE = 128;
    private static final ValueLayout.OfShort FAMILY = ValueLayout.JAVA_SHORT;
    private static final ValueLayout.OfShort PORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int UNIX_PATH_MAX = 108;

    private SockAddr() {}

    /** Writes {@code address} into {@code buf}; returns its length. */
    static int encode(SocketAddress address, MemorySegment buf, int family) throws IOException {
        buf.fill((byte) 0);
        if (address instanceof UnixDomainSocketAddress unix) {
            byte[] path = unix.getPath().toString().getBytes(StandardCharsets.UTF_8);
            if (path.length >= UNIX_PATH_MAX) {
                throw new IOException("Unix socket path longer than " + (UNIX_PATH_MAX - 1) + " bytes: " + unix.getPath());
            }
            buf.set(FAMILY, 0, (short) LibC.AF_UNIX);
            MemorySegment.copy(path, 0, buf, ValueLayout.JAVA_BYTE, 2, path.length);
            return 2 + path.length + 1;
        }
        if (!(address instanceof InetSocketAddress inet)) {
            throw new IllegalArgumentException("unsupported address type: " + address);
        }
        if (inet.isUnresolved()) {
            throw new java.net.UnknownHostException("unresolved address " + inet.getHostString());
        }
        InetAddress ip = inet.getAddress();
        if (family == LibC.AF_INET6) {
            byte[] bytes = ip instanceof Inet4Address ? mapped(ip.getAddress()) : ip.getAddress();
            buf.set(FAMILY, 0, (short) LibC.AF_INET6);
            buf.set(PORT, 2, (short) inet.getPort());
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 8, 16);
            if (ip instanceof Inet6Address v6) {
                buf.set(ValueLayout.JAVA_INT_UNALIGNED, 24, v6.getScopeId());
            }
            return 28;
        }
        if (!(ip instanceof Inet4Address)) {
            throw new IllegalArgumentException("an IPv4 socket cannot use the IPv6 address " + ip);
        }
        buf.set(FAMILY, 0, (short) LibC.AF_INET);
        buf.set(PORT, 2, (short) inet.getPort());
        MemorySegment.copy(ip.getAddress(), 0, buf, ValueLayout.JAVA_BYTE, 4, 4);
        return 16;
    }

    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    /** Reads an address written by the kernel, {@code len} bytes long. */
    static SocketAddress decode(MemorySegment buf, int len) throws IOException {
        if (len < 2) {
            return null; // unbound or unnamed (e.g. an unbound Unix socket)
        }
        int family = buf.get(FAMILY, 0);
        return switch (family) {
            case LibC.AF_INET -> new InetSocketAddress(InetAddress.getByAddress(buf.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE)),
                    Short.toUnsignedInt(buf.get(PORT, 2)));
            case LibC.AF_INET6 -> new InetSocketAddress(Inet6Address.getByAddress(null,
                    buf.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE), buf.get(ValueLayout.JAVA_INT_UNALIGNED, 24)),
                    Short.toUnsignedInt(buf.get(PORT, 2)));
            case LibC.AF_UNIX -> {
                if (len <= 2) {
                    yield null;
                }
                byte[] raw = buf.asSlice(2, len - 2).toArray(ValueLayout.JAVA_BYTE);
                int end = 0;
                while (end < raw.length && raw[end] != 0) {
                    end++;
                }
                yield end == 0 ? null : UnixDomainSocketAddress.of(new String(raw, 0, end, StandardCharsets.UTF_8));
            }
            default -> throw new IOException("unknown address family " + family);
        };
    }
}
