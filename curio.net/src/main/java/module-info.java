/**
 * Networking for curio tasks: {@link curio.net.Socket} (TCP, UDP, Unix-domain), byte streams
 * ({@link curio.net.SocketStream}), servers and connections ({@link curio.net.Net}), TLS
 * ({@link curio.net.TlsOptions}), message channels ({@link curio.net.Channel}), and async files
 * ({@link curio.file.AsyncFile}).
 * <p>Sockets talk to the kernel's selector only through {@code curio.api.spi}, so they behave the
 * same on every backend.
 */
module curio.net {
    requires transitive curio.api;

    exports curio.net;
    exports curio.file;
}
