package org.chasqui.broker.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.chasqui.broker.config.ConfigException;
import org.chasqui.broker.config.TlsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesOnceThenReusesTheFiles() throws Exception {
        TlsMaterial first = TlsMaterial.load(TlsConfig.DEFAULTS, dataDir, "localhost");

        Path cert = dataDir.resolve("tls/localhost.crt");
        Path key = dataDir.resolve("tls/localhost.key");
        assertThat(cert).isRegularFile();
        assertThat(key).isRegularFile();
        assertThat(Files.readString(cert)).isEqualTo(first.certificateChainPem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(key)).isEqualTo(first.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
        try (var leftovers = Files.list(dataDir.resolve("tls"))) {
            assertThat(leftovers).hasSize(2);
        }

        TlsMaterial second = TlsMaterial.load(TlsConfig.DEFAULTS, dataDir, "localhost");
        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(second.privateKeyPem()).isEqualTo(first.privateKeyPem());
        assertThat(second.sha256Fingerprint()).isEqualTo(first.sha256Fingerprint()).hasSize(32 * 3 - 1);
    }

    @Test
    void generatedLocalhostCertificateHasTheNamesAndVerifies() throws Exception {
        X509Certificate c = TlsMaterial.load(TlsConfig.DEFAULTS, dataDir, "localhost").certificate();

        c.verify(c.getPublicKey());
        c.checkValidity();
        assertThat(c.getVersion()).isEqualTo(3);
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(c.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "localhost"), List.of(2, "*.localhost"),
                List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(c.getBasicConstraints()).isEqualTo(-1);
        assertThat(Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofDays(3650));
    }

    @Test
    void generatedCertificateForAPublicDomainHasNoLoopbackNames() throws Exception {
        TlsMaterial m = TlsMaterial.load(TlsConfig.DEFAULTS, dataDir, "example.org");

        assertThat(dataDir.resolve("tls/example.org.crt")).isRegularFile();
        assertThat(m.certificate().getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "example.org"), List.of(2, "*.example.org"));
        PrivateKey key = PemCodec.readPrivateKey(m.privateKeyPem());
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(m.certificate());
        s.update(new byte[] {1, 2, 3});
        assertThat(s.verify(sig)).isTrue();
    }

    @Test
    void configuredFilesAreUsedAndKeysAreNormalizedToPkcs8() throws IOException {
        TlsMaterial original = TlsMaterial.load(TlsConfig.DEFAULTS, dataDir.resolve("a"), "example.net");
        Path cert = dataDir.resolve("fullchain.pem");
        Path key = dataDir.resolve("privkey.pem");
        Files.writeString(cert, "subject=CN = example.net\n" + original.certificateChainPem());
        Files.writeString(key, sec1(PemCodec.readPrivateKey(original.privateKeyPem()), original.certificate()));
        assertThat(Files.readString(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        TlsMaterial loaded = TlsMaterial.load(TlsConfig.files(cert, key), dataDir.resolve("unused"), "localhost");

        assertThat(loaded.certificate()).isEqualTo(original.certificate());
        assertThat(loaded.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        PemCodec.requireMatch(PemCodec.readPrivateKey(loaded.privateKeyPem()), original.certificate());
        assertThat(dataDir.resolve("unused")).doesNotExist();
    }

    @Test
    void configuredCertificateWithAnotherKeyFailsNamingTheKey() throws IOException {
        TlsMaterial a = TlsMaterial.load(TlsConfig.DEFAULTS, dataDir.resolve("a"), "localhost");
        TlsMaterial b = TlsMaterial.load(TlsConfig.DEFAULTS, dataDir.resolve("b"), "localhost");
        Path cert = dataDir.resolve("a/tls/localhost.crt");
        Path wrongKey = dataDir.resolve("b/tls/localhost.key");
        assertThat(a.certificate()).isNotEqualTo(b.certificate());

        assertThatThrownBy(() -> TlsMaterial.load(TlsConfig.files(cert, wrongKey), dataDir, "localhost"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tls.private_key: " + wrongKey + ": the private key does not match")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("tls.private_key");
    }

    @Test
    void unreadableOrWrongPemFailsNamingTheKeyAndFile() throws IOException {
        TlsMaterial a = TlsMaterial.load(TlsConfig.DEFAULTS, dataDir, "localhost");
        Path cert = dataDir.resolve("tls/localhost.crt");
        Path key = dataDir.resolve("tls/localhost.key");
        Path missing = dataDir.resolve("missing.pem");
        Path garbage = dataDir.resolve("garbage.pem");
        Files.writeString(garbage, "not pem at all\n");

        assertThatThrownBy(() -> TlsMaterial.load(TlsConfig.files(missing, key), dataDir, "localhost"))
                .hasMessageStartingWith("tls.certificate: " + missing + ": cannot read");
        assertThatThrownBy(() -> TlsMaterial.load(TlsConfig.files(garbage, key), dataDir, "localhost"))
                .hasMessage("tls.certificate: " + garbage + ": no PEM CERTIFICATE block found");
        assertThatThrownBy(() -> TlsMaterial.load(TlsConfig.files(key, key), dataDir, "localhost"))
                .hasMessageStartingWith("tls.certificate: " + key + ": expected only CERTIFICATE blocks");
        assertThatThrownBy(() -> TlsMaterial.load(TlsConfig.files(cert, cert), dataDir, "localhost"))
                .hasMessageStartingWith("tls.private_key: " + cert + ": expected a PRIVATE KEY block");
        assertThat(a).isNotNull();
    }

    @Test
    void halfAGeneratedPairIsAnErrorNotAnOverwrite() throws IOException {
        TlsMaterial.load(TlsConfig.DEFAULTS, dataDir, "localhost");
        Path key = dataDir.resolve("tls/localhost.key");
        Files.delete(key);

        assertThatThrownBy(() -> TlsMaterial.load(TlsConfig.DEFAULTS, dataDir, "localhost"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("data_dir: found " + dataDir.resolve("tls/localhost.crt") + " but not " + key);
    }

    @Test
    void keyAlgorithmsVertxCannotServeAreRejected() throws Exception {
        TlsMaterial ec = TlsMaterial.load(TlsConfig.DEFAULTS, dataDir, "localhost");
        PrivateKey ed25519 = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();

        assertThatThrownBy(() -> PemCodec.requireMatch(ed25519, ec.certificate()))
                .hasMessageStartingWith("unsupported private key algorithm");
    }

    /** The SEC1 form {@code openssl ec} writes: curve parameters and public key included. */
    private static String sec1(PrivateKey key, X509Certificate certificate) throws IOException {
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(key.getEncoded());
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
        ECPrivateKey full = new ECPrivateKey(256, inner.getKey(), spki.getPublicKeyData(),
                pkcs8.getPrivateKeyAlgorithm().getParameters());
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new PemObject("EC PRIVATE KEY", full.getEncoded()));
        }
        return out.toString();
    }
}
