package io.cachelet.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where {@link CacheletConfig#builder(ConfigSources)} reads settings from, strongest first: system
 * properties ({@code cachelet.*}), the environment ({@code REDIS_*}, {@code CACHELET_*}), and a
 * {@code cachelet.properties} file on the class path (same names as the system properties).
 *
 * @param systemProperties the JVM's system properties
 * @param environment the process environment
 * @param classpathProperties the contents of {@code cachelet.properties}, empty when there is none
 */
public record ConfigSources(
    Map<String, String> systemProperties,
    Map<String, String> environment,
    Map<String, String> classpathProperties) {

  /** The name of the optional properties file looked up on the class path. */
  public static final String PROPERTIES_FILE = "cachelet.properties";

  public ConfigSources {
    systemProperties = Map.copyOf(systemProperties);
    environment = Map.copyOf(environment);
    classpathProperties = Map.copyOf(classpathProperties);
  }

  /** This JVM's system properties and environment, and its {@code cachelet.properties}. */
  public static ConfigSources system() {
    return new ConfigSources(
        toMap(System.getProperties()), System.getenv(), classpathProperties(contextLoader()));
  }

  /** Nothing at all: every setting keeps its default. */
  public static ConfigSources none() {
    return new ConfigSources(Map.of(), Map.of(), Map.of());
  }

  private static ClassLoader contextLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : ConfigSources.class.getClassLoader();
  }

  private static Map<String, String> classpathProperties(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(PROPERTIES_FILE)) {
      if (in == null) {
        return Map.of();
      }
      Properties properties = new Properties();
      properties.load(in);
      return toMap(properties);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not read " + PROPERTIES_FILE + " from the class path", e);
    }
  }

  private static Map<String, String> toMap(Properties properties) {
    Map<String, String> map = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      map.put(name, properties.getProperty(name));
    }
    return map;
  }
}
