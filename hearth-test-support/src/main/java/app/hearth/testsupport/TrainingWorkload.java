package app.hearth.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a JDK ahead-of-time cache is trained: the JVM options, and what the training launch serves before it stops: each
 * service's first request (a member's
 * authenticated read, through the token checks, a resource, the database and JSON), repeated, so the classes and
 * method profiles of a real request are in the cache. Used by the image build (deploy/images) and the start-up
 * benchmark, so both measure and ship the same training.
 */
public final class TrainingWorkload {
    /** Each service's first request, and the status a member gets (population insights are for ops only: 403). */
    private static final Map<String, Map.Entry<String, Integer>> FIRST_REQUEST = Map.of(
            "couple-service", Map.entry("/v1/me", 200),
            "exercise-service", Map.entry("/v1/exercises", 200),
            "reminder-service", Map.entry("/v1/me/reminders", 200),
            "insights-service", Map.entry("/v1/population/insights", 403));

    public static final int REPEATS = 50;
    /**
     * Returns freed C-heap memory to the system every 5 s; does not change the cache, only what stays resident. Not
     * every second: a trim stalls the threads allocating meanwhile, and during start-up (the JIT and class loading
     * allocate most) that added ~0.4 s to reminder-service's launch (median of 5: 2.88 s against 2.48 s).
     */
    public static final String NATIVE_HEAP_TRIM = "-XX:TrimNativeHeapInterval=5000";
    /**
     * The JVM options the images run with, and so the ones their cache is trained with (a cache made under other
     * collector or header options is not used); the start-up benchmark measures the same. The serial collector is what
     * the JVM picks itself in a pod of one or two CPUs and 512 MiB; compact object headers shrink every object; a small
     * initial heap grows only as needed; and the C library's heap is given back to the system every 5 s (the JIT's
     * start-up compilations leave ~10-15 MiB of freed native memory that glibc would otherwise keep).
     */
    public static final List<String> JVM_OPTIONS =
            List.of("-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders", "-Xms16m", NATIVE_HEAP_TRIM);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TrainingWorkload() {}

    /** The service's first request, once, as {@code who}; fails unless it gets the expected status. */
    public static void firstRequest(String service, String baseUrl, TestUsers.Person who) {
        Map.Entry<String, Integer> request = FIRST_REQUEST.get(service);
        if (request == null) {
            throw new IllegalArgumentException("no first request known for " + service);
        }
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + request.getKey()))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + who.token())
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != request.getValue()) {
                throw new IllegalStateException(
                        "GET " + request.getKey() + ": HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The whole training: the first request {@link #REPEATS} times. */
    public static void train(String service, String baseUrl, TestUsers.Person who) {
        for (int i = 0; i < REPEATS; i++) {
            firstRequest(service, baseUrl, who);
        }
    }
}
