package org.chasqui.xmpp.xml;

/** A child of an {@link Element}: another element or character data. */
public sealed interface Node permits Element, Text {

    /** Appends this node as XML to {@code out}; {@code parentNamespace} decides whether an xmlns is written. */
    void writeTo(StringBuilder out, String parentNamespace);
}
