package org.chasqui.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.chasqui.persistence.log.Durability;
import org.chasqui.persistence.log.JournalRoll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedValues() {
        ServerConfig c = ServerConfig.defaults();
        assertThat(c.domain()).isEqualTo("localhost");
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.c2s()).isEqualTo(new C2sConfig("127.0.0.1", 5222, 5223, true, 300, 1000, false));
        assertThat(c.tls().certificate()).isNull();
        assertThat(c.tls().privateKey()).isNull();
        assertThat(c.tls().hasFiles()).isFalse();
        assertThat(c.limits()).isEqualTo(new LimitsConfig(262144, 64, 64, 64, 1048576, 60, 5));
        assertThat(c.auth()).isEqualTo(new AuthConfig(4096, true));
        assertThat(c.registration()).isEqualTo(new RegistrationConfig(false, true, 1));
        assertThat(c.server()).isEqualTo(new RuntimeConfig(60, 5, true));
        assertThat(c.storage()).isEqualTo(new StorageConfig(Durability.PROCESS, JournalRoll.DAILY));
        assertThat(c.snapshots()).isEqualTo(new SnapshotConfig(3600, 2, true));
    }

    @Test
    void emptyOrCommentOnlyFileGivesDefaults() {
        assertThat(ConfigLoader.parse("")).isEqualTo(ServerConfig.defaults());
        assertThat(ConfigLoader.parse("# nothing here\n")).isEqualTo(ServerConfig.defaults());
        assertThat(ConfigLoader.parse("limits:\nauth: {}\n")).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void fullFileSetsEveryKey() throws IOException {
        Path file = dir.resolve("chasqui.yaml");
        Files.writeString(file, String.join("\n",
                "domain: Example.ORG",
                "data_dir: /var/lib/chasqui",
                "c2s:",
                "  bind_address: '::'",
                "  starttls_port: 15222",
                "  direct_tls_port: -1",
                "  require_tls: true",
                "  sm_resume_timeout_seconds: 60",
                "  sm_max_unacked_stanzas: 500",
                "  allow_plain_without_tls: false",
                "tls:",
                "  certificate: /etc/chasqui/cert.pem",
                "  private_key: /etc/chasqui/key.pem",
                "limits:",
                "  max_stanza_bytes: 65536",
                "  max_element_depth: 32",
                "  max_attributes: 16",
                "  max_connections_per_ip: 8",
                "  max_read_bytes_per_second: 0x10000",
                "  unauthenticated_timeout_seconds: 30",
                "  max_auth_attempts: 3",
                "auth:",
                "  scram_iterations: 10000",
                "  allow_plain: false",
                "registration:",
                "  enabled: true",
                "  allow_removal: false",
                "server:",
                "  keepalive_seconds: 0",
                "  shutdown_grace_seconds: 30",
                "  native_transport: false",
                "storage:",
                "  durability: os",
                "  journal_roll: hourly",
                "snapshots:",
                "  interval_seconds: 60",
                "  keep: 5",
                "  on_shutdown: false",
                ""), StandardCharsets.UTF_8);

        ServerConfig c = ConfigLoader.load(file);

        assertThat(c.domain()).isEqualTo("example.org");
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/chasqui"));
        assertThat(c.c2s()).isEqualTo(new C2sConfig("::", 15222, C2sConfig.DISABLED, true, 60, 500, false));
        assertThat(c.c2s().directTlsEnabled()).isFalse();
        assertThat(c.tls()).isEqualTo(TlsConfig.files(Path.of("/etc/chasqui/cert.pem"), Path.of("/etc/chasqui/key.pem")));
        assertThat(c.limits()).isEqualTo(new LimitsConfig(65536, 32, 16, 8, 65536, 30, 3));
        assertThat(c.auth()).isEqualTo(new AuthConfig(10000, false));
        assertThat(c.registration()).isEqualTo(new RegistrationConfig(true, false, 1));
        assertThat(c.server()).isEqualTo(new RuntimeConfig(0, 30, false));
        assertThat(c.storage()).isEqualTo(new StorageConfig(Durability.OS, JournalRoll.HOURLY));
        assertThat(c.snapshots()).isEqualTo(new SnapshotConfig(60, 5, false));
    }

    @Test
    void partialFileOverlaysTheDefaults() {
        ServerConfig c = ConfigLoader.parse("c2s:\n  starttls_port: 0\nlimits:\n  max_auth_attempts: 2\n");

        ServerConfig d = ServerConfig.defaults();
        assertThat(c).isEqualTo(d
                .withC2s(d.c2s().withStarttlsPort(0))
                .withLimits(d.limits().withMaxAuthAttempts(2)));
    }

    @Test
    void explicitNullTlsPathsMeanSelfSigned() {
        assertThat(ConfigLoader.parse("tls:\n  certificate: ~\n  private_key: null\n").tls())
                .isEqualTo(TlsConfig.DEFAULTS);
    }

    @Test
    void unknownKeyIsNamedWithItsSection() {
        assertThatThrownBy(() -> ConfigLoader.parse("c2s:\n  startls_port: 5222\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("c2s.startls_port: unknown key; expected one of: bind_address,")
                .hasMessageContaining("starttls_port")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("c2s.startls_port");
        assertThatThrownBy(() -> ConfigLoader.parse("domian: example.org\n"))
                .hasMessageStartingWith("domian: unknown key");
        assertThatThrownBy(() -> ConfigLoader.parse("limits:\n  42: 1\n"))
                .hasMessageStartingWith("limits.42: unknown key");
    }

    static Stream<Arguments> badTypes() {
        return Stream.of(
                Arguments.of("c2s:\n  starttls_port: abc\n",
                        "c2s.starttls_port: must be an integer from 0 to 65535, got \"abc\""),
                Arguments.of("c2s:\n  starttls_port: \"5222\"\n",
                        "c2s.starttls_port: must be an integer from 0 to 65535, got \"5222\""),
                Arguments.of("c2s:\n  starttls_port: 5222.5\n",
                        "c2s.starttls_port: must be an integer from 0 to 65535, got 5222.5"),
                Arguments.of("c2s:\n  starttls_port:\n",
                        "c2s.starttls_port: must be an integer from 0 to 65535, got null"),
                Arguments.of("limits:\n  max_attributes: [1, 2]\n",
                        "limits.max_attributes: must be an integer from 1 to 4096, got a list"),
                Arguments.of("c2s:\n  require_tls: yes\n", "c2s.require_tls: must be true or false, got \"yes\""),
                Arguments.of("registration:\n  enabled: 1\n", "registration.enabled: must be true or false, got 1"),
                Arguments.of("domain: 42\n", "domain: must be a non-empty string, got 42"),
                Arguments.of("domain: ''\n", "domain: must be a non-empty string, got \"\""),
                Arguments.of("c2s:\n  bind_address: {a: 1}\n",
                        "c2s.bind_address: must be a non-empty string, got a mapping"),
                Arguments.of("data_dir: null\n", "data_dir: must be a path, got null"),
                Arguments.of("tls:\n  certificate: 7\n", "tls.certificate: must be a path or null, got 7"),
                Arguments.of("c2s: 5\n", "c2s: must be a mapping of keys to values, got 5"),
                Arguments.of("server: [1]\n", "server: must be a mapping of keys to values, got a list"),
                Arguments.of("storage:\n  durability: fsync\n", "storage.durability: must be one of process, os, got \"fsync\""),
                Arguments.of("storage:\n  durability: OS\n", "storage.durability: must be one of process, os, got \"OS\""),
                Arguments.of("storage:\n  durability: 1\n", "storage.durability: must be one of process, os, got 1"),
                Arguments.of("storage:\n  journal_roll: weekly\n",
                        "storage.journal_roll: must be one of daily, hourly, got \"weekly\""));
    }

    @ParameterizedTest
    @MethodSource("badTypes")
    void wrongTypeNamesTheKeyAndTheValue(String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    static Stream<Arguments> outOfRange() {
        return IntKeys.RANGES.entrySet().stream().flatMap(e -> Stream.of(
                Arguments.of(e.getKey(), e.getValue(), (long) e.getValue().min() - 1),
                Arguments.of(e.getKey(), e.getValue(), (long) e.getValue().max() + 1)));
    }

    @ParameterizedTest(name = "{0} = {2}")
    @MethodSource("outOfRange")
    void outOfRangeNamesTheKeyAndTheRange(String key, IntRange range, long value) {
        assertThatThrownBy(() -> ConfigLoader.parse(IntKeys.yaml(key, Long.toString(value))))
                .isInstanceOf(ConfigException.class)
                .hasMessage(key + ": must be an integer from " + range.min() + " to " + range.max() + ", got " + value);
    }

    @Test
    void integersBeyondSixtyFourBitsAreOutOfRange() {
        assertThatThrownBy(() -> ConfigLoader.parse("limits:\n  max_read_bytes_per_second: 99999999999999999999999\n"))
                .hasMessage("limits.max_read_bytes_per_second: must be an integer from 1024 to 2147483647,"
                        + " got 99999999999999999999999");
    }

    @Test
    void certificateWithoutKeyAndKeyWithoutCertificate() {
        assertThatThrownBy(() -> ConfigLoader.parse("tls:\n  certificate: cert.pem\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tls.private_key: must be set when tls.certificate is set");
        assertThatThrownBy(() -> ConfigLoader.parse("tls:\n  private_key: key.pem\n"))
                .hasMessage("tls.certificate: must be set when tls.private_key is set");
    }

    @Test
    void crossFieldRules() {
        assertThatThrownBy(() -> ConfigLoader.parse("c2s:\n  starttls_port: 5223\n"))
                .hasMessage("c2s.direct_tls_port: must differ from c2s.starttls_port, both are 5223");
        assertThatThrownBy(() -> ConfigLoader.parse("c2s:\n  bind_address: 0.0.0.0\n  require_tls: false\n"))
                .hasMessageStartingWith("c2s.require_tls: may be false only when c2s.bind_address is a loopback");
        assertThat(ConfigLoader.parse("c2s:\n  bind_address: 127.0.0.2\n  require_tls: false\n").c2s().requireTls())
                .isFalse();
        assertThat(ConfigLoader.parse("c2s:\n  starttls_port: 0\n  direct_tls_port: 0\n").c2s().directTlsPort())
                .isZero();
        // PLAIN without TLS only where TLS is not required, hence only on loopback
        assertThatThrownBy(() -> ConfigLoader.parse("c2s:\n  allow_plain_without_tls: true\n"))
                .hasMessageStartingWith("c2s.allow_plain_without_tls: may be true only when c2s.require_tls is false");
        assertThat(ConfigLoader.parse("c2s:\n  require_tls: false\n  allow_plain_without_tls: true\n")
                .c2s().allowPlainWithoutTls()).isTrue();
    }

    @Test
    void domainMustBeAHostName() {
        for (String bad : new String[] {"exa mple.org", "-a.org", "a..org", "example.org.", "user@example.org",
            "a".repeat(64) + ".org", "ex_ample.org", "ẞ.org"}) {
            assertThatThrownBy(() -> ConfigLoader.parse("domain: '" + bad + "'\n"), bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("domain: must be a host name");
        }
        assertThat(ConfigLoader.parse("domain: xn--bcher-kva.example\n").domain()).isEqualTo("xn--bcher-kva.example");
        assertThat(ConfigLoader.parse("domain: 192.0.2.1\n").domain()).isEqualTo("192.0.2.1");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": configuration file not found")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo(missing.toString());
    }

    @Test
    void malformedYamlNamesTheFileAndLine() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "c2s:\n  starttls_port: 5222\n   bind_address: [oops\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": malformed YAML: ")
                .hasMessageContaining("line 3");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> ConfigLoader.parse("domain: a.org\ndomain: b.org\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("malformed YAML")
                .hasMessageContaining("domain");
    }

    @Test
    void documentMustBeAMapping() {
        assertThatThrownBy(() -> ConfigLoader.parse("- a\n- b\n"))
                .hasMessage("<configuration>: must be a YAML mapping of keys to values, got a list");
        assertThatThrownBy(() -> ConfigLoader.parse("a: 1\n---\nb: 2\n"))
                .hasMessageContaining("malformed YAML");
    }

    @Test
    void fileThatIsNotUtf8IsNamed() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'d', 'o', 'm', 'a', 'i', 'n', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ": configuration file is not valid UTF-8");
    }

    @Test
    void flattenListsEveryKeyInFileOrder() {
        Map<String, Object> flat = ConfigLoader.flatten(ServerConfig.defaults());
        assertThat(flat).hasSize(55);
        assertThat(flat.keySet()).startsWith("domain", "data_dir", "c2s.bind_address");
        assertThat(flat).containsEntry("c2s.starttls_port", 5222).containsEntry("tls.certificate", null)
                .containsEntry("data_dir", "./data").containsEntry("registration.enabled", false)
                .containsEntry("storage.durability", "process").containsEntry("storage.journal_roll", "daily").containsEntry("snapshots.on_shutdown", true);
        assertThat(flat.keySet()).containsAll(IntKeys.RANGES.keySet());
    }
}
