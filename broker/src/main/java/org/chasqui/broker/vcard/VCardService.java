package org.chasqui.broker.vcard;

import java.nio.charset.StandardCharsets;
import org.chasqui.broker.iq.IqHandler;
import org.chasqui.broker.iq.IqRequest;
import org.chasqui.broker.users.UserStore;
import org.chasqui.persistence.users.UserRecord.VCard;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stream.StoredStanzas;
import org.chasqui.xmpp.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XEP-0054 §3: vCards kept by the server for its accounts. Anyone may read an account's vCard by its
 * bare JID; only the account sets its own. Reads and writes run on the account's shard; a set is
 * acknowledged once the vCard is in the journal.
 */
public final class VCardService implements IqHandler {

    public static final String NAMESPACE = "vcard-temp";
    /** The largest vCard accepted, in bytes of its XML (photos belong in XEP-0084 avatars). */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(VCardService.class);
    private static final Element EMPTY = Element.empty("vCard", NAMESPACE);

    private final UserStore store;
    private final int maxBytes;

    public VCardService(UserStore store, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.store = store;
        this.maxBytes = maxBytes;
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.payload().is("vCard", NAMESPACE)) {
            request.error(StanzaErrorCondition.BAD_REQUEST);
        } else if (request.isGet()) {
            get(request);
        } else {
            set(request);
        }
    }

    /** §3.1 (own vCard, no 'to') and §3.3 (another account's, by its bare JID). */
    private void get(IqRequest request) {
        Jid owner = request.to();
        boolean own = owner.equals(request.from().bare());
        if (owner.isDomainOnly()) {
            request.error(StanzaErrorCondition.SERVICE_UNAVAILABLE); // the server has no vCard of its own
            return;
        }
        store.withUser(owner.localpart(), s -> {
            // the vCard as it is now, answered once it is journaled
            IqRequest answer = request.repliedThrough(reply -> store.afterJournaled(s.user(), reply));
            Element vcard = s.vcard() == null ? null : parse(s.user(), s.vcard());
            if (vcard != null) {
                answer.result(vcard);
            } else if (own) {
                answer.result(EMPTY); // §3.1: an empty vCard (or item-not-found) when there is none
            } else {
                // §3.3: the same error as for an account that does not exist, which RFC 6121 §8.5.1
                // makes service-unavailable (and the router answers so for missing accounts)
                answer.error(StanzaErrorCondition.SERVICE_UNAVAILABLE);
            }
        });
    }

    /** §3.2: the whole vCard is replaced; only the account itself may set it. */
    private void set(IqRequest request) {
        Jid user = request.from().bare();
        if (!request.to().equals(user)) {
            request.error(StanzaErrorCondition.FORBIDDEN); // §3.2: forbidden or not-allowed
            return;
        }
        String xml = request.payload().toXml();
        if (xml.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            // answered without echoing the payload back (RFC 6120 §8.3.1 rule 4 makes that optional)
            errorWithoutPayload(request, StanzaError.of(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "a vCard may have at most " + maxBytes + " bytes"));
            return;
        }
        store.withUser(user.localpart(), s -> store.commit(new VCard(s.user(), xml), failure -> {
            if (failure != null) {
                request.error(StanzaErrorCondition.INTERNAL_SERVER_ERROR);
            } else {
                request.result();
            }
        }));
    }

    private static void errorWithoutPayload(IqRequest request, StanzaError error) {
        Element.Builder iq = Element.builder("iq", request.iq().namespace());
        request.iq().attributes().forEach(iq::attribute);
        new IqRequest(iq.build(), request.from(), request.to(), request.replier()).error(error);
    }

    private static Element parse(String user, String xml) {
        try {
            return StoredStanzas.parse(xml);
        } catch (IllegalArgumentException e) {
            LOG.warn("stored vCard of {} is unreadable: {}", user, e.getMessage());
            return null;
        }
    }
}
