package org.chasqui.xmpp.jid;

import java.util.Objects;
import java.util.Optional;

/**
 * An XMPP address, {@code [localpart@]domainpart[/resourcepart]} (RFC 7622 §3.1).
 *
 * <p>Every instance holds enforced parts: the localpart under the PRECIS UsernameCaseMapped profile
 * (so {@code JULIET} becomes {@code juliet}), the domainpart lowercased with U-labels in NFC, and the
 * resourcepart under OpaqueString (case is kept). Two JIDs are equal when their enforced parts are equal,
 * which is RFC 7622's notion of the same address. Instances are immutable and safe to share.
 */
public final class Jid {
    private final String localpart;
    private final String domainpart;
    private final String resourcepart;
    private final String string;
    /** This JID without its resource, made at the first {@link #bare()} (a benign race: equal values). */
    private Jid bare;

    /**
     * The JIDs this thread parsed last, by the text they were parsed from: every routed stanza has its
     * 'to' parsed, mostly one of a few addresses, and enforcing the parts (PRECIS) is what a parse costs.
     * Direct-mapped by the text's hash; a JID is immutable, so a hit is the same value a parse would give.
     */
    private static final int PARSED_SLOTS = 256;
    private static final ThreadLocal<Parsed> PARSED = ThreadLocal.withInitial(Parsed::new);

    private static final class Parsed {
        final String[] texts = new String[PARSED_SLOTS];
        final Jid[] jids = new Jid[PARSED_SLOTS];
    }

    private Jid(String localpart, String domainpart, String resourcepart) {
        this.localpart = localpart;
        this.domainpart = domainpart;
        this.resourcepart = resourcepart;
        this.string = (localpart == null ? "" : localpart + "@") + domainpart
                + (resourcepart == null ? "" : "/" + resourcepart);
    }

    /**
     * Parses and enforces a JID.
     *
     * @throws InvalidJidException if {@code s} is not a valid JID; the message says why
     */
    public static Jid parse(String s) {
        Objects.requireNonNull(s, "s");
        Parsed parsed = PARSED.get();
        int slot = s.hashCode() & (PARSED_SLOTS - 1);
        if (s.equals(parsed.texts[slot])) {
            return parsed.jids[slot];
        }
        Jid jid = enforce(s);
        parsed.texts[slot] = s;
        parsed.jids[slot] = jid;
        return jid;
    }

    private static Jid enforce(String s) {
        // RFC 7622 §3.1: the first '/' starts the resourcepart, which may itself contain '@' and '/';
        // in what comes before it, the first '@' ends the localpart.
        int slash = s.indexOf('/');
        String head = slash < 0 ? s : s.substring(0, slash);
        String resource = slash < 0 ? null : s.substring(slash + 1);
        int at = head.indexOf('@');
        String local = at < 0 ? null : head.substring(0, at);
        String domain = at < 0 ? head : head.substring(at + 1);
        return of(local, domain, resource);
    }

    /** Parses untrusted input: empty if {@code s} is null or not a valid JID. */
    public static Optional<Jid> tryParse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(s));
        } catch (InvalidJidException e) {
            return Optional.empty();
        }
    }

    /**
     * Builds a JID from its parts, enforcing each one.
     *
     * @param localpart null for none; an empty string is invalid
     * @param resourcepart null for none; an empty string is invalid
     * @throws InvalidJidException if a part is invalid
     */
    public static Jid of(String localpart, String domainpart, String resourcepart) {
        Objects.requireNonNull(domainpart, "domainpart");
        String local = localpart == null ? null : PartRules.localpart(localpart);
        String domain = Domainpart.enforce(domainpart);
        String resource = resourcepart == null ? null : PartRules.resourcepart(resourcepart);
        return new Jid(local, domain, resource);
    }

    /** A JID with a domainpart only, such as a server or component address. */
    public static Jid domain(String domainpart) {
        return of(null, domainpart, null);
    }

    /** The enforced localpart, or null if there is none. */
    public String localpart() {
        return localpart;
    }

    public String domainpart() {
        return domainpart;
    }

    /** The enforced resourcepart, or null if there is none. */
    public String resourcepart() {
        return resourcepart;
    }

    public boolean hasLocalpart() {
        return localpart != null;
    }

    public boolean hasResource() {
        return resourcepart != null;
    }

    /** True if there is no resourcepart (RFC 6120 §1.4 "bare JID"). */
    public boolean isBare() {
        return resourcepart == null;
    }

    /** True if there is neither a localpart nor a resourcepart. */
    public boolean isDomainOnly() {
        return localpart == null && resourcepart == null;
    }

    /** This JID without its resourcepart; this instance if it has none. */
    public Jid bare() {
        if (resourcepart == null) {
            return this;
        }
        Jid b = bare;
        if (b == null) {
            b = new Jid(localpart, domainpart, null);
            bare = b;
        }
        return b;
    }

    /** Same as {@link #bare()}. */
    public Jid withoutResource() {
        return bare();
    }

    /**
     * This JID with the given resourcepart, which is enforced.
     *
     * @throws InvalidJidException if {@code resourcepart} is not a valid resourcepart
     */
    public Jid withResource(String resourcepart) {
        Objects.requireNonNull(resourcepart, "resourcepart");
        return new Jid(localpart, domainpart, PartRules.resourcepart(resourcepart));
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Jid other
                && domainpart.equals(other.domainpart)
                && Objects.equals(localpart, other.localpart)
                && Objects.equals(resourcepart, other.resourcepart));
    }

    @Override
    public int hashCode() {
        // The canonical string is a one-to-one image of the parts (a localpart holds no '@' or '/', a
        // domainpart neither), and String caches its hash.
        return string.hashCode();
    }

    /** The canonical form {@code localpart@domainpart/resourcepart}, without the absent parts. */
    @Override
    public String toString() {
        return string;
    }
}
