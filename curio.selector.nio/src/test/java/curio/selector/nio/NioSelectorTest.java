package curio.selector.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.spi.IoHandle;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.SocketHandle;
import curio.api.spi.SocketKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The nio backend below the kernel: readiness, interest changes and wake-up. */
class NioSelectorTest {

    private final List<String> events = new ArrayList<>();

    private void record(IoHandle h, int ops) {
        events.add(((ops & ReadinessSelector.READ) != 0 ? "R" : "") + ((ops & ReadinessSelector.WRITE) != 0 ? "W" : ""));
    }

    @Test
    void wakeupFromAnotherThreadEndsAnUnlimitedSelect() throws Exception {
        try (ReadinessSelector sel = new NioSelectorProvider().open()) {
            long t0 = System.nanoTime();
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ignored) {
                }
                sel.wakeup();
            });
            assertEquals(0, sel.select(-1, this::record));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30));
        }
    }

    @Test
    void readinessFollowsInterest() throws IOException {
        try (ReadinessSelector sel = new NioSelectorProvider().open();
             SocketHandle listener = sel.openSocket(SocketKind.TCP_V4)) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.listen(4);
            assertNull(listener.accept(), "nothing pending: accept would block");
            SocketHandle client = sel.openSocket(SocketKind.TCP_V4);
            boolean connected = client.connect(listener.localAddress());
            sel.interest(listener, ReadinessSelector.READ);
            sel.select(5_000_000_000L, this::record);
            assertEquals(List.of("R"), events, "a pending connection makes the listener readable");
            SocketHandle server = listener.accept();
            if (!connected) {
                sel.interest(client, ReadinessSelector.WRITE);
                events.clear();
                sel.select(5_000_000_000L, this::record);
                assertEquals(List.of("W"), events);
                assertTrue(client.finishConnect());
            }
            byte[] buf = new byte[8];
            assertEquals(SocketHandle.WOULD_BLOCK, server.read(buf, 0, 8));
            sel.interest(client, ReadinessSelector.WRITE);
            events.clear();
            sel.select(5_000_000_000L, this::record);
            assertEquals(List.of("W"), events, "after connect, WRITE means writable, not connected");
            assertEquals(3, client.write(new byte[] {1, 2, 3}, 0, 3));
            sel.interest(client, 0);
            sel.interest(server, ReadinessSelector.READ);
            events.clear();
            sel.select(5_000_000_000L, this::record);
            assertEquals(List.of("R"), events);
            assertEquals(3, server.read(buf, 0, 8));
            client.close();
            server.close();
            assertThrows(ClosedChannelException.class, () -> server.read(buf, 0, 8));
            assertTrue(server.isClosed());
        }
    }

    @Test
    void streamSocketsDecideAtListenOrConnect() throws IOException {
        try (ReadinessSelector sel = new NioSelectorProvider().open();
             SocketHandle s = sel.openSocket(SocketKind.TCP_V4)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.read(new byte[1], 0, 1));
            assertTrue(e.getMessage().contains("neither listening nor connected"), e.getMessage());
            s.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            assertEquals(true, s.getOption(java.net.StandardSocketOptions.SO_REUSEADDR));
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            s.listen(1);
            assertTrue(s.getOption(java.net.StandardSocketOptions.SO_REUSEADDR));
            assertThrows(IllegalStateException.class, () -> s.listen(1));
        }
    }
}
