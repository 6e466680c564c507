package curio.api.spi;

/** The sockets a selector backend can open. */
public enum SocketKind {
    /** TCP over IPv4. */
    TCP_V4,
    /** TCP over IPv6 (dual-stack where the OS allows). */
    TCP_V6,
    /** UDP over IPv4. */
    UDP_V4,
    /** UDP over IPv6. */
    UDP_V6,
    /** A stream socket in the Unix domain (a path). */
    UNIX_STREAM;

    /**
     * Returns true for the connection-oriented kinds.
     *
     * @return true for the connection-oriented kinds
     */
    public boolean stream() {
        return this == TCP_V4 || this == TCP_V6 || this == UNIX_STREAM;
    }
}
