package io.cachelet.method;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.annotation.Cacheable;
import io.cachelet.config.ConfigSources;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MethodCacheValidatorTest {

  public static class First {
    @Cacheable(key = "skuu")
    public String find(String sku) {
      return sku;
    }
  }

  public static class Second {
    @Cacheable(key = "skuu")
    public String find(String sku) {
      return sku;
    }
  }

  public static class Overridden {
    @Cacheable(cache = "overridden")
    public String find(String sku) {
      return sku;
    }
  }

  private static Method find(Class<?> type) throws NoSuchMethodException {
    return type.getMethod("find", String.class);
  }

  @Test
  void theSameBrokenExpressionIsReportedOnEveryMethodThatUsesIt() throws Exception {
    MethodCacheValidator validator = MethodCacheValidator.create(ConfigSources.none());

    assertThat(validator.problems(find(First.class))).singleElement().asString().contains("'skuu'");
    assertThat(validator.problems(find(Second.class)))
        .singleElement()
        .asString()
        .contains("'skuu'");
  }

  @Test
  void aBadConfigurationOverrideNamesTheProperty() throws Exception {
    ConfigSources sources =
        new ConfigSources(Map.of("cachelet.cache.overridden.ttl", "soon"), Map.of(), Map.of());

    assertThat(MethodCacheValidator.create(sources).problems(find(Overridden.class)))
        .singleElement()
        .asString()
        .contains("property cachelet.cache.overridden.ttl = 'soon'")
        .contains("'soon' is not a number with a unit");
  }

  @Test
  void missingParameterNamesAreExplained(@TempDir Path dir) throws Exception {
    Class<?> compiled = compileWithoutParameterNames(dir);

    List<String> problems =
        MethodCacheValidator.create(ConfigSources.none()).problems(find(compiled));

    assertThat(problems)
        .singleElement()
        .asString()
        .contains("'sku' is not a parameter; the expression can use p0, args, method")
        .contains("compile with -parameters (javac) or refer to them as p0, p1");
  }

  private static Class<?> compileWithoutParameterNames(Path dir) throws IOException {
    Path source = dir.resolve("NoNames.java");
    Files.writeString(
        source,
        "public class NoNames {\n"
            + "  @io.cachelet.annotation.Cacheable(key = \"sku\")\n"
            + "  public String find(String sku) { return sku; }\n"
            + "}\n");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "-proc:none",
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            dir.toString(),
            source.toString());
    assertThat(status).isZero();
    try {
      return new URLClassLoader(new URL[] {dir.toUri().toURL()}, Cacheable.class.getClassLoader())
          .loadClass("NoNames");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
