package io.cachelet.config;

import io.cachelet.CacheletException;

/**
 * A setting has a value Cachelet can't use. Thrown while the configuration is built, i.e. at
 * start-up; the message names the setting, the value and what would be accepted.
 */
public class ConfigException extends CacheletException {

  private final String setting;

  public ConfigException(String setting, String message) {
    super(message);
    this.setting = setting;
  }

  public ConfigException(String setting, String message, Throwable cause) {
    super(message, cause);
    this.setting = setting;
  }

  /** The name of the offending setting as the user wrote it (e.g. {@code REDIS_PORT}). */
  public String setting() {
    return setting;
  }
}
