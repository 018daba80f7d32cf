package io.cachelet.aspectj;

import io.cachelet.annotation.Cacheable;

/** Annotations that can't work; the aspect says so on the first call. */
public class BrokenPriceList {

  @Cacheable(key = "code")
  public String price(String sku) {
    return sku;
  }

  @Cacheable
  public void warm(String sku) {}
}
