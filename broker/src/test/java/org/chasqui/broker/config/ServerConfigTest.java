package org.chasqui.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void withersChangeOneThing() {
        ServerConfig d = ServerConfig.defaults();
        ServerConfig c = d.withDataDir(Path.of("/tmp/x"))
                .withDomain("Test.Example")
                .withC2s(C2sConfig.DEFAULTS.withStarttlsPort(0).withDirectTlsPort(0).withRequireTls(false)
                        .withSmResumeTimeoutSeconds(0).withSmMaxUnackedStanzas(10))
                .withRegistration(RegistrationConfig.DEFAULTS.withEnabled(true))
                .withLimits(LimitsConfig.DEFAULTS.withMaxStanzaBytes(4096).withMaxConnectionsPerIp(2))
                .withAuth(AuthConfig.DEFAULTS.withAllowPlain(false))
                .withServer(RuntimeConfig.DEFAULTS.withKeepaliveSeconds(0));

        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(c.domain()).isEqualTo("test.example");
        assertThat(c.c2s()).isEqualTo(new C2sConfig("127.0.0.1", 0, 0, false, 0, 10, false));
        assertThat(c.registration()).isEqualTo(new RegistrationConfig(true, true, 1));
        assertThat(c.limits().maxStanzaBytes()).isEqualTo(4096);
        assertThat(c.limits().maxConnectionsPerIp()).isEqualTo(2);
        assertThat(c.limits().maxElementDepth()).isEqualTo(LimitsConfig.DEFAULT_MAX_ELEMENT_DEPTH);
        assertThat(c.auth().allowPlain()).isFalse();
        assertThat(c.server()).isEqualTo(new RuntimeConfig(0, RuntimeConfig.DEFAULT_SHUTDOWN_GRACE_SECONDS, true));
        assertThat(c.tls()).isSameAs(d.tls());
        assertThat(d).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void constructorsValidateWithTheLoadersMessages() {
        assertThatThrownBy(() -> C2sConfig.DEFAULTS.withStarttlsPort(70000))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c2s.starttls_port: must be an integer from 0 to 65535, got 70000");
        assertThatThrownBy(() -> C2sConfig.DEFAULTS.withDirectTlsPort(-2))
                .hasMessage("c2s.direct_tls_port: must be an integer from -1 to 65535, got -2");
        assertThatThrownBy(() -> C2sConfig.DEFAULTS.withSmResumeTimeoutSeconds(3601))
                .hasMessage("c2s.sm_resume_timeout_seconds: must be an integer from 0 to 3600, got 3601");
        assertThatThrownBy(() -> C2sConfig.DEFAULTS.withSmMaxUnackedStanzas(9))
                .hasMessage("c2s.sm_max_unacked_stanzas: must be an integer from 10 to 100000, got 9");
        assertThatThrownBy(() -> LimitsConfig.DEFAULTS.withMaxAuthAttempts(0))
                .hasMessage("limits.max_auth_attempts: must be an integer from 1 to 100, got 0");
        assertThatThrownBy(() -> AuthConfig.DEFAULTS.withScramIterations(1000))
                .hasMessage("auth.scram_iterations: must be an integer from 4096 to 1000000, got 1000");
        assertThatThrownBy(() -> RuntimeConfig.DEFAULTS.withShutdownGraceSeconds(301))
                .hasMessage("server.shutdown_grace_seconds: must be an integer from 0 to 300, got 301");
        assertThatThrownBy(() -> ServerConfig.defaults().withDataDir(null)).hasMessage("data_dir: must be set");
        assertThatThrownBy(() -> ServerConfig.defaults().withDomain("not a domain"))
                .hasMessageStartingWith("domain: must be a host name");
        assertThatThrownBy(() -> TlsConfig.files(Path.of("c.pem"), null))
                .hasMessage("tls.private_key: must be set when tls.certificate is set");
        assertThatThrownBy(() -> C2sConfig.DEFAULTS.withBindAddress(" "))
                .hasMessage("c2s.bind_address: must be an IP address or host name, got \" \"");
    }

    @Test
    void requireTlsMayBeOffOnlyOnLoopback() {
        C2sConfig open = C2sConfig.DEFAULTS.withRequireTls(false);
        assertThat(open.withBindAddress("::1").requireTls()).isFalse();
        assertThat(open.withBindAddress("localhost").requireTls()).isFalse();
        assertThatThrownBy(() -> open.withBindAddress("0.0.0.0")).hasMessageStartingWith("c2s.require_tls:");
        assertThatThrownBy(() -> open.withBindAddress("127.0.0.256")).hasMessageStartingWith("c2s.require_tls:");
    }

    @Test
    void defaultConstantsAreTheDefaultInstances() {
        assertThat(C2sConfig.DEFAULTS.starttlsPort()).isEqualTo(C2sConfig.DEFAULT_STARTTLS_PORT);
        assertThat(ServerConfig.defaults().domain()).isEqualTo(ServerConfig.DEFAULT_DOMAIN);
        assertThat(ServerConfig.defaults().dataDir()).isEqualTo(ServerConfig.DEFAULT_DATA_DIR);
        for (var e : IntKeys.RANGES.entrySet()) {
            Object value = ConfigLoader.flatten(ServerConfig.defaults()).get(e.getKey());
            assertThat(e.getValue().contains((Integer) value)).as(e.getKey()).isTrue();
        }
    }
}
