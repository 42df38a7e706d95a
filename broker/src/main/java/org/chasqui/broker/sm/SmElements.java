package org.chasqui.broker.sm;

import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.xml.Element;

/** The elements of XEP-0198 (urn:xmpp:sm:3), built and read in one place. */
public final class SmElements {

    public static final String NAMESPACE = "urn:xmpp:sm:3";

    /** §2: the stream feature. */
    public static final Element FEATURE = Element.empty("sm", NAMESPACE);
    /** §4: a request for acknowledgement. */
    public static final Element REQUEST = Element.empty("r", NAMESPACE);

    private SmElements() {
    }

    /** §3, §5: stream management is on; with an id and resume='true' when it can be resumed. */
    public static Element enabled(StreamManagement sm) {
        Element.Builder b = Element.builder("enabled", NAMESPACE);
        if (sm.resumable()) {
            b.attribute("id", sm.id())
                    .attribute("resume", "true")
                    .attribute("max", Integer.toString(sm.resumeTimeoutSeconds()));
        }
        return b.build();
    }

    /** §6: a failed enable or resume, with a stanza error condition; 'h' when known (§5). */
    public static Element failed(StanzaErrorCondition condition, Long h) {
        Element.Builder b = Element.builder("failed", NAMESPACE);
        if (h != null) {
            b.attribute("h", Long.toString(h));
        }
        return b.child(condition.elementName(), Namespaces.STANZAS).build();
    }

    /** §4: the answer to {@code <r/>}. */
    public static Element ack(long h) {
        return Element.builder("a", NAMESPACE).attribute("h", Long.toString(h)).build();
    }

    /** §5: the former stream is resumed; 'h' counts the stanzas handled from the client. */
    public static Element resumed(String previd, long h) {
        return Element.builder("resumed", NAMESPACE)
                .attribute("h", Long.toString(h))
                .attribute("previd", previd)
                .build();
    }

    /** §6: the client acknowledged more stanzas than it was sent. */
    public static StreamError handledCountTooHigh(long h, long sendCount) {
        Element detail = Element.builder("handled-count-too-high", NAMESPACE)
                .attribute("h", Long.toString(h))
                .attribute("send-count", Long.toString(sendCount))
                .build();
        return new StreamError(StreamErrorCondition.UNDEFINED_CONDITION,
                "You acknowledged " + h + " stanzas, but I only sent you " + sendCount + " so far.", detail);
    }

    /** An 'h' attribute (xs:unsignedInt, §4), or -1 when absent or not one. */
    public static long h(Element element) {
        String value = element.attribute("h");
        if (value == null || value.isEmpty() || value.length() > 10 || !value.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        long h = Long.parseLong(value);
        return h > 0xFFFF_FFFFL ? -1 : h;
    }

    /** An xs:boolean attribute (§3: 'resume' is "true" or "1"). */
    public static boolean isTrue(Element element, String attribute) {
        String value = element.attribute(attribute);
        return "true".equals(value) || "1".equals(value);
    }

    /** §3: the client's preferred maximum resumption time (xs:positiveInteger), or 0 when absent or not one. */
    public static int max(Element enable) {
        String value = enable.attribute("max");
        if (value == null || value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Integer.parseInt(value);
    }
}
