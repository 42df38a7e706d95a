package org.chasqui.broker.c2s;

import java.util.concurrent.ConcurrentHashMap;
import org.chasqui.broker.csi.CsiPolicy;
import org.chasqui.broker.roster.RosterXml;
import org.chasqui.broker.sm.SmElements;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.stream.StreamHeader;
import org.chasqui.xmpp.xml.Element;

/** The checks of a client's stream header (RFC 6120 §4.7) and the features offered in answer (§4.3.2). */
final class StreamFeatures {

    private StreamFeatures() {
    }

    /** RFC 6120 §4.7: null if the client's stream header is acceptable, else the error that ends the stream. */
    static StreamError refusal(StreamHeader header, Jid domain) {
        // the common case, the domain exactly as we write it, needs no PRECIS preparation
        if (header.to() != null && !header.to().equals(domain.toString())
                && !Jid.tryParse(header.to()).map(domain::equals).orElse(false)) {
            return new StreamError(StreamErrorCondition.HOST_UNKNOWN, "this server serves " + domain); // §4.9.3.6
        }
        return versionSupported(header.version()) ? null : StreamError.of(StreamErrorCondition.UNSUPPORTED_VERSION);
    }

    /** RFC 6120 §4.7.5: major version 1 or above. */
    private static boolean versionSupported(String version) {
        if (version == null) {
            return false;
        }
        int dot = version.indexOf('.');
        String major = dot < 0 ? version : version.substring(0, dot);
        try {
            return Integer.parseInt(major.strip()) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * {@link #offered} remembered per distinct input: the features depend on a few booleans, the
     * mechanisms and channel-binding types on offer and the server's capabilities (fixed per server), so
     * there are a handful of different answers, and building and serialising them was 7% of the event
     * loops' time in a login (steady-state profile). One per server; thread-safe.
     */
    static final class Memo {
        private final ConcurrentHashMap<String, String> answers = new ConcurrentHashMap<>();

        String offered(boolean tlsPending, boolean requireTls, boolean authenticated, SaslNegotiator sasl,
                boolean registration, Element serverCaps) {
            String key;
            if (authenticated) {
                key = "bound";
            } else {
                StringBuilder k = new StringBuilder(96).append(tlsPending).append(requireTls).append(registration);
                sasl.mechanisms().forEach(m -> k.append(' ').append(m));
                k.append('|');
                sasl.channelBindingTypes().forEach(t -> k.append(' ').append(t));
                key = k.toString();
            }
            return answers.computeIfAbsent(key,
                    k -> StreamFeatures.offered(tlsPending, requireTls, authenticated, sasl, registration, serverCaps));
        }
    }

    /**
     * The content of {@code <stream:features/>}: STARTTLS until TLS is up (alone while it is
     * required, RFC 6120 §5.3.1); then SASL (+ XEP-0440 channel-binding types, + XEP-0077); once
     * authenticated, binding (§7), the legacy session (optional), roster versioning and
     * pre-approval (RFC 6121 §2.6.1, §3.4.1), XEP-0198 §2 and XEP-0352 §4.1.
     */
    static String offered(boolean tlsPending, boolean requireTls, boolean authenticated, SaslNegotiator sasl,
            boolean registration, Element serverCaps) {
        StringBuilder sb = new StringBuilder();
        if (tlsPending) {
            Element.Builder starttls = Element.builder("starttls", Namespaces.TLS);
            if (requireTls) {
                return starttls.child("required", Namespaces.TLS).build().toXml();
            }
            sb.append(starttls.build().toXml());
        }
        if (!authenticated) {
            sb.append(sasl.mechanismsFeature().toXml());
            Element cb = sasl.channelBindingFeature();
            if (cb != null) {
                sb.append(cb.toXml());
            }
            if (registration) {
                sb.append(Element.empty("register", Namespaces.REGISTER_FEATURE).toXml());
            }
        } else {
            sb.append(Element.empty("bind", Namespaces.BIND).toXml());
            sb.append(Element.builder("session", Namespaces.SESSION).child("optional", Namespaces.SESSION).build().toXml());
            sb.append(Element.empty("ver", RosterXml.VERSIONING_FEATURE).toXml());
            sb.append(Element.empty("sub", RosterXml.PRE_APPROVAL_FEATURE).toXml());
            sb.append(SmElements.FEATURE.toXml());
            sb.append(Element.empty("csi", CsiPolicy.NAMESPACE).toXml());
            if (serverCaps != null) {
                sb.append(serverCaps.toXml()); // XEP-0115 §6.3: the server's own capabilities
            }
        }
        return sb.toString();
    }
}
