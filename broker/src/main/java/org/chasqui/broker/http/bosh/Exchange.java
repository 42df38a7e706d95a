package org.chasqui.broker.http.bosh;

/** One HTTP request waiting for its response; answered exactly once. */
interface Exchange {

    /** Sends the response: status, Content-Type and the {@code <body/>}. */
    void respond(int status, String contentType, String body);
}
