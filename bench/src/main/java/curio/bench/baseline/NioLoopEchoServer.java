package curio.bench.baseline;

import curio.bench.net.EchoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A hand-written java.nio Selector loop on one thread: the floor of what NIO can do. */
public final class NioLoopEchoServer implements EchoServer {

    private final Selector selector;
    private final ServerSocketChannel listener;
    private final Thread loop;
    private volatile boolean running = true;

    /** Starts the loop. */
    public NioLoopEchoServer() throws IOException {
        selector = Selector.open();
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 1024);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        loop = Thread.ofPlatform().name("nio-loop-echo").start(this::run);
    }

    private void run() {
        try {
            while (running) {
                selector.select(100);
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        SocketChannel c = listener.accept();
                        if (c != null) {
                            c.configureBlocking(false);
                            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                            c.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(65536));
                        }
                        continue;
                    }
                    SocketChannel c = (SocketChannel) key.channel();
                    ByteBuffer buf = (ByteBuffer) key.attachment();
                    try {
                        if (key.isReadable() && c.read(buf) < 0) {
                            c.close();
                            continue;
                        }
                        buf.flip();
                        c.write(buf);
                        buf.compact();
                        key.interestOps(buf.position() > 0 ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                    } catch (IOException gone) {
                        c.close();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        selector.wakeup();
        loop.join();
        for (SelectionKey k : selector.keys()) {
            k.channel().close();
        }
        selector.close();
    }
}
