package io.cachelet.aspectj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.Cachelet;
import io.cachelet.cache.CachedValue;
import io.cachelet.config.CacheletConfig;
import io.cachelet.method.CacheDefinitionException;
import io.cachelet.method.MethodCache;
import io.cachelet.store.memory.MemoryStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WovenPriceListTest {

  private static Cachelet cachelet;
  private static MethodCache engine;

  @BeforeAll
  static void useTheInProcessStore() {
    cachelet =
        Cachelet.create(
            CacheletConfig.builder().build(), MemoryStore.create(1 << 20), Clock.systemUTC());
    engine = MethodCache.create(cachelet);
    CacheletAspect.use(engine);
  }

  @AfterAll
  static void close() {
    engine.close();
    cachelet.close();
  }

  @Test
  void aWovenPlainClassIsCached() {
    PriceList prices = new PriceList();

    assertThat(prices.price("abc")).isEqualTo(prices.price("abc"));
    assertThat(prices.priceCalls).hasValue(1);
    assertThat(cachelet.cache("prices").get(MethodCache.key("abc"), PriceList.Price.class))
        .map(CachedValue::value)
        .contains(new PriceList.Price("abc", new BigDecimal(3)));
  }

  @Test
  void aSelfInvokedCachedMethodIsCached() {
    PriceList prices = new PriceList();

    prices.priceWithTax("self");
    prices.priceWithTax("self");
    prices.price("self");

    assertThat(prices.priceCalls).hasValue(1);
  }

  @Test
  void aPrivateSelfInvokedMethodIsCachedWithItsGenericType() {
    PriceList prices = new PriceList();

    assertThat(prices.tiers("acme")).containsExactly("acme-gold", "acme-silver");
    assertThat(prices.tiers("acme")).containsExactly("acme-gold", "acme-silver");
    assertThat(prices.tierCalls).hasValue(1);
  }

  @Test
  void anEvictionThroughTheAspectRemovesTheEntry() {
    PriceList prices = new PriceList();
    prices.price("evict");

    prices.reprice("evict");
    prices.price("evict");

    assertThat(prices.priceCalls).hasValue(2);
  }

  @Test
  void aCheckedExceptionReachesTheCallerUnchanged() {
    PriceList prices = new PriceList();

    assertThatThrownBy(() -> prices.failing("x"))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("no price for x");
    assertThatThrownBy(() -> prices.failing("x")).isExactlyInstanceOf(IOException.class);
    assertThat(prices.failingCalls).hasValue(2);
  }

  @Test
  void annotationsThatCannotWorkFailTheFirstCallWithTheDeploymentMessages() {
    BrokenPriceList broken = new BrokenPriceList();

    assertThatThrownBy(() -> broken.price("a"))
        .isInstanceOf(CacheDefinitionException.class)
        .hasMessageContaining(
            "'code' is not a parameter; the expression can use sku, args, method");
    assertThatThrownBy(() -> broken.warm("a"))
        .isInstanceOf(CacheDefinitionException.class)
        .hasMessageContaining("the method returns void, so there is nothing to read through");
  }
}
