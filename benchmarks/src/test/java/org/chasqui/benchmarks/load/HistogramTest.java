package org.chasqui.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void quantilesAreWithinTwoPercent() {
        Histogram h = new Histogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(100_000);
        assertThat(h.max()).isEqualTo(100_000);
        assertThat((double) h.quantile(0.5)).isCloseTo(50_000, within(1_000.0));
        assertThat((double) h.quantile(0.99)).isCloseTo(99_000, within(2_000.0));
        assertThat(h.quantile(1.0)).isEqualTo(100_000);
    }

    @Test
    void smallValuesAreExactAndMergingAdds() {
        Histogram a = new Histogram();
        Histogram b = new Histogram();
        a.record(3);
        b.record(100);
        b.record(5_000_000_000L);
        a.add(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.quantile(0.3)).isEqualTo(3);
        assertThat(a.quantile(0.6)).isEqualTo(100);
        assertThat(a.max()).isEqualTo(5_000_000_000L);
    }
}
