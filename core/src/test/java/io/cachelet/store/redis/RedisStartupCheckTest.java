package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.config.CacheletConfig;
import io.cachelet.config.ConfigException;
import io.cachelet.config.TlsVerify;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.store.StoreHealth;
import io.cachelet.store.resilient.ResilientStore;
import io.cachelet.testing.RedisServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link RedisStore#connect} and {@link CacheStores#create} do at start-up: connect over TLS
 * and with credentials, refuse the settings that can't work with a message naming the one to fix,
 * and start anyway when the server is only down.
 */
class RedisStartupCheckTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  /**
   * These tests are about credentials and trust, not timeouts: generous ones keep a slow first TLS
   * handshake on a busy machine from reading as a server that does not answer.
   */
  static CacheletConfig.Builder generous() {
    return CacheletConfig.builder()
        .connectTimeout(Duration.ofSeconds(3))
        .socketTimeout(Duration.ofSeconds(3));
  }

  private static void roundTrip(CacheStore store) {
    store.put("startup:k", "v".getBytes(UTF_8), MINUTE);
    assertThat(store.get("startup:k")).isEqualTo("v".getBytes(UTF_8));
  }

  @Nested
  class OverTls {

    @TempDir static Path dir;
    static TestCertificates trusted;
    static TestCertificates stranger;
    static RedisServer server;

    @BeforeAll
    static void startATlsOnlyServer() {
      trusted = TestCertificates.create(dir, "trusted");
      stranger = TestCertificates.create(dir, "stranger");
      server = trusted.startServer();
    }

    @AfterAll
    static void stopTheServer() {
      if (server != null) {
        server.close();
      }
    }

    private CacheletConfig.Builder config(TestCertificates certificates) {
      return generous()
          .redisUrl("rediss://localhost:" + server.port())
          .trustStore(certificates.trustStore(), TestCertificates.TRUST_STORE_PASSWORD);
    }

    @Test
    void connectsWithATrustStoreHoldingTheServersCa() {
      try (RedisStore store = RedisStore.connect(config(trusted).build())) {
        roundTrip(store);
      }
    }

    @Test
    void refusesAtStartUpAServerWhoseCertificateItDoesNotTrust() {
      assertThatThrownBy(() -> RedisStore.connect(config(stranger).build()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("cachelet.redis.truststore")
          .satisfies(
              e ->
                  assertThat(((ConfigException) e).setting())
                      .isEqualTo("cachelet.redis.truststore"));
    }

    @Test
    void refusesAtStartUpWithTheJvmsDefaultTrust() {
      CacheletConfig config = generous().redisUrl("rediss://localhost:" + server.port()).build();
      assertThatThrownBy(() -> CacheStores.create(config))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("trust store");
    }

    @Test
    void checksTheHostNameUnlessToldToCheckTheCaOnly() {
      // 127.0.0.1 is the same server, but the certificate names only localhost
      CacheletConfig.Builder other =
          config(trusted).redisUrl("rediss://127.0.0.1:" + server.port());
      assertThatThrownBy(() -> RedisStore.connect(other.build()))
          .isInstanceOf(ConfigException.class);
      try (RedisStore store = RedisStore.connect(other.tlsVerify(TlsVerify.CA).build())) {
        roundTrip(store);
      }
    }
  }

  @Nested
  class WithCredentials {

    static RedisServer server;

    @BeforeAll
    static void startAServerWithAPasswordAndAnAclUser() {
      server = RedisServer.start(List.of("--requirepass", "admin-secret"));
      server.command("ACL", "SETUSER", "cacheuser", "on", ">s3cret", "~*", "&*", "+@all");
    }

    @AfterAll
    static void stopTheServer() {
      if (server != null) {
        server.close();
      }
    }

    private CacheletConfig.Builder config() {
      return generous().redisHost(server.host()).redisPort(server.port());
    }

    @Test
    void connectsWithThePassword() {
      try (CacheStore store = CacheStores.create(config().redisPassword("admin-secret").build())) {
        roundTrip(store);
        assertThat(store.health().status()).isEqualTo(StoreHealth.Status.UP);
      }
    }

    @Test
    void connectsAsAnAclUserNamedInTheUrl() {
      String url = "redis://cacheuser:s3cret@" + server.host() + ":" + server.port() + "/0";
      try (RedisStore store = RedisStore.connect(generous().redisUrl(url).build())) {
        roundTrip(store);
      }
    }

    @Test
    void aWrongPasswordFailsStartUpNamingTheSetting() {
      assertThatThrownBy(() -> CacheStores.create(config().redisPassword("wrong").build()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("REDIS_PASSWORD")
          .hasMessageNotContaining("wrong")
          .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo("REDIS_PASSWORD"));
    }

    @Test
    void aMissingPasswordFailsStartUpNamingTheSetting() {
      assertThatThrownBy(() -> RedisStore.connect(config().build()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("REDIS_PASSWORD");
    }
  }

  @Test
  void aServerThatIsDownDoesNotFailStartUpAndCallsAreMisses() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    CacheletConfig config = generous().redisHost("127.0.0.1").redisPort(closedPort).build();
    try (CacheStore store = CacheStores.create(config)) {
      assertThat(store).isInstanceOf(ResilientStore.class);
      assertThat(store.get("k")).isNull();
      store.put("k", new byte[1], MINUTE);
      assertThat(store.health().status()).isEqualTo(StoreHealth.Status.DOWN);
    }
  }
}
