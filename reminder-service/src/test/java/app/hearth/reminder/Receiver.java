package app.hearth.reminder;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A webhook receiver on this machine answering with the given statuses in turn (the last one repeats). */
final class Receiver implements AutoCloseable {
    record Received(String body, Map<String, String> headers) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final Deque<Integer> statuses;

    Receiver(Integer... statuses) throws Exception {
        this.statuses = new ArrayDeque<>(List.of(statuses));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(new Received(body, headers));
            int status;
            synchronized (this.statuses) {
                status = this.statuses.size() > 1 ? this.statuses.poll() : this.statuses.peek();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * The receiver's side of the Standard Webhooks contract, computed independently of the service's code: the base64
     * HMAC-SHA256, keyed with the decoded secret, of "id.timestamp.body".
     */
    static String expectedSignature(String secret, Receiver.Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = r.headers().get("webhook-id") + "." + r.headers().get("webhook-timestamp") + "." + r.body();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
