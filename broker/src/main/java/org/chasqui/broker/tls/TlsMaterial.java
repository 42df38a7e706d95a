package org.chasqui.broker.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.chasqui.broker.config.ConfigException;
import org.chasqui.broker.config.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server certificate chain and private key, as PEM text, plus the parsed leaf certificate.
 *
 * @param certificateChainPem PEM {@code CERTIFICATE} blocks, leaf first
 * @param privateKeyPem       unencrypted PKCS#8 {@code PRIVATE KEY}
 * @param certificate         the leaf certificate
 */
public record TlsMaterial(String certificateChainPem, String privateKeyPem, X509Certificate certificate) {

    /** Protocols to enable on every TLS listener (RFC 8996: no TLS 1.0/1.1). */
    public static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);

    public TlsMaterial {
        Objects.requireNonNull(certificateChainPem, "certificateChainPem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(certificate, "certificate");
    }

    /**
     * The configured files if {@code cfg} names them; else {@code <dataDir>/tls/<domain>.crt} and
     * {@code .key} if both exist; else a new self-signed certificate, written there for next time.
     * Problems are {@link ConfigException}s naming the key ({@code tls.certificate},
     * {@code tls.private_key} or {@code data_dir}) and the file.
     */
    public static TlsMaterial load(TlsConfig cfg, Path dataDir, String domain) {
        if (cfg.hasFiles()) {
            return read(cfg.certificate(), "tls.certificate", cfg.privateKey(), "tls.private_key");
        }
        if (domain.isEmpty() || domain.contains("/") || domain.contains("\\") || domain.startsWith(".")) {
            throw new IllegalArgumentException("not a domain: " + domain);
        }
        Path dir = dataDir.resolve("tls");
        Path certFile = dir.resolve(domain + ".crt");
        Path keyFile = dir.resolve(domain + ".key");
        boolean haveCert = Files.exists(certFile);
        boolean haveKey = Files.exists(keyFile);
        if (haveCert && haveKey) {
            return read(certFile, "data_dir", keyFile, "data_dir");
        }
        if (haveCert || haveKey) {
            throw new ConfigException("data_dir", "found " + (haveCert ? certFile : keyFile) + " but not "
                    + (haveCert ? keyFile : certFile) + "; restore it, or delete both to generate a new"
                    + " self-signed certificate");
        }
        TlsMaterial generated = SelfSignedCertificate.generate(domain, Instant.now());
        try {
            generated.write(dir, certFile, keyFile);
        } catch (IOException e) {
            throw new ConfigException("data_dir", "cannot write the self-signed certificate to " + dir + ": " + e, e);
        }
        LOG.info("Generated a self-signed certificate for {} in {}, SHA-256 fingerprint {}",
                domain, certFile, generated.sha256Fingerprint());
        return generated;
    }

    /** Vert.x server options holding this chain and key. */
    public PemKeyCertOptions keyCertOptions() {
        return new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(certificateChainPem))
                .setKeyValue(Buffer.buffer(privateKeyPem));
    }

    /** SHA-256 of the leaf certificate's DER, as colon-separated upper-case hex. */
    public String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            StringBuilder hex = new StringBuilder(digest.length * 3);
            for (byte b : digest) {
                hex.append(hex.length() == 0 ? "" : ":").append(String.format("%02X", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TlsMaterial read(Path certFile, String certKey, Path keyFile, String keyKey) {
        List<X509Certificate> chain;
        try {
            chain = PemCodec.readCertificates(readText(certFile, certKey));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(certKey, certFile + ": " + e.getMessage(), e);
        }
        PrivateKey key;
        try {
            key = PemCodec.readPrivateKey(readText(keyFile, keyKey));
            PemCodec.requireMatch(key, chain.get(0));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(keyKey, keyFile + ": " + e.getMessage(), e);
        }
        TlsMaterial material = new TlsMaterial(PemCodec.certificatesPem(chain), PemCodec.privateKeyPem(key), chain.get(0));
        material.warnIfNotCurrent(certFile);
        LOG.info("Loaded TLS certificate {} ({}), SHA-256 fingerprint {}", certFile,
                chain.get(0).getSubjectX500Principal().getName(), material.sha256Fingerprint());
        return material;
    }

    private static String readText(Path file, String key) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException(key, file + ": cannot read: " + e, e);
        }
    }

    private void warnIfNotCurrent(Path file) {
        try {
            certificate.checkValidity(new Date());
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            LOG.warn("TLS certificate {} is not valid now (valid {} to {}); clients will reject it",
                    file, certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        }
    }

    /** Key first, each through a temporary file and an atomic rename; the key is owner-only. */
    private void write(Path dir, Path certFile, Path keyFile) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, posix ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
            } : new FileAttribute<?>[0]);
        }
        writeAtomically(keyFile, privateKeyPem, posix ? "rw-------" : null);
        writeAtomically(certFile, certificateChainPem, posix ? "rw-r--r--" : null);
    }

    private static void writeAtomically(Path target, String text, String posixPermissions) throws IOException {
        Path dir = target.getParent();
        Path tmp = posixPermissions == null
                ? Files.createTempFile(dir, ".chasqui", ".tmp")
                : Files.createTempFile(dir, ".chasqui", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            if (posixPermissions != null) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(posixPermissions));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
