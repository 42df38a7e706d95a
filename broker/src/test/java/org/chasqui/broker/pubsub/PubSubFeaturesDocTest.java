package org.chasqui.broker.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/PUBSUB.md and the features disco#info advertises say the same thing. */
class PubSubFeaturesDocTest {

    private static final Pattern WORD = Pattern.compile("[a-z]+(-[a-z]+)*");

    @Test
    void everyAdvertisedFeatureIsAYesRowAndEveryNoRowIsNotAdvertised() throws Exception {
        Path doc = Path.of("..", "docs", "PUBSUB.md");
        List<String> yes = new ArrayList<>();
        List<String> no = new ArrayList<>();
        for (String line : Files.readAllLines(doc)) {
            String[] cells = line.split("\\|");
            if (cells.length < 3) {
                continue;
            }
            String status = cells[2].strip();
            Matcher m = WORD.matcher(cells[1].replaceAll("\\(.*?\\)", " ").replaceAll("`[^`]*`", " "));
            while (m.find()) {
                (status.equals("yes") ? yes : no).add(m.group());
            }
        }
        assertThat(yes).containsAll(PubSubFeatures.FEATURES);
        for (String missing : no) {
            assertThat(PubSubFeatures.FEATURES).doesNotContain(missing);
        }
    }
}
