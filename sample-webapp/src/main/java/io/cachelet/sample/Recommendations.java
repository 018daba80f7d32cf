package io.cachelet.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What each demo user is shown on their own page: the first products of their favourite shelf. */
@ApplicationScoped
public class Recommendations {

  private static final Map<String, String> FAVOURITES = Map.of("alice", "coffee", "bob", "tea");

  private final ProductRepository products;

  @Inject
  public Recommendations(ProductRepository products) {
    this.products = products;
  }

  /** Required by CDI to proxy an application-scoped bean; not for use. */
  protected Recommendations() {
    this.products = null;
  }

  /** Three products for {@code user}. */
  public List<Product> forUser(String user) {
    String category = FAVOURITES.getOrDefault(user, "kitchen");
    return products.list(Optional.of(category), 1, 3).items();
  }
}
