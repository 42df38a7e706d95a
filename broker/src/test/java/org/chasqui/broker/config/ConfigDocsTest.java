package org.chasqui.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Keeps docs/CONFIGURATION.md and docs/chasqui.example.yaml in step with the code. */
class ConfigDocsTest {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z0-9_.]+)` \\| `([^`]*)` \\| ([^|]*) \\|",
            Pattern.MULTILINE);
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private final Path docs = findDocs();

    @Test
    void exampleFileLoadsToTheDefaultsAndSpellsOutEveryKey() throws IOException {
        Path example = docs.resolve("chasqui.example.yaml");

        assertThat(ConfigLoader.load(example)).isEqualTo(ServerConfig.defaults());

        Map<String, Object> spelledOut = flatten(new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(example, StandardCharsets.UTF_8)), "");
        assertThat(spelledOut.keySet())
                .containsExactlyElementsOf(ConfigLoader.flatten(ServerConfig.defaults()).keySet());
    }

    @Test
    void keyTableListsEveryKeyWithItsDefaultAndRange() throws IOException {
        String markdown = Files.readString(docs.resolve("CONFIGURATION.md"), StandardCharsets.UTF_8);
        Map<String, String> documentedDefaults = new LinkedHashMap<>();
        Map<String, String> documentedRanges = new LinkedHashMap<>();
        Matcher row = TABLE_ROW.matcher(markdown);
        while (row.find()) {
            documentedDefaults.put(row.group(1), row.group(2));
            documentedRanges.put(row.group(1), row.group(3).strip());
        }

        Map<String, String> actualDefaults = new LinkedHashMap<>();
        ConfigLoader.flatten(ServerConfig.defaults()).forEach((k, v) -> actualDefaults.put(k, String.valueOf(v)));
        assertThat(documentedDefaults).containsExactlyEntriesOf(actualDefaults);

        IntKeys.RANGES.forEach((key, range) -> assertThat(documentedRanges.get(key)).as(key)
                .isEqualTo(range.min() + " to " + range.max()));
    }

    @Test
    void everyYamlExampleInTheDocumentLoads() throws IOException {
        String markdown = Files.readString(docs.resolve("CONFIGURATION.md"), StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        Matcher block = YAML_BLOCK.matcher(markdown);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
        for (String yaml : blocks) {
            assertThat(ConfigLoader.parse(yaml)).as(yaml).isNotNull();
        }
    }

    private static Map<String, Object> flatten(Object yaml, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) yaml).forEach((k, v) -> {
            if (v instanceof Map) {
                out.putAll(flatten(v, prefix + k + "."));
            } else {
                out.put(prefix + k, v);
            }
        });
        return out;
    }

    private static Path findDocs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/CONFIGURATION.md"))) {
                return p.resolve("docs");
            }
        }
        throw new IllegalStateException("docs/CONFIGURATION.md not found above " + Path.of("").toAbsolutePath());
    }
}
