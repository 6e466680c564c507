package curio.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** UDP in a simulated network: each datagram crosses its link alone, and may be lost or overtaken. */
final class Udp {

    private final SimNetwork net;
    private final Links links;

    Udp(SimNetwork net, Links links) {
        this.net = net;
        this.links = links;
    }

    private static InetAddress senderAddress(SimHost from, SocketAddress to) {
        InetAddress own = from.addressFor(((InetSocketAddress) to).getAddress());
        return own != null ? own : from.address();
    }

    /** Sends one datagram: lost, kept, or delivered after the link's delay, as {@link Links#crossing} decides. */
    void send(SimSocket from, byte[] data, SocketAddress to) {
        SimHost dst = net.route(from.host, to);
        if (dst == null) {
            net.trace.record(Trace.DROP, from.id, data.length);
            return;
        }
        Hardship h = links.policy(from.host, dst);
        Links.Crossing crossing = links.crossing(from.host, dst);
        if (crossing == Links.Crossing.CUT || links.chance(h.drops())) {
            net.trace.record(Trace.DROP, from.id, data.length);
            return;
        }
        SocketAddress sender = from.local instanceof InetSocketAddress inet && inet.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(dst == from.host ? InetAddress.getLoopbackAddress() : senderAddress(from.host, to), inet.getPort())
                : from.local;
        int port = ((InetSocketAddress) to).getPort();
        Runnable arrive = () -> {
            boolean cut = links.crossing(from.host, dst) == Links.Crossing.CUT;
            SimSocket s = dst.isDown() || cut ? null : dst.udpSocket(port); // cut on its way, or nobody there: lost
            if (s == null) {
                net.trace.record(Trace.DROP, from.id, data.length);
            } else {
                s.deliver(new SimSocket.Datagram(data, sender));
            }
        };
        if (crossing == Links.Crossing.HELD) {
            links.keep(from.host, dst, arrive);
        } else {
            net.events.schedule(net.clock() + links.delay(h), arrive); // datagrams may overtake each other under jitter
        }
    }
}
