package app.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A web developer's client, from the contract: TypeScript types generated with openapi-typescript from the public
 * API document couple-service serves, an openapi-fetch client, a journey ({@code src/test/typescript/journey.mts}) that
 * {@code tsc --strict} must accept without one non-null assertion, then run with Node against the real services.
 * Versions are pinned in {@code package-lock.json} (TypeScript 5: openapi-typescript 7.13 crashes on 7).
 */
class TypeScriptClientTest {
    private static final Path API = Path.of("").toAbsolutePath();
    private static final Path WORK = API.resolve("target/ts");
    /** Each service and the variable the journey reads its URL from. */
    private static final Map<String, String> SERVICES = Map.of(
            "couple-service", "HEARTH_COUPLES_URL",
            "exercise-service", "HEARTH_EXERCISES_URL",
            "reminder-service", "HEARTH_REMINDERS_URL",
            "insights-service", "HEARTH_INSIGHTS_URL");
    /** {@code x!.y}, {@code x!)}: a non-null assertion (not {@code !=}). */
    private static final Pattern NON_NULL_ASSERTION = Pattern.compile("[\\w)\\]]!(?=[.\\[),;\\s])");

    @Test
    void aTypedClientFromTheServedDocumentsDrivesAWholeJourney() throws Exception {
        if (!Files.isExecutable(API.resolve("node_modules/.bin/openapi-typescript"))
                || !Files.isExecutable(API.resolve("node_modules/.bin/tsc"))) {
            run(API, Map.of(), "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        Files.createDirectories(WORK.resolve("generated"));
        Map<String, String> env = new HashMap<>();
        SERVICES.forEach((service, variable) -> env.put(variable, PeerServices.url(service)));
        // What a web developer generates from: the public document (PublicApiDocumentTest checks what it holds).
        Path document = PublicApiDocumentTest.served();
        // Run from target/ts: api/redocly.yaml would make openapi-typescript generate every API it names instead.
        run(
                WORK,
                Map.of(),
                API.resolve("node_modules/.bin/openapi-typescript").toString(),
                document.toString(),
                "-o",
                WORK.resolve("generated/hearth-api.d.ts").toString());

        String journey = Files.readString(API.resolve("src/test/typescript/journey.mts"));
        assertThat(NON_NULL_ASSERTION
                        .matcher(journey.replaceAll("//[^\n]*", ""))
                        .results())
                .as("non-null assertions in the journey")
                .isEmpty();
        run(API, Map.of(), API.resolve("node_modules/.bin/tsc").toString(), "-p", "tsconfig.json");

        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        env.put("HEARTH_ALICE_TOKEN", alice.token());
        env.put("HEARTH_ALICE_ID", alice.id());
        env.put("HEARTH_BOB_TOKEN", bob.token());
        String out = run(API, env, "node", WORK.resolve("out/journey.mjs").toString());
        assertThat(out).contains("journey done");
    }

    /** Runs a command to its end (5 minutes at most); its output, or an assertion error that shows it. */
    private static String run(Path directory, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("NO_UPDATE_NOTIFIER", "1");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES))
                .as(String.join(" ", command))
                .isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as(String.join(" ", command) + " failed:\n" + text)
                .isZero();
        return text;
    }
}
