// The web-client scenario with strophe.js, over WebSocket or BOSH as the service URL says
// (ws:// or http://). Parameters come in the query string (see browser-client.mjs); each step is
// one console line, forwarded to the Java test by browser-client.mjs: ONLINE <jid>,
// SUBSCRIBED <node>, NOTIFIED <item id> <payload>, SENT <body>, MESSAGE <from> <body>, DONE, or
// ERROR <reason>.
/* global Strophe, $iq, $msg, $pres */ // set on globalThis by strophe.umd.min.js
const args = Object.fromEntries(new URLSearchParams(location.search));
const PUBSUB = "http://jabber.org/protocol/pubsub";
const PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";
const transport = args.service.startsWith("ws") ? "WebSocket" : "BOSH";

function report(line) {
  document.getElementById("log").textContent += line + "\n";
  console.log(line);
}

function fail(reason) {
  report(`ERROR ${String(reason).replace(/\s+/g, " ")}`);
}

function statusName(status) {
  return Object.keys(Strophe.Status).find((name) => Strophe.Status[name] === status) ?? `status ${status}`;
}

const conn = new Strophe.Connection(args.service);
let sent = null;
let finished = false;
let failed = false;

function onMessage(stanza) {
  const items = stanza.getElementsByTagNameNS(PUBSUB_EVENT, "item");
  if (items.length > 0) {
    // XEP-0060 §7.1.2.1: <event><items node><item id>payload</item></items></event>
    for (const item of items) {
      const payload = item.firstElementChild;
      report(`NOTIFIED ${item.getAttribute("id")} ${payload ? payload.textContent : ""}`);
    }
    if (sent === null) {
      sent = `hello from strophe.js over ${transport}`;
      conn.send($msg({ to: args.peer, type: "chat" }).c("body").t(sent));
      report(`SENT ${sent}`);
    }
    return true;
  }
  const body = stanza.getElementsByTagName("body")[0];
  if (body && sent !== null && !finished) {
    finished = true;
    report(`MESSAGE ${stanza.getAttribute("from")} ${body.textContent}`);
    conn.disconnect("done");
  }
  return true;
}

function onOnline() {
  report(`ONLINE ${conn.jid}`);
  conn.addHandler(onMessage, null, "message");
  conn.send($pres());
  // XEP-0060 §6.1.1
  const subscribe = $iq({ type: "set", to: args.pubsub })
    .c("pubsub", { xmlns: PUBSUB })
    .c("subscribe", { node: args.node, jid: conn.jid });
  conn.sendIQ(subscribe,
    () => report(`SUBSCRIBED ${args.node}`),
    (error) => fail(`subscribe: ${error ? new XMLSerializer().serializeToString(error) : "timeout"}`),
    30_000);
}

conn.connect(`${args.jid}/browser`, args.password, (status, condition) => {
  switch (status) {
    case Strophe.Status.CONNECTED:
      onOnline();
      break;
    case Strophe.Status.DISCONNECTED:
      if (failed) {
        break;
      } else if (finished) {
        report("DONE");
      } else {
        fail(`disconnected${condition ? ": " + condition : ""}`);
      }
      break;
    case Strophe.Status.CONNFAIL:
    case Strophe.Status.AUTHFAIL:
    case Strophe.Status.ERROR:
      failed = true; // one report, not a second one at DISCONNECTED
      fail(`${statusName(status)}${condition ? ": " + condition : ""}`);
      break;
    default:
      break;
  }
});
