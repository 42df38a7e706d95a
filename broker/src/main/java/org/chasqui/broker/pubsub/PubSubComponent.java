package org.chasqui.broker.pubsub;

import java.util.List;
import java.util.Map;
import org.chasqui.broker.routing.Router;
import org.chasqui.pubsub.Command;
import org.chasqui.pubsub.Notification;
import org.chasqui.pubsub.Outcome;
import org.chasqui.pubsub.Reply;
import org.chasqui.xmpp.forms.FormException;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.stanza.Stanzas;
import org.chasqui.xmpp.xml.Element;

/**
 * The pubsub service at its own address (pubsub.domain): stanzas addressed to it come here from the
 * router. IQs are translated into engine commands and run on the service's shard; replies and
 * notifications go out once the changes are journaled. A message carrying a submitted
 * subscribe_authorization form is an owner's answer (XEP-0060 §8.6).
 */
public final class PubSubComponent {

    private final Jid address;
    private final PubSubServices services;
    private final Router router;

    private final NotificationSender sender;
    private final StoredReads reads;

    public PubSubComponent(Jid address, PubSubServices services, Router router, NotificationSender sender,
                           StoredReads reads) {
        this.address = address;
        this.services = services;
        this.router = router;
        this.sender = sender;
        this.reads = reads;
    }

    public Jid address() {
        return address;
    }

    /** A stanza from a local entity to the service (its 'from' stamped). */
    public void handle(Element stanza, Jid from, Jid to) {
        if (!to.equals(address)) {
            reject(stanza, from, StanzaError.of(StanzaErrorCondition.ITEM_NOT_FOUND)); // no entities under the service
            return;
        }
        switch (stanza.name()) {
            case "iq" -> iq(stanza, from);
            case "message" -> message(stanza, from);
            default -> {
                // presence to the service carries nothing it uses (yet)
            }
        }
    }

    private void iq(Element iq, Jid from) {
        String type = iq.attribute("type");
        boolean set = "set".equals(type);
        if (!set && !"get".equals(type)) {
            return; // RFC 6120 §8.2.3: results and errors end here
        }
        Element payload = iq.firstElement();
        switch (payload.namespace()) {
            case Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS -> disco(iq, payload, from, set);
            case Namespaces.PING -> router.deliver(result(iq, null), from);
            case PubSubXml.PUBSUB, PubSubXml.OWNER -> pubsub(iq, payload, from, set);
            case GetPendingCommand.COMMANDS -> command(iq, payload, from, set);
            default -> reject(iq, from, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
        }
    }

    private void pubsub(Element iq, Element payload, Jid from, boolean set) {
        if (!payload.name().equals("pubsub")) {
            reject(iq, from, StanzaError.of(StanzaErrorCondition.BAD_REQUEST));
            return;
        }
        PubSubRequests.Parsed parsed = PubSubRequests.parse(payload, set, from);
        if (parsed.error() != null) {
            reject(iq, from, PubSubReplies.error(parsed.error()));
            return;
        }
        if (parsed.done()) {
            router.deliver(result(iq, null), from);
            return;
        }
        services.execute(address, parsed.command(), outcome -> {
            if (outcome.error() == null && outcome.reply() instanceof Reply.Items items) {
                // §6.5: stored payloads are read off the shard; if that fails, again on it
                reads.detach(items, detached -> answer(iq, from, payload.namespace(), detached),
                        failure -> services.execute(address, parsed.command(),
                                again -> answer(iq, from, payload.namespace(), again)));
                return; // a retrieval notifies no one
            }
            answer(iq, from, payload.namespace(), outcome);
            send(outcome.notifications());
        });
    }

    /** XEP-0060 §8.7: the get-pending ad-hoc command (XEP-0050). */
    private void command(Element iq, Element command, Jid from, boolean set) {
        GetPendingCommand.Step step = set && command.name().equals("command")
                ? GetPendingCommand.parse(command, "pubsub-get-pending:" + PubSubServices.newId())
                : new GetPendingCommand.Fail(StanzaError.of(StanzaErrorCondition.BAD_REQUEST));
        if (step instanceof GetPendingCommand.Fail f) {
            reject(iq, from, f.error());
        } else if (step instanceof GetPendingCommand.Cancel c) {
            router.deliver(result(iq, GetPendingCommand.canceled(c.sessionId())), from);
        } else if (step instanceof GetPendingCommand.Start s) {
            services.execute(address, new Command.GetPending(from, null), outcome -> {
                if (outcome.error() != null) {
                    reject(iq, from, PubSubReplies.error(outcome.error())); // §8.7.3.3: owns no node
                } else {
                    List<String> nodes = ((Reply.PendingNodes) outcome.reply()).nodes();
                    router.deliver(result(iq, GetPendingCommand.nodeForm(s.sessionId(), nodes)), from);
                }
            });
        } else if (step instanceof GetPendingCommand.Run r) {
            services.execute(address, new Command.GetPending(from, r.node()), outcome -> {
                if (outcome.error() != null) {
                    reject(iq, from, PubSubReplies.error(outcome.error())); // §8.7.3.3, §8.7.3.4
                    return;
                }
                router.deliver(result(iq, GetPendingCommand.completed(r.sessionId())), from);
                send(outcome.notifications()); // §8.7.4: one §8.6 request per pending subscription
            });
        }
    }

    private void answer(Element iq, Jid from, String ns, Reply reply) {
        router.deliver(result(iq, PubSubReplies.render(reply, ns)), from);
    }

    private void answer(Element iq, Jid from, String ns, Outcome outcome) {
        if (outcome.error() == null) {
            answer(iq, from, ns, outcome.reply());
            return;
        }
        // §8.8.2.4 / §8.9.2.4: the error carries the entries that failed, with their unchanged values
        Element echo = outcome.reply() == null ? null : PubSubReplies.render(outcome.reply(), ns);
        reject(iq, from, PubSubReplies.error(outcome.error()), echo);
    }

    /**
     * Delivers notifications: the event built once, one message per recipient; the §12.8 body, for
     * the recipients that asked for one, also built once.
     */
    void send(List<Notification> notifications) {
        sender.send(address, notifications);
    }

    private void disco(Element iq, Element query, Jid from, boolean set) {
        if (set) {
            reject(iq, from, StanzaError.of(StanzaErrorCondition.BAD_REQUEST));
            return;
        }
        String node = query.attribute("node");
        boolean info = query.namespace().equals(Namespaces.DISCO_INFO);
        services.query(address, service -> info ? PubSubDisco.info(service, node)
                : PubSubDisco.items(service, address, node), payload -> {
            if (payload == null) {
                reject(iq, from, StanzaError.of(PubSubDisco.notFound()));
            } else {
                router.deliver(result(iq, payload), from);
            }
        });
    }

    /** §8.6: an owner submits the authorization form. */
    private void message(Element message, Jid from) {
        Element x = message.child("x", Namespaces.DATA_FORMS);
        if (x == null || "error".equals(message.attribute("type"))) {
            return;
        }
        Map<String, List<String>> fields;
        try {
            fields = Forms.fields(x);
        } catch (FormException e) {
            reject(message, from, StanzaError.of(StanzaErrorCondition.BAD_REQUEST, e.getMessage()));
            return;
        }
        if (!List.of(PubSubXml.SUBSCRIBE_AUTHORIZATION).equals(fields.get("FORM_TYPE"))) {
            return;
        }
        if ("cancel".equals(x.attribute("type"))) {
            return; // XEP-0004 §3.1: the owner cancelled; the request stays pending
        }
        String node = first(fields, "pubsub#node");
        Jid subscriber = first(fields, "pubsub#subscriber_jid") == null ? null
                : Jid.tryParse(first(fields, "pubsub#subscriber_jid")).orElse(null);
        String allow = first(fields, "pubsub#allow");
        if (node == null || subscriber == null || allow == null) {
            reject(message, from, StanzaError.of(StanzaErrorCondition.BAD_REQUEST, "incomplete authorization form"));
            return;
        }
        Command.Authorize command = new Command.Authorize(from, node, subscriber, first(fields, "pubsub#subid"),
                "1".equals(allow) || "true".equals(allow));
        services.execute(address, command, outcome -> {
            if (outcome.error() != null) {
                reject(message, from, PubSubReplies.error(outcome.error()));
            }
            send(outcome.notifications());
        });
    }

    private static String first(Map<String, List<String>> fields, String var) {
        List<String> v = fields.get(var);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private Element result(Element iq, Element payload) {
        return Stanzas.iqResult(iq, payload).withAttribute("from", address.toString());
    }

    /**
     * An error reply. For IQs the request's payload is not echoed (RFC 6120 §8.3.1 makes it optional;
     * XEP-0060's error examples leave it out), except the failed entries of a batch (§8.9.2.4).
     */
    private void reject(Element stanza, Jid from, StanzaError error) {
        reject(stanza, from, error, null);
    }

    private void reject(Element stanza, Jid from, StanzaError error, Element echo) {
        if ("error".equals(stanza.attribute("type"))) {
            return;
        }
        Element request = stanza;
        if (stanza.name().equals("iq")) {
            Element.Builder b = Element.builder("iq", stanza.namespace());
            stanza.attributes().forEach(b::attribute);
            if (echo != null) {
                b.child(echo);
            }
            request = b.build();
        }
        router.deliver(Stanzas.errorReply(request, error).withAttribute("from", address.toString()), from);
    }
}
