package io.cachelet.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.annotation.CachePut;
import io.cachelet.annotation.Cacheable;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** Each broken bean fails the deployment with a message that says what is wrong and where. */
class DeploymentValidationTest {

  @ApplicationScoped
  public static class VoidReadThrough {
    @Cacheable
    public void refresh(String id) {}
  }

  @ApplicationScoped
  public static class UnknownParameter {
    @Cacheable(key = "skuu")
    public String find(String sku) {
      return sku;
    }
  }

  @ApplicationScoped
  public static class UnparsableCondition {
    @Cacheable(condition = "sku ==")
    public String find(String sku) {
      return sku;
    }
  }

  @ApplicationScoped
  public static class ResultBeforeTheCall {
    @Cacheable(key = "result")
    public String find(String sku) {
      return sku;
    }
  }

  @ApplicationScoped
  public static class IncompatibleSharedCache {
    @Cacheable(cache = "shared")
    public String name(String sku) {
      return sku;
    }

    @CachePut(cache = "shared")
    public Integer size(String sku) {
      return sku.length();
    }
  }

  @ApplicationScoped
  public static class UnlessOnAsync {
    @Cacheable(unless = "result == null")
    public CompletableFuture<String> find(String sku) {
      return CompletableFuture.completedFuture(sku);
    }
  }

  @ApplicationScoped
  public static class StaleOnAsync {
    @Cacheable(staleTtl = "1h")
    public CompletableFuture<String> find(String sku) {
      return CompletableFuture.completedFuture(sku);
    }
  }

  @ApplicationScoped
  public static class BadTtl {
    @Cacheable(ttl = "ten minutes")
    public String find(String sku) {
      return sku;
    }
  }

  @ApplicationScoped
  public static class MissingTtlProperty {
    @Cacheable(ttl = "${nowhere.ttl}")
    public String find(String sku) {
      return sku;
    }
  }

  @ApplicationScoped
  public static class PrivateMethod {
    @Cacheable
    private String find(String sku) {
      return sku;
    }

    public String call(String sku) {
      return find(sku);
    }
  }

  @Cacheable
  @ApplicationScoped
  public static class ClassLevelWithVoid {
    public String find(String sku) {
      return sku;
    }

    /** A class-level read-through applies to the methods that return something. */
    public void touch(String sku) {}
  }

  private static String deploymentFailure(Class<?> bean) {
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(
            () -> {
              try (WeldContainer weld = WeldContainers.start(bean)) {
                weld.select(bean).get();
              }
            })
        .satisfies(t -> thrown[0] = t);
    StringWriter text = new StringWriter();
    thrown[0].printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  @Test
  void readThroughOnAVoidMethodFailsTheDeployment() {
    assertThat(deploymentFailure(VoidReadThrough.class))
        .contains(
            "@Cacheable on io.cachelet.cdi.DeploymentValidationTest$VoidReadThrough"
                + ".refresh(java.lang.String): the method returns void, so there is nothing to"
                + " read through");
  }

  @Test
  void aKeyNamingAnUnknownParameterFailsTheDeployment() {
    assertThat(deploymentFailure(UnknownParameter.class))
        .contains(
            "@Cacheable(key = \"skuu\") on io.cachelet.cdi.DeploymentValidationTest$UnknownParameter"
                + ".find(java.lang.String): 'skuu' is not a parameter; the expression can use sku,"
                + " args, method");
  }

  @Test
  void anExpressionThatDoesNotParseFailsTheDeployment() {
    assertThat(deploymentFailure(UnparsableCondition.class))
        .contains("@Cacheable(condition = \"sku ==\") on")
        .contains("the expression does not parse");
  }

  @Test
  void theResultInAReadThroughKeyFailsTheDeployment() {
    assertThat(deploymentFailure(ResultBeforeTheCall.class))
        .contains("'result' is not known before the method has run");
  }

  @Test
  void aSharedCacheWithTwoReturnTypesFailsTheDeployment() {
    assertThat(deploymentFailure(IncompatibleSharedCache.class))
        .contains("Cache 'shared' is shared by")
        .contains("which caches java.lang.String")
        .contains("which caches java.lang.Integer");
  }

  @Test
  void unlessOnAnAsynchronousMethodFailsTheDeployment() {
    assertThat(deploymentFailure(UnlessOnAsync.class))
        .contains("unless can't apply to an asynchronous method");
  }

  @Test
  void staleEntriesOnAnAsynchronousMethodFailTheDeployment() {
    assertThat(deploymentFailure(StaleOnAsync.class))
        .contains("@Cacheable(staleTtl) on")
        .contains("stale entries and the distributed lock apply to synchronous methods only");
  }

  @Test
  void aTtlThatDoesNotParseFailsTheDeployment() {
    assertThat(deploymentFailure(BadTtl.class))
        .contains("@Cacheable(ttl) on")
        .contains("'ten minutes' is not a number with a unit (ms, s, m, h, d)");
  }

  @Test
  void aTtlReferenceToAnUnsetPropertyWithoutDefaultFailsTheDeployment() {
    assertThat(deploymentFailure(MissingTtlProperty.class))
        .contains("the property 'nowhere.ttl' is not set and the reference has no default");
  }

  @Test
  void anAnnotationCdiCannotApplyFailsTheDeployment() {
    assertThat(deploymentFailure(PrivateMethod.class))
        .contains("CDI does not intercept private, static or final methods");
  }

  @Test
  void aClassLevelReadThroughSkipsVoidMethodsAndDeploys() {
    try (WeldContainer weld = WeldContainers.start(ClassLevelWithVoid.class)) {
      ClassLevelWithVoid bean = weld.select(ClassLevelWithVoid.class).get();
      bean.touch("a");
      assertThat(bean.find("a")).isEqualTo("a");
    }
  }
}
