package app.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser (Debian's headless Chromium, driven through Debian's chromedriver) runs a small web app served on
 * loopback: it signs in through Keycloak's own login form with the authorization code flow and PKCE, then calls
 * couple-service with the bearer token, reading the headers the contract promises; the same page served from an
 * origin the services do not allow is refused by the browser. The signed-in page is saved as
 * {@code target/browser/signed-in.png}.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Another origin of this machine (another port), which no service allows. */
    private static final String OTHER_ORIGIN = "http://127.0.0.1:58301";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWebAppSignsInWithPkceAndCallsTheApiWhileAnotherOriginIsRefused() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian's chromium and chromium-driver must be installed (apt-get install chromium chromium-driver;"
                        + " .ci/run does)")
                .isTrue();
        String couples = PeerServices.url("couple-service");
        Person person = TestUsers.create("Browser");
        String config = "&issuer=" + encode(TestInfrastructure.OIDC_ISSUER) + "&couples=" + encode(couples);

        try (Site allowed = Site.serve(TestInfrastructure.WEB_APP_ORIGIN);
                Site other = Site.serve(OTHER_ORIGIN)) {
            WebDriver browser = chromium();
            try {
                browser.get(allowed.origin() + "/index.html?mode=signin" + config);
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                // Keycloak's own login page, on Keycloak's origin.
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
                assertThat(browser.getCurrentUrl()).startsWith(TestInfrastructure.OIDC_ISSUER);
                browser.findElement(By.id("username")).sendKeys(person.username());
                browser.findElement(By.id("password")).sendKeys(person.username());
                browser.findElement(By.id("kc-login")).click();

                JsonNode signedIn = result(browser);
                Path screenshot = Path.of("target/browser/signed-in.png");
                Files.createDirectories(screenshot.getParent());
                Files.copy(
                        ((TakesScreenshot) browser)
                                .getScreenshotAs(OutputType.FILE)
                                .toPath(),
                        screenshot,
                        StandardCopyOption.REPLACE_EXISTING);
                assertThat(signedIn.at("/me/status").asInt()).isEqualTo(200);
                assertThat(signedIn.at("/me/body/id").asText()).isEqualTo(person.id());
                // A POST with an Idempotency-Key, twice: created once, the replay says so in an exposed header.
                assertThat(signedIn.at("/invitation/status").asInt()).isEqualTo(201);
                assertThat(signedIn.at("/invitation/location").asText()).startsWith(couples + "/v1/invitations/");
                assertThat(signedIn.at("/replay/status").asInt()).isEqualTo(201);
                assertThat(signedIn.at("/replay/replayed").asText()).isEqualTo("true");
                assertThat(signedIn.at("/replay/body/id")).isEqualTo(signedIn.at("/invitation/body/id"));

                // The allowed origin reads even a refusal (401 and its WWW-Authenticate); another origin reads nothing.
                browser.get(allowed.origin() + "/index.html?mode=probe" + config);
                JsonNode fromAllowed = result(browser);
                assertThat(fromAllowed.path("refused").asBoolean()).isFalse();
                assertThat(fromAllowed.path("status").asInt()).isEqualTo(401);
                assertThat(fromAllowed.path("wwwAuthenticate").asText()).startsWith("Bearer");
                browser.get(other.origin() + "/index.html?mode=probe" + config);
                JsonNode fromOther = result(browser);
                assertThat(fromOther.path("refused").asBoolean()).isTrue();
                assertThat(fromOther.path("error").asText()).isEqualTo("TypeError");
            } finally {
                browser.quit();
            }
        }
        // What the browser acted on: the preflight answers, as any client sees them.
        HttpResponse<String> allowedPreflight = preflight(couples, TestInfrastructure.WEB_APP_ORIGIN);
        assertThat(allowedPreflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains(TestInfrastructure.WEB_APP_ORIGIN);
        assertThat(allowedPreflight
                        .headers()
                        .firstValue("Access-Control-Allow-Credentials")
                        .orElse("false"))
                .as("bearer tokens, never cookies: no credentials")
                .isEqualTo("false");
        assertThat(preflight(couples, OTHER_ORIGIN).headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    /** Headless Chromium that talks to nothing but what the test opens (no sync, updates, metrics or lookups). */
    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // runs as root in CI
                "--disable-dev-shm-usage",
                "--window-size=900,700",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-domain-reliability",
                "--no-pings");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** The page's result, once it says it is done. */
    private static JsonNode result(WebDriver browser) throws IOException {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> b.findElement(By.id("status")).getText().matches("(done|failed).*"));
        String status = browser.findElement(By.id("status")).getText();
        assertThat(status).as("the page's status").startsWith("done");
        return JSON.readTree(browser.findElement(By.id("result")).getText());
    }

    private static HttpResponse<String> preflight(String couples, String origin) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(couples + "/v1/me"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", origin)
                                .header("Access-Control-Request-Method", "GET")
                                .header("Access-Control-Request-Headers", "authorization")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The web app's one page, served on loopback at {@code origin}. */
    private record Site(String origin, HttpServer server) implements AutoCloseable {
        static Site serve(String origin) throws IOException {
            URI uri = URI.create(origin);
            HttpServer server = HttpServer.create(new InetSocketAddress(uri.getHost(), uri.getPort()), 0);
            server.createContext("/index.html", exchange -> {
                byte[] page;
                try (InputStream in = BrowserTest.class.getResourceAsStream("/web/index.html")) {
                    page = in.readAllBytes();
                }
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            server.start();
            return new Site(origin, server);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
