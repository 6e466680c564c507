package curio.selector.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemoryLayout;
import org.junit.jupiter.api.Test;

/** The C facts the binding relies on. */
class EpollLayoutTest {

    @Test
    void epollEventIsPackedOnX86AndAlignedOnArm() {
        assertEquals(12, LibC.epollEvent("amd64").byteSize());
        assertEquals(4, LibC.epollEvent("amd64").byteOffset(MemoryLayout.PathElement.groupElement("data")));
        assertEquals(16, LibC.epollEvent("aarch64").byteSize());
        assertEquals(8, LibC.epollEvent("aarch64").byteOffset(MemoryLayout.PathElement.groupElement("data")));
        assertThrows(IllegalStateException.class, () -> LibC.epollEvent("sparc"));
    }

    @Test
    void errnoNamesAndExceptions() {
        assertEquals("ECONNRESET", Errors.name(LibC.ECONNRESET));
        assertEquals("errno 4242", Errors.name(4242));
        java.io.IOException e = Errors.exception(LibC.ECONNREFUSED, "connect to x");
        assertEquals(java.net.ConnectException.class, e.getClass());
        assertEquals(true, e.getMessage().contains("ECONNREFUSED") && e.getMessage().contains("refused"), e.getMessage());
        assertEquals(java.net.BindException.class, Errors.exception(LibC.EADDRINUSE, "bind").getClass());
    }
}
