package org.chasqui.persistence.users;

/** RFC 6121 §2.1.2.5: the subscription state of a roster item. Codes are stable on disk. */
public enum Subscription {
    NONE(0), TO(1), FROM(2), BOTH(3);

    private final int code;

    Subscription(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static Subscription ofCode(int code) {
        for (Subscription s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown subscription code " + code);
    }

    /** The attribute value of RFC 6121 §2.1.2.5. */
    public String attributeValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The user receives the contact's presence. */
    public boolean hasTo() {
        return this == TO || this == BOTH;
    }

    /** The contact receives the user's presence. */
    public boolean hasFrom() {
        return this == FROM || this == BOTH;
    }

    public Subscription withTo(boolean to) {
        return of(to, hasFrom());
    }

    public Subscription withFrom(boolean from) {
        return of(hasTo(), from);
    }

    public static Subscription of(boolean to, boolean from) {
        return to ? (from ? BOTH : TO) : (from ? FROM : NONE);
    }
}
