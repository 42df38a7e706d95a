package org.chasqui.benchmarks.load;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The server under test: any XMPP server reachable without TLS on a loopback address. A host that is
 * not loopback is refused: the generator opens thousands of connections and sends passwords in the
 * clear, and it is meant to compare servers on one machine, not to load someone else's.
 *
 * @param pubsub  the XEP-0060 service JID (pubsub.&lt;domain&gt; by default)
 * @param sources how many loopback source addresses (127.0.0.1, 127.0.0.2, ...) the connections are spread
 *                over; 1: the kernel picks. Each gives about 28,000 ephemeral ports
 *                (/proc/sys/net/ipv4/ip_local_port_range), so more connections need more of them
 */
record Target(InetAddress address, int port, String domain, String pubsub, int sources) {

    static Target of(String host, int port, String domain, String pubsub) {
        return of(host, port, domain, pubsub, 1);
    }

    static Target of(String host, int port, String domain, String pubsub, int sources) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host);
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("refusing " + host + " (" + address.getHostAddress()
                    + "): the load generator only targets loopback addresses");
        }
        if (sources < 1 || sources > 254 || (sources > 1 && !(address instanceof java.net.Inet4Address))) {
            throw new IllegalArgumentException("--sources must be 1 to 254, and above 1 only with an IPv4 target");
        }
        return new Target(address, port, domain, pubsub == null ? "pubsub." + domain : pubsub, sources);
    }

    /** The source address of connection {@code index}: 127.0.0.(1 + index mod sources). */
    InetAddress source(int index) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + index % sources)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
