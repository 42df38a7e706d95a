package org.chasqui.broker.c2s;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.chasqui.broker.config.LimitsConfig;
import org.chasqui.xmpp.stanza.Namespaces;
import org.chasqui.xmpp.stanza.StreamError;
import org.chasqui.xmpp.stanza.StreamErrorCondition;
import org.chasqui.xmpp.stream.DecoderLimits;
import org.chasqui.xmpp.stream.XmppStreamDecoder;
import org.chasqui.xmpp.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 6120 framing on a TCP connection (STARTTLS or direct TLS, XEP-0368): one long XML document per
 * stream direction, parsed incrementally; the read rate limit and the bound on unsent output apply
 * per connection. Each stanza is serialised in the event loop's scratch buffer and handed to the Netty
 * channel as its own direct buffer, unflushed; the channel is flushed once at the end of the event-loop
 * turn, so a burst of stanzas for one client (notifications of several publishes, say) costs one
 * gathering write to the kernel, not one each, and no connection keeps an output buffer while idle.
 * Writes go straight to the channel (as STARTTLS's {@code <proceed/>} does), past Vert.x's outbound
 * message queue, which costs a task object and a promise per write; the bound on unsent output is the
 * channel's own high water mark. Owned by the event loop that accepted the connection.
 */
final class TcpTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
    static final int MAX_PENDING_WRITE_BYTES = 8 * 1024 * 1024;
    private static final long FORCED_CLOSE_MS = 5000;
    private static final Set<String> CONTENT_NAMESPACES = Set.of(Namespaces.CLIENT);

    /** Where a stanza is serialised before its bytes go to the channel: one per event loop thread. */
    private static final ThreadLocal<StringBuilder> SCRATCH = ThreadLocal.withInitial(() -> new StringBuilder(1024));
    /** A scratch buffer grown past this by a large stanza is not kept. */
    private static final int KEPT_SCRATCH_CHARS = 64 * 1024;

    private final Vertx vertx;
    private final Context context;
    private final NetSocket socket;
    private final ChannelHandlerContext channel;
    private final boolean directTls;
    private final ConnectionTls tls;
    private final DecoderLimits limits;
    private final ReadThrottle throttle;
    private final String remoteAddress;
    private Peer peer;
    private XmppStreamDecoder decoder;
    private boolean headerWritten;
    private boolean ended;
    private long lastWriteMillis;
    private boolean flushQueued;
    private final Runnable flushTask = this::flush;
    /** Input arrived since the last {@link #sweepIdle}. */
    private boolean readSinceSweep;
    /** Told when the connection has closed (the listener's set of its connections). */
    private final Consumer<TcpTransport> whenClosed;

    TcpTransport(Vertx vertx, NetSocket socket, boolean directTls, StartTls startTls, LimitsConfig limits,
            Consumer<TcpTransport> whenClosed) {
        this.vertx = vertx;
        this.whenClosed = whenClosed;
        this.context = vertx.getOrCreateContext(); // the accepting event loop
        this.socket = socket;
        this.channel = ((NetSocketInternal) socket).channelHandlerContext();
        this.directTls = directTls;
        this.tls = new ConnectionTls(socket, startTls);
        this.limits = new DecoderLimits(limits.maxStanzaBytes(), limits.maxElementDepth(), limits.maxAttributes());
        this.throttle = new ReadThrottle(limits.maxReadBytesPerSecond());
        this.remoteAddress = socket.remoteAddress().hostAddress();
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String kind() {
        return directTls ? "direct TLS" : "tcp";
    }

    @Override
    public void start(Peer peer) {
        this.peer = peer;
        decoder = new XmppStreamDecoder(limits, CONTENT_NAMESPACES, peer);
        channel.channel().config().setWriteBufferWaterMark(
                new WriteBufferWaterMark(MAX_PENDING_WRITE_BYTES / 2, MAX_PENDING_WRITE_BYTES));
        socket.handler(this::onData);
        socket.closeHandler(v -> {
            ended = true;
            decoder.close();
            whenClosed.accept(this);
            peer.connectionClosed();
        });
        socket.shutdownHandler(v -> peer.shutdown()); // the listener is shutting down (C2sVerticle#stop)
        socket.exceptionHandler(t -> LOG.debug("{} socket error: {}", remoteAddress, t.toString()));
    }

    private void onData(Buffer buffer) {
        if (ended) {
            return;
        }
        readSinceSweep = true;
        byte[] bytes = buffer.getBytes();
        try {
            decoder.feed(bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            LOG.error("{}: internal error while handling input", remoteAddress, e);
            peer.streamError(StreamError.of(StreamErrorCondition.INTERNAL_SERVER_ERROR));
            return;
        }
        long pause = throttle.onRead(bytes.length, System.currentTimeMillis());
        if (pause > 0 && !ended) {
            socket.pause();
            vertx.setTimer(pause, t -> socket.resume());
        }
    }

    /**
     * Called periodically on this connection's loop. A connection that has read nothing since the previous
     * call lets go of what it keeps for its next input: the parser (about 3 KiB, rebuilt on the next read,
     * see {@link XmppStreamDecoder#rest()}). It keeps no output buffer (see the class comment).
     */
    void sweepIdle() {
        if (readSinceSweep) {
            readSinceSweep = false;
            return;
        }
        if (decoder != null) {
            decoder.rest();
        }
    }

    @Override
    public void openStream(String streamId, String from, String to) {
        send(ServerStreamHeader.open(streamId, from, to));
        headerWritten = true;
    }

    @Override
    public void features(String featuresXml) {
        send("<stream:features>" + featuresXml + "</stream:features>");
    }

    @Override
    public void write(Element element) {
        StringBuilder scratch = SCRATCH.get();
        scratch.setLength(0);
        element.writeTo(scratch, Namespaces.CLIENT);
        send(scratch.toString());
        if (scratch.capacity() > KEPT_SCRATCH_CHARS) {
            SCRATCH.remove();
        }
    }

    @Override
    public void closeStream(StreamError error) {
        if (ended) {
            return;
        }
        if (error != null) {
            send(error.toXml());
        }
        send("</stream:stream>");
        end();
    }

    private void end() {
        flush();
        ended = true;
        if (decoder != null) {
            decoder.close();
        }
        socket.end();
        // Vert.x closes only after flushing; a client that stopped reading never lets that happen.
        vertx.setTimer(FORCED_CLOSE_MS, t -> channel.close());
    }

    @Override
    public void restartStream() {
        decoder.close();
        decoder = new XmppStreamDecoder(limits, CONTENT_NAMESPACES, peer); // a fresh parser per stream
        headerWritten = false;
    }

    @Override
    public boolean backlogged() {
        Channel ch = channel.channel();
        // a closed channel is never writable either, but that is not a client falling behind
        return ch.isActive() && !ch.isWritable();
    }

    @Override
    public void keepalive(long idleMillis) {
        if (!ended && headerWritten && System.currentTimeMillis() - lastWriteMillis >= idleMillis) {
            send(" "); // RFC 6120 §4.6.1 whitespace keepalive
        }
    }

    /** Queues the bytes on the channel, unflushed; the turn's flush sends them. */
    private void send(String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        channel.write(channel.alloc().directBuffer(bytes.length).writeBytes(bytes), channel.voidPromise());
        lastWriteMillis = System.currentTimeMillis();
        if (!flushQueued) {
            flushQueued = true;
            TurnFlush.schedule(context, flushTask); // after the tasks already queued on this loop
        }
    }

    /** Sends what the turn queued on the channel: one gathering write for all of it. */
    private void flush() {
        flushQueued = false;
        channel.flush();
    }

    @Override
    public boolean secured() {
        return tls.secured();
    }

    @Override
    public Map<String, byte[]> channelBindings() {
        return tls.channelBindings();
    }

    @Override
    public boolean canStartTls() {
        return !directTls;
    }

    @Override
    public boolean startTlsUsed() {
        return tls.startTlsUsed();
    }

    @Override
    public void startTls(Consumer<Throwable> onFailure) {
        flush(); // what was written before goes out in plaintext, ahead of <proceed/>
        tls.startTls(onFailure);
    }
}
