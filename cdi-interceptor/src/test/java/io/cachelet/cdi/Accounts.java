package io.cachelet.cdi;

import io.cachelet.annotation.CacheDefaults;
import io.cachelet.annotation.CacheEvict;
import io.cachelet.annotation.CachePut;
import io.cachelet.annotation.Cacheable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** Class-level defaults, and the attributes of put and evict. */
@ApplicationScoped
@CacheDefaults(cache = "accounts", ttl = "3m")
public class Accounts {

  public record Account(String id, long balance) {}

  private final AtomicInteger loads = new AtomicInteger();

  public int loads() {
    return loads.get();
  }

  @Cacheable(nullTtl = "20s")
  public Account find(String id) {
    loads.incrementAndGet();
    return id.startsWith("missing") ? null : new Account(id, 100);
  }

  @CachePut(
      key = "account.id",
      condition = "account.balance >= 0",
      unless = "result.balance > 1000000",
      ttl = "7m",
      jitter = "1s")
  public Account update(Account account) {
    return account;
  }

  @CacheEvict(condition = "id ne 'protected'")
  public void close(String id) {}
}
