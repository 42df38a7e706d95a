package org.chasqui.broker.c2s;

import java.lang.reflect.Method;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel-binding data of a TLS session for SCRAM-*-PLUS: tls-server-end-point (RFC 5929 §4) always,
 * and tls-exporter (RFC 9266) on TLS 1.3 where the running JDK can export keying material (JDK 25+;
 * looked up once at class load because the code is compiled for Java 17).
 */
public final class ChannelBindings {

    static final String TLS_SERVER_END_POINT = "tls-server-end-point";
    static final String TLS_EXPORTER = "tls-exporter";

    private static final Logger LOG = LoggerFactory.getLogger(ChannelBindings.class);
    private static final Method EXPORT = exporterMethod();

    private ChannelBindings() {
    }

    /** The binding types and their data for this session, strongest first. */
    public static Map<String, byte[]> of(SSLSession session) {
        Map<String, byte[]> bindings = new LinkedHashMap<>();
        if (session == null) {
            return bindings;
        }
        byte[] exporter = exporter(session);
        if (exporter != null) {
            bindings.put(TLS_EXPORTER, exporter);
        }
        Certificate[] local = session.getLocalCertificates();
        if (local != null && local.length > 0 && local[0] instanceof X509Certificate cert) {
            bindings.put(TLS_SERVER_END_POINT, serverEndPoint(cert));
        }
        return bindings;
    }

    /** RFC 5929 §4.1: the certificate's hash, with SHA-256 where its signature uses MD5 or SHA-1. */
    static byte[] serverEndPoint(X509Certificate cert) {
        String sigAlg = cert.getSigAlgName().toUpperCase(Locale.ROOT);
        String digest = "SHA-256";
        if (sigAlg.startsWith("SHA384")) {
            digest = "SHA-384";
        } else if (sigAlg.startsWith("SHA512")) {
            digest = "SHA-512";
        }
        try {
            return MessageDigest.getInstance(digest).digest(cert.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the server certificate", e);
        }
    }

    /** RFC 9266 §2: 32 bytes exported with label "EXPORTER-Channel-Binding" and no context. */
    private static byte[] exporter(SSLSession session) {
        if (EXPORT == null || !"TLSv1.3".equals(session.getProtocol())) {
            return null;
        }
        try {
            Object data = EXPORT.invoke(session, "EXPORTER-Channel-Binding", new byte[0], 32);
            return data instanceof byte[] b ? b : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("tls-exporter unavailable: {}", e.toString());
            return null;
        }
    }

    private static Method exporterMethod() {
        try {
            return javax.net.ssl.ExtendedSSLSession.class.getMethod(
                    "exportKeyingMaterialData", String.class, byte[].class, int.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
