package io.cachelet.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.annotation.Cacheable;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The jar as an application gets it: the interceptors and the producer found through its {@code
 * beans.xml}, the extension through its service file, nothing registered by hand.
 */
class BeanArchiveDiscoveryTest {

  @ApplicationScoped
  public static class Greeter {
    int calls;

    @Cacheable(cache = "greetings", ttl = "1m")
    public String greet(String name) {
      calls++;
      return "hello " + name;
    }

    public int calls() {
      return calls;
    }
  }

  @ApplicationScoped
  public static class Broken {
    @Cacheable
    public void nothing() {}
  }

  @Test
  void theJarsBeansXmlAndServiceFileAreAllItTakes() {
    try (WeldContainer weld =
        new Weld()
            .containerId(null)
            .addBeanClasses(TestCacheletProducer.class, Greeter.class)
            .initialize()) {
      Greeter greeter = weld.select(Greeter.class).get();

      assertThat(greeter.greet("ada")).isEqualTo("hello ada");
      assertThat(greeter.greet("ada")).isEqualTo("hello ada");
      assertThat(greeter.calls()).isEqualTo(1);
    }
  }

  @Test
  void theDiscoveredExtensionValidatesTheDeployment() {
    assertThatThrownBy(
            () -> {
              try (WeldContainer weld =
                  new Weld()
                      .containerId(null)
                      .addBeanClasses(TestCacheletProducer.class, Broken.class)
                      .initialize()) {
                weld.select(Broken.class).get();
              }
            })
        .hasStackTraceContaining("the method returns void, so there is nothing to read through");
  }
}
