package app.hearth.reminder.push;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/** Keys and signatures as JWTs (RFC 7515) need them, for FCM's service-account assertion and APNs' provider token; the JDK signs. */
final class Jwts {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    static String signed(String header, String claims, String algorithm, PrivateKey key) throws Exception {
        String input = BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + BASE64URL.encodeToString(signature.sign());
    }

    /** The DER bytes of a PEM block (a PKCS #8 private key). */
    static byte[] pem(String pem) {
        return Base64.getMimeDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    private Jwts() {}
}
