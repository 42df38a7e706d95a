package org.chasqui.broker.config;

import java.nio.file.Path;

/**
 * Server certificate (the {@code tls} section). Both files or neither: with neither, a self-signed
 * certificate is generated once into {@code <data_dir>/tls/} (see {@code org.chasqui.broker.tls}).
 *
 * @param certificate PEM certificate chain, leaf first, or null
 * @param privateKey  PEM private key (PKCS#8 {@code PRIVATE KEY}; SEC1 and PKCS#1 are accepted
 *                    too), unencrypted, or null
 */
public record TlsConfig(Path certificate, Path privateKey) {

    public static final Path DEFAULT_CERTIFICATE = null;
    public static final Path DEFAULT_PRIVATE_KEY = null;

    public static final TlsConfig DEFAULTS = new TlsConfig(DEFAULT_CERTIFICATE, DEFAULT_PRIVATE_KEY);

    public TlsConfig {
        if (certificate != null && privateKey == null) {
            throw new ConfigException("tls.private_key", "must be set when tls.certificate is set");
        }
        if (privateKey != null && certificate == null) {
            throw new ConfigException("tls.certificate", "must be set when tls.private_key is set");
        }
    }

    /** Use these PEM files. */
    public static TlsConfig files(Path certificate, Path privateKey) {
        return new TlsConfig(certificate, privateKey);
    }

    /** True when files are configured; false means "self-signed in data_dir". */
    public boolean hasFiles() {
        return certificate != null;
    }
}
