/** An immutable, namespace-resolved XML element model and its serialisation. */
package org.chasqui.xmpp.xml;
