package app.hearth.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AttachmentStyleTest {

    @Test
    void theStyleWithTheMostTicksIsSuggestedAndATieSuggestsNone() {
        assertThat(AttachmentStyle.suggested(Map.of(AttachmentStyle.ANXIOUS, 2, AttachmentStyle.SECURE, 1)))
                .isEqualTo(AttachmentStyle.ANXIOUS);
        assertThat(AttachmentStyle.suggested(Map.of(AttachmentStyle.AVOIDANT, 1)))
                .isEqualTo(AttachmentStyle.AVOIDANT);
        assertThat(AttachmentStyle.suggested(Map.of(AttachmentStyle.ANXIOUS, 1, AttachmentStyle.AVOIDANT, 1)))
                .isNull();
        assertThat(AttachmentStyle.suggested(Map.of())).isNull();
    }
}
