package org.chasqui.xmpp.stream;

/** Client streams as a real login sends them: three streams, one per restart (RFC 6120 §9.1). */
final class RecordedStreams {

    private RecordedStreams() {
    }

    /** The initial stream: header, then STARTTLS (RFC 6120 §5.4.2.1); the stream stays open for the TLS upgrade. */
    static final String INITIAL = "<?xml version='1.0'?>"
            + "<stream:stream from='juliet@im.example.com' to='im.example.com' version='1.0' xml:lang='en'"
            + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>\n"
            + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

    /** After TLS: SCRAM-SHA-1 authentication (RFC 6120 §6.4.2, RFC 5802 §5), double quotes, encoding declared. */
    static final String AFTER_TLS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<stream:stream from=\"juliet@im.example.com\" to=\"im.example.com\" version=\"1.0\" xml:lang=\"en\""
            + " xmlns=\"jabber:client\" xmlns:stream=\"http://etherx.jabber.org/streams\">\n"
            + "<auth xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\" mechanism=\"SCRAM-SHA-1\">"
            + "biwsbj1qdWxpZXQscj1vTXNUQUF3QUFBQU1BQUFBTlAwVEFBQUFBQUJQVTBBQQ==</auth>"
            + "<response xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">Yz1iaXdzLHI9b01zVEFBd0FBQUFNQUFBQU5QMFRBQUFBQUFCUFUwQU"
            + "FlMTI0Njk1Yi02OWE5LTRkZTYtOWMzMC1iNTFiMzgwOGM1OWUscD1VQTU3dE0vU3ZwQVRCa0gyRlhzMFdEWHZKWXc9</response>";

    /**
     * After SASL: no XML declaration; bind, presence, chat with multi-byte UTF-8, predefined entities, character
     * references and CDATA, XHTML-IM, a pubsub publish with a namespaced attribute, keepalives, and the close.
     */
    static final String AFTER_SASL = "<stream:stream to='im.example.com' version='1.0'"
            + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<iq id='yhc13a95' type='set'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
            + "<resource>balcony</resource></bind></iq>\n"
            + "<presence><show>chat</show><status>Grüße 你好 🎉</status>"
            + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='http://code.google.com/p/exodus'"
            + " ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>"
            + " "
            + "<message from='juliet@im.example.com/balcony' id='ktx72v49' to='romeo@example.net' type='chat'"
            + " xml:lang='en'><body>Art thou not Romeo, and a Montague? Grüße 你好 🎉 &amp; &lt;3 &#x41;&#66;&#x1F389;"
            + "</body><thread>e0ffe42b28561960c6b12b944a092794b9683a38</thread></message>"
            + "\r\n\r\n"
            + "<message to='romeo@example.net' type='chat'>"
            + "<body><![CDATA[if (a < b && c > d) { return \"x\"; }]]> tail &quot;q&quot; &apos;</body>"
            + "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
            + "<p style='font-weight:bold'>Hi <em>there</em>!</p></body></html></message>\n"
            + "<iq type='set' id='pub1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
            + "<publish node='princely_musings'><item id='ae890ac52d0df67ed7cfdf51b644e901'>"
            + "<entry xmlns='http://www.w3.org/2005/Atom' xmlns:geo='http://www.georss.org/georss'>"
            + "<title type='text'>Soliloquy</title><summary>To be, or not to be: that is the question</summary>"
            + "<geo:point geo:precision='high'>45.256 -71.92</geo:point>"
            + "<link rel='alternate' type='text/html' href='http://denmark.lit/2003/12/13/atom03'/>"
            + "</entry></item></publish></pubsub></iq>"
            + "\t \n"
            + "<message to='romeo@example.net'><body xml:lang='de'>Tschüß</body>"
            + "<x xmlns='jabber:x:data' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' type='submit'"
            + " xsi:type='form'><field var='a'><value>1</value></field></x></message>"
            + "<iq type='get' id='ping1' to='im.example.com'><ping xmlns='urn:xmpp:ping'/></iq>"
            + " "
            + "</stream:stream>";

    /** The events {@link #AFTER_SASL} must produce. */
    static final String[] AFTER_SASL_EVENTS = {
        "opened StreamHeader[to=im.example.com, from=null, id=null, version=1.0, lang=null,"
                + " contentNamespace=jabber:client]",
        "element <iq xmlns='jabber:client' id='yhc13a95' type='set'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>balcony</resource></bind></iq>",
        "element <presence xmlns='jabber:client'><show>chat</show><status>Grüße 你好 🎉</status>"
                + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='http://code.google.com/p/exodus'"
                + " ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>",
        "element <message xmlns='jabber:client' from='juliet@im.example.com/balcony' id='ktx72v49'"
                + " to='romeo@example.net' type='chat' xml:lang='en'><body>Art thou not Romeo, and a Montague?"
                + " Grüße 你好 🎉 &amp; &lt;3 AB🎉</body><thread>e0ffe42b28561960c6b12b944a092794b9683a38</thread>"
                + "</message>",
        "element <message xmlns='jabber:client' to='romeo@example.net' type='chat'>"
                + "<body>if (a &lt; b &amp;&amp; c &gt; d) { return \"x\"; } tail \"q\" '</body>"
                + "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
                + "<p style='font-weight:bold'>Hi <em>there</em>!</p></body></html></message>",
        "element <iq xmlns='jabber:client' type='set' id='pub1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                + "<publish node='princely_musings'><item id='ae890ac52d0df67ed7cfdf51b644e901'>"
                + "<entry xmlns='http://www.w3.org/2005/Atom'><title type='text'>Soliloquy</title>"
                + "<summary>To be, or not to be: that is the question</summary>"
                + "<point xmlns='http://www.georss.org/georss' xmlns:geo='http://www.georss.org/georss'"
                + " geo:precision='high'>45.256 -71.92</point>"
                + "<link rel='alternate' type='text/html' href='http://denmark.lit/2003/12/13/atom03'/>"
                + "</entry></item></publish></pubsub></iq>",
        "element <message xmlns='jabber:client' to='romeo@example.net'><body xml:lang='de'>Tschüß</body>"
                + "<x xmlns='jabber:x:data' type='submit' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'"
                + " xsi:type='form'><field var='a'><value>1</value></field></x></message>",
        "element <iq xmlns='jabber:client' type='get' id='ping1' to='im.example.com'>"
                + "<ping xmlns='urn:xmpp:ping'/></iq>",
        "closed",
    };
}
