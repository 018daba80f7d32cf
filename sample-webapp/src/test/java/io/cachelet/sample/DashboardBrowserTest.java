package io.cachelet.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}
 * packages): it shows live numbers and a chart, and its purge button purges. Leaves a screenshot in
 * {@code target/dashboard.png}. Skipped without Chromium, except with {@code CI=true}, where a
 * missing browser is a failure.
 */
class DashboardBrowserTest extends SampleEndToEndBase {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private ChromeDriverService service;
  private WebDriver browser;
  private Path profile;

  @BeforeAll
  void startSampleAndBrowser() throws StartupException, IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "CI=true but Chromium is missing: apt-get install chromium chromium-driver");
    }
    Assumptions.assumeTrue(installed, "Chromium is not installed (chromium, chromium-driver)");
    start(Optional.empty(), "sample-dashboard");
    profile = Files.createTempDirectory("cachelet-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1100",
        "--user-data-dir=" + profile);
    service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  void stopBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void traffic() {
    for (int id = 1; id <= 4; id++) {
      client.get("/api/products/" + id);
      client.get("/api/products/" + id);
    }
    client.get("/api/products?category=tea");
    client.get("/api/products?category=tea");
    client.get("/api/categories");
    client.get("/api/me/recommendations", SampleClient.basic("alice", "alice"));
    client.get("/api/me/recommendations", SampleClient.basic("alice", "alice"));
  }

  /** Waits up to 20 s; the page redraws its tables every 2 s, so a found element may go stale. */
  private FluentWait<WebDriver> waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class);
  }

  private String text(By element) {
    return waiting().until(b -> b.findElement(element).getText());
  }

  private long number(By cell) {
    return Long.parseLong(text(cell).trim());
  }

  @Test
  void showsLiveNumbersAndAChartAndPurgesARoute() throws IOException {
    traffic();
    browser.get(app.uri().resolve("/admin/").toString());

    // the admin endpoints want the token: the page says so until it is given
    waiting().until(b -> text(By.id("health-status")).equals("LOCKED"));
    browser.findElement(By.id("token")).sendKeys(TOKEN);
    browser.findElement(By.cssSelector("#token-form button")).click();
    waiting().until(b -> text(By.id("health-status")).equals("UP"));

    By productHits = By.cssSelector("#routes-table tr[data-route='product'] td.hits");
    waiting().until(b -> !b.findElements(productHits).isEmpty() && number(productHits) >= 4);
    long before = number(productHits);
    traffic();
    // live: the table follows the traffic without a reload
    waiting().until(b -> number(productHits) > before);

    assertThat(text(By.cssSelector("#routes-table tr[data-route='product'] td.ratio")))
        .endsWith("%");
    assertThat(browser.findElement(By.cssSelector("#caches-table tr[data-cache='prices']")))
        .isNotNull();
    assertThat(browser.findElements(By.cssSelector("#top-urls tbody tr"))).isNotEmpty();
    waiting()
        .until(
            b -> {
              List<WebElement> lines =
                  b.findElements(By.cssSelector("#chart path.series[data-series='route product']"));
              return !lines.isEmpty() && lines.get(0).getDomAttribute("d").contains("L");
            });

    waiting()
        .until(
            b -> {
              b.findElement(By.cssSelector("button.purge[data-route='product']")).click();
              return true;
            });
    waiting().until(b -> b.findElement(By.id("message")).getText().equals("Purged route product."));
    assertThat(client.get("/api/products/1").headers().firstValue("X-Cache")).contains("MISS");

    traffic();
    waiting().until(b -> number(productHits) > before + 4);
    Path shot = Path.of("target", "dashboard.png");
    Files.createDirectories(shot.getParent());
    Files.copy(
        ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
        shot,
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(shot)).isPositive();
  }
}
