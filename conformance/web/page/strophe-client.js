// The web-client scenario with strophe.js, as a web app would run it: it finds the server's
// WebSocket or BOSH URL in its XEP-0156 host-meta.json (a cross-origin fetch), connects, and
// reports each step as one console line, which browser-client.mjs relays to the Java test:
// SERVICE <url>, ONLINE <jid>, SUBSCRIBED <node>, NOTIFIED <item id> <payload>, SENT <body>,
// MESSAGE <from> <body>, DONE, or ERROR <reason>.
// Query string: hostmeta (URL of host-meta.json), transport (websocket | bosh), jid, password,
// pubsub (service JID), node, peer (the JID to chat with).
/* global Strophe, $iq, $msg, $pres */ // set on globalThis by strophe.umd.min.js
const args = Object.fromEntries(new URLSearchParams(location.search));
const PUBSUB = "http://jabber.org/protocol/pubsub";
const PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";
const LINK_RELS = { websocket: "urn:xmpp:alt-connections:websocket", bosh: "urn:xmpp:alt-connections:xbosh" };

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

// XEP-0156 §3: the JSON form of host-meta, links by rel.
async function discover() {
  const response = await fetch(args.hostmeta);
  if (!response.ok) throw new Error(`${args.hostmeta}: HTTP ${response.status}`);
  const link = (await response.json()).links?.find((l) => l.rel === LINK_RELS[args.transport]);
  if (!link) throw new Error(`${args.hostmeta} has no ${LINK_RELS[args.transport]} link`);
  return link.href;
}

function run(service) {
  report(`SERVICE ${service}`);
  const conn = new Strophe.Connection(service);
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
        sent = `hello from strophe.js over ${args.transport}`;
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
}

discover().then(run, (err) => fail(`discovery: ${err.message}`));
