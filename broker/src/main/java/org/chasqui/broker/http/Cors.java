package org.chasqui.broker.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Cross-origin access for pages served elsewhere (the Fetch standard's CORS protocol): which origins
 * may use BOSH and open WebSockets. XMPP authenticates every stream with SASL and uses no cookies, so a
 * foreign page gains nothing a direct client could not do; the list is a policy choice.
 */
final class Cors {

    private final List<String> origins;
    private final boolean any;

    Cors(List<String> origins) {
        this.origins = List.copyOf(origins);
        this.any = origins.contains("*");
    }

    /** True if a request with this Origin header (null: none, a non-browser client) may proceed. */
    boolean allows(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return origin == null || any || origins.contains(origin) || sameOrigin(request, origin);
    }

    private static boolean sameOrigin(HttpServerRequest request, String origin) {
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null && origin.equals((request.isSSL() ? "https://" : "http://") + host);
    }

    /** Adds the response headers that let the requesting page read the response. */
    void decorate(HttpServerRequest request, HttpServerResponse response) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && (any || origins.contains(origin))) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, any ? "*" : origin);
            if (!any) {
                response.putHeader(HttpHeaders.VARY, "Origin");
            }
        }
    }

    /** Answers a preflight OPTIONS request: 204 with the allowed method and headers, or 403. */
    void preflight(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (!allows(request)) {
            response.setStatusCode(403).end();
            return;
        }
        decorate(request, response);
        String headers = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS")
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers == null ? "Content-Type" : headers)
                .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400")
                .setStatusCode(204).end();
    }
}
