package app.hearth.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fake FCM (HTTP v1 with its OAuth token endpoint) and APNs on loopback ports the test profile names (58301, 58302),
 * with the keys the service is configured with made here: the FCM service account's RSA key and the APNs .p8 key.
 * Each checks the authentication the real service would (the service-account JWT and the access token it was
 * issued, the ES256 provider token) and keeps what it was sent; a token listed in {@link #gone} is answered as the
 * real service answers a device that no longer exists.
 */
final class PhonePushServices {
    record Sent(String path, Map<String, String> headers, JsonNode body) {}

    static final List<Sent> FCM = new CopyOnWriteArrayList<>();
    static final List<Sent> APNS = new CopyOnWriteArrayList<>();
    static final Set<String> gone = ConcurrentHashMap.newKeySet();
    static final List<String> REFUSED = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean started;
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    private PhonePushServices() {}

    static synchronized void start() throws Exception {
        if (started) {
            return;
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair serviceAccount = rsa.generateKeyPair();
        Files.writeString(
                tmp.resolve("hearth-test-fcm-service-account.json"),
                JSON.createObjectNode()
                        .put("type", "service_account")
                        .put("project_id", "hearth-test")
                        .put("client_email", "push@hearth-test.iam.gserviceaccount.com")
                        .put("token_uri", "http://127.0.0.1:58301/token")
                        .put("private_key", pem(serviceAccount.getPrivate().getEncoded()))
                        .toString());
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair apnsKey = ec.generateKeyPair();
        Files.writeString(
                tmp.resolve("hearth-test-apns-key.p8"), pem(apnsKey.getPrivate().getEncoded()));

        HttpServer fcm = HttpServer.create(new InetSocketAddress("127.0.0.1", 58301), 0);
        fcm.createContext("/token", exchange -> {
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            JsonNode claims = verified(form.get("assertion"), "SHA256withRSA", serviceAccount.getPublic());
            if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
                    || claims == null
                    || !claims.path("iss").asText().equals("push@hearth-test.iam.gserviceaccount.com")
                    || !claims.path("scope").asText().equals("https://www.googleapis.com/auth/firebase.messaging")
                    || !claims.path("aud").asText().equals("http://127.0.0.1:58301/token")) {
                REFUSED.add("fcm token request");
                answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            String token = "fake-access-" + ISSUED.size();
            ISSUED.add(token);
            answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
        });
        fcm.createContext("/v1/projects/hearth-test/messages:send", exchange -> {
            String bearer = headers(exchange).getOrDefault("authorization", "");
            if (!bearer.startsWith("Bearer ") || !ISSUED.contains(bearer.substring(7))) {
                REFUSED.add("fcm send without an issued token");
                answer(exchange, 401, "{\"error\":{\"status\":\"UNAUTHENTICATED\"}}");
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            FCM.add(new Sent(exchange.getRequestURI().getPath(), headers(exchange), body));
            if (gone.contains(body.at("/message/token").asText())) {
                answer(
                        exchange,
                        404,
                        "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":"
                                + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}");
                return;
            }
            answer(exchange, 200, "{\"name\":\"projects/hearth-test/messages/1\"}");
        });
        fcm.start();

        HttpServer apns = HttpServer.create(new InetSocketAddress("127.0.0.1", 58302), 0);
        apns.createContext("/", exchange -> {
            Map<String, String> headers = headers(exchange);
            String authorization = headers.getOrDefault("authorization", "");
            JsonNode claims = authorization.startsWith("bearer ")
                    ? verified(authorization.substring(7), "SHA256withECDSAinP1363Format", apnsKey.getPublic())
                    : null;
            JsonNode header = authorization.startsWith("bearer ") ? part(authorization.substring(7), 0) : null;
            if (claims == null
                    || !claims.path("iss").asText().equals("TESTTEAM12")
                    || !header.path("kid").asText().equals("TESTKEY123")
                    || !header.path("alg").asText().equals("ES256")) {
                REFUSED.add("apns without a valid provider token");
                answer(exchange, 403, "{\"reason\":\"InvalidProviderToken\"}");
                return;
            }
            if (!"app.hearth.ios".equals(headers.get("apns-topic"))) {
                answer(exchange, 400, "{\"reason\":\"TopicDisallowed\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            APNS.add(new Sent(path, headers, JSON.readTree(exchange.getRequestBody())));
            if (gone.contains(path.substring(path.lastIndexOf('/') + 1))) {
                answer(exchange, 410, "{\"reason\":\"Unregistered\",\"timestamp\":1733500000000}");
                return;
            }
            exchange.getResponseHeaders()
                    .add("apns-id", java.util.UUID.randomUUID().toString());
            answer(exchange, 200, "");
        });
        apns.start();
        started = true;
    }

    private static JsonNode verified(String jwt, String algorithm, PublicKey key) {
        try {
            String[] parts = jwt.split("\\.");
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2])) ? part(jwt, 1) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode part(String jwt, int index) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        return headers;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }
}
