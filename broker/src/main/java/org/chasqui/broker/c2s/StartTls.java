package org.chasqui.broker.c2s;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import org.chasqui.broker.tls.TlsMaterial;
import org.chasqui.xmpp.stanza.Namespaces;

/**
 * STARTTLS (RFC 6120 §5.4.3.3) done with Netty's SslHandler on the connection's own pipeline.
 *
 * <p>Vert.x 5.0.7's {@code NetSocket.upgradeToSsl} fails on every listener instance but the one
 * that bound the port (a listener sharing another's socket gets no SslContextManager), which would
 * pin every STARTTLS stream to one event loop. Here the {@code <proceed/>} is written and flushed
 * straight to the channel, and the SslHandler is put in front of Vert.x's handler in the same
 * event-loop turn, so the proceed goes out in plaintext and the client's ClientHello, which cannot
 * arrive before it, is the first thing the handler reads.
 */
final class StartTls {

    private static final byte[] PROCEED = ("<proceed xmlns='" + Namespaces.TLS + "'/>").getBytes(StandardCharsets.UTF_8);

    private final SslContext sslContext;

    StartTls(TlsMaterial tls) {
        try {
            this.sslContext = SslContextBuilder
                    .forServer(stream(tls.certificateChainPem()), stream(tls.privateKeyPem()))
                    .sslProvider(SslProvider.JDK)
                    .protocols(TlsMaterial.TLS_PROTOCOLS)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * Sends {@code <proceed/>} and puts the TLS handler in place. The handler's handshake future is
     * done before the first decrypted byte is passed on, so the session can test it synchronously.
     */
    SslHandler upgrade(NetSocket socket) {
        ChannelHandlerContext ctx = ((NetSocketInternal) socket).channelHandlerContext();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(PROCEED));
        SslHandler handler = sslContext.newHandler(ctx.alloc());
        ctx.pipeline().addBefore(ctx.name(), "chasqui-starttls", handler);
        return handler;
    }

    private static ByteArrayInputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
