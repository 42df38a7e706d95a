package org.chasqui.benchmarks.load;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The server under test: any XMPP server reachable without TLS on a loopback address. A host that is
 * not loopback is refused: the generator opens thousands of connections and sends passwords in the
 * clear, and it is meant to compare servers on one machine, not to load someone else's.
 *
 * @param pubsub the XEP-0060 service JID (pubsub.&lt;domain&gt; by default)
 */
record Target(InetAddress address, int port, String domain, String pubsub) {

    static Target of(String host, int port, String domain, String pubsub) {
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
        return new Target(address, port, domain, pubsub == null ? "pubsub." + domain : pubsub);
    }
}
