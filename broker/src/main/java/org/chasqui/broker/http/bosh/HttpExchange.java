package org.chasqui.broker.http.bosh;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A BOSH request's HTTP response. The BOSH session may live on another event loop than the HTTP
 * connection; the response is written on the connection's own loop.
 */
final class HttpExchange implements Exchange {

    private final HttpServerResponse response;
    private final Context context;
    private boolean answered;

    HttpExchange(HttpServerRequest request, Context context) {
        this.response = request.response();
        this.context = context;
    }

    @Override
    public void respond(int status, String contentType, String body) {
        if (Vertx.currentContext() == context) {
            write(status, contentType, body);
        } else {
            context.runOnContext(v -> write(status, contentType, body));
        }
    }

    private void write(int status, String contentType, String body) {
        if (answered || response.ended() || response.closed()) {
            return; // the client gave up on this request; a retransmission gets the cached copy (§14.4)
        }
        answered = true;
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }
}
