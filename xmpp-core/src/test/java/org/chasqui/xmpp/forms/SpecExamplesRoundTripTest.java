package org.chasqui.xmpp.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.chasqui.xmpp.xml.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every data form among the examples in src/test/resources/forms reads, and writes back as the spec has it. */
class SpecExamplesRoundTripTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("xep-0004", 2, "Service Returns Bot Creation Form"),
                Arguments.of("xep-0004", 3, "User Submits Bot Creation Form"),
                Arguments.of("xep-0004", 4, "Service Returns Bot Creation Result"),
                Arguments.of("xep-0004", 6, "Service Returns Search Form"),
                Arguments.of("xep-0004", 7, "User Submits Search Form"),
                Arguments.of("xep-0004", 8, "Service Returns Search Results"),
                Arguments.of("xep-0060", 14, "Service responds with information and metadata"),
                Arguments.of("xep-0060", 56, "Service responds with the options form"),
                Arguments.of("xep-0060", 64, "Subscriber submits completed options form"),
                Arguments.of("xep-0060", 114, "Publishing with options"),
                Arguments.of("xep-0060", 140, "Service responds with configuration form"),
                Arguments.of("xep-0060", 146, "Owner submits node configuration form"),
                Arguments.of("xep-0060", 147, "Owner cancels configuration process"),
                Arguments.of("xep-0068", 1, "Message with no FORM_TYPE"),
                Arguments.of("xep-0068", 2, "Message with FORM_TYPE"),
                Arguments.of("xep-0068", 5, "Service Returns Registration Form"),
                Arguments.of("xep-0068", 6, "User Submits Registration Form"));
    }

    @ParameterizedTest(name = "{0} example {1}: {2}")
    @MethodSource("examples")
    void parsesAndWritesBackTheSameForm(String xep, int number, String caption) throws FormException {
        Element x = SpecForms.exampleX(xep, number);

        DataForm form = DataForm.parse(x);

        assertThat(form.toElement()).isEqualTo(SpecForms.canonical(x));
        assertThat(DataForm.parse(form.toElement())).isEqualTo(form).hasSameHashCodeAs(form);
        assertThat(form.toBuilder().build()).isEqualTo(form);
    }
}
