package org.chasqui.broker.caps;

import static org.assertj.core.api.Assertions.assertThat;

import org.chasqui.broker.testing.Xml;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.api.Test;

/** XEP-0115 §5.2 and §5.3: the spec's two worked examples, and the ill-formed cases of §5.4. */
class CapsVerifierTest {

    private static Element query(String xml) {
        return Xml.stanza("<iq type='result' id='disco1'>" + xml + "</iq>").child("query", Namespaces.DISCO_INFO);
    }

    @Test
    void simpleExample() {
        Element q = query("""
                <query xmlns='http://jabber.org/protocol/disco#info'
                       node='http://code.google.com/p/exodus#QgayPKawpkPSDYmwT/WM94uAlu0='>
                  <identity category='client' name='Exodus 0.9.1' type='pc'/>
                  <feature var='http://jabber.org/protocol/caps'/>
                  <feature var='http://jabber.org/protocol/disco#info'/>
                  <feature var='http://jabber.org/protocol/disco#items'/>
                  <feature var='http://jabber.org/protocol/muc'/>
                </query>""");
        assertThat(CapsVerifier.ver(q, "sha-1")).isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");
    }

    @Test
    void complexExampleWithLanguagesAndAForm() {
        Element q = query("""
                <query xmlns='http://jabber.org/protocol/disco#info' node='http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w='>
                  <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
                  <identity xml:lang='el' category='client' name='\u03a8 0.11' type='pc'/>
                  <feature var='http://jabber.org/protocol/caps'/>
                  <feature var='http://jabber.org/protocol/disco#info'/>
                  <feature var='http://jabber.org/protocol/disco#items'/>
                  <feature var='http://jabber.org/protocol/muc'/>
                  <x xmlns='jabber:x:data' type='result'>
                    <field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>
                    <field var='ip_version' type='text-multi'><value>ipv4</value><value>ipv6</value></field>
                    <field var='os'><value>Mac</value></field>
                    <field var='os_version'><value>10.5.1</value></field>
                    <field var='software'><value>Psi</value></field>
                    <field var='software_version'><value>0.11</value></field>
                  </x>
                </query>""");
        assertThat(CapsVerifier.ver(q, "sha-1")).isEqualTo("q07IKJEyjvHSyhy//CH0CxmKi8w=");
    }

    @Test
    void duplicateFeaturesOrIdentitiesAreIllFormedAndUnknownHashesUnsupported() {
        Element twice = query("""
                <query xmlns='http://jabber.org/protocol/disco#info'>
                  <identity category='client' type='pc'/>
                  <feature var='urn:a'/><feature var='urn:a'/>
                </query>""");
        assertThat(CapsVerifier.ver(twice, "sha-1")).isNull();
        Element ok = query("<query xmlns='http://jabber.org/protocol/disco#info'><identity category='client' type='pc'/></query>");
        assertThat(CapsVerifier.ver(ok, "md5")).isNull();
        assertThat(CapsVerifier.ver(ok, "sha-256")).isNotNull();
    }
}
