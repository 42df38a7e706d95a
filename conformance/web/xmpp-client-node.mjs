// The web-client scenario with @xmpp/client over WebSocket (RFC 7395), in Node.
//
//   node --experimental-websocket xmpp-client-node.mjs service=ws://127.0.0.1:5280/xmpp-websocket \
//        jid=alice@localhost password=... pubsub=pubsub.localhost node=news peer=bob@localhost/tcp
//
// Logs in, subscribes its full JID to the node, and reports each step on one stdout line that the
// Java test (WebClientsTest) waits for: SERVICE <url>, ONLINE <jid>, SUBSCRIBED <node>,
// NOTIFIED <item id> <payload>, SENT <body> (a chat message to the peer), MESSAGE <from> <body>
// (the peer's answer), DONE.
// Anything wrong prints ERROR <reason> and exits 1. Node 20 needs --experimental-websocket for the
// global WebSocket that @xmpp/websocket uses; Node 22 has it without the flag.
import { client, xml } from "@xmpp/client";
import { parseArgs, report, fail } from "./scenario.mjs";

const args = parseArgs(process.argv.slice(2));
const [username, domain] = args.jid.split("@");
const PUBSUB = "http://jabber.org/protocol/pubsub";
const PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";

report(`SERVICE ${args.service}`);
const xmpp = client({ service: args.service, domain, username, password: args.password, resource: "node" });
// The test wants one clean attempt: a failure must show, not be retried.
xmpp.reconnect.stop();

let self;
let sent;

xmpp.on("error", (err) => fail(`client error: ${err.message ?? err}`));

xmpp.on("stanza", async (stanza) => {
  if (!stanza.is("message")) return;
  const event = stanza.getChild("event", PUBSUB_EVENT);
  if (event) {
    // XEP-0060 §7.1.2.1: <items node><item id>payload</item></items>
    for (const item of event.getChild("items")?.getChildren("item") ?? []) {
      const payload = item.getChildElements()[0];
      report(`NOTIFIED ${item.attrs.id} ${payload?.text() ?? ""}`);
      if (!sent) {
        sent = `hello from @xmpp/client`;
        await xmpp.send(xml("message", { to: args.peer, type: "chat" }, xml("body", {}, sent)));
        report(`SENT ${sent}`);
      }
    }
    return;
  }
  const body = stanza.getChildText("body");
  if (body !== null && sent) {
    report(`MESSAGE ${stanza.attrs.from} ${body}`);
    await xmpp.stop();
    report("DONE");
    process.exit(0);
  }
});

xmpp.on("online", async (address) => {
  self = address.toString();
  report(`ONLINE ${self}`);
  try {
    await xmpp.send(xml("presence"));
    // XEP-0060 §6.1.1
    await xmpp.iqCaller.set(
      xml("pubsub", { xmlns: PUBSUB }, xml("subscribe", { node: args.node, jid: self })),
      args.pubsub,
    );
    report(`SUBSCRIBED ${args.node}`);
  } catch (err) {
    fail(`subscribe: ${err.message ?? err}`);
  }
});

xmpp.start().catch((err) => fail(`start: ${err.message ?? err}`));
