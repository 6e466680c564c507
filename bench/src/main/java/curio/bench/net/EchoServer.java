package curio.bench.net;

import java.net.InetSocketAddress;

/** An echo server under test, serving on one event-loop thread until closed. */
public interface EchoServer extends AutoCloseable {

    /** Where it listens. */
    InetSocketAddress address();

    @Override
    void close() throws Exception;
}
