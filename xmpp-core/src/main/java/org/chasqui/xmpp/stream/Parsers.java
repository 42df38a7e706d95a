package org.chasqui.xmpp.stream;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.in.ReaderConfig;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * Where decoders get their Aalto parsers: one input factory per thread, created once, whose symbol table is
 * seeded with the names an XMPP client stream uses (stream, SASL, bind, stanzas and their usual children and
 * attributes).
 *
 * <p>Why not a new factory per parser (what the decoder did first): a factory and its empty symbol table cost
 * allocations, and a parser built on an empty table must hash and add every element and attribute name it
 * meets, copying the table on the first one. That is done twice per login (the stream restarts after SASL).
 *
 * <p>Why the parsers are never {@code close()}d: Aalto merges a closing parser's symbol table (every name it
 * has seen) into its factory's, with no bound ({@code ByteBasedPNameTable.mergeFromChild}). With a shared
 * factory a peer sending made-up element names would grow it for the life of the process. A parser that is
 * dropped instead never merges: the shared table stays the seeded one, and a parser that meets new names adds
 * them to its own copy-on-write child table, which goes with it. Closing would also return Aalto's small
 * buffers to its per-thread recycler; dropping leaves them to the garbage collector.
 *
 * <p>Thread safety: a factory is used by one thread only (its event loop); a parser gets a child of the seeded
 * table under the factory's lock and copies the shared arrays before adding a name. The namespace URI
 * canonicaliser a factory shares with its parsers is synchronised and bounded by Aalto (an LRU of 716 URIs).
 */
final class Parsers {

    /** Names a client stream uses in the common case; each parser starts with them already in its table. */
    static final String SEED = "<?xml version='1.0' encoding='UTF-8'?>"
            + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='a' from='a' id='a' version='1.0' xml:lang='en'>"
            + "<starttls/><proceed/><auth mechanism='a'/><response/><abort/><challenge/><success/><failure/>"
            + "<iq type='a' id='a' to='a' from='a'><bind><resource/><jid/></bind><session/><query node='a' ver='a'>"
            + "<item jid='a' name='a' subscription='a' ask='a' approved='a' node='a'><group/></item>"
            + "<identity category='a' type='a' name='a'/><feature var='a'/></query><ping/><vCard/>"
            + "<pubsub><publish node='a'><item id='a'/></publish><subscribe node='a' jid='a'/><items node='a'/>"
            + "<retract node='a'/><create node='a'/><configure/><options/><publish-options/></pubsub>"
            + "<blocklist/><block/><unblock/><enable/><disable/><time/><tzo/><utc/>"
            + "<error type='a' code='a' by='a'><text/></error><x type='a'><field var='a' type='a'><value/></field></x>"
            + "</iq><presence type='a' id='a' to='a' from='a'><show/><status/><priority/>"
            + "<c hash='a' node='a' ver='a' ext='a'/><delay stamp='a' from='a'/><nick/></presence>"
            + "<message type='a' id='a' to='a' from='a'><body/><subject/><thread parent='a'/><active/><composing/>"
            + "<paused/><inactive/><gone/><request/><received id='a'/><markable/><displayed id='a'/>"
            + "<origin-id id='a'/><stanza-id id='a' by='a'/><event><items node='a'><item id='a'/></items></event>"
            + "<store/><no-store/><private/><forwarded/><sent/></message>"
            + "<enable resume='a' max='a'/><enabled id='a' resume='a' max='a' location='a'/><resume h='a' previd='a'/>"
            + "<resumed h='a' previd='a'/><r/><a h='a'/><active/><inactive/>";

    private static final ThreadLocal<InputFactoryImpl> FACTORY = ThreadLocal.withInitial(Parsers::seededFactory);

    private Parsers() {
    }

    /** A new async parser from this thread's factory. Drop it when done; never call its {@code close()}. */
    static AsyncXMLStreamReader<AsyncByteArrayFeeder> newReader() {
        return FACTORY.get().createAsyncForByteArray();
    }

    /** How many names this thread's shared table holds (tests: it must not grow with what parsers saw). */
    static int sharedSymbolCount() {
        ReaderConfig config = FACTORY.get().getNonSharedConfig(null, null, null, false, false);
        config.setActualEncoding("UTF-8");
        return config.getBBSymbols().size();
    }

    private static InputFactoryImpl seededFactory() {
        InputFactoryImpl factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Not replacing: a reference to any entity other than the five predefined ones then surfaces as an
        // ENTITY_REFERENCE event (in attribute values, as an exception) that we turn into restricted-xml.
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        AsyncXMLStreamReader<AsyncByteArrayFeeder> seeder = factory.createAsyncForByteArray();
        try {
            byte[] seed = SEED.getBytes(StandardCharsets.UTF_8);
            seeder.getInputFeeder().feedInput(seed, 0, seed.length);
            while (seeder.next() != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                // reading adds each name to the seeder's table
            }
            seeder.close(); // the one merge into the factory's table: the seed's names
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the parser seed is not well-formed", e);
        }
        return factory;
    }
}
