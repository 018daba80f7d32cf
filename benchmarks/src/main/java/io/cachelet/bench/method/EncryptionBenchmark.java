package io.cachelet.bench.method;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cachelet.Cachelet;
import io.cachelet.cache.Cache;
import io.cachelet.cache.CachedValue;
import io.cachelet.config.CacheletConfig;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of encryption at rest on a hit: a {@link Cache} hit on the in-process store with and
 * without AES-256-GCM, for a 2 KB and a 64 KB value, in one run so the two can be divided. The
 * in-process store leaves no network time to hide the cipher behind, so the ratio is an upper bound
 * for a hit on Redis.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class EncryptionBenchmark {

  private static final TypeReference<String> TEXT = new TypeReference<>() {};

  @Param({"2048", "65536"})
  public int bytes;

  private Cachelet cachelet;
  private Cache plain;
  private Cache encrypted;

  @Setup(Level.Trial)
  public void setUp() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    cachelet =
        Cachelet.create(
            CacheletConfig.builder()
                .encryptionKeys("bench:" + Base64.getEncoder().encodeToString(key))
                .build());
    plain = cachelet.cache("plain");
    encrypted = cachelet.encryptedCache("encrypted");
    String value = "x".repeat(bytes - 2); // with the JSON quotes, {@code bytes} stored
    plain.put("k", value);
    encrypted.put("k", value);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (plain.get("k", TEXT).isEmpty() || encrypted.get("k", TEXT).isEmpty()) {
      throw new IllegalStateException("a benchmark hit was a miss");
    }
    cachelet.close();
  }

  @Benchmark
  public Optional<CachedValue<String>> hitPlain() {
    return plain.get("k", TEXT);
  }

  @Benchmark
  public Optional<CachedValue<String>> hitEncrypted() {
    return encrypted.get("k", TEXT);
  }
}
