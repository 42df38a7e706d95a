package org.chasqui.broker.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import org.chasqui.xmpp.xml.XmlEscaper;

/**
 * XEP-0156 §3 discovery of the HTTP connection methods: {@code /.well-known/host-meta} (XRD, RFC 6415)
 * and {@code /.well-known/host-meta.json} (JRD), listing the BOSH and WebSocket endpoints as reached
 * through the listener and host name the request used.
 */
final class HostMeta {

    static final String BOSH_PATH = "/http-bind";
    static final String WEBSOCKET_PATH = "/xmpp-websocket";
    private static final String BOSH_REL = "urn:xmpp:alt-connections:xbosh";
    private static final String WEBSOCKET_REL = "urn:xmpp:alt-connections:websocket";

    private HostMeta() {
    }

    static String xrd(HttpServerRequest request, String fallbackHost) {
        StringBuilder sb = new StringBuilder(300)
                .append("<?xml version='1.0' encoding='utf-8'?>\n<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n");
        link(sb, BOSH_REL, boshUri(request, fallbackHost));
        link(sb, WEBSOCKET_REL, websocketUri(request, fallbackHost));
        return sb.append("</XRD>\n").toString();
    }

    static String jrd(HttpServerRequest request, String fallbackHost) {
        return "{\"links\":[{\"rel\":\"" + BOSH_REL + "\",\"href\":\"" + json(boshUri(request, fallbackHost))
                + "\"},{\"rel\":\"" + WEBSOCKET_REL + "\",\"href\":\"" + json(websocketUri(request, fallbackHost))
                + "\"}]}";
    }

    private static void link(StringBuilder sb, String rel, String href) {
        sb.append("  <Link rel='").append(rel).append("' href='");
        XmlEscaper.escapeAttribute(href, sb);
        sb.append("'/>\n");
    }

    static String boshUri(HttpServerRequest request, String fallbackHost) {
        return (request.isSSL() ? "https://" : "http://") + authority(request, fallbackHost) + BOSH_PATH;
    }

    static String websocketUri(HttpServerRequest request, String fallbackHost) {
        return (request.isSSL() ? "wss://" : "ws://") + authority(request, fallbackHost) + WEBSOCKET_PATH;
    }

    private static String authority(HttpServerRequest request, String fallbackHost) {
        HostAndPort authority = request.authority();
        int port = request.localAddress() == null ? -1 : request.localAddress().port();
        String host = authority == null ? fallbackHost : authority.host();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 literal
        }
        return port > 0 ? host + ":" + port : host;
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
