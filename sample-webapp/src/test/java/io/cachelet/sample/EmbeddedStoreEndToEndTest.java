package io.cachelet.sample;

import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/** The sample on its default, the in-process store. */
class EmbeddedStoreEndToEndTest extends AdminEndToEndContract {

  @BeforeAll
  void startOnTheEmbeddedStore() throws StartupException {
    start(Optional.empty(), "sample-embedded");
  }
}
