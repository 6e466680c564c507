package curio.bench.net;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.net.Net;
import curio.net.Socket;
import curio.sync.UniversalEvent;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.util.concurrent.CompletableFuture;

/** curio-java's echo server: one kernel on one platform thread, one task per connection. */
public final class CurioEchoServer implements EchoServer {

    private final UniversalEvent stop = new UniversalEvent();
    private final Thread thread;
    private final InetSocketAddress address;

    /**
     * Starts a kernel with the given backend.
     *
     * @param selector "epoll" or "nio"
     * @param carrier "continuation" or "virtual"
     */
    public CurioEchoServer(String selector, String carrier) throws Exception {
        CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
        thread = Thread.ofPlatform().name("curio-echo-" + selector + "-" + carrier).start(() -> {
            try (Kernel k = Kernel.builder().selector(selector).carrier(carrier).build()) {
                k.run(() -> {
                    Socket listener = Net.tcpServerSocket("127.0.0.1", 0, 1024, false);
                    bound.complete((InetSocketAddress) listener.localAddress());
                    Task<?> server = Curio.spawn(() -> Net.runServer(listener, (client, from) -> {
                        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        byte[] buf = new byte[65536];
                        for (int n = client.recvInto(buf, 0, buf.length); n > 0; n = client.recvInto(buf, 0, buf.length)) {
                            client.sendAll(buf, 0, n);
                        }
                    }, null));
                    stop.await();
                    server.cancel();
                });
            } catch (Throwable t) {
                bound.completeExceptionally(t);
            }
        });
        address = bound.get();
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() throws Exception {
        stop.set();
        thread.join();
    }
}
