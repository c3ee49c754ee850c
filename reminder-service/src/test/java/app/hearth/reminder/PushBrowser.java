package app.hearth.reminder;

import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A browser and its push service, on this machine: it makes its own P-256 key pair and auth secret as
 * {@code PushManager.subscribe} does, and its push service (a loopback endpoint, and every path under it) answers with the given statuses in turn
 * (the last repeats) and keeps what it was sent. {@link #decrypt} reads a message as the browser would (RFC 8291,
 * written here from the RFC, independently of the service's library).
 */
public final class PushBrowser implements AutoCloseable {
    /** One message as the push service received it, and when. */
    public record Pushed(byte[] body, Map<String, String> headers, Instant at) {}

    public final List<Pushed> pushed = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final Deque<String[]> answers;
    private final KeyPair keys;
    private final byte[] authSecret = new byte[16];
    private final String path;

    /** Each answer: a status, optionally {@code "429 Retry-After: 120"}. */
    public PushBrowser(String... answers) throws Exception {
        this.answers = new ArrayDeque<>();
        for (String answer : answers) {
            this.answers.add(answer.split(" Retry-After: "));
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        new SecureRandom().nextBytes(authSecret);
        path = "/push/" + Long.toHexString(new SecureRandom().nextLong());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            pushed.add(new Pushed(exchange.getRequestBody().readAllBytes(), headers, Instant.now()));
            CountDownLatch held = hold;
            if (held != null) {
                try {
                    held.await(); // the push service took the message but has not answered yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String[] answer;
            synchronized (this.answers) {
                answer = this.answers.size() > 1 ? this.answers.poll() : this.answers.peek();
            }
            if (answer.length > 1) {
                exchange.getResponseHeaders().add("Retry-After", answer[1]);
            }
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool()); // answers can be held: one thread each
        server.start();
    }

    private volatile CountDownLatch hold;

    /** From now on, messages are taken but not answered until {@code latch} opens. */
    public void holdAnswersUntil(CountDownLatch latch) {
        hold = latch;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code PushSubscription.toJSON()}. */
    public Map<String, Object> subscription() {
        Map<String, Object> subscription = new HashMap<>();
        subscription.put("endpoint", endpoint());
        subscription.put("expirationTime", null);
        subscription.put(
                "keys",
                Map.of(
                        "p256dh",
                        base64url(uncompressed((ECPublicKey) keys.getPublic())),
                        "auth",
                        base64url(authSecret)));
        return subscription;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** RFC 8291 §3-4: the plaintext of an {@code aes128gcm} message encrypted to this browser. */
    public String decrypt(byte[] message) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(message);
        byte[] salt = new byte[16];
        in.get(salt);
        in.getInt(); // record size
        byte[] senderKey = new byte[in.get() & 0xff];
        in.get(senderKey);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);

        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(keys.getPrivate());
        agreement.doPhase(publicKey(senderKey), true);
        byte[] ecdhSecret = agreement.generateSecret();
        byte[] receiverKey = uncompressed((ECPublicKey) keys.getPublic());
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), receiverKey, senderKey);
        byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
        byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(ciphertext);
        int end = padded.length - 1;
        while (padded[end] == 0) {
            end--;
        }
        if (padded[end] != 2) {
            throw new IllegalStateException("not the last record: delimiter " + padded[end]);
        }
        return new String(padded, 0, end, StandardCharsets.UTF_8);
    }

    /** RFC 8292: the {@code vapid t=..., k=...} header's JWT verifies with {@code k}; its claims. */
    static Map<String, String> verifiedVapidClaims(String authorization, String expectedKey) throws Exception {
        Map<String, String> parts = new HashMap<>();
        for (String part : authorization.substring("vapid ".length()).split(",")) {
            String[] kv = part.strip().split("=", 2);
            parts.put(kv[0], kv[1]);
        }
        if (!parts.get("k").equals(expectedKey)) {
            throw new IllegalStateException("k is not the served key");
        }
        String[] jwt = parts.get("t").split("\\.");
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(publicKey(Base64.getUrlDecoder().decode(expectedKey)));
        es256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        if (!es256.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
            throw new IllegalStateException("the VAPID signature does not verify");
        }
        String claims = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
        Map<String, String> read = new HashMap<>();
        for (String name : List.of("aud", "sub", "exp")) {
            var m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)")
                    .matcher(claims);
            if (m.find()) {
                read.put(name, m.group(1));
            }
        }
        return read;
    }

    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        return Arrays.copyOf(mac.doFinal(concat(info, new byte[] {1})), length);
    }

    private static PublicKey publicKey(byte[] point) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(
                        new ECPoint(
                                new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                                new BigInteger(1, Arrays.copyOfRange(point, 33, 65))),
                        parameters.getParameterSpec(ECParameterSpec.class)));
    }

    private static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        copyUnsigned(key.getW().getAffineX(), out, 1);
        copyUnsigned(key.getW().getAffineY(), out, 33);
        return out;
    }

    private static void copyUnsigned(BigInteger value, byte[] into, int at) {
        byte[] bytes = value.toByteArray();
        int start = Math.max(0, bytes.length - 32);
        int length = bytes.length - start;
        System.arraycopy(bytes, start, into, at + 32 - length, length);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
