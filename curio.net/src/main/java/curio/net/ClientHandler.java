package curio.net;

import java.net.SocketAddress;

/**
 * Serves one client of {@link Net#tcpServer} or {@link Net#unixServer}, in its own task. The client
 * socket is closed when the handler returns or fails; a failure is logged and never stops the server.
 */
@FunctionalInterface
public interface ClientHandler {
    /**
     * Serves the client.
     *
     * @param client the connected socket
     * @param from the client's address
     * @throws Exception whatever the code run throws
     */
    void handle(Socket client, SocketAddress from) throws Exception;
}
