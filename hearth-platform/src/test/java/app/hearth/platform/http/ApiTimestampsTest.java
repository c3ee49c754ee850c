package app.hearth.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTimestampsTest {

    @Test
    void writesNoMoreThanMicrosecondsWhateverTheValueHolds() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new ApiTimestamps().customize(mapper);

        assertThat(mapper.writeValueAsString(Map.of("at", Instant.parse("2026-12-07T08:56:25.123456789Z"))))
                .isEqualTo("{\"at\":\"2026-12-07T08:56:25.123456Z\"}");
        assertThat(mapper.writeValueAsString(Map.of("at", Instant.parse("2026-12-07T08:56:25Z"))))
                .isEqualTo("{\"at\":\"2026-12-07T08:56:25Z\"}");
        assertThat(mapper.writeValueAsString(Map.of("at", OffsetDateTime.parse("2026-12-07T09:56:25.1200009+01:00"))))
                .isEqualTo("{\"at\":\"2026-12-07T09:56:25.12+01:00\"}");
        for (String written : new String[] {
            ApiTimestamps.format(Instant.EPOCH),
            ApiTimestamps.format(Instant.parse("2026-12-07T08:56:25.12Z")),
            ApiTimestamps.format(Instant.parse("2026-12-07T08:56:25.123456789Z")),
            ApiTimestamps.format(OffsetDateTime.parse("2026-03-29T01:30:00.5-04:00"))
        }) {
            assertThat(written).matches(ApiTimestamps.PATTERN);
        }
        assertThat("2026-12-07T08:56:25.1234567Z").doesNotMatch(ApiTimestamps.PATTERN);
    }
}
