package io.cachelet.sample;

import java.util.List;

/**
 * One page of a product listing.
 *
 * @param items the products of this page
 * @param page the page number, from 1
 * @param size the most products a page holds
 * @param total how many products match, over every page
 */
public record ProductPage(List<Product> items, int page, int size, long total) {

  public ProductPage {
    items = List.copyOf(items);
  }
}
