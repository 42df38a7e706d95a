package org.chasqui.broker.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM in and out, with the JDK's providers. Problems are {@link IllegalArgumentException}s with a
 * short reason; {@link TlsMaterial} adds the key and file name.
 */
final class PemCodec {

    private static final byte[] PROBE = "chasqui key/certificate match".getBytes(StandardCharsets.US_ASCII);

    private PemCodec() {
    }

    /** All {@code CERTIFICATE} blocks, in order (leaf first); anything else in the text is an error. */
    static List<X509Certificate> readCertificates(String pem) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (!(o instanceof X509CertificateHolder)) {
                    throw new IllegalArgumentException("expected only CERTIFICATE blocks, found "
                            + o.getClass().getSimpleName());
                }
                chain.add(converter.getCertificate((X509CertificateHolder) o));
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("not a valid PEM certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no PEM CERTIFICATE block found");
        }
        return chain;
    }

    /** One unencrypted private key: PKCS#8 {@code PRIVATE KEY}, or SEC1/PKCS#1 {@code EC/RSA PRIVATE KEY}. */
    static PrivateKey readPrivateKey(String pem) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey key = null;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (key != null) {
                    throw new IllegalArgumentException("expected one private key, found more PEM blocks");
                }
                if (o instanceof PrivateKeyInfo) {
                    key = converter.getPrivateKey((PrivateKeyInfo) o);
                } else if (o instanceof PEMKeyPair) {
                    key = converter.getPrivateKey(((PEMKeyPair) o).getPrivateKeyInfo());
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                    throw new IllegalArgumentException("encrypted private keys are not supported;"
                            + " decrypt it (openssl pkey -in enc.key -out plain.key)");
                } else {
                    throw new IllegalArgumentException("expected a PRIVATE KEY block, found "
                            + o.getClass().getSimpleName());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid PEM private key: " + e.getMessage(), e);
        }
        if (key == null) {
            throw new IllegalArgumentException("no PEM PRIVATE KEY block found");
        }
        return key;
    }

    /** Fails unless {@code key} is an RSA or EC key and the private half of {@code certificate}'s public key. */
    static void requireMatch(PrivateKey key, X509Certificate certificate) {
        String algorithm = signatureAlgorithm(key);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("the private key does not match the certificate's public key ("
                    + certificate.getSubjectX500Principal().getName() + ")");
        }
    }

    static String certificatesPem(List<X509Certificate> chain) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : chain) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** PKCS#8 {@code PRIVATE KEY}, the form Vert.x and OpenSSL both take. */
    static String privateKeyPem(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String signatureAlgorithm(PrivateKey key) {
        switch (key.getAlgorithm()) {
            case "EC":
            case "ECDSA":
                return "SHA256withECDSA";
            case "RSA":
                return "SHA256withRSA";
            default:
                // Vert.x/Netty's PEM key loading takes RSA and EC only (an Ed25519 key fails at listen time)
                throw new IllegalArgumentException("unsupported private key algorithm " + key.getAlgorithm()
                        + "; use an RSA or EC key");
        }
    }
}
