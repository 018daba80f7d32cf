package io.cachelet.bench.method;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A hit on each method-cache path, single-threaded, against the Redis server named by the system
 * properties {@code bench.redis.host} and {@code bench.redis.port}. On a small, noisy machine the
 * ratios between these are better taken from {@link PairedHarness}, which interleaves the paths;
 * these give the absolute figures in JMH's terms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class MethodCacheBenchmark {

  private Paths paths;
  private byte[] json;
  private Supplier<Object> cdi;
  private Supplier<Object> aspectj;

  @Setup(Level.Trial)
  public void setUp() {
    paths = Paths.start(RedisAddress.host(), RedisAddress.port());
    json = paths.json();
    cdi = paths.extra().get("cdiRedis");
    aspectj = paths.extra().get("aspectjRedis");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    paths.verifyHitsOnly();
    paths.close();
  }

  @Benchmark
  public Catalog floor() {
    return paths.floor();
  }

  @Benchmark
  public Catalog jacksonDecode() {
    return paths.jacksonDecode(json);
  }

  @Benchmark
  public Catalog cacheRedis() {
    return paths.cacheRedis();
  }

  @Benchmark
  public Catalog cacheMemory() {
    return paths.cacheMemory();
  }

  @Benchmark
  public Catalog springRedis() {
    return paths.spring();
  }

  @Benchmark
  public Object cdiRedis() {
    return cdi.get();
  }

  @Benchmark
  public Object aspectjRedis() {
    return aspectj.get();
  }

  @Benchmark
  public Catalog breakerOpen() {
    return paths.breakerOpen();
  }

  @Benchmark
  public Catalog direct() {
    return paths.direct();
  }
}
