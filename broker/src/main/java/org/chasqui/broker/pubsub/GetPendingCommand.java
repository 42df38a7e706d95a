package org.chasqui.broker.pubsub;

import java.util.List;
import java.util.Map;
import org.chasqui.xmpp.forms.DataForm;
import org.chasqui.xmpp.forms.Field;
import org.chasqui.xmpp.forms.FieldType;
import org.chasqui.xmpp.forms.FormException;
import org.chasqui.xmpp.jid.Jid;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StanzaError;
import org.chasqui.xmpp.stanza.StanzaErrorCondition;
import org.chasqui.xmpp.xml.Element;

/**
 * XEP-0060 §8.7 "get-pending", the one XEP-0050 ad-hoc command of the service: executed, it answers
 * a form listing the owner's nodes (§8.7.2); submitted with a node, it completes and the service
 * sends one §8.6 authorization request per pending subscription (§8.7.4). Stateless: the second
 * stage carries all it needs, so the session id is only echoed (the engine checks ownership each
 * time). This class reads and writes the {@code <command/>} elements; the component runs the steps.
 */
final class GetPendingCommand {

    static final String COMMANDS = "http://jabber.org/protocol/commands";
    static final String NODE = PubSubXml.PUBSUB + "#get-pending";
    private static final String NAME = "Get pending subscription requests";

    private GetPendingCommand() {
    }

    /** What a {@code <command/>} asks for. */
    sealed interface Step permits Start, Run, Cancel, Fail {
    }

    /** Execute without a form: the first stage (§8.7.1). */
    record Start(String sessionId) implements Step {
    }

    /** The form submitted with a node (§8.7.4). */
    record Run(String sessionId, String node) implements Step {
    }

    /** XEP-0050 §3.4: the requester cancels. */
    record Cancel(String sessionId) implements Step {
    }

    /** A request XEP-0050 §4.4 refuses. */
    record Fail(StanzaError error) implements Step {
    }

    /** Reads a {@code <command/>} IQ-set; {@code newSession} names a session the requester did not. */
    static Step parse(Element command, String newSession) {
        if (!NODE.equals(command.attribute("node"))) {
            return new Fail(StanzaError.of(StanzaErrorCondition.ITEM_NOT_FOUND)); // XEP-0050 §4.4: no such command
        }
        String session = command.attribute("sessionid") == null || command.attribute("sessionid").isEmpty()
                ? newSession : command.attribute("sessionid");
        String action = command.attribute("action") == null ? "execute" : command.attribute("action");
        switch (action) {
            case "cancel" -> {
                return new Cancel(session);
            }
            case "execute", "complete" -> {
                // XEP-0050 §3.5.1: a form of type cancel counts as submitted
                Element x = command.child("x", Namespaces.DATA_FORMS);
                if (x == null) {
                    return new Start(session);
                }
                try {
                    Map<String, List<String>> fields = Forms.fields(x);
                    List<String> node = fields.get("pubsub#node");
                    if (node == null || node.size() != 1 || node.get(0).isEmpty()) {
                        return new Fail(commandError("bad-payload", "the form names no pubsub#node"));
                    }
                    return new Run(session, node.get(0));
                } catch (FormException e) {
                    return new Fail(commandError("bad-payload", e.getMessage()));
                }
            }
            case "prev", "next" -> {
                return new Fail(commandError("bad-action", "a one-stage command: execute, complete or cancel"));
            }
            default -> {
                return new Fail(commandError("malformed-action", "unknown action " + action));
            }
        }
    }

    /** §8.7.2: the first stage's form, one option per node the requester owns. */
    static Element nodeForm(String sessionId, List<String> nodes) {
        Field.Builder node = Field.builder("pubsub#node").type(FieldType.LIST_SINGLE).label("Node ID").required();
        nodes.forEach(node::option);
        Element form = DataForm.builder(DataForm.Type.FORM)
                .title(NAME)
                .instructions("Choose the node whose pending subscription requests you want to answer.")
                .formType(PubSubXml.SUBSCRIBE_AUTHORIZATION)
                .field(node.build())
                .build().toElement();
        // XEP-0050 §6: one stage, so the only way forward is to complete
        Element actions = Element.builder("actions", COMMANDS).attribute("execute", "complete")
                .child(Element.empty("complete", COMMANDS)).build();
        return command(sessionId, "executing").child(actions).child(form).build();
    }

    /** §8.7.4: the command is done; the requests follow as messages. */
    static Element completed(String sessionId) {
        return command(sessionId, "completed").build();
    }

    /** XEP-0050 §3.4. */
    static Element canceled(String sessionId) {
        return command(sessionId, "canceled").build();
    }

    private static Element.Builder command(String sessionId, String status) {
        return Element.builder("command", COMMANDS).attribute("node", NODE).attribute("sessionid", sessionId)
                .attribute("status", status);
    }

    /** XEP-0050 §4.4: bad-request with the command's own condition. */
    private static StanzaError commandError(String condition, String text) {
        return new StanzaError(StanzaErrorCondition.BAD_REQUEST.defaultType(), StanzaErrorCondition.BAD_REQUEST, text,
                Element.empty(condition, COMMANDS));
    }

    // ---- service discovery (XEP-0050 §2.1, §2.2) ----

    /** disco#items of the commands node: this one command. */
    static Element commandList(Jid service) {
        return Element.builder("query", Namespaces.DISCO_ITEMS).attribute("node", COMMANDS)
                .child(Element.builder("item", Namespaces.DISCO_ITEMS).attribute("jid", service.toString())
                        .attribute("node", NODE).attribute("name", NAME).build())
                .build();
    }

    /** disco#info of the commands node or of the command, or null for another node. */
    static Element info(String node) {
        if (COMMANDS.equals(node)) {
            return Element.builder("query", Namespaces.DISCO_INFO).attribute("node", node)
                    .child(identity("command-list", "Commands"))
                    .child(feature(COMMANDS))
                    .build();
        }
        if (NODE.equals(node)) {
            return Element.builder("query", Namespaces.DISCO_INFO).attribute("node", node)
                    .child(identity("command-node", NAME))
                    .child(feature(COMMANDS))
                    .child(feature(Namespaces.DATA_FORMS))
                    .build();
        }
        return null;
    }

    private static Element identity(String type, String name) {
        return Element.builder("identity", Namespaces.DISCO_INFO).attribute("category", "automation")
                .attribute("type", type).attribute("name", name).build();
    }

    private static Element feature(String var) {
        return Element.builder("feature", Namespaces.DISCO_INFO).attribute("var", var).build();
    }
}
