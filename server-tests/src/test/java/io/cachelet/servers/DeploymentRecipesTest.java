package io.cachelet.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's deployment recipes name exactly what the server tests deploy: each distribution at
 * the version the build downloads, and only files that exist. A version bump in the pom without the
 * README (or a renamed configuration file) fails here instead of misleading a user.
 */
class DeploymentRecipesTest {

  private static final Pattern LOCAL_LINK =
      Pattern.compile("\\]\\(((?:server-tests|sample-webapp)/[^)#]+)\\)");

  private final Path root = Path.of(System.getProperty("cachelet.project.root"));
  private final String deployment = section(readme(), "## Deployment", "## Operating Cachelet");

  @Test
  void namesEachTestedDistributionAtTheVersionTheBuildDeploys() {
    assertThat(deployment)
        .contains("org.apache.tomcat:tomcat:" + version("tomcat"))
        .contains("org.apache.tomcat:tomcat:" + version("tomcat9"))
        .contains("org.wildfly:wildfly-dist:" + version("wildfly"))
        .contains("fish.payara.extras:payara-micro:" + version("payara"))
        .contains("weld-servlet-core:" + version("weld"))
        .contains("weld-servlet-shaded` " + version("weld3"));
  }

  @Test
  void linksOnlyToFilesThatExist() {
    Matcher links = LOCAL_LINK.matcher(deployment);
    List<String> missing =
        links.results().map(m -> m.group(1)).filter(p -> !Files.exists(root.resolve(p))).toList();
    assertThat(links.reset().find()).as("the recipes link the files the tests deploy").isTrue();
    assertThat(missing).as("links in the README's Deployment section").isEmpty();
  }

  private static String version(String name) {
    String key = "cachelet.recipe." + name + ".version";
    String value = System.getProperty(key);
    assertThat(value).as(key + " (set by server-tests/pom.xml)").isNotBlank();
    return value;
  }

  private String readme() {
    try {
      return Files.readString(root.resolve("README.md"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the README under " + root, e);
    }
  }

  private static String section(String text, String heading, String next) {
    int start = text.indexOf("\n" + heading + "\n");
    int end = text.indexOf("\n" + next + "\n", start);
    assertThat(start).as(heading + " in the README").isNotNegative();
    assertThat(end).as(next + " after " + heading).isGreaterThan(start);
    return text.substring(start, end);
  }
}
