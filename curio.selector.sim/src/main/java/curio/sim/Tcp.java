package curio.sim;

import curio.api.spi.ReadinessSelector;
import curio.api.spi.SocketKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Random;

/**
 * TCP's state machine in a simulated network: the handshake (SYN, SYN-ACK, refusals and SYN retries), each
 * connection's two {@link Flow}s pumped through the window and the wire, FIN, resets, and what a connection
 * does when its link is cut (its retransmission clock, and giving up). What a link does to each segment is
 * {@link Links#crossing}'s to decide, at the moment the segment arrives; this class only acts on the answer.
 * <p>Kernel thread only.
 */
final class Tcp {

    /**
     * How long TCP retransmits stream bytes nobody acknowledges before it gives the connection up:
     * Linux's default ({@code tcp_retries2 = 15}, a 200 ms first timeout doubling to at most 120 s).
     */
    static final long RETRANSMISSION_GIVE_UP_NANOS = 924_600_000_000L;

    private final SimNetwork net;
    private final Links links;
    private final Random random;

    Tcp(SimNetwork net, Links links, Random random) {
        this.net = net;
        this.links = links;
        this.random = random;
    }

    void connect(SimSocket client, SocketAddress to) throws IOException {
        SimHost dst = net.route(client.host, to);
        if (client.local == null) {
            client.local = client.host.bind(client, client.kind() == SocketKind.UNIX_STREAM ? null
                    : sourceAddress(client, to));
        }
        net.trace.record(Trace.CONNECT, client.id, 0);
        Hardship h = dst == null ? links.hardship() : links.policy(client.host, dst);
        long at = net.clock() + links.delay(h);
        if (dst == null) {
            net.events.schedule(at, () -> failConnect(client, new NoRouteToHostException("No route to host (EHOSTUNREACH) in connect to "
                    + to + ": no simulated host has that address")));
            return;
        }
        net.events.schedule(at, () -> synArrives(client, dst, to, 0));
    }

    /** SYN retransmissions before a connect gives up, as Linux's default tcp_syn_retries: 1+2+...+32 s, then 64 s. */
    private static final int SYN_RETRIES = 6;

    private InetSocketAddress sourceAddress(SimSocket client, SocketAddress to) throws NoRouteToHostException {
        InetAddress dst = ((InetSocketAddress) to).getAddress();
        InetAddress src = dst.isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : dst.isLoopbackAddress() ? dst : client.host.addressFor(dst);
        if (src == null) {
            throw new NoRouteToHostException("Network is unreachable (ENETUNREACH) in connect to " + to + ": " + client.host
                    + " has no " + (dst instanceof java.net.Inet6Address ? "IPv6" : "IPv4") + " address");
        }
        return new InetSocketAddress(src, 0);
    }

    private void synArrives(SimSocket client, SimHost dst, SocketAddress to, int attempt) {
        if (client.state != SimSocket.State.CONNECTING) {
            return; // closed meanwhile
        }
        boolean open = links.crossing(client.host, dst) == Links.Crossing.OPEN;
        List<SimSocket> found = !open || dst.isDown() ? List.of() : dst.listeners(to);
        if (!open || !found.isEmpty() && found.get(0).acceptQueue.size() >= found.get(0).backlog) {
            // lost across a partition, unanswered by a host without power, or dropped by a full backlog: the
            // client's SYN is sent again
            retrySyn(client, dst, to, attempt);
            return;
        }
        Hardship h = links.policy(client.host, dst);
        List<SimSocket> listeners = found;
        if (listeners.isEmpty() || links.chance(h.refusals())) {
            long at = net.clock() + links.delay(h);
            ConnectException refused = new ConnectException("Connection refused (ECONNREFUSED) in connect to "
                    + to + (listeners.isEmpty() ? ": nothing listens there on " + dst : ": refused by the simulation's hardship"));
            net.events.schedule(at, () -> refusalArrives(client, dst, to, attempt, refused));
            return;
        }
        SimSocket listener = listeners.get(listeners.size() == 1 ? 0 : random.nextInt(listeners.size()));
        SimSocket server = new SimSocket(net, listener.selector, dst, listener.kind());
        dst.opened(server);
        listener.selector.adopt(server);
        server.local = to instanceof InetSocketAddress inet && inet.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), inet.getPort()) : to;
        server.remote = client.local;
        server.state = SimSocket.State.CONNECTED;
        server.peer = client;
        server.out = new Flow(server, client, server.sendBuffer(), client.receiveBuffer());
        server.in = new Flow(client, server, client.sendBuffer(), server.receiveBuffer());
        listener.acceptQueue.add(server);
        listener.selector.changed(listener);
        long at = net.clock() + links.delay(h);
        net.events.schedule(at, () -> synAckArrives(client, server, to));
    }

    private void retrySyn(SimSocket client, SimHost dst, SocketAddress to, int attempt) {
        long second = 1_000_000_000L;
        if (attempt == SYN_RETRIES) {
            net.events.schedule(net.clock() + (second << attempt), () -> failConnect(client, new ConnectException(
                    "Connection timed out (ETIMEDOUT) in connect to " + to + ": no answer after " + SYN_RETRIES
                            + " retransmissions (a partition, a host without power, or a listener whose backlog"
                            + " stayed full)")));
            return;
        }
        net.events.schedule(net.clock() + (second << attempt), () -> synArrives(client, dst, to, attempt + 1));
    }

    /*
     * Discussion: a reply is decided when it arrives, not when it was sent: a partition or a hold made while a
     * SYN-ACK or a refusal's reset was on its way stops it as it would stop any segment.
     */

    /** The server's SYN-ACK reaches the client, unless the link was cut or held meanwhile. */
    private void synAckArrives(SimSocket client, SimSocket server, SocketAddress to) {
        Links.Crossing crossing = links.crossing(client.host, server.host);
        if (crossing != Links.Crossing.OPEN) {
            if (crossing != Links.Crossing.DARK) {
                links.keep(client.host, server.host, () -> synAckArrives(client, server, to)); // resent: it crosses on repair
            }
            if (!client.connectGiveUpScheduled) {
                client.connectGiveUpScheduled = true; // its SYN retries go unanswered meanwhile, and run out
                net.events.schedule(net.clock() + SYN_GIVE_UP_NANOS, () -> failConnect(client, new ConnectException(
                        "Connection timed out (ETIMEDOUT) in connect to " + to + ": the answer to its SYN was cut off"
                                + " (a partition, a hold, or a host without power) until its retries ran out")));
            }
            return;
        }
        established(client, server);
    }

    /** A refusal's reset reaches the client, unless the link was cut meanwhile: then its SYN is sent again. */
    private void refusalArrives(SimSocket client, SimHost dst, SocketAddress to, int attempt, ConnectException why) {
        if (links.crossing(client.host, dst) != Links.Crossing.OPEN) {
            retrySyn(client, dst, to, attempt);
            return;
        }
        failConnect(client, why);
    }

    /** How long a connect's SYN retries last in all: 1 + 2 + ... + 32 s, then 64 s (see {@link #retrySyn}). */
    private static final long SYN_GIVE_UP_NANOS = 127_000_000_000L;

    private void established(SimSocket client, SimSocket server) {
        if (client.state != SimSocket.State.CONNECTING) {
            reset(server); // the client gave up meanwhile
            return;
        }
        client.state = SimSocket.State.CONNECTED;
        client.peer = server;
        client.out = server.in;
        client.in = server.out;
        net.trace.record(Trace.ESTABLISHED, client.id, server.id);
        client.selector.changed(client);
        pump(client.in); // what the server wrote before the handshake ended
    }

    private void failConnect(SimSocket client, IOException why) {
        if (client.state != SimSocket.State.CONNECTING) {
            return;
        }
        net.trace.record(Trace.REFUSED, client.id, 0);
        client.connectFailure = why;
        client.selector.changed(client);
    }

    int shortRead(SimSocket s, int n) {
        return n > 1 && links.chance(policyOf(s).shortReads()) ? 1 + random.nextInt(n) : n;
    }

    int shortWrite(SimSocket s, int n) {
        return n > 1 && links.chance(policyOf(s).shortWrites()) ? 1 + random.nextInt(n) : n;
    }

    private Hardship policyOf(SimSocket s) {
        return s.peer != null ? links.policy(s.host, s.peer.host) : links.hardship();
    }

    /** Puts what the window allows of {@code f}'s unsent bytes on the wire, then its FIN when due. */
    void pump(Flow f) {
        SimSocket from = f.writer;
        SimSocket to = f.reader;
        if (from.reset || (f.unsentBytes() == 0 && (!f.finPending || f.finSent))) {
            return; // nothing waits to go (a reader's read pumps its flow on every call: mostly this)
        }
        if (links.crossing(from.host, to.host) != Links.Crossing.OPEN) {
            if (f.unsentBytes() > 0 || (f.finPending && !f.finSent)) {
                stalled(f); // nothing is acknowledged: TCP's clock runs, until it gives up or the link opens
            }
            return; // stays in the send buffer: Links.unblock pumps again on repair or release
        }
        if (to.reset) {
            if (f.unsentBytes() > 0 && !f.resetOnItsWay) { // the peer gave up: its OS answers with one reset
                f.resetOnItsWay = true;
                net.events.schedule(net.clock() + links.delay(links.policy(from.host, to.host)), () -> reset(from));
            }
            return;
        }
        Hardship h = links.policy(from.host, to.host);
        int w;
        boolean moved = false;
        while ((w = f.window()) > 0) {
            if (h.bandwidth() != 0 && wireBusyFor(f)) {
                break; // these bytes wait in the send buffer, and go when the wire is free
            }
            int n = w > 1 && links.chance(h.shortWrites()) ? 1 + random.nextInt(w) : w; // split segments
            byte[] seg = f.takeSegment(n);
            long sent = h.bandwidth() == 0 ? net.clock() : links.occupyWire(from.host, to.host, n, h);
            long at = Math.max(f.lastArrival, sent + links.delay(h));
            f.lastArrival = at;
            net.events.onFlow(f, at, seg);
            moved = true;
        }
        if (f.finPending && !f.finSent && f.unsentBytes() == 0) {
            f.finSent = true;
            long at = Math.max(f.lastArrival, net.clock() + links.delay(h));
            f.lastArrival = at;
            net.events.onFlow(f, at, EventQueue.FIN_SEGMENT);
        }
        if (moved && (from.wanted & ReadinessSelector.WRITE) != 0 && from.state != SimSocket.State.CLOSED) {
            from.selector.changed(from); // room in the send buffer, for a writer waiting for it (a later wait looks itself)
        }
    }

    void segmentArrives(Flow f, byte[] seg) {
        SimSocket to = f.reader;
        if (f.writer.reset) {
            return;
        }
        Links.Crossing crossing = links.crossing(f.writer.host, to.host);
        if (crossing != Links.Crossing.OPEN) {
            if (crossing != Links.Crossing.DARK) { // a machine without power answers nothing, and nothing is kept
                links.keep(f.writer.host, to.host, () -> segmentArrives(f, seg));
            }
            stalled(f);
            return;
        }
        if (to.reset) {
            reset(f.writer); // the reader gave the connection up: its OS answers with a reset
            return;
        }
        if (to.state == SimSocket.State.CLOSED || to.inputShut) {
            reset(f.writer); // bytes for a closed socket: it answers with a reset
            return;
        }
        if (links.chance(links.policy(f.writer.host, to.host).resets())) {
            net.trace.record(Trace.RESET, to.id, seg.length);
            reset(to);
            return;
        }
        f.arrived(seg);
        net.trace.recordBytes(Trace.SEGMENT, to.id, seg);
        to.selector.changed(to);
    }

    void finArrives(Flow f) {
        SimSocket to = f.reader;
        if (f.writer.reset || to.reset) {
            return;
        }
        Links.Crossing crossing = links.crossing(f.writer.host, to.host);
        if (crossing != Links.Crossing.OPEN) {
            if (crossing != Links.Crossing.DARK) {
                links.keep(f.writer.host, to.host, () -> finArrives(f));
            }
            stalled(f);
            return;
        }
        f.finArrived = true;
        net.trace.record(Trace.FIN, to.id, 0);
        if (to.state != SimSocket.State.CLOSED) {
            to.selector.changed(to);
        }
    }

    /**
     * {@code f}'s bytes cannot cross a cut link: if a partition (not a hold) still cuts it when TCP's
     * retransmissions run out, the writer gives the connection up. The first stall starts the clock;
     * a repair stops it ({@link Links#unblock} forgets the stall).
     */
    private void stalled(Flow f) {
        if (f.stalledSince >= 0 || !links.unanswered(f.writer.host, f.reader.host)) {
            return;
        }
        long since = net.clock();
        f.stalledSince = since;
        net.events.schedule(since + RETRANSMISSION_GIVE_UP_NANOS, () -> giveUp(f, since));
    }

    private void giveUp(Flow f, long since) {
        SimSocket w = f.writer;
        if (f.stalledSince != since || w.reset || !links.unanswered(w.host, f.reader.host)) {
            return; // repaired meanwhile (and perhaps cut again: a newer stall has its own clock)
        }
        // Only the writer gives up: nothing crosses the partition to tell its peer, which learns of it
        // from the reset that answers its next bytes after the repair (segmentArrives, pump).
        w.timedOut = true;
        w.reset = true;
        net.trace.record(Trace.GAVE_UP, w.id, 0);
        if (w.state != SimSocket.State.CLOSED) {
            w.selector.changed(w);
        }
    }

    /** Resets the connection of {@code s}: both ends fail every read and write from now on. */
    void reset(SimSocket s) {
        for (SimSocket end : new SimSocket[] {s, s.peer}) {
            if (end == null || end.reset) {
                continue;
            }
            end.reset = true;
            if (end.in != null) {
                end.in.clear();
            }
            net.trace.record(Trace.RESET, end.id, 0);
            if (end.state != SimSocket.State.CLOSED) {
                end.selector.changed(end);
            }
        }
    }

    /** A power cut takes {@code s} with it silently: the socket closes, and its peer is told nothing. */
    void vanishSocket(SimSocket s) {
        s.reset = true; // no FIN, no reset: the machine is dark
        s.close();
    }

    /** A killed process takes {@code s} with it: its peer is reset after the link's latency, the socket closes. */
    void crashSocket(SimSocket s) {
        SimSocket peer = s.peer;
        s.reset = true; // no FIN, no reset sent from a dead machine's close
        s.close();
        if (peer != null && !peer.reset) {
            net.events.schedule(net.clock() + links.delay(links.policy(s.host, peer.host)), () -> resetArrives(s.host, peer));
        }
    }

    /**
     * The reset a killed host's OS sent reaches {@code peer}, unless the link was cut meanwhile (lost: the peer
     * learns of it from the reset that answers its next bytes) or held (it waits for the release).
     */
    private void resetArrives(SimHost from, SimSocket peer) {
        switch (links.crossing(from, peer.host)) {
            case CUT, DARK -> {
                return;
            }
            case HELD -> {
                links.keep(from, peer.host, () -> resetArrives(from, peer));
                return;
            }
            case OPEN -> { }
        }
        reset(peer);
    }

    /**
     * Whether {@code f}'s link is still sending what went before (a writer then meets the backpressure of its
     * send buffer); if so, {@code f} is pumped again when the wire is free.
     */
    private boolean wireBusyFor(Flow f) {
        long free = links.wireFreeAt(f.writer.host, f.reader.host);
        if (free <= net.clock()) {
            return false;
        }
        if (!f.pumpScheduled) {
            f.pumpScheduled = true;
            net.events.schedule(free, () -> {
                f.pumpScheduled = false;
                pump(f);
            });
        }
        return true;
    }
}
