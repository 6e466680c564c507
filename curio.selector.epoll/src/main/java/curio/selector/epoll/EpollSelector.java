package curio.selector.epoll;

import curio.api.spi.IoHandle;
import curio.api.spi.PipeHandle;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.ReadyHandler;
import curio.api.spi.SocketHandle;
import curio.api.spi.SocketKind;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One kernel's epoll instance, level-triggered, with an eventfd for wake-ups.
 * <p>A handle is in the epoll set only while the kernel wants some readiness from it: interest 0
 * removes it (EPOLL_CTL_DEL), because epoll reports EPOLLHUP and EPOLLERR even with no events asked
 * for, which would otherwise wake the loop forever. The event's data is the fd, mapped back to its
 * handle; an fd that is no longer mapped is a stale report and is skipped.
 */
final class EpollSelector implements ReadinessSelector {

    /** A handle this selector made, on a file descriptor of its own: a socket or a pipe's reading end. */
    interface Polled {
        /** The descriptor, in the epoll set while the kernel wants readiness from it. */
        int fd();

        /** Closes the descriptor (the selector's close closes whatever is still open). */
        void close() throws IOException;
    }

    private static final int MAX_EVENTS = 4096;

    final Arena arena = Arena.ofShared(); // shared: with the virtual carrier, tasks run on many threads
    private final StructLayout eventLayout;
    private final VarHandle eventsField;
    private final VarHandle dataField;
    private final int epfd;
    private final int eventFd;

    // -- kernel thread only (or the task holding the kernel)
    final MemorySegment capture;     // errno of calls made on the kernel's side
    final MemorySegment address;     // sockaddr scratch
    final MemorySegment length;      // socklen_t scratch
    final MemorySegment option;      // option value scratch (struct linger fits)
    final MemorySegment staging;     // bytes on their way between a Java array and a socket (EpollSocket.bytes)
    private final MemorySegment ctlEvent;
    private MemorySegment events;
    private int capacity = 64;
    private IoHandle[] registered = new IoHandle[256]; // by fd: the handles in the epoll set
    private int[] wanted = new int[256];               // by fd: the interest (READ, WRITE) its handle was given
    private final Set<Polled> open = new LinkedHashSet<>();
    private final MemorySegment drain;
    private final MemorySegment timespec;                // struct timespec for epoll_pwait2
    private boolean nanoTimeouts = LibC.EPOLL_PWAIT2 != null; // false once the kernel said ENOSYS

    // -- any thread
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Object wakeLock = new Object();       // orders wakeup() against close()
    private final MemorySegment wakeValue;               // 8 bytes holding 1, written by wakeup()
    private final MemorySegment wakeCapture;
    private volatile boolean closed;

    EpollSelector(String arch) throws IOException {
        this.eventLayout = LibC.epollEvent(arch);
        this.eventsField = eventLayout.varHandle(MemoryLayout.PathElement.groupElement("events"));
        this.dataField = eventLayout.varHandle(MemoryLayout.PathElement.groupElement("data"));
        this.capture = arena.allocate(LibC.CAPTURE);
        this.wakeCapture = arena.allocate(LibC.CAPTURE);
        this.address = arena.allocate(SockAddr.STORAGE);
        this.length = arena.allocate(ValueLayout.JAVA_INT);
        this.option = arena.allocate(16);
        this.staging = arena.allocate(EpollSocket.STAGING_BYTES);
        this.ctlEvent = arena.allocate(eventLayout);
        this.drain = arena.allocate(ValueLayout.JAVA_LONG);
        this.wakeValue = arena.allocate(ValueLayout.JAVA_LONG);
        this.wakeValue.set(ValueLayout.JAVA_LONG, 0, 1L);
        this.events = arena.allocate(eventLayout, capacity);
        this.timespec = arena.allocate(16, 8);
        int ep = -1;
        int ev = -1;
        try {
            ep = LibC.EPOLL_CREATE1.call(capture, LibC.EPOLL_CLOEXEC);
            if (ep < 0) {
                throw Errors.exception(LibC.errno(capture), "epoll_create1");
            }
            ev = LibC.EVENTFD.call(capture, 0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
            if (ev < 0) {
                throw Errors.exception(LibC.errno(capture), "eventfd");
            }
            ctl(ep, LibC.EPOLL_CTL_ADD, ev, LibC.EPOLLIN, ev);
        } catch (IOException | RuntimeException | Error e) {
            closeFd(ev);
            closeFd(ep);
            arena.close();
            throw e;
        }
        this.epfd = ep;
        this.eventFd = ev;
    }

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public SocketHandle openSocket(SocketKind kind) throws IOException {
        ensureOpen();
        EpollSocket s = EpollSocket.open(this, kind);
        open.add(s);
        return s;
    }

    @Override
    public PipeHandle openFifoReader(java.nio.file.Path fifo) throws IOException {
        ensureOpen();
        EpollPipe p = EpollPipe.openFifo(this, fifo);
        open.add(p);
        return p;
    }

    @Override
    public boolean owns(IoHandle handle) {
        return handle instanceof EpollSocket s ? s.selector() == this : handle instanceof EpollPipe p && p.selector() == this;
    }

    EpollSocket adopt(int fd, SocketKind kind) {
        EpollSocket s = new EpollSocket(this, kind, fd);
        open.add(s);
        return s;
    }

    void forget(Polled h) {
        open.remove(h);
        if (registeredAt(h.fd()) == h) {
            registered[h.fd()] = null;
        }
    }

    /** Closes a handle's descriptor, forgetting it first: the number may be reused at once. */
    void closeHandle(Polled h) throws IOException {
        forget(h);
        int r = LibC.CLOSE.call(capture, h.fd());
        if (r < 0 && LibC.errno(capture) != LibC.EINTR) {
            throw Errors.exception(LibC.errno(capture), "close on " + h);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ClosedSelectorException();
        }
    }

    private void ctl(int op, int fd, int mask, long data) throws IOException {
        ctl(epfd, op, fd, mask, data);
    }

    private void ctl(int ep, int op, int fd, int mask, long data) throws IOException {
        eventsField.set(ctlEvent, 0L, mask);
        dataField.set(ctlEvent, 0L, data);
        int r = LibC.EPOLL_CTL.call(capture, ep, op, fd, ctlEvent);
        if (r < 0) {
            throw Errors.exception(LibC.errno(capture), "epoll_ctl on fd " + fd);
        }
    }

    @Override
    public void interest(IoHandle handle, int ops) throws IOException {
        if (handle.isClosed()) {
            if (ops == 0) {
                return;
            }
            throw new ClosedChannelException();
        }
        int fd = ((Polled) handle).fd();
        int mask = ((ops & READ) != 0 ? LibC.EPOLLIN | LibC.EPOLLRDHUP : 0) | ((ops & WRITE) != 0 ? LibC.EPOLLOUT : 0);
        boolean inSet = registeredAt(fd) == handle;
        if (mask == 0) {
            if (inSet) {
                ctl(LibC.EPOLL_CTL_DEL, fd, 0, fd);
                registered[fd] = null;
            }
        } else if (inSet) {
            ctl(LibC.EPOLL_CTL_MOD, fd, mask, fd);
            wanted[fd] = ops;
        } else {
            ctl(LibC.EPOLL_CTL_ADD, fd, mask, fd);
            if (fd >= registered.length) {
                registered = Arrays.copyOf(registered, Math.max(registered.length * 2, fd + 1));
                wanted = Arrays.copyOf(wanted, registered.length);
            }
            registered[fd] = handle;
            wanted[fd] = ops;
        }
    }

    // fds are small and dense (the lowest free number is reused), so an array beats a map of boxed ints.
    private IoHandle registeredAt(int fd) {
        return fd < registered.length ? registered[fd] : null;
    }

    @Override
    public int select(long timeoutNanos, ReadyHandler handler) throws IOException {
        ensureOpen();
        int n;
        if (timeoutNanos > 0 && nanoTimeouts) {
            // to the nanosecond: epoll_wait counts milliseconds, so a timer due in 0.2 ms would fire 1 ms late
            timespec.set(ValueLayout.JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
            timespec.set(ValueLayout.JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
            n = LibC.EPOLL_PWAIT2.call(capture, epfd, events, capacity, timespec, MemorySegment.NULL);
            if (n < 0 && LibC.errno(capture) == LibC.ENOSYS) {
                nanoTimeouts = false; // an older kernel under a newer C library
                return select(timeoutNanos, handler);
            }
        } else {
            int timeoutMs = timeoutNanos < 0 ? -1
                    : timeoutNanos == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000);
            n = LibC.EPOLL_WAIT.call(capture, epfd, events, capacity, timeoutMs);
        }
        if (n < 0) {
            int errno = LibC.errno(capture);
            if (errno == LibC.EINTR) {
                return 0; // a signal: the kernel loop recomputes its timeout and comes back
            }
            throw Errors.exception(errno, "epoll_wait");
        }
        int reported = 0;
        for (int i = 0; i < n; i++) {
            long base = i * eventLayout.byteSize();
            int mask = (int) eventsField.get(events, base);
            int fd = (int) (long) dataField.get(events, base);
            if (fd == eventFd) {
                drainWakeups();
                continue;
            }
            IoHandle s = registeredAt(fd);
            if (s == null) {
                continue; // stale: removed during this round
            }
            int ops = 0;
            if ((mask & (LibC.EPOLLIN | LibC.EPOLLRDHUP | LibC.EPOLLHUP | LibC.EPOLLERR)) != 0) {
                ops |= READ;
            }
            if ((mask & (LibC.EPOLLOUT | LibC.EPOLLHUP | LibC.EPOLLERR)) != 0) {
                ops |= WRITE;
            }
            ops &= wanted[fd]; // EPOLLHUP and EPOLLERR come whatever the mask
            if (ops != 0) {
                reported++;
                handler.ready(s, ops);
            }
        }
        if (n == capacity && capacity < MAX_EVENTS) {
            capacity *= 2;
            events = arena.allocate(eventLayout, capacity);
        }
        return reported;
    }

    private void drainWakeups() {
        long r = LibC.READ.call(capture, eventFd, drain, 8L);
        assert r == 8 || LibC.errno(capture) == LibC.EAGAIN;
        wakeupPending.set(false); // before the kernel drains its inbox: a later post writes again
    }

    @Override
    public void wakeup() {
        if (!wakeupPending.compareAndSet(false, true)) {
            return; // one is on its way
        }
        synchronized (wakeLock) {
            if (closed) {
                return;
            }
            long r = LibC.WRITE.call(wakeCapture, eventFd, wakeValue, 8L);
            assert r == 8;
        }
    }

    /** Closes every socket still open, the eventfd and the epoll fd, then frees native memory. */
    @Override
    public void close() throws IOException {
        synchronized (wakeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (Polled h : new ArrayList<>(open)) {
            h.close();
        }
        closeFd(eventFd);
        closeFd(epfd);
        arena.close();
    }

    private void closeFd(int fd) {
        if (fd < 0) {
            return;
        }
        int r = LibC.CLOSE.call(capture, fd);
        assert r == 0;
    }
}
