package org.chasqui.broker.c2s;

import io.netty.handler.ssl.SslHandler;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The TLS of one client connection: from the first byte (XEP-0368) or added by STARTTLS (RFC 6120
 * §5.4, see {@link StartTls}), and the channel-binding data of its TLS session. Owned by the
 * connection's event loop.
 */
final class ConnectionTls {

    private final NetSocket socket;
    private final StartTls startTls;
    private SslHandler handler;
    private Map<String, byte[]> channelBindings;

    ConnectionTls(NetSocket socket, StartTls startTls) {
        this.socket = socket;
        this.startTls = startTls;
    }

    /** True once TLS protects the connection. */
    boolean secured() {
        return socket.isSsl() || (handler != null && handler.handshakeFuture().isSuccess());
    }

    /** True once STARTTLS was accepted on this connection (whether or not the handshake is done). */
    boolean startTlsUsed() {
        return handler != null;
    }

    /** Writes {@code <proceed/>} and starts the handshake; {@code onFailure} runs on a Netty thread. */
    void startTls(Consumer<Throwable> onFailure) {
        handler = startTls.upgrade(socket);
        handler.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                onFailure.accept(f.cause());
            }
        });
    }

    /** Channel-binding data of the TLS session, empty without TLS. */
    Map<String, byte[]> channelBindings() {
        if (channelBindings == null) {
            if (!secured()) {
                return Map.of();
            }
            channelBindings = ChannelBindings.of(socket.isSsl() ? socket.sslSession() : handler.engine().getSession());
        }
        return channelBindings;
    }
}
