package app.hearth.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void nulAndUnpairedSurrogatesCannotBeStoredEverythingElseCan() {
        assertThat(StorableText.unstorable("a\u0000b")).contains("NUL");
        assertThat(StorableText.unstorable("\ud800")).contains("unpaired surrogate (\\ud800)");
        assertThat(StorableText.unstorable("x\udc00")).contains("unpaired surrogate (\\udc00)");
        assertThat(StorableText.unstorable("\ud800x")).contains("unpaired");
        // A pair is one character (an emoji), and control characters other than NUL are text PostgreSQL stores.
        assertThat(StorableText.unstorable("we 💛 each other")).isNull();
        assertThat(StorableText.unstorable("line\nbreak\ttab\u0001")).isNull();
        assertThat(StorableText.unstorable("")).isNull();
    }
}
