package dev.mailgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.BounceReport;
import java.time.Instant;

/**
 * The bounce parser and classifier on any bytes: never throws, keeps the raw message, and turns it into events.
 * Seeded with real bounces of every format the corpus has.
 */
class BounceParserFuzzTest {
    private static final BounceParser PARSER = BounceParser.create();

    @FuzzTest(maxDuration = FuzzBudget.CI)
    void parse(byte @NotNull @WithLength(max = FuzzBudget.MAX_MAIL_LENGTH) [] mail) {
        BounceReport report = Bounded.call("BounceParser.parse", mail.length, () -> PARSER.parse(mail));
        assertThat(report).isNotNull();
        assertThat(report.raw()).isEqualTo(mail);
        assertThat(report.toEvents(Instant.EPOCH)).isNotNull().doesNotContainNull();
    }
}
