package app.hearth.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh people in the test realm, so tests never share state through a demo user (alice may have only one romantic
 * couple; a rate limit hit by one test must not hit another). Created through Keycloak's admin API; their tokens
 * are real.
 */
public final class TestUsers {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A person signed in to Hearth. */
    public record Person(String username, String token) {
        public String id() {
            return Tokens.subject(token);
        }
    }

    private TestUsers() {}

    /** Creates a user named {@code <name>-<random>} (first name {@code name}) and signs them in. */
    public static Person create(String name) {
        String username =
                name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            String admin = adminToken();
            String body = JSON.writeValueAsString(Map.of(
                    "username",
                    username,
                    "enabled",
                    true,
                    "email",
                    username + "@test.hearth.local",
                    "emailVerified",
                    true,
                    "firstName",
                    name,
                    "lastName",
                    "Test",
                    "credentials",
                    List.of(Map.of("type", "password", "value", username, "temporary", false))));
            HttpResponse<String> created = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base() + "/admin/realms/hearth/users"))
                            .header("Authorization", "Bearer " + admin)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("HTTP " + created.statusCode() + ": " + created.body());
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not create test user " + username + ": " + e.getMessage(), e);
        }
        return new Person(username, Tokens.user(username));
    }

    /** Whether the person's login still exists in the realm (asked through the admin API). */
    public static boolean loginExists(Person person) {
        try {
            HttpResponse<String> found = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base() + "/admin/realms/hearth/users/" + person.id()))
                            .header("Authorization", "Bearer " + adminToken())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (found.statusCode() != 200 && found.statusCode() != 404) {
                throw new IllegalStateException("HTTP " + found.statusCode() + ": " + found.body());
            }
            return found.statusCode() == 200;
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not look up " + person.username() + ": " + e.getMessage(), e);
        }
    }

    private static String base() {
        return TestInfrastructure.OIDC_ISSUER.replace("/realms/hearth", "");
    }

    private static String adminToken() throws Exception {
        TestInfrastructure.ensureRunning();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("admin token: HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }
}
